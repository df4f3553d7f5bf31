"""A page of a search by a common word reads only the newest matches (SQLite keys each case
document in the list's order, newest opening day first; PostgreSQL skips the probe the planner
expects to fail): every page must still be the page of all the matches, and the keys must follow
every write."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from amparo.accounts.models import Membership, User
from amparo.cases.models import Case, Note
from amparo.cases.selectors import case_list, case_list_page, case_list_rows
from amparo.conftest import Cast
from amparo.factories import CaseFactory, MembershipFactory, PersonFactory
from amparo.search import bulk, query, schema
from amparo.search.rebuild import search_rebuild

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'")
DAY = datetime.date(2026, 3, 1)


def _case(cast: Cast, days: int, body: str = "Inhaler refused at intake", **fields: object) -> Case:
    fields.setdefault("organisation", cast.organisation)
    fields.setdefault("person", PersonFactory(organisation=fields["organisation"]))
    case = CaseFactory(opened_on=DAY + datetime.timedelta(days=days), **fields)
    if body:
        Note.objects.create(case=case, body=body, privileged=False)
    return case


def _every_page(user: User, q: str, size: int, status: str | None = None) -> list[Case]:
    """The pages behind each other's cursors, joined."""
    seen: list[Case] = []
    cursor = None
    while True:
        page = case_list_page(user, query=q, status=status, cursor=cursor, size=size)
        seen += page.items
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


@pytest.fixture
def many(cast: Cast) -> list[Case]:
    """Matching cases over twelve days, several a day, some the paralegal may not see (restricted
    to their team), some on hold, and cases that do not match among them."""
    made = []
    for n in range(30):
        made.append(
            _case(
                cast,
                n % 12,
                body="Inhaler refused" if n % 4 else "Interpreter needed",
                restricted=n % 5 == 0,
                status=Case.Status.ON_HOLD if n % 3 == 0 else Case.Status.ACTIVE,
            )
        )
    return made


@pytest.mark.parametrize(("candidates", "size"), [(0, 2), (1, 1), (3, 2), (7, 5), (1000, 5)])
def test_every_page_of_a_search_is_the_page_of_all_its_matches(
    cast: Cast, many: list[Case], monkeypatch: pytest.MonkeyPatch, candidates: int, size: int
) -> None:
    monkeypatch.setattr(query, "CANDIDATES", candidates)
    for user in (cast.attorney, cast.paralegal, cast.advocate):
        for status in (None, Case.Status.ACTIVE):
            for q in ("inh", "interpreter refused", "interpreter", "zzzzqqq"):
                expected = list(case_list(user, query=q, status=status))
                assert _every_page(user, q, size, status) == expected, (user, q, status)


