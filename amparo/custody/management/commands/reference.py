"""`amparo reference load`: load the shipped field offices, facilities and courts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.custody.reference import reference_load


class Command(BaseCommand):
    help = "Reference data. `load`: upsert ICE field offices, facilities and courts (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"], help="What to do: load.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            counts = reference_load()
            for table in ("field_offices", "facilities", "courts"):
                label = table.replace("_", " ")
                self.stdout.write(
                    _(
                        "%(label)s: %(created)s created, %(updated)s updated, "
                        "%(unchanged)s unchanged"
                    )
                    % {
                        "label": label,
                        "created": counts[f"{table}_created"],
                        "updated": counts[f"{table}_updated"],
                        "unchanged": counts[f"{table}_unchanged"],
                    }
                )
            self.stdout.write(self.style.SUCCESS(_("Reference data loaded.")))
