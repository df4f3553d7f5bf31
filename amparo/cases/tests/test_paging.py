"""Paging: the case list and the timeline read one page at a time, in a constant number of
queries whatever the caseload or the size of the case."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.accounts.models import User
from amparo.cases.facts import fact_sheets
from amparo.cases.models import Note
from amparo.cases.panels import NOTES_SHOWN
from amparo.cases.selectors import case_list_page, case_timeline, case_timeline_page
from amparo.cases.tests.test_timeline import T0, _fill
from amparo.conftest import Cast, api_client_for, page_queries
from amparo.factories import CaseFactory, PersonFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def _cases(cast: Cast, count: int) -> None:
    for n in range(count):
        case = CaseFactory(
            person=PersonFactory(organisation=cast.organisation),
            opened_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 5),
        )
        PlacementFactory(case=case)


def _walk(cast: Cast, size: int) -> list[Any]:
    seen: list[Any] = []
    cursor = None
    while True:
        page = case_list_page(cast.attorney, cursor=cursor, size=size)
        seen += page.items
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


def test_pages_cover_every_case_once_newest_first(cast: Cast) -> None:
    _cases(cast, 11)
    seen = _walk(cast, 3)
    assert len(seen) == len(set(seen)) == 12
    opened = [c.opened_on for c in seen]
    assert opened == sorted(opened, reverse=True)


def _list_queries(cast: Cast) -> int:
    user = User.objects.get(pk=cast.attorney.pk)
    with CaptureQueriesContext(connection) as captured:
        page = case_list_page(user, size=5)
        assert len(fact_sheets(page.items)) == len(page.items) == 5
    return len(captured)


def test_a_list_page_costs_the_same_whatever_the_caseload(cast: Cast) -> None:
    _cases(cast, 6)
    few = _list_queries(cast)
    _cases(cast, 20)
    # The page, the member's roles, and the case facts of its rows (cases/facts.py).
    assert _list_queries(cast) == few <= 8


def test_api_pages_with_a_cursor_and_refuses_a_forged_one(cast: Cast) -> None:
    _cases(cast, 4)
    client = api_client_for(cast.attorney)
    first = client.get("/api/v1/cases?limit=3").json()
    assert len(first["items"]) == 3 and first["next_cursor"]
    second = client.get(f"/api/v1/cases?limit=3&cursor={first['next_cursor']}").json()
    assert len(second["items"]) == 2 and second["next_cursor"] is None
    ids = {c["id"] for c in first["items"]} | {c["id"] for c in second["items"]}
    assert len(ids) == 5
    forged = client.get("/api/v1/cases?cursor=not-a-cursor")
    assert forged.status_code == 422
    assert "cursor" in forged.json()["error"]["fields"]
    assert client.get("/api/v1/cases?limit=1000").json()["error"]["fields"].keys() == {"limit"}


def test_list_page_offers_load_more(cast: Cast) -> None:
    _cases(cast, 60)
    client = Client()
    client.force_login(cast.attorney)
    page = client.get(reverse("cases:list")).content.decode()
    assert "Load more cases" in page and page.count('class="status status-') == 50
    cursor = page.split("cursor=")[1].split('"')[0]
    more = client.get(f"{reverse('cases:list')}?cursor={cursor}", HTTP_HX_REQUEST="true")
    assert more.content.decode().count('class="status status-') == 11


def _walk_timeline(user: User, cast: Cast, size: int) -> list[Any]:
    """Every page of the case's timeline, following its "Older" cursor."""
    seen: list[Any] = []
    cursor = None
    while True:
        page = case_timeline_page(user, cast.case, cursor=cursor, size=size)
        seen += page.items
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


def test_timeline_pages_newest_first_and_cover_everything_once(cast: Cast) -> None:
    _fill(cast, 3)
    everything = case_timeline(cast.attorney, cast.case)
    seen = _walk_timeline(cast.attorney, cast, size=4)
    assert sorted(seen, key=lambda i: i.key) == sorted(everything, key=lambda i: i.key)
    assert [i.key for i in seen] == sorted((i.key for i in seen), reverse=True)


def test_timeline_pages_for_an_advocate_leave_out_privileged_items_and_keep_ties(
    cast: Cast,
) -> None:
    _fill(cast, 2)
    Note.objects.bulk_create(  # ties: the same moment, paged by kind and id
        Note(case=cast.case, body=f"Tied {n}", privileged=n % 2 == 0) for n in range(9)
    )
    Note.objects.filter(body__startswith="Tied ").update(created_at=T0)
    everything = case_timeline(cast.advocate, cast.case)
    seen = _walk_timeline(cast.advocate, cast, size=3)
    assert not any(i.privileged for i in seen)
    assert sum(i.summary.startswith("Tied ") for i in seen) == 4
    assert sorted(seen, key=lambda i: i.key) == sorted(everything, key=lambda i: i.key)
    assert [i.key for i in seen] == sorted((i.key for i in seen), reverse=True)


