"""The words of clients' names that a misspelled name is matched against: kept in step with every
write (SQLite keeps them in a table of their own, name_words.NAME_WORDS)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

from amparo.cases.selectors import case_list
from amparo.conftest import Cast
from amparo.factories import CaseFactory, PersonFactory
from amparo.people.models import Person
from amparo.search import bulk, name_words
from amparo.search.rebuild import search_rebuild

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'")


@pytest.fixture
def index_vocabulary() -> Iterator[None]:
    """FTS5's own vocabulary of the name index, the table's reference (slow at scale, exact)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE VIRTUAL TABLE temp.name_index_words USING fts5vocab(main, search_person, 'row')"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE temp.name_index_words")


def _words_of_the_table() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term, people, length FROM {name_words.NAME_WORDS}")
        rows = cursor.fetchall()
    assert all(length == len(term) for term, _, length in rows)
    return {term: people for term, people, _ in rows}


def _words_of_the_index() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, doc FROM temp.name_index_words")
        return dict(cursor.fetchall())


@sqlite_only
def test_the_name_words_follow_clients_added_renamed_and_deleted(
    cast: Cast, index_vocabulary: None
) -> None:
    assert _words_of_the_table() == _words_of_the_index()
    tomas = PersonFactory(
        organisation=cast.organisation,
        given_name="Tomás",
        family_name="Herrera Lindqvist",
        aliases=["Tomas Lindqvist-Herrera"],
    )
    ana = PersonFactory(organisation=cast.organisation, given_name="Ana", family_name="Herrera")
    words = _words_of_the_table()
    assert words["lindqvist"] == 1 and words["tomas"] >= 1
    assert words == _words_of_the_index()

    ana.family_name = "Quispe Huamán"
    ana.save()
    tomas.immigration_status = Person.ImmigrationStatus.ASYLEE  # no name changed
    tomas.save()
    assert "huaman" in _words_of_the_table()
    assert _words_of_the_table() == _words_of_the_index()

    Person.objects.filter(pk=tomas.pk).delete()
    assert "lindqvist" not in _words_of_the_table()
    assert _words_of_the_table() == _words_of_the_index()


@sqlite_only
def test_bulk_writes_count_the_words_of_their_new_clients(
    cast: Cast, index_vocabulary: None
) -> None:
    with bulk.bulk_load() as catch_up:
        PersonFactory(organisation=cast.organisation, family_name="Berrospi Yupanqui")
        catch_up()
    assert _words_of_the_table()["yupanqui"] == 1
    with bulk.indexed_by_id(["people_person"]) as index:
        person = PersonFactory(organisation=cast.organisation, family_name="Ccori Yupanqui")
        index("people_person", [person.pk.hex])
    assert _words_of_the_table()["yupanqui"] == 2
    # The triggers are back: a client added now is counted by them.
    PersonFactory(organisation=cast.organisation, family_name="Yupanqui")
    assert _words_of_the_table() == _words_of_the_index()


@sqlite_only
def test_rebuild_counts_the_name_words_again(cast: Cast, index_vocabulary: None) -> None:
    PersonFactory(organisation=cast.organisation, family_name="Berrospi")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {name_words.NAME_WORDS}")
        cursor.execute(f"INSERT INTO {name_words.NAME_WORDS} VALUES (5, 'stale', 3)")

    search_rebuild()

    assert _words_of_the_table() == _words_of_the_index()
    assert "stale" not in _words_of_the_table()


def test_a_misspelled_name_follows_a_renamed_client(cast: Cast) -> None:
    Person.objects.filter(organisation=cast.organisation).update(
        given_name="Ana", family_name="Quispe", aliases=[]
    )
    person = PersonFactory(
        organisation=cast.organisation, given_name="Odalys", family_name="Berrospi"
    )
    case = CaseFactory(person=person, title="Custody")  # a title without the name
    assert list(case_list(cast.attorney, query="Berospi")) == [case]
    person.family_name = "Huamantica"
    person.save()
    assert list(case_list(cast.attorney, query="Berospi")) == []
    assert list(case_list(cast.attorney, query="Huamantika")) == [case]
