"""`amparo congress import FILE [FILE…]`: members of Congress from the congress-legislators YAML
files (legislators-current.yaml, then legislators-district-offices.yaml). Idempotent; a
malformed file writes nothing (exit status 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.advocacy.congress import CongressImportError, congress_import
from amparo.core.cli import fail


class Command(BaseCommand):
    help = "Members of Congress. `import FILE…`: upsert from the congress-legislators YAML files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"], help="What to do: import.")
        parser.add_argument(
            "files",
            type=Path,
            nargs="+",
            help="legislators-current.yaml and/or legislators-district-offices.yaml.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["files"]:
            try:
                report = congress_import(path=path)
            except CongressImportError as exc:
                raise fail(_("Nothing imported: %(exc)s") % {"exc": exc}) from None
            self.stdout.write(
                _(
                    "%(name)s (%(kind)s): %(added)s added, %(changed)s changed, "
                    "%(unchanged)s unchanged"
                )
                % {
                    "name": path.name,
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
            if report.unknown_members:
                self.stdout.write(
                    _(
                        "  offices of %(members)s members not loaded yet (import "
                        "legislators-current.yaml first)"
                    )
                    % {"members": len(report.unknown_members)}
                )
