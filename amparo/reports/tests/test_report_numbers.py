"""Report numbers against values computed by hand on a small fixed data set.

Median and p90 follow percentile_cont: position h = (n − 1) · p, interpolated linearly.
- New Orleans, humanitarian parole: 10, 20, 30, 40 minutes (4 cases). Median over an even count:
  h = 1.5 → 20 + 0.5 · 10 = 25. p90: h = 2.7 → 30 + 0.7 · 10 = 37. Two denials, one without
  reasons. Four cases: suppressed in exports for publication.
- Newark, humanitarian parole: 10, 20, 30, 40, 50 minutes (5 cases). Median 30; p90: h = 3.6 →
  40 + 0.6 · 10 = 46. Not suppressed.
"""

from __future__ import annotations

import datetime
import json
import zoneinfo
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from amparo.conftest import Cast, api_client_for
from amparo.custody.models import FieldOffice
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief.models import Request
from amparo.relief.services import request_create
from amparo.reports.filters import ReportFilters
from amparo.reports.selectors import agency_answers, turnaround
from amparo.reports.tests.answers import request_to_office, sent_and_answered

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2025, 3, 9, 22, 12, tzinfo=datetime.UTC)


def _decided(cast: Cast, office: FieldOffice, minutes: int, outcome: str, reasons: bool) -> None:
    case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    request = request_to_office(case, office, actor=cast.attorney)
    sent_and_answered(
        cast,
        request,
        sent_at=T0,
        after=datetime.timedelta(minutes=minutes),
        outcome=outcome,
        reasons_given=reasons,
    )


@pytest.fixture
def fixed(cast: Cast) -> Cast:
    nola = FieldOffice.objects.get(code="NOL")
    newark = FieldOffice.objects.get(code="NEW")
    for minutes, outcome, reasons in (
        (10, "denied", False),
        (20, "denied", True),
        (30, "granted", False),
        (40, "granted", True),
    ):
        _decided(cast, nola, minutes, outcome, reasons)
    for minutes in (10, 20, 30, 40, 50):
        _decided(cast, newark, minutes, "granted", True)
    return cast


def _by_office(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["field_office"]: row for row in rows}


def test_turnaround_median_p90_min_max_and_denials(fixed: Cast) -> None:
    rows = _by_office(turnaround(fixed.attorney, ReportFilters()))
    nola = rows["New Orleans Field Office"]
    assert (nola["count"], nola["median_minutes"], nola["p90_minutes"]) == (4, 25.0, 37.0)
    assert (nola["min_minutes"], nola["max_minutes"]) == (10.0, 40.0)
    assert (nola["denied"], nola["denied_without_reasons"], nola["cases"]) == (2, 1, 4)
    newark = rows["Newark Field Office"]
    assert (newark["count"], newark["median_minutes"], newark["p90_minutes"]) == (5, 30.0, 46.0)
    assert turnaround(fixed.outsider, ReportFilters()) == []


def test_filters_narrow_the_rows(fixed: Cast) -> None:
    only = turnaround(fixed.attorney, ReportFilters(field_office="NOL"))
    assert [r["field_office"] for r in only] == ["New Orleans Field Office"]
    later = ReportFilters(since=datetime.date(2025, 3, 10))
    assert turnaround(fixed.attorney, later) == []
    assert turnaround(fixed.attorney, ReportFilters(request_type="bond-redetermination")) == []


