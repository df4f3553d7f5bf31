"""`amparo restore PATH`: load a backup into an empty database and file store, then check every
table's row count and content hash and every file against the backup's manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.core.cli import fail
from amparo.exchange.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `amparo backup` into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file (.zip).")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise fail(_("%(path)s: no such file.") % {"path": path})
        try:
            manifest = backup_restore(path)
        except BackupError as exc:
            raise fail(_("Not restored: %(exc)s") % {"exc": exc}) from None
        self.stdout.write(
            _(
                "Restored the backup taken at %(taken_at)s: %(tables)s tables and "
                "%(files)s files match it. Run `amparo audit verify` to check the audit "
                "trail."
            )
            % {
                "taken_at": manifest["taken_at"],
                "tables": len(manifest["tables"]),
                "files": len(manifest["files"]),
            }
        )
