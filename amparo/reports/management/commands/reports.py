"""`amparo reports rebuild` writes every sent request's reporting row again from the requests
and decisions (after a bulk load by hand, a restored backup of an older version, or a renamed
field office); `amparo reports check` counts the rows that differ and fails if any do."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.core.cli import fail
from amparo.relief.reporting import reported_requests_differences, reported_requests_refresh


class Command(BaseCommand):
    help = "The reports' rows of sent requests: `rebuild` them, or `check` they are in step."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "check"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            written = reported_requests_refresh()
            self.stdout.write(
                _("%(count)s sent requests written for the reports.") % {"count": written}
            )
            return
        differences = reported_requests_differences()
        if differences:
            raise fail(
                _("%(count)s report rows differ from the requests; run `amparo reports rebuild`.")
                % {"count": differences}
            )
        self.stdout.write(_("The report rows match the requests and decisions."))
