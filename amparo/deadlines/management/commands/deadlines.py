"""`amparo deadlines remind` queues the due reminders (one 24-hour warning per deadline, one
digest per member a day); run it from cron as often as you like, every run is idempotent.
`amparo deadlines closure add --on YYYY-MM-DD --reason TEXT [--court CODE]` records a court
closure (without --court: every court)."""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amparo.core.cli import fail, validation_message
from amparo.courts.models import Court
from amparo.deadlines.services import closure_add
from amparo.deadlines.tasks import reminders_enqueue


class Command(BaseCommand):
    help = "Deadline housekeeping: queue reminders, record court closures."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("remind", help="Queue the 24-hour warnings and daily digests now due.")
        closure = sub.add_parser("closure", help="Court closures.")
        closure_sub = closure.add_subparsers(dest="closure_action", required=True)
        add = closure_sub.add_parser("add", help="Record a day a court is closed.")
        add.add_argument("--on", required=True, metavar="YYYY-MM-DD")
        add.add_argument("--reason", required=True)
        add.add_argument("--court", default="", help="Court code, e.g. lawd; empty: all courts.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            queued = reminders_enqueue()
            self.stdout.write(
                _("queued %(warnings)s warnings, %(digests)s digests")
                % {"warnings": queued.warnings, "digests": queued.digests}
            )
            return
        try:
            on = datetime.date.fromisoformat(options["on"])
        except ValueError:
            raise fail(_("--on needs a date as YYYY-MM-DD.")) from None
        court = None
        if options["court"]:
            court = Court.objects.filter(code=options["court"].strip().lower()).first()
            if court is None:
                raise fail(_("No court with code %(court)s.") % {"court": repr(options["court"])})
        try:
            closure = closure_add(actor=None, on=on, reason=options["reason"], court=court)
        except ValidationError as exc:
            raise fail(validation_message(exc)) from None
        self.stdout.write(
            _("closed %(isoformat)s (%(value)s)")
            % {"isoformat": closure.on.isoformat(), "value": court.code if court else "all courts"}
        )
