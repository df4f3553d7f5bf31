"""`amparo report turnaround [--from D --to D] [--field-office CODE] [--org SLUG] [--json]`:
decision turnaround per field office and request type, over every case of the installation (the
command line acts as the operator) or of one organisation."""

from __future__ import annotations

import json
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.core.cli import fail
from amparo.reports.filters import filters_from
from amparo.reports.presenting import shown
from amparo.reports.selectors import turnaround

TURNAROUND_FIELDS = (
    "field_office",
    "request_type",
    "count",
    "median_minutes",
    "p90_minutes",
    "denied",
    "denied_without_reasons",
)


def turnaround_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the command line and of GET /api/v1/reports/turnaround."""
    return [{key: row[key] for key in TURNAROUND_FIELDS} for row in rows]


class Command(BaseCommand):
    help = "Reports. `turnaround`: median and p90 minutes from request to answer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=["turnaround"])
        parser.add_argument("--from", dest="since", metavar="YYYY-MM-DD", default="")
        parser.add_argument("--to", dest="until", metavar="YYYY-MM-DD", default="")
        parser.add_argument("--field-office", default="", metavar="CODE", help="E.g. NOL.")
        parser.add_argument("--org", default="", metavar="SLUG", help="One organisation only.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            filters = filters_from(
                {
                    "since": options["since"],
                    "until": options["until"],
                    "field_office": options["field_office"],
                }
            )
        except ValidationError as exc:
            raise fail(
                "; ".join(
                    f"--{k.replace('since', 'from').replace('until', 'to')}: {' '.join(v)}"
                    for k, v in exc.message_dict.items()
                )
            ) from None
        if options["org"]:
            organisation = Organisation.objects.filter(slug=options["org"]).first()
            if organisation is None:
                raise fail(_("No organisation with slug %(org)s.") % {"org": repr(options["org"])})
            filters = type(filters)(**{**filters.__dict__, "organisation": organisation.id})
            # Dates and months are the organisation's, as on its report pages.
            timezone.activate(zoneinfo.ZoneInfo(organisation.time_zone))
        rows = turnaround_rows(turnaround(None, filters))
        if options["json"]:
            self.stdout.write(json.dumps({"rows": rows}, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                _(
                    "%(field_office)s · %(request_type)s: %(count)s answers, median "
                    "%(median)s, p90 %(p90)s, %(denied)s denied "
                    "(%(denied_without_reasons)s without reasons)"
                )
                % {
                    "field_office": row["field_office"],
                    "request_type": row["request_type"],
                    "count": row["count"],
                    "median": shown(row["median_minutes"], "minutes"),
                    "p90": shown(row["p90_minutes"], "minutes"),
                    "denied": row["denied"],
                    "denied_without_reasons": row["denied_without_reasons"],
                }
            )
        if not rows:
            self.stdout.write(_("No answered requests match."))
