"""`amparo import cases FILE [--org SLUG] [--dry-run]`, `amparo import organisation ZIP`,
`amparo import runs [--org SLUG]` and `amparo import rerun RUN`.

A case file (CSV or XLSX, columns in docs/import.md) is checked whole; if any row is bad
nothing is written, each problem is printed by row and column, and the command exits with
status 2 (``--bad-rows PATH`` writes those rows back as a CSV to fix). A good file is written in
one transaction; re-importing it changes nothing.

An organisation export (``amparo export organisation``) is imported into an Amparo that has none
of it, in one transaction; its members get no password (they set one with "Forgot your
password?"). ``runs`` lists the latest imports, an interrupted one (its process killed) shown so;
``rerun`` runs such an import again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.accounts.models import Organisation
from amparo.core.cli import fail
from amparo.exchange.models import ImportRun
from amparo.exchange.organisation_import import OrganisationImportError, organisation_import
from amparo.exchange.progress import TerminalProgress
from amparo.exchange.report import Report, bad_rows_csv, problem_lines
from amparo.exchange.running import import_run_execute
from amparo.exchange.services import cases_import, import_run_rerun


class Command(BaseCommand):
    help = "Import cases (CSV or XLSX, columns in docs/import.md) or an organisation export."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "what", choices=["cases", "organisation", "runs", "rerun"], help="What to import."
        )
        parser.add_argument("file", nargs="?", help="The file (for rerun: the import's id).")
        parser.add_argument("--org", help="Organisation slug (needed when there are several).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--bad-rows", type=Path, help="Write the rows with problems here (CSV)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        if what == "runs":
            self._runs(options["org"])
            return
        if not options["file"]:
            raise fail(
                _("amparo import %(what)s: say which %(value)s.")
                % {"what": what, "value": "import" if what == "rerun" else "file"}
            )
        if what == "rerun":
            self._rerun(options["file"])
            return
        path = Path(options["file"])
        if not path.is_file():
            raise fail(_("%(path)s: no such file.") % {"path": path})
        if what == "organisation":
            self._organisation_import(path)
            return
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
                ngettext(
                    "Nothing imported: %(count)d problem in %(name)s.\n",
                    "Nothing imported: %(count)d problems in %(name)s.\n",
                    len(report.problems),
                )
                % {"count": len(report.problems), "name": path.name}
                + "\n".join(problem_lines(report))
            )
        self._done(run, report, path.name, options["dry_run"])

    def _done(self, run: ImportRun, report: Report, name: str, dry_run: bool) -> None:
        counts = report.as_dict()
        self.stdout.write(
            _(
                "%(name)s: %(rows)s rows: %(added)s added, %(updated)s updated, "
                "%(unchanged)s unchanged."
            )
            % {
                "name": name,
                "rows": counts["rows"],
                "added": counts["added"],
                "updated": counts["updated"],
                "unchanged": counts["unchanged"],
            }
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing written."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported (import %(id)s).") % {"id": run.id}))

    def _organisation_import(self, path: Path) -> None:
        progress = TerminalProgress()
        try:
            summary = organisation_import(source=str(path), progress=progress)
        except OrganisationImportError as exc:
            raise fail(f"{path.name}: {exc}") from None
        finally:
            progress.close()
        organisation = summary.organisation
        records = sum(summary.counts.values())
        self.stdout.write(
            f"{path.name}: organisation {organisation.slug} imported: {records:,} records, "
            f"{summary.documents} documents, {summary.events:,} audit events, "
            f"{summary.references_created} reference records added."
        )
        if summary.users_created:
            self.stdout.write(
                _(
                    "%(len)s members were added without a password (an export never "
                    "carries one): each sets one with 'Forgot your password?' on the "
                    "sign-in page: "
                )
                % {"len": len(summary.users_created)}
                + ", ".join(summary.users_created)
            )
        self.stdout.write(self.style.SUCCESS(_("Imported in one transaction.")))

    def _runs(self, slug: str | None) -> None:
        runs = ImportRun.objects.defer("content").select_related("organisation")
        if slug:
            runs = runs.filter(organisation__slug=slug)
        for run in runs[:30]:
            self.stdout.write(
                f"{run.id}  {run.organisation.slug}  {run.created_at:%Y-%m-%d %H:%M}  "
                f"{run.file_name}  {run.status_shown}  {run.rows_done}/{run.rows_total}"
            )

    def _rerun(self, run_id: str) -> None:
        from django.core.exceptions import ValidationError

        run = ImportRun.objects.filter(pk=run_id).select_related("organisation").first()
        if run is None:
            raise fail(_("No import %(run_id)s.") % {"run_id": repr(run_id)})
        try:
            again = import_run_rerun(actor=None, run=run)
        except ValidationError as exc:
            raise fail(" ".join(exc.messages)) from None
        progress = TerminalProgress()
        report = import_run_execute(run=again, progress=progress)
        progress.close()
        if report.problems:
            raise fail(_("Nothing imported:\n") + "\n".join(problem_lines(report)))
        self._done(again, report, again.file_name, again.dry_run)

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
