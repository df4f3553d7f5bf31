"""The dashboard reads each list as two halves (timed deadlines by their moment, all-day ones
by their day), merges them into one order, counts only up to COUNT_CAP, and does the same work
whatever the caseload; the access gate still decides what it shows."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amparo.cases.models import Case
from amparo.conftest import Cast, page_queries, signed_in
from amparo.deadlines import dashboard as board_reads
from amparo.deadlines.dashboard import COUNT_CAP, deadline_dashboard
from amparo.deadlines.models import Deadline
from amparo.deadlines.tests.helpers import make_deadline
from amparo.deadlines.views import DASHBOARD_ROWS
from amparo.factories import CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ZONE = zoneinfo.ZoneInfo("America/New_York")
NOW = datetime.datetime(2025, 7, 6, 10, 0, tzinfo=ZONE)  # Sunday 6 July, 10:00 in New York


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, 7, day, hour, minute, tzinfo=ZONE)


def _titles(rows: list[Any]) -> list[str]:
    return [r["title"] if isinstance(r, dict) else r.title for r in rows]


def _interleaved(case: Case) -> None:
    # Entered out of order, so that neither the insertion order nor one half alone gives it.
    make_deadline(case, D(2025, 7, 5), title="all-day 5th")
    make_deadline(case, None, title="timed 5th 23:30", due_at=at(5, 23, 30))
    make_deadline(case, D(2025, 7, 3), title="all-day 3rd")
    make_deadline(case, D(2025, 7, 4), title="timed 4th 09:00", due_at=at(4, 9))
    make_deadline(case, D(2025, 7, 3), title="timed 3rd 08:00", due_at=at(3, 8))
    make_deadline(case, None, title="timed today 09:59", due_at=at(6, 9, 59))
    make_deadline(case, D(2025, 7, 6), title="all-day today")
    make_deadline(case, D(2025, 7, 7), title="timed 7th 08:00", due_at=at(7, 8))
    make_deadline(case, D(2025, 7, 7), title="all-day 7th")
    make_deadline(case, None, title="timed 6th 10:01", due_at=at(6, 10, 1))
    make_deadline(case, D(2025, 7, 9), title="all-day 9th")
    make_deadline(case, None, title="timed 9th 11:00", due_at=at(9, 11))  # after +72 h


OVERDUE = ["all-day 3rd", "timed 3rd 08:00", "timed 4th 09:00", "all-day 5th", "timed 5th 23:30"]
OVERDUE += ["timed today 09:59"]
UPCOMING = ["all-day today", "timed 6th 10:01", "all-day 7th", "timed 7th 08:00", "all-day 9th"]


def test_timed_and_all_day_deadlines_interleave_by_day_then_time(cast: Cast) -> None:
    _interleaved(cast.case)
    with timezone.override(ZONE):
        for fields in (None, ("title",)):
            board = deadline_dashboard(cast.attorney, now=NOW, fields=fields)
            assert _titles(board.overdue) == OVERDUE
            assert _titles(board.upcoming) == UPCOMING
            assert (board.overdue_total, board.upcoming_total) == (6, 5)
            assert not board.overdue_more and not board.upcoming_more
        # Cut at three, the first rows come from both halves, in the same order.
        board = deadline_dashboard(cast.attorney, now=NOW, limit=3, fields=("title",))
    assert _titles(board.overdue) == OVERDUE[:3]
    assert _titles(board.upcoming) == UPCOMING[:3]
    assert (board.overdue_total, board.upcoming_total) == (6, 5)
    assert board.overdue_more and board.upcoming_more


def test_a_timed_deadline_sorts_on_the_day_it_shows_in_the_readers_zone(cast: Cast) -> None:
    """23:30 on the 5th in New York is already the 6th in UTC; the page reads New York time."""
    cast.organisation.time_zone = "America/New_York"
    cast.organisation.save(update_fields=["time_zone"])
    _interleaved(cast.case)
    with time_machine.travel(NOW, tick=False):
        page = signed_in(cast.attorney).get("/deadlines/")
    assert _titles(page.context["overdue"]) == OVERDUE
    assert _titles(page.context["upcoming"]) == UPCOMING


def test_more_is_said_only_when_rows_were_left_out(cast: Cast) -> None:
    for n in range(2):
        make_deadline(cast.case, D(2025, 7, 1 + n), title=f"Late {n}")
    with timezone.override(ZONE):
        exact = deadline_dashboard(cast.attorney, now=NOW, limit=2)
        cut = deadline_dashboard(cast.attorney, now=NOW, limit=1)
    assert not exact.overdue_more and exact.overdue_total == 2
    assert cut.overdue_more and cut.overdue_total == 2 and _titles(cut.overdue) == ["Late 0"]


def _overdue(case: Case, count: int, **fields: Any) -> None:
    Deadline.objects.bulk_create(
        Deadline(case=case, title=f"Late {n}", due_on=D(2025, 6, 1), **fields) for n in range(count)
    )


def test_the_count_stops_at_the_cap_and_reads_100_plus(cast: Cast) -> None:
    _overdue(cast.case, COUNT_CAP + 5)
    with timezone.override(ZONE):
        board = deadline_dashboard(cast.attorney, now=NOW, limit=DASHBOARD_ROWS)
    assert board.overdue_total == COUNT_CAP + 1 and board.overdue_more
    assert board_reads.count_shown(board.overdue_total) == f"{COUNT_CAP}+"
    assert board_reads.count_shown(COUNT_CAP) == str(COUNT_CAP)
    with time_machine.travel(NOW, tick=False):
        html = signed_in(cast.attorney).get("/deadlines/").content.decode()
    assert f'<span class="badge">{COUNT_CAP}+</span>' in html
    assert f"The {DASHBOARD_ROWS} oldest of {COUNT_CAP}+ are shown" in html


def test_the_cap_adds_both_halves(cast: Cast) -> None:
    _overdue(cast.case, 60)
    _overdue(cast.case, 60, due_at=at(1, 9))
    with timezone.override(ZONE):
        assert (
            deadline_dashboard(cast.attorney, now=NOW, limit=DASHBOARD_ROWS).overdue_total
            == COUNT_CAP + 1
        )
        board = deadline_dashboard(cast.attorney, now=NOW, limit=70, fields=("title",))
    # All-day deadlines of 1 June come before the ones timed on 1 July.
    assert len(board.overdue) == 70
    assert all(r["due_at"] is None for r in board.overdue[:60])
    assert all(r["due_at"] is not None for r in board.overdue[60:])


def test_show_more_pages_each_list_up_to_the_cap(cast: Cast) -> None:
    _overdue(cast.case, DASHBOARD_ROWS + 5)
    client = signed_in(cast.attorney)
    with time_machine.travel(NOW, tick=False):
        first = client.get("/deadlines/")
        html = first.content.decode()
        assert len(first.context["overdue"]) == DASHBOARD_ROWS
        assert 'href="?overdue=2#overdue"' in html and "Show more" in html
        second = client.get("/deadlines/", {"overdue": "2", "mine": ""})
        assert len(second.context["overdue"]) == DASHBOARD_ROWS + 5
        assert second.context["overdue_more"] is None and "Show more" not in second.content.decode()
        # Past the cap the page stops offering more; junk reads as the first page.
        assert (
            len(client.get("/deadlines/", {"overdue": "99"}).context["overdue"])
            == DASHBOARD_ROWS + 5
        )
        assert len(client.get("/deadlines/", {"overdue": "x"}).context["overdue"]) == DASHBOARD_ROWS


def test_at_the_cap_the_page_says_to_narrow_instead_of_more(cast: Cast) -> None:
    _overdue(cast.case, COUNT_CAP + 5)
    pages = COUNT_CAP // DASHBOARD_ROWS
    with time_machine.travel(NOW, tick=False):
        page = signed_in(cast.attorney).get("/deadlines/", {"overdue": str(pages)})
    assert len(page.context["overdue"]) == COUNT_CAP
    assert page.context["overdue_cut"] and page.context["overdue_more"] is None
    assert "narrow to your own deadlines" in page.content.decode()


def test_other_organisations_and_hidden_cases_are_neither_shown_nor_counted(cast: Cast) -> None:
    make_deadline(cast.case, D(2025, 7, 1), title="Ours")
    make_deadline(cast.outsider_case, D(2025, 7, 1), title="Theirs")
    make_deadline(cast.outsider_case, None, title="Theirs timed", due_at=at(6, 12))
    hidden = CaseFactory(person=PersonFactory(organisation=cast.organisation), restricted=True)
    make_deadline(hidden, D(2025, 7, 2), title="Restricted")
    make_deadline(hidden, None, title="Restricted timed", due_at=at(6, 12))
    with time_machine.travel(NOW, tick=False):
        attorney = signed_in(cast.attorney).get("/deadlines/")
        admin = signed_in(cast.admin).get("/deadlines/")
        outsider = signed_in(cast.outsider).get("/deadlines/")
    assert _titles(attorney.context["overdue"]) == ["Ours"]
    assert attorney.context["overdue_total"] == "1" and attorney.context["upcoming_total"] == "0"
    assert _titles(admin.context["overdue"]) == ["Ours", "Restricted"]
    assert _titles(admin.context["upcoming"]) == ["Restricted timed"]
    assert _titles(outsider.context["overdue"]) == ["Theirs"]
    assert _titles(outsider.context["upcoming"]) == ["Theirs timed"]
    for page in (attorney, admin):
        assert "Theirs" not in page.content.decode()


def _page_queries(cast: Cast) -> int:
    with time_machine.travel(NOW, tick=False):
        return page_queries(cast.attorney, "/deadlines/")


def _more_data(cast: Cast) -> None:
    case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    _overdue(case, 60)
    _overdue(case, 60, due_at=at(1, 9))
    Deadline.objects.bulk_create(
        Deadline(case=case, title="Soon", due_on=D(2025, 7, 7), due_at=at(7, 9)) for _ in range(60)
    )
    Deadline.objects.bulk_create(
        Deadline(case=case, title="Soon", due_on=D(2025, 7, 8)) for _ in range(60)
    )
    Deadline.objects.bulk_create(
        Deadline(case=case, title="Later", due_on=D(2025, 7, 31), due_at=at(31, 9))
        for _ in range(60)
    )
    Deadline.objects.bulk_create(
        Deadline(case=case, title="Later", due_on=D(2025, 8, 2)) for _ in range(60)
    )


def test_the_dashboards_queries_do_not_grow_with_the_data(cast: Cast) -> None:
    make_deadline(cast.case, D(2025, 7, 1), title="Late")
    make_deadline(cast.case, None, title="Soon", due_at=at(6, 12))
    make_deadline(cast.case, D(2025, 7, 20), title="Later")
    small = _page_queries(cast)
    # Every half overflows its rows and its count's cap: still the same queries.
    _more_data(cast)
    assert _page_queries(cast) == small
    for _ in range(3):
        _more_data(cast)
    assert _page_queries(cast) == small


def _deadline_queries(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "deadlines_deadline" in q["sql"]]


def test_the_lists_and_their_counts_are_one_statement(cast: Cast) -> None:
    _more_data(cast)
    with timezone.override(ZONE), CaptureQueriesContext(connection) as rows:
        board = deadline_dashboard(
            cast.attorney, now=NOW, limit=DASHBOARD_ROWS, fields=("title",), later=True
        )
    read = _deadline_queries(rows)
    assert len(read) == 1 and "UNION ALL" in read[0]
    assert (board.overdue_total, board.upcoming_total) == (COUNT_CAP + 1, COUNT_CAP + 1)
    assert board.later_total == COUNT_CAP + 1 and board.later_more
    assert len(board.later) == DASHBOARD_ROWS and board.later[0]["due_at"] == at(31, 9)
    # Model objects (the home page) take one more query for the rows found, not one a row.
    with timezone.override(ZONE), CaptureQueriesContext(connection) as objects:
        board = deadline_dashboard(cast.attorney, now=NOW, limit=DASHBOARD_ROWS)
    assert len(_deadline_queries(objects)) == 2 and len(board.overdue) == DASHBOARD_ROWS


def test_a_member_who_sees_no_case_asks_nothing(cast: Cast) -> None:
    _more_data(cast)
    stranger = UserFactory()
    with timezone.override(ZONE), CaptureQueriesContext(connection) as queries:
        board = deadline_dashboard(stranger, now=NOW, limit=DASHBOARD_ROWS, fields=("title",))
    assert board.overdue == [] and board.upcoming == [] and board.overdue_total == 0
    assert _deadline_queries(queries) == []


def test_the_home_page_asks_for_the_deadlines_it_shows(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Any] = []
    real = board_reads.deadline_dashboard

    def spy(*args: Any, **kwargs: Any) -> board_reads.Dashboard:
        asked.append((kwargs.get("limit"), kwargs.get("later", False)))
        return real(*args, **kwargs)

    monkeypatch.setattr(board_reads, "deadline_dashboard", spy)
    _overdue(cast.case, 55)
    from amparo.cases import dashboard

    with time_machine.travel(NOW, tick=False):
        overdue, _upcoming, capped = dashboard._deadlines(cast.attorney, False, timezone.now())
    # Fifty rows, and not the deadlines page's later list: the home page looks 72 hours ahead.
    assert asked == [(50, False)] and len(overdue) == 50 and capped == {"deadlines_overdue"}
