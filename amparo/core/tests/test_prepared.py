"""The statements every page runs with other values only are prepared on PostgreSQL
(`core.rawsql.statements_prepared`), planned once for any values, and nothing else is."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from amparo.cases.models import Note
from amparo.conftest import Cast, signed_in
from amparo.core.rawsql import prepared_cursor, statements_prepared

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="only PostgreSQL's statements are prepared here"
)


def _prepared() -> dict[str, tuple[int, int]]:
    """Each prepared statement's opening words: (generic plans, custom plans) it ran with."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        return {statement[:40]: (generic, custom) for statement, generic, custom in cursor}


def _page(content: bytes) -> str:
    """A page without what differs between two requests of it (the form tokens, the nonce)."""
    text = content.decode()
    text = re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", text)
    return re.sub(r'nonce="[^"]+"', "", text)


@on_postgresql
def test_the_case_page_and_the_list_run_their_statements_prepared_once_planned(
    cast: Cast,
) -> None:
    Note.objects.create(case=cast.case, body="Called the family")
    client = signed_in(cast.attorney)
    pages = [reverse("cases:detail", args=[cast.case.pk]), reverse("cases:list")]
    first = [_page(client.get(url).content) for url in pages]
    again = [_page(client.get(url).content) for url in pages]
    assert again == first  # a prepared statement answers as the statement did
    assert "Called the family" in first[0]
    prepared = _prepared()
    timeline = [plans for statement, plans in prepared.items() if "page_keys" in statement]
    assert timeline == [(2, 0)]  # planned once for any case, never per request
    listed = [plans for statement, plans in prepared.items() if "cases_case" in statement]
    assert listed and all(custom == 0 for _generic, custom in listed)


@on_postgresql
def test_nothing_else_is_prepared(cast: Cast) -> None:
    list(Note.objects.filter(case=cast.case))
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert _prepared() == {}
    with statements_prepared():
        list(Note.objects.filter(case=cast.case))
    assert len(_prepared()) == 1
    list(Note.objects.filter(case=cast.case).order_by("body"))  # outside again
    assert len(_prepared()) == 1


@on_postgresql
def test_a_prepared_statement_is_on_record_as_any_other(cast: Cast) -> None:
    with CaptureQueriesContext(connection) as captured, prepared_cursor() as cursor:
        cursor.execute("SELECT %s::text", ["on record"])
        assert cursor.fetchone() == ("on record",)
    assert [query["sql"] for query in captured.captured_queries] == ["SELECT 'on record'::text"]


@on_postgresql
@override_settings(AMPARO_PG_PREPARED=False)
def test_a_pooler_without_prepared_statements_can_turn_them_off(cast: Cast) -> None:
    client = signed_in(cast.attorney)
    for _ in range(2):
        assert client.get(reverse("cases:detail", args=[cast.case.pk])).status_code == 200
    assert _prepared() == {}


def test_sqlite_keeps_its_own_cursors(cast: Cast) -> None:
    """SQLite's driver keeps its last statements prepared by itself: the cursors stay
    Django's."""
    plain = type(connection.cursor().cursor)
    with statements_prepared():
        inside = type(connection.cursor().cursor)
    assert (inside is plain) is (connection.vendor != "postgresql")


def test_a_statement_the_log_cannot_compose_is_logged_as_it_was_run() -> None:
    from amparo.core.rawsql import _Composed

    class Broken:
        @property
        def connection(self) -> None:
            raise RuntimeError("closed")

    assert _Composed(Broken(), "SELECT %s", [1]).query == b"SELECT %s"
