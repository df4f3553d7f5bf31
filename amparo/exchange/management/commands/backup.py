"""`amparo backup PATH`: a consistent snapshot of the database (SQLite's online backup API, or
pg_dump) and of the uploaded files, in one zip, taken while Amparo runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.core.cli import fail
from amparo.exchange.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database, the audit trail and the uploaded files to PATH (a zip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file to write (a new .zip).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(options["path"])
        except BackupError as exc:
            raise fail(_("No backup written: %(exc)s") % {"exc": exc}) from None
        rows = sum(count for count, _digest in manifest["tables"].values())
        self.stdout.write(
            _("%(path)s: %(tables)s tables, %(rows)s rows, %(files)s files.")
            % {
                "path": options["path"],
                "tables": len(manifest["tables"]),
                "rows": rows,
                "files": len(manifest["files"]),
            }
        )
