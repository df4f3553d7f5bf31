"""`amparo facilities import FILE`: refresh facilities from ICE's detention-statistics workbook.

FILE is ICE's workbook (.xlsx; the "Facilities FY.." sheet is found by name and its header row
by its columns) or a CSV with the same columns. Idempotent; reports facilities added, changed and
no longer listed; writes nothing if the file is malformed (exit status 2, naming row and column).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

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
            raise fail(_("Nothing imported: %(exc)s") % {"exc": exc}) from None
        out = self.stdout
        out.write(f"{report.sheet}:")
        out.write(
            _(
                "  %(added)s added, %(changed)s changed, %(unchanged)s unchanged, %(gone)s "
                "no longer listed"
            )
            % {
                "added": len(report.added),
                "changed": len(report.changed),
                "unchanged": report.unchanged,
                "gone": len(report.no_longer_listed),
            }
        )
        for label in report.added:
            out.write(_("  added: %(label)s") % {"label": label})
        for label, fields in report.changed:
            out.write(
                _("  changed: %(label)s: %(join)s") % {"label": label, "join": ", ".join(fields)}
            )
        for label in report.no_longer_listed:
            out.write(_("  no longer listed: %(label)s") % {"label": label})
        if options["dry_run"]:
            out.write(_("Dry run: nothing written."))
        else:
            out.write(self.style.SUCCESS(_("Facilities imported.")))
