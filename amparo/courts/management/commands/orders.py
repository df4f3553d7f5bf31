"""`amparo orders sweep [--today YYYY-MM-DD]`: raise an alert on every case whose court order
(release, bond hearing, return) is past its compliance date with nothing recorded to show
compliance. Idempotent: an order alerts once.

Run it daily (cron or a task), beside `amparo requests sweep`. Output names orders by id only,
never by client.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.core.cli import add_sweep, today_option
from amparo.courts.order_services import orders_check_overdue


class Command(BaseCommand):
    help = "Watch the court orders the government must obey."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_sweep(parser, help="Alert on orders past their compliance date.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_option(options.get("today"))
        alerts = orders_check_overdue(today=today)
        for alert in alerts:
            self.stdout.write(
                _("overdue order %(get)s case %(case_id)s")
                % {"get": alert.data.get("order"), "case_id": alert.case_id}
            )
        self.stdout.write(
            ngettext("%(count)d new alert.", "%(count)d new alerts.", len(alerts))
            % {"count": len(alerts)}
        )
