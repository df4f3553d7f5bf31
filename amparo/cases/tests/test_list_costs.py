"""The case list, its searches and `GET /api/v1/cases` make the same queries however many cases
there are, and read each page as values without changing what a page holds."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from amparo.cases.models import Note
from amparo.cases.selectors import case_list_page, case_list_rows
from amparo.conftest import Cast, api_client_for, page_queries
from amparo.factories import CaseFactory, PersonFactory, PlacementFactory
from amparo.people.models import Person
from amparo.search import query

pytestmark = pytest.mark.django_db

PAGES = [
    "/cases/",
    "/cases/?status=active",
    "/cases/?q=Tom%C3%A1s+Herrera+Lindqvist",
    "/cases/?q=Lindquist",
    "/cases/?q=A-099-123-456",
    "/cases/?q=inhaler",
    "/api/v1/cases",
    "/api/v1/cases?q=inhaler",
]


@pytest.fixture(params=["few matches", "many matches"])
def matches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rare match loads its cases by id, a common one walks the cases in list order."""
    if request.param == "many matches":
        monkeypatch.setattr(query, "CANDIDATES", 0)


def _tomas(cast: Cast) -> object:
    Person.objects.filter(organisation=cast.organisation).update(
        given_name="Ana", family_name="Quispe", aliases=[]
    )
    person = PersonFactory(
        organisation=cast.organisation,
        given_name="Tomás",
        family_name="Herrera Lindqvist",
        a_number="099123456",
    )
    case = CaseFactory(person=person, opened_on=datetime.date(2020, 1, 1))
    Note.objects.create(case=case, body="Inhaler refused at intake", privileged=False)
    return case


def _grow(cast: Cast, count: int) -> None:
    for n in range(count):
        case = CaseFactory(
            person=PersonFactory(organisation=cast.organisation, given_name="Ana"),
            opened_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 7),
        )
        PlacementFactory(case=case)
        Note.objects.create(case=case, body=f"Inhaler given, call {n}", privileged=n % 2 == 0)


def _queries(client: Client, url: str) -> int:
    client.get(url)  # the first request fills per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_list_search_and_api_pages_cost_the_same_queries_as_the_caseload_grows(
    cast: Cast, matches: None
) -> None:
    tomas = _tomas(cast)
    _grow(cast, 3)
    html, api = Client(), api_client_for(cast.attorney)
    html.force_login(cast.attorney)
    few = {url: _queries(api if "/api/" in url else html, url) for url in PAGES}
    _grow(cast, 60)  # more than a page of cases, and of notes with the word
    many = {url: _queries(api if "/api/" in url else html, url) for url in PAGES}
    assert many == few
    # Still found among many: the name as typed, misspelled, and the A-number.
    for typed in ("Tomás Herrera Lindqvist", "Lindquist", "A-099-123-456"):
        page = case_list_rows(cast.attorney, query=typed)
        assert [row["id"] for row in page.items] == [tomas.pk], typed  # type: ignore[attr-defined]


@pytest.mark.parametrize("status,typed", [(None, None), ("active", None), (None, "inhaler")])
def test_a_page_read_as_values_holds_the_same_cases_and_cursors(
    cast: Cast, matches: None, status: str | None, typed: str | None
) -> None:
    _tomas(cast)
    _grow(cast, 12)
    cursor, values_cursor = None, None
    while True:
        cases = case_list_page(cast.attorney, status=status, query=typed, cursor=cursor, size=5)
        rows = case_list_rows(
            cast.attorney, status=status, query=typed, cursor=values_cursor, size=5
        )
        assert [row["id"] for row in rows.items] == [case.pk for case in cases.items]
        assert rows.next_cursor == cases.next_cursor
        if cases.next_cursor is None:
            return
        cursor, values_cursor = cases.next_cursor, rows.next_cursor


def test_the_api_lists_a_case_as_it_shows_it_alone(cast: Cast) -> None:
    _grow(cast, 2)
    client = api_client_for(cast.advocate)
    listed = client.get("/api/v1/cases").json()["items"]
    assert listed
    for item in listed:
        assert client.get(f"/api/v1/cases/{item['id']}").json() == item


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL rightly scans a test-sized table"
)
def test_an_a_number_is_one_seek_of_the_organisations_index(cast: Cast) -> None:
    from amparo.cases.selectors import case_list

    _tomas(cast)
    sql, params = case_list(cast.attorney, query="A-099-123-456").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "person_a_number_unique_per_organisation" in plan, plan


def test_a_row_escapes_what_the_team_typed(cast: Cast) -> None:
    CaseFactory(
        person=PersonFactory(organisation=cast.organisation, given_name="<b>Ana</b>"),
        title='Custody & "bond"',
    )
    client = Client()
    client.force_login(cast.attorney)
    page = client.get("/cases/").content.decode()
    assert "&lt;b&gt;Ana&lt;/b&gt;" in page and "<b>Ana" not in page
    assert "Custody &amp; &quot;bond&quot;" in page


def test_the_list_and_the_api_list_read_their_page_in_two_queries(cast: Cast) -> None:
    """Every signed-in page reads the session, the user and the memberships (roles, time zones
    and the MFA requirement in one query, `core.middleware.memberships_of`); the list and the
    API list then read the page and its custody facts, one statement each."""
    _grow(cast, 3)
    assert page_queries(cast.attorney, "/cases/") == 5
    assert page_queries(cast.attorney, "/api/v1/cases") == 5