def _timeline_queries(cast: Cast) -> int:
    user = User.objects.get(pk=cast.attorney.pk)
    with CaptureQueriesContext(connection) as captured:
        case_timeline_page(user, cast.case, size=10)
    return len(captured)


def test_a_timeline_page_costs_the_same_whatever_the_size_of_the_case(cast: Cast) -> None:
    _fill(cast, 1)
    small = _timeline_queries(cast)
    Note.objects.bulk_create(
        Note(case=cast.case, body=f"Note {n}", privileged=False) for n in range(120)
    )
    # The case's organisation, and one statement for the page's keys and its rows of every kind
    # with the client's life events (`timeline_sql.read_page`): bounded by neither the kinds nor
    # the size. Exact, so a query added to a page fails here.
    assert small == 2
    assert _timeline_queries(cast) == small


def test_case_page_shows_the_newest_items_and_loads_older(cast: Cast) -> None:
    Note.objects.bulk_create(
        Note(case=cast.case, body=f"Call log {n:03}", privileged=False) for n in range(70)
    )
    client = Client()
    client.force_login(cast.attorney)
    page = client.get(reverse("cases:detail", args=[cast.case.id])).content.decode()
    assert page.count("Call log") == 50
    older = page.split("timeline/?cursor=")[1].split('"')[0]
    rest = client.get(f"{reverse('cases:timeline', args=[cast.case.id])}?cursor={older}")
    assert rest.status_code == 200 and rest.content.decode().count("Call log") == 20


def _page_queries(cast: Cast, url: str) -> int:
    return page_queries(cast.attorney, url)


def test_the_case_list_page_makes_the_same_queries_whatever_the_caseload(cast: Cast) -> None:
    _cases(cast, 4)
    url = reverse("cases:list")
    few, filtered = _page_queries(cast, url), _page_queries(cast, f"{url}?status=active")
    _cases(cast, 60)  # more than a page
    assert _page_queries(cast, url) == few
    assert _page_queries(cast, f"{url}?status=active") == filtered


def test_the_case_page_makes_the_same_queries_as_the_case_and_the_caseload_grow(
    cast: Cast,
) -> None:
    _fill(cast, 1)  # one of every kind of timeline item: every reader runs already
    url = reverse("cases:detail", args=[cast.case.id])
    small = _page_queries(cast, url)
    Note.objects.bulk_create(
        Note(case=cast.case, body=f"Note {n}", privileged=n % 3 == 0) for n in range(300)
    )
    # Older than the rest, so that the first page still holds every kind: the count can then
    # only grow by work that grows with the case.
    older = T0 - datetime.timedelta(days=9)
    Note.objects.filter(body__startswith="Note ").update(created_at=older)
    _fill(cast, 3)
    _cases(cast, 30)  # the organisation's other cases, each held somewhere
    assert _page_queries(cast, url) == small
    # The sign-in (session, user, memberships), the case with its client (`case_for`), its
    # audit event (one INSERT that numbers itself), one fact query (where the client is held and
    # since when, and the open alerts: what is open and the team are not read,
    # `cases.facts_open.OpenFacts`), and the timeline's keys and rows of all 13 kinds with the life
    # events in one statement. Exact, so a query added to the page fails here.
    assert small == 7


def test_the_notes_panel_shows_the_newest_notes_whatever_the_case_holds(cast: Cast) -> None:
    url = reverse("cases:notes", args=[cast.case.id])
    Note.objects.bulk_create(
        Note(case=cast.case, body=f"Call {n:03}", privileged=False) for n in range(5)
    )
    few = _page_queries(cast, url)
    Note.objects.bulk_create(
        Note(case=cast.case, body=f"Call {n:03}", privileged=False) for n in range(5, 80)
    )
    Note.objects.filter(body="Call 000").update(pinned=True)  # the oldest, pinned: still shown
    assert _page_queries(cast, url) == few
    client = Client()
    client.force_login(cast.attorney)
    panel = client.get(url).content.decode()
    assert panel.count('class="note-body"') == NOTES_SHOWN
    assert "Call 000" in panel and "Call 079" in panel and "Call 010" not in panel
    assert "Show every note" in panel
    every = client.get(f"{url}?all=1").content.decode()  # an older note can still be edited
    assert every.count('class="note-body"') == 80 and "Call 010" in every
    assert "Show every note" not in every


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's waits for VACUUM"
)
def test_the_timeline_reads_a_long_case_s_newest_notes_and_statements_by_index(cast: Cast) -> None:
    from amparo.cases import timeline_sql

    window = timeline_sql.Window(cast.case, True, zoneinfo.ZoneInfo("UTC"))
    for kind, index in (
        ("note", "note_case_timeline_idx"),
        ("statement", "statement_case_timeline_idx"),
    ):
        sql, params = timeline_sql._arm(timeline_sql._KEY_SOURCE[kind], window, 51)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        # An index range scan in the page's order: no sort of every row of the case.
        assert index in plan and "TEMP B-TREE" not in plan, plan
