"""The home page ("what needs action now") reads a fixed number of rows whatever the caseload:
each section lists its rows in its order, the access gate decides which cases appear, and the
page asks the same number of queries for one case as for many."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine

from amparo.cases.dashboard import SECTIONS, ActionBoard, action_dashboard
from amparo.cases.models import Case, CaseAlert, LocatorCheck
from amparo.conftest import Cast, api_client_for, page_queries, signed_in
from amparo.custody.models import Placement
from amparo.deadlines.tests.helpers import make_deadline
from amparo.factories import CaseFactory, FacilityFactory, PersonFactory, RequestFactory
from amparo.relief.models import Decision, Request

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 7, 6, 14, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def _case(cast: Cast, name: str, *, organisation: Any = None, **fields: Any) -> Case:
    person = PersonFactory(
        organisation=organisation or cast.organisation, given_name=name, family_name="Test"
    )
    return CaseFactory(person=person, **fields)


def decided(case: Case, at: datetime.datetime) -> None:
    """A request sent two days before `at` and granted at `at`."""
    request = RequestFactory(
        case=case,
        status=Request.Status.DECIDED,
        submitted_at=at - 48 * HOUR,
        channel=Request.Channel.EMAIL,
    )
    Decision.objects.create(
        request=request,
        submitted_at=request.submitted_at,
        decided_at=at,
        outcome=Decision.Outcome.GRANTED,
        reasons_given=False,
    )


def held_before(case: Case, *, until: datetime.datetime) -> Placement:
    """A placement of `case` that ended at `until`: the next one is a transfer."""
    return Placement.objects.create(
        case=case,
        facility=FacilityFactory(),
        started_at=until - datetime.timedelta(days=30),
        ended_at=until,
        observed_at=until - datetime.timedelta(days=30),
        source=Placement.Source.LOCATOR,
    )


def _activity(case: Case, hours_ago: int) -> None:
    """One row of every section for `case`, `hours_ago` hours before NOW (0 to 23)."""
    at = NOW - hours_ago * HOUR
    RequestFactory(case=case, urgency_until=NOW.date() + datetime.timedelta(days=1))
    RequestFactory(
        case=case,
        status=Request.Status.SUBMITTED,
        submitted_at=NOW - datetime.timedelta(days=30) - hours_ago * HOUR,
        channel=Request.Channel.EMAIL,
    )
    decided(case, at)
    held_before(case, until=at)
    placement = Placement.objects.create(
        case=case,
        facility=FacilityFactory(),
        started_at=at,
        observed_at=at,
        source=Placement.Source.LOCATOR,
    )
    Placement.objects.filter(pk=placement.pk).update(created_at=at)
    alert = CaseAlert.objects.create(case=case, kind=CaseAlert.Kind.OTHER, message="venue changed")
    CaseAlert.objects.filter(pk=alert.pk).update(created_at=at - HOUR // 2)
    Case.objects.filter(pk=case.pk).update(location_unknown_since=at - HOUR // 4)
    LocatorCheck.objects.create(case=case, checked_at=at, result=LocatorCheck.Result.NOT_FOUND)
    make_deadline(case, NOW.date() - datetime.timedelta(days=1), title="Late")
    make_deadline(case, NOW.date() + datetime.timedelta(days=1), title="Soon")


def _clients(rows: list[Any]) -> list[str]:
    return [row.case.person.given_name for row in rows]


def _board(user: Any, **kwargs: Any) -> ActionBoard:
    return action_dashboard(user, now=NOW, **kwargs)


def _page_queries(cast: Cast) -> int:
    with time_machine.travel(NOW, tick=False):
        return page_queries(cast.attorney, "/")


def test_the_home_pages_queries_do_not_grow_with_the_data(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        _activity(cast.case, 1)
    small = _page_queries(cast)
    with time_machine.travel(NOW, tick=False):
        for hours in range(2, 14):
            _activity(_case(cast, f"client{hours}"), hours)
        _activity(_case(cast, "elsewhere", organisation=cast.other_organisation), 3)
        _activity(_case(cast, "hidden", restricted=True), 4)
    large = _page_queries(cast)
    assert large == small
    board = _board(cast.attorney)
    assert len(board.custody_changes) == 3 * 13 and len(board.decisions) == 13


def test_each_section_lists_its_rows_newest_or_most_urgent_first(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        cases = {name: _case(cast, name) for name in ("ana", "ben", "eva")}
        for hours, name in enumerate(("ana", "ben", "eva"), start=2):
            _activity(cases[name], hours)
        Request.objects.filter(case=cases["eva"], status="draft").update(
            urgency_until=NOW.date() - datetime.timedelta(days=2)
        )
        # Same urgency day: the request recorded first comes first (the clock is frozen, so
        # ben's is recorded a second later, not at the same instant as ana's).
        Request.objects.filter(case=cases["ben"], status="draft").update(
            created_at=NOW + datetime.timedelta(seconds=1)
        )
    board = _board(cast.attorney)
    assert _clients(board.urgent_requests) == ["eva", "ana", "ben"]
    # Oldest sent first: eva's was sent the longest ago.
    assert _clients(board.unanswered_requests) == ["eva", "ben", "ana"]
    assert _clients(board.decisions) == ["ana", "ben", "eva"]
    assert [row.what for row in board.custody_changes[:3]] == [
        "Now held at " + Placement.objects.get(case=cases["ana"], ended_at=None).facility.name,
        "Location unknown",
        "Venue changed",
    ]
    assert _clients(board.custody_changes) == ["ana"] * 3 + ["ben"] * 3 + ["eva"] * 3
    assert [row.at for row in board.decisions] == [NOW - 2 * HOUR, NOW - 3 * HOUR, NOW - 4 * HOUR]


def test_other_organisations_restricted_and_closed_cases_stay_off_the_page(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        _activity(_case(cast, "mine"), 2)
        _activity(_case(cast, "elsewhere", organisation=cast.other_organisation), 2)
        hidden = _case(cast, "hidden", restricted=True)
        _activity(hidden, 2)
        _activity(_case(cast, "closed", status=Case.Status.CLOSED, closed_on=NOW.date()), 2)
    for name in SECTIONS:
        # A closed case's open deadlines still show (the deadlines' own rule, unchanged here).
        expected = {"mine", "closed"} if name.startswith("deadlines") else {"mine"}
        assert set(_clients(getattr(_board(cast.attorney), name))) == expected, name
        assert set(_clients(getattr(_board(cast.outsider), name))) == {"elsewhere"}, name
    # The team of a restricted case sees it; the organisation's admin too.
    hidden.team.add(cast.paralegal)
    assert "hidden" in _clients(_board(cast.paralegal).decisions)
    assert "hidden" in _clients(_board(cast.admin).custody_changes)
    # "Mine": only the cases the user leads or works.
    assert _board(cast.paralegal, mine=True).decisions == [
        row for row in _board(cast.paralegal).decisions if row.case == hidden
    ]
    page = signed_in(cast.attorney).get("/").content.decode()
    assert "elsewhere Test" not in page and "hidden Test" not in page


def test_the_custody_section_shows_the_newest_changes_of_the_day(cast: Cast) -> None:
    # More placements in the last 24 hours than the section shows: the newest 50, not the
    # first 50 by the day the client arrived.
    with time_machine.travel(NOW, tick=False):
        facility = FacilityFactory()
        for minutes in range(55):
            at = NOW - datetime.timedelta(minutes=minutes)
            case = _case(cast, f"p{minutes}")
            held_before(case, until=NOW - datetime.timedelta(days=minutes))
            placement = Placement.objects.create(
                case=case,
                facility=facility,
                started_at=NOW - datetime.timedelta(days=minutes),
                observed_at=at,
                source=Placement.Source.LOCATOR,
            )
            Placement.objects.filter(pk=placement.pk).update(created_at=at)
    rows = _board(cast.attorney).custody_changes
    assert _clients(rows) == [f"p{minutes}" for minutes in range(50)]


def test_a_client_still_unknown_shows_when_the_locator_recheck_is_due(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        due = _case(cast, "due", location_unknown_since=NOW - 72 * HOUR)
        LocatorCheck.objects.create(
            case=due, checked_at=NOW - 30 * HOUR, result=LocatorCheck.Result.NOT_FOUND
        )
        checked = _case(cast, "checked", location_unknown_since=NOW - 72 * HOUR)
        LocatorCheck.objects.create(
            case=checked, checked_at=NOW - 2 * HOUR, result=LocatorCheck.Result.NOT_FOUND
        )
        recent = _case(cast, "recent", location_unknown_since=NOW - 2 * HOUR)
    rows = _board(cast.attorney).custody_changes
    assert _clients(rows) == ["recent", "due"]
    assert rows[1].detail == "Search the detainee locator again now."
    assert rows[0].detail.startswith("Search the detainee locator again at")
    assert recent.location_unknown_since is not None


def test_the_api_dashboard_gives_the_same_sections(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        _activity(cast.case, 3)
        board = api_client_for(cast.attorney).get("/api/v1/dashboard").json()
    assert board == _board(cast.attorney).as_json()
    assert [len(board[name]) for name in board] == [1, 1, 1, 1, 3, 1]


def test_a_first_placement_is_not_a_transfer(cast: Cast) -> None:
    """A client's first placement (found at intake, or imported) is where they are, not a
    move: the section lists the placement that follows another, not the first."""
    with time_machine.travel(NOW, tick=False):
        found = _case(cast, "found")
        moved = _case(cast, "moved")
        held_before(moved, until=NOW - 2 * HOUR)
        for case in (found, moved):
            Placement.objects.create(
                case=case,
                facility=FacilityFactory(name=f"{case.person.given_name} hall"),
                started_at=NOW - 2 * HOUR,
                observed_at=NOW - HOUR,
                source=Placement.Source.LOCATOR,
            )
    rows = _board(cast.attorney).custody_changes
    assert [(row.case.person.given_name, row.what) for row in rows] == [
        ("moved", "Now held at moved hall")
    ]
