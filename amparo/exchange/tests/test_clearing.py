"""A blank cell keeps what Amparo has; the marker ``(clear)`` empties an optional field."""

from __future__ import annotations

from typing import Any

import pytest

from amparo.cases.models import Case
from amparo.exchange.services import cases_import
from amparo.exchange.tests.conftest import csv_bytes
from amparo.people.models import Person, Relative

pytestmark = pytest.mark.django_db

HEADER = [
    "external_id",
    "given_name",
    "family_name",
    "a_number",
    "date_of_birth",
    "country_of_birth",
    "campaign",
    "relative_name",
    "relative_phone",
]


def _import(cast: Any, *row: str) -> dict[str, Any]:
    _run, report = cases_import(
        actor=cast.admin,
        organisation=cast.organisation,
        file_name="cases.csv",
        data=csv_bytes([list(row)], header=HEADER),
    )
    return report.as_dict()


def test_a_blank_cell_keeps_the_value_and_the_clear_marker_empties_it(cast: Any) -> None:
    first = _import(
        cast, "LS-1", "Ana", "Ruiz", "A098765432", "1990-01-02", "MX", "raid", "Eva", "2015550134"
    )
    assert first["added"] == 1, first["problems"]
    blank = _import(cast, "LS-1", "Ana", "Ruiz", "", "", "", "", "Eva", "")
    assert blank["unchanged"] == 1
    person = Person.objects.get(given_name="Ana", family_name="Ruiz")
    assert (person.a_number, str(person.date_of_birth), person.country_of_birth) == (
        "098765432",
        "1990-01-02",
        "MX",
    )
    cleared = _import(
        cast, "LS-1", "Ana", "Ruiz", "(clear)", "(Clear)", "(CLEAR)", "(clear)", "Eva", "(clear)"
    )
    assert cleared["updated"] == 1 and cleared["problems"] == []
    changed = cleared["outcomes"][0][2]
    assert {"person.a_number", "person.date_of_birth", "campaign", "relative"} <= set(changed)
    person.refresh_from_db()
    assert (person.a_number, person.date_of_birth, person.country_of_birth) == (None, None, "")
    assert Case.objects.get(person=person).campaign == ""
    assert Relative.objects.get(person=person).phone == ""
    assert _import(cast, "LS-1", "Ana", "Ruiz", "(clear)", "", "", "", "Eva", "")["unchanged"] == 1


def test_the_clear_marker_in_a_required_column_is_refused_by_row_and_column(cast: Any) -> None:
    people = Person.objects.count()  # the fixture's, whatever their names
    report = _import(cast, "LS-2", "(clear)", "Ruiz", "", "", "", "", "", "")
    assert report["problems"] == [
        {
            "row": 2,
            "column": "given_name",
            "reason": "this column cannot be cleared; leave it blank to keep it",
        },
        {"row": 2, "column": "given_name", "reason": "blank; this column is required"},
    ]
    assert Person.objects.count() == people
