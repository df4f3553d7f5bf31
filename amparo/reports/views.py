"""Report pages: a chart and the same numbers in a table, filters, CSV and XLSX exports.

Thin: parse the filters, call the report's selector (through `core.access`), render or export.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_GET

from amparo.audit.services import audit_record
from amparo.core.access import roles_of
from amparo.core.htmx import csv_bytes, download_response
from amparo.relief.request_types import shown_types
from amparo.reports.catalogue import BY_SLUG, REPORTS
from amparo.reports.exports import export_response
from amparo.reports.filters import filters_as_typed
from amparo.reports.presenting import VIEW_WIDTH, chart_bars, chart_height, is_small, shown
from amparo.reports.selectors import AGENCY_COUNTS, agency_answers, filter_choices

AGENCY_COLUMNS = ["office", "request_type", *AGENCY_COUNTS, "median_turnaround_minutes"]


def _audit_export(request: HttpRequest, slug: str) -> None:
    for organisation_id in roles_of(request.user):
        audit_record(
            actor=request.user,
            action="report.export",
            organisation=organisation_id,
            changed_fields=[slug],
        )


@login_required
@require_GET
def report_index(request: HttpRequest) -> HttpResponseBase:
    return render(request, "reports/report_index.html", {"reports": REPORTS})


@login_required
@require_GET
def report_page(request: HttpRequest, report: str) -> HttpResponseBase:
    spec = BY_SLUG.get(report)
    if spec is None:
        raise Http404("No such report.")
    filters, errors = filters_as_typed(request.GET)
    # Refused filters show no numbers: a table for other filters than those asked would mislead.
    rows = [] if errors else spec.rows(request.user, filters)
    file_format = request.GET.get("format", "")
    if file_format in {"csv", "xlsx"} and not errors:
        _audit_export(request, spec.slug)
        publication = request.GET.get("publication") == "1"
        return export_response(spec, rows, file_format=file_format, publication=publication)
    rows = shown_types(rows)
    table = [
        {
            "cells": [(shown(row.get(key), kind), kind) for key, _label, kind in spec.columns],
            "small": is_small(row),
        }
        for row in rows
    ]
    bars = chart_bars(spec, rows, mirrored=get_language_bidi())
    context: dict[str, Any] = {
        "report": spec,
        "reports": REPORTS,
        "table": table,
        "bars": bars,
        "chart_height": chart_height(bars),
        "chart_width": VIEW_WIDTH,
        "chart_label": next(str(label) for key, label, _k in spec.columns if key == spec.chart),
        "filters": filters,
        "query": filters.query(),
        "errors": errors,
        # A refused date comes back as typed, beside its error, not emptied.
        "typed": {name: request.GET.get(name, "") for name in ("since", "until")},
        "choices": filter_choices(request.user),
    }
    return render(request, "reports/report_page.html", context, status=422 if errors else 200)


@login_required
@require_GET
def agency_answers_page(request: HttpRequest) -> HttpResponseBase:
    filters, errors = filters_as_typed(request.GET)
    rows = [] if errors else agency_answers(request.user, filters)
    if request.GET.get("format") == "csv" and not errors:
        _audit_export(request, "agency-answers")
        return download_response(
            csv_bytes(AGENCY_COLUMNS, ([row[c] for c in AGENCY_COLUMNS] for row in rows)),
            filename="agency-answers.csv",
            content_type="text/csv; charset=utf-8",
        )
    context = {
        "rows": shown_types(rows),
        "since": filters.since,
        "until": filters.until,
        "errors": errors,
        "typed": {name: request.GET.get(name, "") for name in ("since", "until")},
    }
    status = 422 if errors else 200
    return render(request, "reports/agency_answers.html", context, status=status)
