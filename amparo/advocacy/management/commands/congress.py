"""`amparo congress import [FILE…]`: members of Congress from the congress-legislators YAML
files (legislators-current.yaml, then legislators-district-offices.yaml), or with no file from
the snapshot Amparo ships. Idempotent; a malformed file writes nothing (exit status 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.advocacy.congress import (
    CongressImportError,
    CongressImportReport,
    congress_import,
    congress_load_snapshot,
    snapshot_date,
)
from amparo.core.cli import fail


class Command(BaseCommand):
    help = (
        "Members of Congress. `import [FILE…]`: upsert from the congress-legislators YAML files, "
        "or from the shipped snapshot when no file is named."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"], help="What to do: import.")
        parser.add_argument(
            "files",
            type=Path,
            nargs="*",
            help="legislators-current.yaml and/or legislators-district-offices.yaml "
            "(none: the shipped snapshot).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["files"]:
            name = _("snapshot of %(day)s") % {"day": snapshot_date()}
            for report in congress_load_snapshot():
                self._report(name, report)
            return
        for path in options["files"]:
            try:
                report = congress_import(path=path)
            except CongressImportError as exc:
                raise fail(_("Nothing imported: %(exc)s") % {"exc": exc}) from None
            self._report(path.name, report)

    def _report(self, name: str, report: CongressImportReport) -> None:
        self.stdout.write(
            _("%(name)s (%(kind)s): %(added)s added, %(changed)s changed, %(unchanged)s unchanged")
            % {
                "name": name,
                "kind": report.kind,
                "added": len(report.added),
                "changed": len(report.changed),
                "unchanged": report.unchanged,
            }
        )
        for label in report.added:
            self.stdout.write(_("  added: %(label)s") % {"label": label})
        for label in report.changed:
            self.stdout.write(_("  changed: %(label)s") % {"label": label})
        for label in report.dropped:
            self.stdout.write(_("  left out, not a web address: %(label)s") % {"label": label})
        if report.unknown_members:
            self.stdout.write(
                _(
                    "  offices of %(members)s members not loaded yet (import "
                    "legislators-current.yaml first)"
                )
                % {"members": len(report.unknown_members)}
            )