def test_the_page_of_rows_is_the_page_of_cases(
    cast: Cast, many: list[Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "CANDIDATES", 2)
    page = case_list_page(cast.paralegal, query="inhaler", size=3)
    rows = case_list_rows(cast.paralegal, query="inhaler", size=3)
    assert [row["id"] for row in rows.items] == [case.pk for case in page.items]
    assert rows.next_cursor == page.next_cursor


def test_a_page_the_gate_leaves_short_is_filled_from_older_matches(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The three newest matching documents are of cases the paralegal may not see: the newest
    # read alone would give an empty page.
    monkeypatch.setattr(query, "CANDIDATES", 2)
    for days in (10, 11, 12):
        _case(cast, days, restricted=True)
    older = [_case(cast, days) for days in (3, 2, 1)]
    page = case_list_page(cast.paralegal, query="inhaler", size=2)
    assert page.items == older[:2]
    rest = case_list_page(cast.paralegal, query="inhaler", size=2, cursor=page.next_cursor)
    assert rest.items == older[2:]
    assert rest.next_cursor is None


def test_a_search_in_organisations_with_different_roles_reads_privileged_words_only_where_allowed(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The attorney is also an advocate of the other organisation: its privileged notes are not
    # searched for them, the public ones are.
    MembershipFactory(organisation=cast.other_organisation, role=Membership.Role.ADVOCATE,
                      user=cast.attorney)  # fmt: skip
    monkeypatch.setattr(query, "CANDIDATES", 1)
    mine = _case(cast, 5, body="")
    Note.objects.create(case=mine, body="Inhaler strategy", privileged=True)
    theirs_public = _case(cast, 6, organisation=cast.other_organisation)
    theirs_privileged = _case(cast, 7, body="", organisation=cast.other_organisation)
    Note.objects.create(case=theirs_privileged, body="Inhaler strategy", privileged=True)
    mine_public = [_case(cast, days) for days in (4, 3)]
    expected = [theirs_public, mine, *mine_public]
    assert list(case_list(cast.attorney, query="inhaler")) == expected
    assert _every_page(cast.attorney, "inhaler", 1) == expected
    assert _every_page(cast.attorney, "inhaler", 2) == expected


def test_a_case_whose_opening_day_changes_is_found_in_its_new_place(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read 3 newest documents: were the moved case's document still keyed by its old day, the
    # page would hold the next newest case instead of it.
    monkeypatch.setattr(query, "CANDIDATES", 2)
    moved = _case(cast, 0)
    others = [_case(cast, days) for days in (6, 5, 4, 3)]
    moved.opened_on = DAY + datetime.timedelta(days=30)
    moved.save()
    page = case_list_page(cast.attorney, query="inhaler", size=1)
    assert page.items == [moved]
    assert _every_page(cast.attorney, "inhaler", 2) == [moved, *others]


@contextmanager
def _statements(captured: list[str]) -> Iterator[None]:
    """The SQL of every statement run meanwhile, into `captured`."""

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield


def _misplaced() -> list[tuple[int, int | None]]:
    """Documents not keyed as schema.sqlite_document_key says for their case (or of no case),
    and cases with notes or statements but no document."""
    key = schema.sqlite_document_key("c")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.rowid, {key} FROM search_case_document d LEFT JOIN cases_case c "
            f"ON c.rowid = d.{schema.CASE_OF_KEY} WHERE c.rowid IS NULL OR d.rowid != {key} "
            f"UNION ALL SELECT NULL, {key} FROM cases_case c WHERE c.id IN "
            "(SELECT case_id FROM cases_note UNION SELECT case_id FROM advocacy_statement) "
            f"AND {key} NOT IN (SELECT rowid FROM search_case_document)"
        )
        return cursor.fetchall()


def _documents() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_case_document")
        return int(cursor.fetchone()[0])


@pytest.fixture
def keys_checked() -> Iterator[None]:
    assert _misplaced() == []
    yield
    assert _misplaced() == []


@sqlite_only
def test_the_document_keys_follow_notes_opening_days_and_deleted_cases(
    cast: Cast, keys_checked: None
) -> None:
    case = _case(cast, 1)
    note = Note.objects.create(case=cast.case, body="Asthma", privileged=False)
    assert _misplaced() == []
    case.opened_on = DAY - datetime.timedelta(days=400)
    case.save()
    case.title = "Renamed"
    case.save()  # the same opening day: the document stays where it is
    assert _misplaced() == []
    assert list(case_list(cast.attorney, query="inhaler")) == [case]
    note.delete()
    Note.objects.filter(case=case).delete()  # a case's notes protect it
    assert list(case_list(cast.attorney, query="inhaler")) == []
    case.delete()
    assert _misplaced() == []
    assert list(case_list(cast.attorney, query="inhaler")) == []


@sqlite_only
def test_bulk_writes_and_rebuild_key_the_documents_newest_first(
    cast: Cast, keys_checked: None
) -> None:
    with bulk.bulk_load() as catch_up:
        _case(cast, 2)
        catch_up()
    assert _misplaced() == []
    with bulk.indexed_by_id(["cases_note"]) as index:
        case = CaseFactory(organisation=cast.organisation, person=PersonFactory(
            organisation=cast.organisation), opened_on=DAY)  # fmt: skip
        note = Note.objects.create(case=case, body="Inhaler given", privileged=False)
        index("cases_note", [note.pk.hex])
    assert _misplaced() == []
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_case_document")
    search_rebuild()
    assert _misplaced() == []
    assert len(case_list(cast.attorney, query="inhaler")) == 2


@sqlite_only
def test_a_common_word_reads_the_newest_documents_not_every_match(
    cast: Cast, many: list[Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "CANDIDATES", 10)
    captured: list[str] = []
    with _statements(captured):
        page = case_list_page(cast.attorney, query="inhaler", size=2)
    assert page.items == list(case_list(cast.attorney, query="inhaler"))[:2]
    newest = [sql for sql in captured if "ORDER BY d.rowid LIMIT 11" in sql]
    assert len(newest) == 1
    # The page's own query looks cases up in the few documents read, not in every match.
    assert not [sql for sql in captured if "search_case_document" in sql and "cases_case" in sql]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_word_the_planner_expects_in_many_documents_is_not_probed(
    cast: Cast, many: list[Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = list(case_list(cast.attorney, query="inhaler"))  # probed: under CANDIDATES
    # The planner expects at least one matching document (on 30 rows it guesses 1): more
    # than CANDIDATES.
    monkeypatch.setattr(query, "CANDIDATES", 0)
    captured: list[str] = []
    with _statements(captured):
        found = list(case_list(cast.attorney, query="inhaler"))
    assert found == expected
    assert len(found) > 3
    assert [sql for sql in captured if sql.startswith("EXPLAIN")]
    assert not [sql for sql in captured if "UNION ALL" in sql]