def test_cli_and_api_give_the_same_rows(fixed: Cast) -> None:
    out = StringIO()
    call_command("report", "turnaround", "--field-office", "NOL", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    expected = {
        "field_office": "New Orleans Field Office",
        "request_type": "Humanitarian parole",
        "count": 4,
        "median_minutes": 25.0,
        "p90_minutes": 37.0,
        "denied": 2,
        "denied_without_reasons": 1,
    }
    assert printed == {"rows": [expected]}
    api = api_client_for(fixed.advocate).get("/api/v1/reports/turnaround?field_office=NOL")
    assert api.json() == {"rows": [expected]}


def test_agency_answers_in_sql_keeps_its_columns(fixed: Cast) -> None:
    rows = {r["office"]: r for r in agency_answers(fixed.attorney)}
    nola = rows["New Orleans Field Office"]
    assert (nola["submitted"], nola["decided"], nola["granted"], nola["denied"]) == (4, 4, 2, 2)
    assert (nola["reasons_given"], nola["denied_without_reasons"]) == (2, 1)
    assert nola["median_turnaround_minutes"] == 25.0


def test_exports_for_publication_suppress_cells_of_fewer_than_five_cases(fixed: Cast) -> None:
    from django.test import Client

    client = Client()
    client.force_login(fixed.advocate)
    body = client.get("/reports/turnaround/?format=csv&publication=1").content.decode()
    lines = body.splitlines()
    nola = next(line for line in lines if line.startswith("New Orleans"))
    newark = next(line for line in lines if line.startswith("Newark"))
    assert "<5" in nola and "25" not in nola
    assert ",5," in newark and "46" in newark
    assert any("fewer than 5 cases" in line for line in lines)
    internal = client.get("/reports/turnaround/?format=csv").content.decode()
    assert "25.0" in internal


def test_the_story_decision_is_in_the_new_orleans_row() -> None:
    """The story: parole denied 29 minutes after it was sent, with no reasons."""
    from amparo.accounts.models import User
    from amparo.sampledata.demo import demo_load

    demo_load(generated_cases=0)
    attorney = User.objects.get(email="attorney@amparo.example")
    [row] = turnaround(attorney, ReportFilters(field_office="NOL"))
    assert (row["field_office"], row["request_type"]) == (
        "New Orleans Field Office",
        "Humanitarian parole",
    )
    assert (row["count"], row["median_minutes"], row["p90_minutes"]) == (1, 29.0, 29.0)
    assert (row["denied"], row["denied_without_reasons"]) == (1, 1)


def test_outcome_months_are_the_organisation_months_not_utc(cast: Cast) -> None:
    """23:00 and 23:30 on 31 March 2026 in Chicago (CDT, UTC−5) are 04:00 and 04:30 on 1 April
    in UTC; the request and its decision belong to March. A request sent on 1 November 2026 at
    00:30 in Chicago (still CDT) is 05:30 UTC the same day: November, on both counts."""
    from django.utils import timezone

    from amparo.reports.selectors import outcomes

    chicago = zoneinfo.ZoneInfo("America/Chicago")
    cast.organisation.time_zone = "America/Chicago"
    cast.organisation.save(update_fields=["time_zone"])
    nola = FieldOffice.objects.get(code="NOL")
    for sent in (
        datetime.datetime(2026, 3, 31, 23, 0, tzinfo=chicago),
        datetime.datetime(2026, 11, 1, 0, 30, tzinfo=chicago),
    ):
        case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
        request = request_create(
            actor=cast.attorney, case=case, request_type="humanitarian-parole", reason="Birth"
        )
        Request.objects.filter(pk=request.pk).update(field_office=nola)
        request.refresh_from_db()
        with timezone.override(datetime.UTC):
            sent_and_answered(
                cast,
                request,
                sent_at=sent,
                after=datetime.timedelta(minutes=30),
                outcome="denied",
                reasons_given=False,
            )
    with timezone.override(chicago):
        months = [row["month"] for row in outcomes(cast.attorney, ReportFilters())]
    assert months == ["2026-03", "2026-11"]
    with timezone.override(datetime.UTC):  # the organisation's months, whoever reads them
        months = [row["month"] for row in outcomes(cast.attorney, ReportFilters())]
    assert months == ["2026-03", "2026-11"]


def test_local_month_follows_daylight_saving() -> None:
    from amparo.reports.sql import local_month

    # Chicago: CST (UTC−6) in January, CDT (UTC−5) in July.
    assert local_month("2026-02-01 05:59:59", "America/Chicago") == "2026-01"
    assert local_month("2026-02-01 06:00:00", "America/Chicago") == "2026-02"
    assert local_month("2026-08-01 04:59:59.5", "America/Chicago") == "2026-07"
    assert local_month("2026-08-01 05:00:00", "America/Chicago") == "2026-08"
    # East of UTC the local month starts before the UTC one: Cairo in winter is UTC+2.
    assert local_month("2026-01-31 22:00:00", "Africa/Cairo") == "2026-02"
    assert local_month("2025-12-31 21:59:00", "Africa/Cairo") == "2025-12"
    assert local_month("2025-12-31 22:00:00", "Africa/Cairo") == "2026-01"
    assert local_month(None, "UTC") is None
