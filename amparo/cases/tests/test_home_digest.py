"""The home page is a digest: each section shows its 10 most pressing rows, says how many there
are (exact up to the section's cap of 50, then "50+") and offers "Show more", which shows the
rest of that section in place (htmx) or as a plain link. No lost client is hidden silently, and
`GET /api/v1/dashboard` keeps every section's 50 rows."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine

from amparo.cases.models import Case, LocatorCheck
from amparo.cases.tests.test_home_board import HOUR, NOW, _case, decided, held_before
from amparo.conftest import Cast, api_client_for, page_queries, signed_in
from amparo.custody.models import Placement
from amparo.factories import FacilityFactory

pytestmark = pytest.mark.django_db


def _decisions(cast: Cast, count: int) -> None:
    with time_machine.travel(NOW, tick=False):
        for n in range(count):
            decided(_case(cast, f"d{n}"), NOW - datetime.timedelta(minutes=n + 1))


def _page(cast: Cast, query: str = "", **headers: str) -> str:
    with time_machine.travel(NOW, tick=False):
        response = signed_in(cast.attorney).get("/" + query, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, section_id: str) -> str:
    found = re.search(rf'<section[^>]* id="{section_id}".*?</section>', page, re.S)
    assert found, section_id
    return found.group(0)


def _clients(section: str) -> list[str]:
    return re.findall(r'class="client"[^>]*>([^<]+)</a>', section)


def _count(section: str) -> str:
    found = re.search(r'<span class="count">([^<]+)</span>', section)
    assert found
    return found.group(1)


def test_a_section_shows_its_ten_most_pressing_rows_and_says_there_are_more(cast: Cast) -> None:
    _decisions(cast, 12)
    decisions = _section(_page(cast), "decisions")
    assert _clients(decisions) == [f"d{n} Test" for n in range(10)]  # newest first
    assert _count(decisions) == "12"
    assert 'href="?more=decisions#decisions"' in decisions
    assert 'hx-get="?more=decisions"' in decisions and 'hx-select="#decisions"' in decisions


def test_show_more_shows_the_rest_of_that_section_only(cast: Cast) -> None:
    _decisions(cast, 12)
    for headers in ({}, {"HX-Request": "true"}):  # the plain link, and htmx's request
        page = _page(cast, "?more=decisions", **headers)
        decisions = _section(page, "decisions")
        assert _clients(decisions) == [f"d{n} Test" for n in range(12)]
        assert "more=decisions" not in decisions
    # "Mine" is kept by the link.
    Case.objects.update(lead_attorney=cast.attorney)
    assert 'href="?mine=1&amp;more=decisions#decisions"' in _page(cast, "?mine=1")


def test_past_its_cap_a_section_says_50_plus_and_shows_50(cast: Cast) -> None:
    _decisions(cast, 52)
    assert _count(_section(_page(cast), "decisions")) == "50+"
    decisions = _section(_page(cast, "?more=decisions"), "decisions")
    assert len(_clients(decisions)) == 50 and _count(decisions) == "50+"
    # The API keeps its 50 rows a section.
    with time_machine.travel(NOW, tick=False):
        board = api_client_for(cast.attorney).get("/api/v1/dashboard").json()
    assert len(board["decisions"]) == 50 and "capped" not in board


def test_lost_clients_past_the_first_ten_are_counted_and_shown_on_show_more(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        facility = FacilityFactory()
        # More placements of the day than the section's cap, all newer than the lost clients.
        for minutes in range(55):
            case = _case(cast, f"p{minutes}")
            held_before(case, until=NOW - datetime.timedelta(days=1))  # each one a transfer
            placement = Placement.objects.create(
                case=case,
                facility=facility,
                started_at=NOW - datetime.timedelta(days=1),
                observed_at=NOW,
                source=Placement.Source.LOCATOR,
            )
            at = NOW - datetime.timedelta(minutes=minutes)
            Placement.objects.filter(pk=placement.pk).update(created_at=at)
        for n in range(3):
            lost = _case(cast, f"lost{n}", location_unknown_since=NOW - 72 * HOUR)
            LocatorCheck.objects.create(
                case=lost, checked_at=NOW - 30 * HOUR, result=LocatorCheck.Result.NOT_FOUND
            )
    custody = _section(_page(cast), "custody-changes")
    assert len(_clients(custody)) == 10
    assert _count(custody) == "53+"  # 50 placements (the cap) and the 3 lost clients
    assert "clients whose location is unknown (3)" in custody
    custody = _section(_page(cast, "?more=custody-changes"), "custody-changes")
    shown = _clients(custody)
    assert len(shown) == 53 and {"lost0 Test", "lost1 Test", "lost2 Test"} <= set(shown)
    assert Case.objects.filter(location_unknown_since__isnull=False).count() == 3


def test_show_more_asks_as_many_queries_as_the_digest(cast: Cast) -> None:
    _decisions(cast, 12)
    with time_machine.travel(NOW, tick=False):
        assert page_queries(cast.attorney, "/?more=decisions") == page_queries(cast.attorney, "/")
