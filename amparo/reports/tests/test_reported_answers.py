"""The turnaround report over every request of an organisation reads its counts from the
summaries (`relief.ReportedAnswers`, `relief.ReportedCaseAnswers`) and its distribution along
the reporting rows' index: the same rows and numbers as the pass over every reporting row,
and the summaries stay in step with every write.

Hand-computed (percentile_cont: h = (n − 1) · p, interpolated):
- New Orleans, humanitarian parole: 10, 20, 20, 30, 40 minutes (a tie, an odd count), two of
  them in one case: 5 answers, 4 cases. Median 20; p90 h = 3.6 → 30 + 0.6 · 10 = 36.
- Newark, humanitarian parole: 10, 20, 30, 40 (an even count). Median 25, p90 37.
- Chicago, humanitarian parole: one answer of 15 minutes: median, p90, min and max 15.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from amparo.cases.models import Case
from amparo.conftest import Cast
from amparo.custody.models import FieldOffice
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief.models import Request
from amparo.relief.models.reported import ReportedAnswers, ReportedCaseAnswers
from amparo.relief.reporting import reported_offices_refresh, reported_requests_differences
from amparo.relief.services import (
    request_mark_moot,
    request_submit,
    request_withdraw,
)
from amparo.reports.filters import ReportFilters
from amparo.reports.selectors import decisions, turnaround
from amparo.reports.tests.answers import request_to_office, sent_and_answered

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 2, 2, 15, 0, tzinfo=datetime.UTC)


def _request(cast: Cast, office: str, case: Case | None = None, *, other: bool = False) -> Request:
    organisation = cast.other_organisation if other else cast.organisation
    case = case or CaseFactory(person=PersonFactory(organisation=organisation))
    return request_to_office(case, FieldOffice.objects.get(code=office))


def _answered(cast: Cast, office: str, minutes: int, outcome: str = "granted", **kw: Any) -> Case:
    request = _request(cast, office, kw.get("case"), other=kw.get("other", False))
    sent_and_answered(
        cast,
        request,
        sent_at=T0,
        after=datetime.timedelta(minutes=minutes),
        outcome=outcome,
        reasons_given=kw.get("reasons", True),
    )
    return request.case


@pytest.fixture
def varied(cast: Cast) -> Cast:
    shared = _answered(cast, "NOL", 20, "denied", reasons=False)
    _answered(cast, "NOL", 40, "denied", case=shared)
    for minutes, outcome in ((10, "granted"), (20, "partly-granted"), (30, "denied")):
        _answered(cast, "NOL", minutes, outcome)
    for minutes in (10, 20, 30, 40):
        _answered(cast, "NEW", minutes)
    _answered(cast, "CHI", 15)
    _answered(cast, "NOL", 90, "no-response")  # sent and closed unanswered: no turnaround
    request_submit(actor=None, request=_request(cast, "NOL"), submitted_at=T0, channel="email")
    withdrawn = _request(cast, "NOL")
    request_submit(actor=None, request=withdrawn, submitted_at=T0, channel="email")
    request_withdraw(actor=None, request=withdrawn)
    moot = _request(cast, "NEW")
    request_submit(actor=None, request=moot, submitted_at=T0, channel="email")
    request_mark_moot(actor=None, request=moot)
    _answered(cast, "NOL", 5, other=True)  # another organisation's answer
    return cast


def _passing_over_every_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decisions, "whole_organisations", lambda user, filters: None)


def _by_office(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["field_office"]: row for row in rows}


def _both_ways(user: Any, filters: ReportFilters, monkeypatch: pytest.MonkeyPatch) -> Any:
    summarised = turnaround(user, filters)
    with monkeypatch.context() as patched:
        _passing_over_every_row(patched)
        passed = turnaround(user, filters)
    return summarised, passed


def test_summaries_give_the_numbers_counted_by_hand(varied: Cast) -> None:
    rows = _by_office(turnaround(varied.attorney, ReportFilters()))
    nola = rows["New Orleans Field Office"]
    assert (nola["count"], nola["cases"], nola["denied"], nola["denied_without_reasons"]) == (
        5,
        4,
        3,
        1,
    )
    assert (nola["median_minutes"], nola["p90_minutes"]) == (20.0, 36.0)
    assert (nola["min_minutes"], nola["max_minutes"]) == (10.0, 40.0)
    newark = rows["Newark Field Office"]
    assert (newark["count"], newark["median_minutes"], newark["p90_minutes"]) == (4, 25.0, 37.0)
    chicago = rows["Chicago Field Office"]
    assert [chicago[k] for k in ("count", "median_minutes", "p90_minutes")] == [1, 15.0, 15.0]
    assert (chicago["min_minutes"], chicago["max_minutes"]) == (15.0, 15.0)
    assert set(rows) == {"New Orleans Field Office", "Newark Field Office", "Chicago Field Office"}


def test_summaries_answer_as_the_pass_over_every_row(
    varied: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    everyone = (varied.attorney, varied.advocate, varied.admin, varied.outsider, None)
    for user in everyone:
        summarised, passed = _both_ways(user, ReportFilters(), monkeypatch)
        assert summarised == passed
    alone = ReportFilters(organisation=varied.other_organisation.id)
    summarised, passed = _both_ways(None, alone, monkeypatch)
    assert summarised == passed
    assert [row["count"] for row in summarised] == [1]
    assert ReportedAnswers.objects.filter(organisation_id=varied.organisation.id).count() == 3


def test_summaries_are_read_only_over_every_request_the_user_may_read(varied: Cast) -> None:
    """A restricted case hidden from the attorney, or any filter, goes back to the pass over
    the rows (which leaves the case out): the summaries count every case."""
    answered = ReportedCaseAnswers.objects.filter(organisation_id=varied.organisation.id)
    restricted = Case.objects.get(id=answered.values_list("case_id", flat=True)[0])
    restricted.restricted = True
    restricted.lead_attorney = None  # nor on its team: hidden from the attorney
    restricted.save(update_fields=["restricted", "lead_attorney"])
    restricted.team.clear()
    assert decisions.whole_organisations(varied.attorney, ReportFilters()) is None
    assert decisions.whole_organisations(varied.admin, ReportFilters()) is not None
    assert decisions.whole_organisations(varied.admin, ReportFilters(field_office="NOL")) is None
    total = sum(r["count"] for r in turnaround(varied.admin, ReportFilters()))
    assert sum(r["count"] for r in turnaround(varied.attorney, ReportFilters())) < total


def test_the_summaries_follow_decisions_renamed_offices_and_emptied_groups(
    varied: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert reported_requests_differences() == 0
    chicago = FieldOffice.objects.get(code="CHI")
    chicago.name = "Chicago Field Office (renamed)"
    chicago.save(update_fields=["name"])
    reported_offices_refresh(field_offices=[chicago.id])
    assert reported_requests_differences() == 0
    assert not ReportedAnswers.objects.filter(office="Chicago Field Office").exists()
    _answered(varied, "NEW", 25, "denied", reasons=False)
    assert reported_requests_differences() == 0
    summarised, passed = _both_ways(varied.attorney, ReportFilters(), monkeypatch)
    assert summarised == passed
    newark = _by_office(summarised)["Newark Field Office"]
    assert (newark["count"], newark["denied"], newark["median_minutes"]) == (5, 1, 25.0)
    assert _by_office(summarised)["Chicago Field Office (renamed)"]["count"] == 1


def test_the_check_finds_summaries_out_of_step(varied: Cast) -> None:
    from amparo.relief.reporting import reported_answers_rebuild

    ReportedAnswers.objects.filter(office="Newark Field Office").update(cases=9)
    assert reported_requests_differences() == 1 * 2
    reported_answers_rebuild()
    ReportedCaseAnswers.objects.filter(office="Chicago Field Office").delete()
    assert reported_requests_differences() == 1
    reported_answers_rebuild()
    assert reported_requests_differences() == 0
