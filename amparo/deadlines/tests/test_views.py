"""The deadlines dashboard: overdue, next-72-hours and later, only the user's organisation,
marking done through the same service as the API."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.test import Client

from amparo.conftest import Cast, signed_in
from amparo.deadlines.tests.helpers import make_deadline
from amparo.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date
NOW = datetime.datetime(2025, 7, 6, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))


def test_dashboard_splits_overdue_next_72_hours_and_later(
    cast: Cast,
    django_assert_num_queries: Any,
) -> None:
    make_deadline(cast.case, D(2025, 7, 3), title="Overdue traverse")
    make_deadline(cast.case, D(2025, 7, 9), title="Hearing in three days")
    make_deadline(cast.case, D(2025, 7, 10), title="Beyond the window")
    make_deadline(cast.case, D(2025, 7, 7), title="Done return", done_at=NOW)
    make_deadline(cast.outsider_case, D(2025, 7, 7), title="Other organisation")
    for _ in range(5):
        case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
        make_deadline(case, D(2025, 7, 8), title="Bulk")
    client = signed_in(cast.attorney)
    # Exactly as many as before the later list: it is read in the lists' one statement.
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(9):
        response = client.get("/deadlines/")
    assert response.status_code == 200
    board = response.context
    assert [r["title"] for r in board["overdue"]] == ["Overdue traverse"]
    assert [r["title"] for r in board["upcoming"]] == ["Bulk"] * 5 + ["Hearing in three days"]
    html = response.content.decode()
    assert [r["title"] for r in board["later"]] == ["Beyond the window"]
    assert "Other organisation" not in html and "Beyond the window" in html
    assert "Done return" not in html
    assert "Mark done" in html


def test_read_only_sees_the_dashboard_without_buttons_and_cannot_mark_done(cast: Cast) -> None:
    deadline = make_deadline(cast.case, D(2025, 7, 7), title="Return")
    client = signed_in(cast.read_only)
    with time_machine.travel(NOW, tick=False):
        page = client.get("/deadlines/")
        assert "Return" in page.content.decode() and "Mark done" not in page.content.decode()
        assert client.post(f"/deadlines/{deadline.pk}/done/").status_code == 404
    deadline.refresh_from_db()
    assert deadline.done_at is None


def test_outsider_cannot_mark_done(cast: Cast) -> None:
    deadline = make_deadline(cast.case, D(2025, 7, 7))
    assert signed_in(cast.outsider).post(f"/deadlines/{deadline.pk}/done/").status_code == 404
    deadline.refresh_from_db()
    assert deadline.done_at is None


def test_attorney_marks_done_and_returns_to_the_page(cast: Cast) -> None:
    deadline = make_deadline(cast.case, D(2025, 7, 7))
    response = signed_in(cast.attorney).post(
        f"/deadlines/{deadline.pk}/done/", {"next": "/deadlines/?mine=1"}
    )
    assert response.status_code == 302 and response["Location"] == "/deadlines/?mine=1"
    deadline.refresh_from_db()
    assert deadline.done_by == cast.attorney
    evil = signed_in(cast.attorney).post(
        f"/deadlines/{deadline.pk}/done/", {"next": "https://evil.example/"}
    )
    assert evil["Location"] == "/deadlines/"


def test_mine_shows_only_assigned_or_unassigned_on_my_cases(cast: Cast) -> None:
    cast.case.lead_attorney = cast.attorney
    cast.case.save(update_fields=["lead_attorney"])
    other = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    make_deadline(cast.case, D(2025, 7, 7), title="Unassigned on my case")
    make_deadline(cast.case, D(2025, 7, 7), title="Paralegal's", assignee=cast.paralegal)
    make_deadline(other, D(2025, 7, 7), title="Assigned to me", assignee=cast.attorney)
    make_deadline(other, D(2025, 7, 7), title="Unassigned elsewhere")
    with time_machine.travel(NOW, tick=False):
        response = signed_in(cast.attorney).get("/deadlines/", {"mine": "1"})
    titles = sorted(r["title"] for r in response.context["upcoming"])
    assert titles == ["Assigned to me", "Unassigned on my case"]


def test_dashboard_needs_sign_in(cast: Cast) -> None:
    response = Client().get("/deadlines/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
