"""`amparo requests sweep [--today YYYY-MM-DD]`: mark moot every open request whose urgency date
has passed, and list the requests still waiting for an answer past their overdue threshold.

Run it daily (cron or a task). Output names requests by id and type only, never by client.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.core.cli import add_sweep, today_option
from amparo.relief.services import requests_mark_moot, requests_overdue


class Command(BaseCommand):
    help = "Housekeeping for the decision ledger."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_sweep(parser, help="Mark past-urgency requests moot and list overdue ones.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_option(options.get("today"))
        marked = requests_mark_moot(today=today)
        for request in marked:
            self.stdout.write(
                _("moot %(id)s %(slug)s") % {"id": request.id, "slug": request.request_type.slug}
            )
        now = timezone.now()
        overdue = requests_overdue(now=now)
        for request in overdue:
            assert request.submitted_at is not None
            hours = int((now - request.submitted_at).total_seconds() // 3600)
            self.stdout.write(
                _("overdue %(id)s %(request_type)s %(organisation)s waiting %(hours)s h")
                % {
                    "id": request.id,
                    "request_type": request.request_type.slug,
                    "organisation": request.case.organisation.slug,
                    "hours": hours,
                }
            )
        self.stdout.write(
            _("%(moot)s marked moot; %(overdue)s overdue.")
            % {"moot": len(marked), "overdue": len(overdue)}
        )
