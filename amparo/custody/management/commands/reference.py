"""`amparo reference load`: load the shipped field offices, facilities and courts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

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
                    f"{label}: {counts[f'{table}_created']} created, "
                    f"{counts[f'{table}_updated']} updated, "
                    f"{counts[f'{table}_unchanged']} unchanged"
                )
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
