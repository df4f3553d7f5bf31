"""Arrest to first decision against hours computed by hand.

- Case A: arrested 48 h and 10 h before T0 (the first arrest counts). Two answers: New Orleans
  denies at T0 + 1 h, Newark grants at T0 + 2 h. The first answer is New Orleans': 49 h.
- Case B: arrested 24 h before T0, New Orleans grants at T0: 24 h.
- Case C: answered but never arrested; case D: arrested, never answered. Both left out.
New Orleans: 2 cases, median (24 + 49) / 2 = 36.5 h, min 24, max 49. Newark has no first answer.
With the Newark filter the first answer from Newark counts: case A's grant at T0 + 2 h, 50 h, in
the Newark row (before the reporting rows, the case's first answer from anywhere was counted: New
Orleans' 49 h under a Newark filter).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from amparo.cases.models import Arrest
from amparo.conftest import Cast
from amparo.custody.models import FieldOffice
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief.models import Request
from amparo.relief.services import request_create
from amparo.reports.filters import ReportFilters
from amparo.reports.selectors import arrest_to_first_decision
from amparo.reports.tests.answers import sent_and_answered

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2025, 6, 2, 15, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def _answered(cast: Cast, case: Any, office: str, hours: int, outcome: str) -> None:
    field_office = FieldOffice.objects.get(code=office)
    request = request_create(
        actor=cast.attorney, case=case, request_type="humanitarian-parole", reason="Health"
    )
    Request.objects.filter(pk=request.pk).update(
        field_office=field_office, addressed_to=field_office.name
    )
    request.refresh_from_db()
    sent_and_answered(
        cast,
        request,
        sent_at=T0 - HOUR,
        after=(hours + 1) * HOUR,  # answered `hours` after T0
        outcome=outcome,
        reasons_given=True,
    )


def _arrested(case: Any, hours_before: int) -> None:
    Arrest.objects.create(case=case, arrested_at=T0 - hours_before * HOUR, place="Bus station")


@pytest.fixture
def arrests(cast: Cast) -> Cast:
    a, b, c, d = (CaseFactory(person=PersonFactory(organisation=cast.organisation)) for _ in "abcd")
    _arrested(a, 10)
    _arrested(a, 48)
    _answered(cast, a, "NEW", 2, "granted")
    _answered(cast, a, "NOL", 1, "denied")
    _arrested(b, 24)
    _answered(cast, b, "NOL", 0, "granted")
    _answered(cast, c, "NOL", 3, "granted")
    _arrested(d, 5)
    return cast


def test_arrest_to_first_decision_counts_from_the_first_arrest_to_the_first_answer(
    arrests: Cast,
) -> None:
    rows = arrest_to_first_decision(arrests.attorney, ReportFilters())
    nola = FieldOffice.objects.get(code="NOL").name
    assert [(r["field_office"], r["cases"]) for r in rows] == [(nola, 2)]
    [row] = rows
    assert (row["median_hours"], row["min_hours"], row["max_hours"]) == (36.5, 24.0, 49.0)


def test_arrest_to_first_decision_narrowed_to_an_office_counts_that_offices_first_answer(
    arrests: Cast,
) -> None:
    rows = arrest_to_first_decision(arrests.attorney, ReportFilters(field_office="NEW"))
    newark = FieldOffice.objects.get(code="NEW").name
    assert [(r["field_office"], r["cases"], r["median_hours"]) for r in rows] == [(newark, 1, 50.0)]


def test_arrest_to_first_decision_shows_nothing_of_another_organisation(arrests: Cast) -> None:
    assert arrest_to_first_decision(arrests.outsider, ReportFilters()) == []
