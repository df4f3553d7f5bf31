"""JSON columns written by the bulk writer (one ``COPY`` on PostgreSQL, each distinct value
dumped once) store what saving the model stores, escapes and repeats included."""

from __future__ import annotations

import pytest

from amparo.accounts.models import Organisation
from amparo.core.bulk import TableWriter, new_id
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
