"""`amparo search rebuild` builds the search indexes again from the records."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from amparo.cases.models import Case, Note
from amparo.cases.selectors import case_list
from amparo.conftest import Cast
from amparo.factories import CaseFactory, PersonFactory
from amparo.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def _client(cast: Cast, given: str, family: str, note: str) -> Case:
    person = PersonFactory(organisation=cast.organisation, given_name=given, family_name=family)
    case = CaseFactory(person=person)
    Note.objects.create(case=case, body=note, privileged=False)
    return case


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_rebuild_refills_emptied_name_indexes(cast: Cast) -> None:
    """As after a copy that renumbers rows (a `.dump` read back, a VACUUM where SQLite cannot
    keep them): the name index no longer points at the right people."""
    Person.objects.filter(organisation=cast.organisation).update(
        given_name="Ana", family_name="Quispe"
    )
    wanted = _client(cast, "Odalys", "Berrospi", "needs her inhaler refilled")
    with connection.cursor() as cursor:
        for index in ("search_person", "search_case"):
            cursor.execute(f"INSERT INTO {index}({index}) VALUES ('delete-all')")
    assert list(case_list(cast.attorney, query="Berrospi")) == []

    call_command("search", "rebuild", stdout=StringIO())

    assert list(case_list(cast.attorney, query="Berrospi")) == [wanted]
    assert list(case_list(cast.attorney, query="Odalys Berospi")) == [wanted]  # misspelled


def test_rebuild_refills_emptied_case_documents(cast: Cast) -> None:
    wanted = _client(cast, "Odalys", "Berrospi", "needs her inhaler refilled")
    privileged = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    Note.objects.create(case=privileged, body="talked about the nebuliser", privileged=True)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_case_document")
    assert list(case_list(cast.attorney, query="inhaler")) == []

    call_command("search", "rebuild", stdout=StringIO())

    assert list(case_list(cast.attorney, query="inhaler")) == [wanted]
    assert list(case_list(cast.attorney, query="nebuliser")) == [privileged]
    # A role that may not read privileged notes still does not find the case by their words.
    assert list(case_list(cast.advocate, query="nebuliser")) == []
