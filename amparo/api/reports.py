"""API: reports across the organisation's cases."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router

from amparo.reports.selectors import agency_answers

router = Router(tags=["reports"])


@router.get("/reports/agency-answers", response=dict[str, list[dict[str, object]]])
def get_agency_answers(
    request: HttpRequest, since: datetime.date | None = None, until: datetime.date | None = None
) -> dict[str, list[dict[str, object]]]:
    return {"items": [r.as_dict() for r in agency_answers(request.user, since=since, until=until)]}
