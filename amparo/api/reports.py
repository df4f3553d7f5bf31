"""API: reports across the organisation's cases."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from amparo.reports.filters import ReportFilters, filters_from
from amparo.reports.selectors import agency_answers, detention_length, turnaround

router = Router(tags=["reports"])


class TurnaroundRow(Schema):
    field_office: str
    request_type: str
    count: int
    median_minutes: float | None
    p90_minutes: float | None
    denied: int
    denied_without_reasons: int


class TurnaroundReport(Schema):
    rows: list[TurnaroundRow]


class DetentionRow(Schema):
    status: str
    count: int
    median_days: float | None
    p90_days: float | None
    min_days: float | None
    max_days: float | None


class DetentionReport(Schema):
    rows: list[DetentionRow]


def _filters(**values: Any) -> ReportFilters:
    return filters_from({k: "" if v is None else str(v) for k, v in values.items()})


@router.get("/reports/agency-answers", response=dict[str, list[dict[str, object]]])
def get_agency_answers(
    request: HttpRequest, since: datetime.date | None = None, until: datetime.date | None = None
) -> dict[str, list[dict[str, object]]]:
    return {"items": agency_answers(request.user, _filters(since=since, until=until))}


@router.get("/reports/turnaround", response=TurnaroundReport)
def get_turnaround(
    request: HttpRequest,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    field_office: str = "",
    request_type: str = "",
    campaign: str = "",
    attorney: str = "",
) -> dict[str, Any]:
    filters = _filters(
        since=since,
        until=until,
        field_office=field_office,
        request_type=request_type,
        campaign=campaign,
        attorney=attorney,
    )
    return {"rows": turnaround(request.user, filters)}


@router.get("/reports/detention-length", response=DetentionReport)
def get_detention_length(
    request: HttpRequest,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    field_office: str = "",
    campaign: str = "",
    attorney: str = "",
) -> dict[str, Any]:
    filters = _filters(
        since=since, until=until, field_office=field_office, campaign=campaign, attorney=attorney
    )
    return {"rows": detention_length(request.user, filters)}
