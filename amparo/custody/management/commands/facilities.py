"""`amparo facilities import FILE`: refresh facilities from ICE's detention-statistics workbook.

FILE is ICE's workbook (.xlsx; the "Facilities FY.." sheet is found by name and its header row
by its columns) or a CSV with the same columns. Idempotent; reports facilities added, changed and
no longer listed; writes nothing if the file is malformed (exit status 2, naming row and column).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from amparo.core.cli import fail
from amparo.custody.importer import FacilityImportError, facilities_import


class Command(BaseCommand):
    help = "Facilities. `import FILE`: upsert from ICE's detention-statistics sheet (xlsx or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"], help="What to do: import.")
        parser.add_argument("file", type=Path, help="ICE workbook (.xlsx) or CSV of its columns.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = facilities_import(path=options["file"], dry_run=options["dry_run"])
        except FacilityImportError as exc:
            raise fail(f"Nothing imported: {exc}") from None
        out = self.stdout
        out.write(f"{report.sheet}:")
        out.write(
            f"  {len(report.added)} added, {len(report.changed)} changed, "
            f"{report.unchanged} unchanged, {len(report.no_longer_listed)} no longer listed"
        )
        for label in report.added:
            out.write(f"  added: {label}")
        for label, fields in report.changed:
            out.write(f"  changed: {label}: {', '.join(fields)}")
        for label in report.no_longer_listed:
            out.write(f"  no longer listed: {label}")
        if options["dry_run"]:
            out.write("Dry run: nothing written.")
        else:
            out.write(self.style.SUCCESS("Facilities imported."))
