"""`amparo search rebuild`: build every search index again from the records (after a SQLite
`VACUUM`, which renumbers the rows the indexes point to, or whenever a search looks wrong)."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amparo.search.rebuild import search_rebuild


class Command(BaseCommand):
    help = "Search indexes."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="Build every search index again from the records.")

    def handle(self, *args: Any, **options: Any) -> None:
        done = search_rebuild()
        self.stdout.write(
            _(
                "rebuilt: %(names)s people by name, %(titles)s cases by title, "
                "%(documents)s cases by the words of their notes and statements"
            )
            % {"names": done.names, "titles": done.titles, "documents": done.documents}
        )
