"""The deadlines page's third list, "Later": open deadlines due after the 72-hour window,
soonest first, read in the same statement as the other two, through the same access gate, with
the same capped count and "Show more"."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amparo.conftest import Cast, signed_in
from amparo.deadlines.dashboard import COUNT_CAP, deadline_dashboard
from amparo.deadlines.models import Deadline
from amparo.deadlines.tests.helpers import make_deadline
from amparo.deadlines.views import DASHBOARD_ROWS
from amparo.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ZONE = zoneinfo.ZoneInfo("America/New_York")
NOW = datetime.datetime(2025, 7, 6, 10, 0, tzinfo=ZONE)  # the window ends 9 July, 10:00


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, 7, day, hour, minute, tzinfo=ZONE)


def _titles(rows: list[Any]) -> list[str]:
    return [r["title"] if isinstance(r, dict) else r.title for r in rows]


def _after_the_window(cast: Cast) -> None:
    """Entered out of order. The bond appeal is the QA report's case: due 30 days after the
    judge's decision (8 CFR 1003.38(b)), here 10 days from now, and shown nowhere before."""
    make_deadline(cast.case, D(2025, 8, 15), title="Brief in 40 days")
    make_deadline(cast.case, D(2025, 7, 16), title="BIA bond appeal in 10 days", due_at=at(16, 9))
    make_deadline(cast.case, D(2025, 7, 16), title="All-day in 10 days")
    make_deadline(
        cast.case, D(2025, 7, 9), title="Timed just after the window", due_at=at(9, 10, 1)
    )
    make_deadline(cast.case, D(2025, 7, 9), title="All-day on the window's last day")
    make_deadline(cast.case, D(2025, 7, 1), title="Overdue")
    make_deadline(cast.case, D(2025, 7, 26), title="Done in 20 days", done_at=NOW)
    make_deadline(cast.outsider_case, D(2025, 7, 16), title="Theirs in 10 days")
    hidden = CaseFactory(person=PersonFactory(organisation=cast.organisation), restricted=True)
    make_deadline(hidden, D(2025, 7, 17), title="Restricted in 11 days")


LATER = ["Timed just after the window", "All-day in 10 days", "BIA bond appeal in 10 days"]
LATER += ["Brief in 40 days"]


def test_later_shows_deadlines_after_the_window_soonest_first(cast: Cast) -> None:
    _after_the_window(cast)
    with time_machine.travel(NOW, tick=False):
        page = signed_in(cast.attorney).get("/deadlines/")
    assert _titles(page.context["later"]) == LATER
    assert page.context["later_total"] == "4" and not page.context["later_cut"]
    # The other lists keep what they had; the window's last day is still "upcoming".
    assert _titles(page.context["overdue"]) == ["Overdue"]
    assert _titles(page.context["upcoming"]) == ["All-day on the window's last day"]
    html = page.content.decode()
    assert '<section class="card" id="later">' in html and "BIA bond appeal in 10 days" in html
    assert html.index('id="upcoming"') < html.index('id="later"') < html.index('id="calendar"')
    assert "Done in 20 days" not in html


def test_later_keeps_to_the_access_gate(cast: Cast) -> None:
    _after_the_window(cast)
    with time_machine.travel(NOW, tick=False):
        attorney = signed_in(cast.attorney).get("/deadlines/")
        admin = signed_in(cast.admin).get("/deadlines/")
        outsider = signed_in(cast.outsider).get("/deadlines/")
    assert "Theirs in 10 days" not in attorney.content.decode()
    assert "Restricted in 11 days" not in attorney.content.decode()
    assert _titles(admin.context["later"]) == [*LATER[:3], "Restricted in 11 days", LATER[3]]
    assert _titles(outsider.context["later"]) == ["Theirs in 10 days"]
    assert outsider.context["later_total"] == "1"


def test_later_is_empty_when_nothing_comes_after_the_window(cast: Cast) -> None:
    make_deadline(cast.case, D(2025, 7, 7), title="Tomorrow")
    with time_machine.travel(NOW, tick=False):
        page = signed_in(cast.attorney).get("/deadlines/")
    assert page.context["later"] == [] and page.context["later_total"] == "0"
    assert "Nothing due after the next 72 hours." in page.content.decode()


def _later(cast: Cast, count: int) -> None:
    Deadline.objects.bulk_create(
        Deadline(
            case=cast.case, title=f"Later {n:03}", due_on=D(2025, 8, 1) + datetime.timedelta(n)
        )
        for n in range(count)
    )


def test_show_more_pages_the_later_list_up_to_the_cap(cast: Cast) -> None:
    _later(cast, DASHBOARD_ROWS + 5)
    client = signed_in(cast.attorney)
    with time_machine.travel(NOW, tick=False):
        first = client.get("/deadlines/")
        html = first.content.decode()
        assert _titles(first.context["later"]) == [f"Later {n:03}" for n in range(DASHBOARD_ROWS)]
        assert f"The {DASHBOARD_ROWS} soonest of {DASHBOARD_ROWS + 5} are shown." in html
        assert 'href="?later=2#later"' in html and 'hx-select="#later"' in html
        second = client.get("/deadlines/", {"later": "2"})
        assert len(second.context["later"]) == DASHBOARD_ROWS + 5
        assert second.context["later_more"] is None and "Show more" not in second.content.decode()
        assert len(client.get("/deadlines/", {"later": "x"}).context["later"]) == DASHBOARD_ROWS


def test_the_later_count_stops_at_the_cap(cast: Cast) -> None:
    _later(cast, COUNT_CAP + 5)
    with time_machine.travel(NOW, tick=False):
        page = signed_in(cast.attorney).get("/deadlines/", {"later": "99"})
    assert page.context["later_total"] == f"{COUNT_CAP}+"
    assert len(page.context["later"]) == COUNT_CAP and page.context["later_more"] is None


def test_later_is_in_the_same_statement_and_only_when_asked(cast: Cast) -> None:
    _after_the_window(cast)
    with timezone.override(ZONE):
        with CaptureQueriesContext(connection) as queries:
            board = deadline_dashboard(
                cast.attorney, now=NOW, limit=2, fields=("title",), later=True
            )
            without = deadline_dashboard(cast.attorney, now=NOW, limit=2, fields=("title",))
        every = deadline_dashboard(cast.attorney, now=NOW, fields=("title",), later=True)
    assert _titles(board.later) == LATER[:2] and board.later_total == 4 and board.later_more
    assert _titles(every.later) == LATER and every.later_total == 4
    # The home page and the digest do not ask: their lists and statement are as before.
    assert without.later == [] and without.later_total == 0 and not without.later_more
    assert _titles(without.upcoming) == _titles(board.upcoming)
    read = [q["sql"] for q in queries.captured_queries if "deadlines_deadline" in q["sql"]]
    # One statement each: six halves' rows and counts (11 joins), or the window's four (7).
    assert len(read) == 2
    assert read[0].count("UNION ALL") == 11 and read[1].count("UNION ALL") == 7


@pytest.mark.parametrize(
    ("language", "heading", "empty"),
    [
        ("es", "Más adelante", "Nada vence después de las próximas 72 horas."),
        ("ar", "لاحقًا", "لا شيء مستحق بعد الـ72 ساعة القادمة."),
    ],
)
def test_the_later_list_speaks_the_readers_language(
    cast: Cast, language: str, heading: str, empty: str
) -> None:
    with time_machine.travel(NOW, tick=False):
        page = signed_in(cast.attorney).get("/deadlines/", headers={"accept-language": language})
    html = page.content.decode()
    assert f"<h2>{heading} <span" in html and empty in html
