"""How each office answers: counts, median turnaround and denials without reasons, only over the
organisation's own cases."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from amparo.cases.models import Case
from amparo.conftest import Cast, api_client_for
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief.services import request_create
from amparo.reports.selectors import agency_answers
from amparo.reports.tests.answers import sent_and_answered

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2025, 3, 9, 22, 12, tzinfo=datetime.UTC)


def _answered(cast: Cast, case: Case, minutes: int | None, outcome: str, reasons: bool) -> None:
    request = request_create(
        actor=cast.attorney,
        case=case,
        request_type="humanitarian-parole",
        reason="Birth",
        addressed_to="New Orleans Field Office",
    )
    after = None if minutes is None else datetime.timedelta(minutes=minutes)
    sent_and_answered(
        cast, request, sent_at=T0, after=after, outcome=outcome, reasons_given=reasons
    )


def test_report_counts_outcomes_and_median_turnaround(cast: Cast) -> None:
    cases = [CaseFactory(person=PersonFactory(organisation=cast.organisation)) for _ in range(4)]
    _answered(cast, cases[0], 29, "denied", False)
    _answered(cast, cases[1], 120, "denied", True)
    _answered(cast, cases[2], 600, "granted", False)
    _answered(cast, cases[3], None, "", False)
    _answered(cast, cast.outsider_case, 5, "denied", False)  # another organisation: not counted
    rows = agency_answers(cast.attorney)
    assert len(rows) == 1
    row = rows[0]
    assert row["office"] == "New Orleans Field Office"
    assert (row["submitted"], row["decided"], row["pending"]) == (4, 3, 1)
    assert (row["denied"], row["granted"], row["denied_without_reasons"]) == (2, 1, 1)
    assert row["median_turnaround_minutes"] == 120


def test_report_page_and_csv_and_api(cast: Cast) -> None:
    _answered(cast, cast.case, 29, "denied", False)
    client = Client()
    client.force_login(cast.advocate)
    assert "New Orleans Field Office" in client.get("/reports/agency-answers/").content.decode()
    csv_body = client.get("/reports/agency-answers/?format=csv").content.decode()
    assert csv_body.splitlines()[0].startswith("office,request_type,submitted")
    assert ",29" in csv_body.splitlines()[1]
    items = api_client_for(cast.outsider).get("/api/v1/reports/agency-answers").json()["items"]
    assert items == []
