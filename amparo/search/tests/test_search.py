"""The one search, on SQLite (FTS5) and PostgreSQL (pg_trgm + unaccent): the same answers."""

from __future__ import annotations

import pytest

from amparo.cases.models import Note
from amparo.cases.selectors import case_list
from amparo.conftest import Cast
from amparo.custody.models import Facility
from amparo.factories import CaseFactory, PersonFactory, PlacementFactory
from amparo.people.models import Person
from amparo.search import query

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["few matches", "many matches"])
def matches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test both ways: a rare match loads its cases by id, a common one (more than
    CANDIDATES) asks each case in list order; the answers must be the same."""
    if request.param == "many matches":
        monkeypatch.setattr(query, "CANDIDATES", 0)


@pytest.fixture
def tomas(cast: Cast) -> CaseFactory:
    # The standing cast's clients get random names; none may look like the one searched for.
    Person.objects.filter(organisation=cast.organisation).update(
        given_name="Ana", family_name="Quispe", aliases=[]
    )
    person = PersonFactory(
        organisation=cast.organisation,
        given_name="Tomás",
        family_name="Herrera Lindqvist",
        a_number="099123456",
        aliases=["Tomas Lindqvist-Herrera"],
    )
    return CaseFactory(person=person, title="Custody — T. H.")


@pytest.mark.parametrize(
    "typed",
    [
        "Tomas Herrera",  # no accent
        "TOMÁS",
        "herrera tomás",  # any word order
        "Lindquist",  # misspelled family name
        "lindqvist herrera",
        "Lindqvist-Herrera",  # an alias
        "Herr",  # the start of a name
    ],
)
def test_finds_a_client_by_name_however_typed(cast: Cast, tomas: CaseFactory, typed: str) -> None:
    assert list(case_list(cast.attorney, query=typed)) == [tomas], typed


@pytest.mark.parametrize("typed", ["A-099-123-456", "A099123456", "99123456", "A 099 123 456"])
def test_finds_an_a_number_in_any_spelling(cast: Cast, tomas: CaseFactory, typed: str) -> None:
    assert list(case_list(cast.attorney, query=typed)) == [tomas]


def test_a_masked_role_cannot_confirm_an_a_number(cast: Cast, tomas: CaseFactory) -> None:
    assert list(case_list(cast.advocate, query="A-099-123-456")) == []
    assert list(case_list(cast.advocate, query="Lindqvist")) == [tomas]


def test_other_organisations_never_appear(cast: Cast, tomas: CaseFactory) -> None:
    assert list(case_list(cast.outsider, query="Lindqvist")) == []
    assert list(case_list(cast.outsider, query="A099123456")) == []


def test_notes_are_searched_privileged_ones_only_for_those_who_may_read_them(
    cast: Cast, tomas: CaseFactory
) -> None:
    Note.objects.create(case=tomas, body="Needs an inhaler for asthma", privileged=False)
    Note.objects.create(case=cast.case, body="Strategy: the asthma argument", privileged=True)
    assert set(case_list(cast.attorney, query="asthma")) == {tomas, cast.case}
    assert list(case_list(cast.advocate, query="asthma")) == [tomas]


def test_a_note_edited_or_deleted_is_searched_as_it_is_now(cast: Cast, tomas: CaseFactory) -> None:
    note = Note.objects.create(case=tomas, body="Interpreter for Mam needed", privileged=False)
    assert list(case_list(cast.attorney, query="interpreter")) == [tomas]
    note.body = "Family visit on Sunday"
    note.save()
    assert list(case_list(cast.attorney, query="interpreter")) == []
    assert list(case_list(cast.attorney, query="sunday")) == [tomas]


def test_finds_cases_by_the_facility_where_the_client_is_held(
    cast: Cast, tomas: CaseFactory
) -> None:
    facility = Facility.objects.filter(name__icontains="CENTRAL LOUISIANA").first()
    assert facility is not None
    PlacementFactory(case=tomas, facility=facility)
    assert list(case_list(cast.attorney, query="central louisiana")) == [tomas]


def test_nothing_typed_but_punctuation_finds_nothing(cast: Cast, tomas: CaseFactory) -> None:
    assert list(case_list(cast.attorney, query="-- ' \"")) == []


def test_a_word_in_many_notes_lists_its_cases_newest_first(cast: Cast, tomas: CaseFactory) -> None:
    Note.objects.create(case=tomas, body="Inhaler refused at intake", privileged=False)
    Note.objects.create(case=cast.case, body="Inhaler refused at intake", privileged=False)
    Note.objects.create(case=tomas, body="Inhaler given back", privileged=False)
    expected = list(case_list(cast.attorney).filter(pk__in=[tomas.pk, cast.case.pk]))
    assert list(case_list(cast.attorney, query="inhaler")) == expected


def test_a_word_in_several_notes_of_a_case_still_finds_every_case(
    cast: Cast, tomas: CaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # More matching rows than CANDIDATES but fewer distinct cases: the rows decide, or the
    # list would hold only the cases of the first rows read.
    monkeypatch.setattr(query, "CANDIDATES", 2)
    for _ in range(3):
        Note.objects.create(case=tomas, body="Inhaler refused", privileged=False)
    Note.objects.create(case=cast.case, body="Inhaler given", privileged=False)
    assert set(case_list(cast.attorney, query="inhaler")) == {tomas, cast.case}


def test_a_note_word_lists_the_newest_cases_first_and_stops_at_the_page(cast: Cast) -> None:
    import datetime

    from amparo.cases.selectors import case_list_page

    made = []
    for day in range(5):
        case = CaseFactory(
            organisation=cast.organisation, opened_on=datetime.date(2026, 1, 1 + day)
        )
        Note.objects.create(case=case, body="Inhaler taken at intake", privileged=False)
        made.append(case)
    page = case_list_page(cast.attorney, query="inhaler", size=2)
    assert page.items == [made[4], made[3]]
    rest = case_list_page(cast.attorney, query="inhaler", size=10, cursor=page.next_cursor)
    assert rest.items == [made[2], made[1], made[0]]


def test_privileged_words_never_combine_into_a_match_for_a_role_that_may_not_read_them(
    cast: Cast, tomas: CaseFactory
) -> None:
    Note.objects.create(case=tomas, body="Asthma since childhood", privileged=False)
    Note.objects.create(case=tomas, body="Strategy for the hearing", privileged=True)
    assert list(case_list(cast.attorney, query="asthma strategy")) == [tomas]
    assert list(case_list(cast.advocate, query="asthma strategy")) == []
    assert list(case_list(cast.advocate, query="strategy")) == []


def test_the_case_document_follows_notes_added_edited_made_privileged_and_deleted(
    cast: Cast, tomas: CaseFactory
) -> None:
    from amparo.advocacy.models import Statement

    assert list(case_list(cast.advocate, query="interpreter")) == []
    note = Note.objects.create(case=tomas, body="Interpreter for Mam needed", privileged=False)
    assert list(case_list(cast.advocate, query="interpreter")) == [tomas]
    note.privileged = True
    note.save()
    assert list(case_list(cast.advocate, query="interpreter")) == []
    assert list(case_list(cast.attorney, query="interpreter")) == [tomas]
    note.delete()
    assert list(case_list(cast.attorney, query="interpreter")) == []
    Statement.objects.create(
        case=tomas, author_kind="agency", author_name="ICE", kind="declined-to-comment",
        said_at=tomas.created_at, text="Declined to comment on the transfer",
    )  # fmt: skip
    assert list(case_list(cast.advocate, query="transfer")) == [tomas]
    Statement.objects.filter(case=tomas).delete()
    assert list(case_list(cast.advocate, query="transfer")) == []
