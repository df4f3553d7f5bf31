"""`amparo import cases FILE [--org SLUG] [--dry-run]`.

A case file (CSV or XLSX, columns in docs/import.md) is checked whole; if any row is bad
nothing is written, each problem is printed by row and column, and the command exits with
status 2 (``--bad-rows PATH`` writes those rows back as a CSV to fix). A good file is written in
one transaction; re-importing it changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from amparo.accounts.models import Organisation
from amparo.core.cli import fail
from amparo.exchange.progress import TerminalProgress
from amparo.exchange.report import bad_rows_csv, problem_lines
from amparo.exchange.services import cases_import


class Command(BaseCommand):
    help = "Import cases from a CSV or XLSX file (columns in docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["cases"], help="What the file holds.")
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", help="Organisation slug (needed when there are several).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--bad-rows", type=Path, help="Write the rows with problems here (CSV)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise fail(f"{path}: no such file.")
        organisation = self._organisation(options["org"])
        data = path.read_bytes()
        progress = TerminalProgress()
        run, report = cases_import(
            actor=None,
            organisation=organisation,
            file_name=path.name,
            data=data,
            dry_run=options["dry_run"],
            progress=progress,
        )
        progress.close()
        if report.problems:
            if options["bad_rows"]:
                options["bad_rows"].write_bytes(bad_rows_csv(path.name, data, report))
            raise fail(
                f"Nothing imported: {len(report.problems)} problem(s) in {path.name}.\n"
                + "\n".join(problem_lines(report))
            )
        counts = report.as_dict()
        self.stdout.write(
            f"{path.name}: {counts['rows']} rows: {counts['added']} added, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged."
        )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing written.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported (import {run.id})."))

    def _organisation(self, slug: str | None) -> Organisation:
        organisations = Organisation.objects.all()
        if slug:
            organisations = organisations.filter(slug=slug)
        found = list(organisations[:2])
        if len(found) != 1:
            raise fail(
                f"No organisation {slug!r}."
                if slug
                else "Several organisations: choose one with --org."
            )
        return found[0]
