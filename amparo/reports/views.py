"""Report pages: how each office answers, on screen and as CSV."""

from __future__ import annotations

import csv
import datetime
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from amparo.audit.services import audit_record
from amparo.core.access import roles_of
from amparo.core.htmx import csv_row, download_response
from amparo.reports.selectors import agency_answers

COLUMNS = [
    "office",
    "request_type",
    "submitted",
    "decided",
    "pending",
    "granted",
    "partly_granted",
    "denied",
    "no_response",
    "reasons_given",
    "denied_without_reasons",
    "median_turnaround_minutes",
]


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def agency_answers_page(request: HttpRequest) -> HttpResponseBase:
    since, until = _date(request.GET.get("since")), _date(request.GET.get("until"))
    rows = [row.as_dict() for row in agency_answers(request.user, since=since, until=until)]
    if request.GET.get("format") == "csv":
        for organisation_id in roles_of(request.user):
            audit_record(actor=request.user, action="report.export", organisation=organisation_id)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(csv_row(row[column] for column in COLUMNS) for row in rows)
        return download_response(
            out.getvalue().encode(),
            filename="agency-answers.csv",
            content_type="text/csv; charset=utf-8",
        )
    return render(
        request, "reports/agency_answers.html", {"rows": rows, "since": since, "until": until}
    )
