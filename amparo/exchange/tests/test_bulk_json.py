"""JSON columns written by the bulk writer (one ``COPY`` on PostgreSQL, each distinct value
dumped once) store what saving the model stores, escapes and repeats included."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.core.bulk import TableWriter
from amparo.core.ids import new_id
from amparo.people.models import Person

pytestmark = pytest.mark.django_db

AWKWARD = ["tab\there", "line\nbreak", "back\\slash", 'quote "q"', "Ñúñez ‏عربي", "\\N"]


def test_json_values_repeated_and_awkward_are_stored_as_given() -> None:
    organisation = Organisation.objects.create(name="Bulk JSON", slug="bulk-json")
    writer = TableWriter(Person, ["id", "organisation_id", "given_name", "family_name", "aliases"])
    shared: list[str] = []  # the same list on every row, as an import hands it out
    wanted = {}
    for n in range(5):
        pk = new_id()
        aliases = AWKWARD[: n + 1] if n % 2 else shared
        writer.add(pk, organisation.id, f"Given{n}", "Family", aliases)
        wanted[pk] = list(aliases)
    writer.add(new_id(), organisation.id, "Nested", "Family", [{"name": "x\ty", "n": 1}])
    writer.flush()

    stored = dict(Person.objects.filter(id__in=wanted).values_list("id", "aliases"))
    assert stored == wanted
    nested = Person.objects.get(organisation=organisation, given_name="Nested")
    assert nested.aliases == [{"name": "x\ty", "n": 1}]
    assert Person.objects.filter(organisation=organisation, languages=[]).count() == 6


def test_rows_by_name_are_the_rows_by_position_with_the_defaults_of_the_rest() -> None:
    """`add_row` (a mapping, any subset of the columns, in any order, with keys that are no
    column) gives the tuple `add` gives with each missing column's default."""
    organisation = Organisation.objects.create(name="Bulk rows", slug="bulk-rows")
    columns = ["id", "organisation_id", "given_name", "family_name", "languages", "version"]
    now = timezone.now()
    by_name, by_position = (TableWriter(Person, columns, now=now) for _ in range(2))
    version = Person._meta.get_field("version").get_default()
    languages = ["Mam", "Spanish"]
    whole = {
        "id": new_id(),
        "organisation_id": organisation.id,
        "given_name": "Ana",
        "family_name": "Tum",
        "languages": languages,
        "version": 3,
    }
    by_name.add_row(whole)
    by_position.add(*whole.values())
    pk = new_id()
    by_name.add_row({"family_name": "Soc", "_model": Person, "id": pk, "given_name": "Eva"})
    by_position.add(pk, None, "Eva", "Soc", [], version)
    pk = new_id()
    by_name.add_row({"id": pk})
    by_position.add(pk, None, "", "", [], version)
    assert _plain(by_name.pending) == _plain(by_position.pending)
    assert len({len(row) for row in by_name.pending}) == 1


def _plain(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows with each JSON value as its Python value (PostgreSQL's wrapper has no equality)."""
    return [tuple(getattr(value, "obj", value) for value in row) for row in rows]
