"""How an import reads the rows a file may change: plain SELECTs whose values are those the ORM
gives (`Record.read`, `fast_loader`), each row read once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from amparo.cases.models import Case, Note
from amparo.core.bulk import Record
from amparo.custody.models import Placement
from amparo.exchange.import_reads import LOADED, last_of_each, loaded_matching, pairs_matching
from amparo.exchange.models import ExternalRecord
from amparo.exchange.services import cases_import
from amparo.exchange.tests.conftest import case_rows, csv_bytes
from amparo.people.models import Person, Relative
from amparo.relief.models import Decision, Request

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _import(cast: Any, data: bytes) -> Any:
    return cases_import(
        actor=cast.admin, organisation=cast.organisation, file_name="c.csv", data=data
    )[1]


def _as_orm_gives(model: Any) -> dict[Any, dict[str, Any]]:
    records = Record.load(model.objects.all(), LOADED[model])
    return {r.id: {name: getattr(r, name) for name in LOADED[model]} for r in records}


@pytest.mark.parametrize("model", list(LOADED))
def test_the_rows_read_for_matching_are_what_the_orm_reads(cast: Any, model: Any) -> None:
    """Every column an import compares, of every kind (ids, times, dates, JSON lists,
    booleans, None), the same value of the same type as the ORM's."""
    assert not _import(cast, (SAMPLES / "cases.csv").read_bytes()).problems
    rows = case_rows(5)
    assert not _import(cast, csv_bytes(rows)).problems
    rows[1][6:8] = ["Delaney Hall", "2026-03-01 10:30"]  # moved: a placement ends
    assert _import(cast, csv_bytes(rows)).count("updated") == 1
    wanted = _as_orm_gives(model)
    assert wanted
    found = loaded_matching(model, "id", list(wanted))
    got = {r.id: {name: getattr(r, name) for name in LOADED[model]} for r in found}
    assert got == wanted
    for pk, values in wanted.items():
        assert {n: type(v) for n, v in got[pk].items()} == {n: type(v) for n, v in values.items()}
    if model is Placement:
        assert {v["ended_at"] is None for v in wanted.values()} == {True, False}


def test_reads_keep_to_the_organisation_and_the_condition_given(cast: Any) -> None:
    assert not _import(cast, csv_bytes(case_rows(3))).problems
    a_numbers = [f"{300000000 + n:09d}" for n in range(3)]
    mine = loaded_matching(Person, "a_number", a_numbers, organisation=cast.organisation.id)
    assert {p.a_number for p in mine} == set(a_numbers)
    assert (
        loaded_matching(Person, "a_number", a_numbers, organisation=cast.other_organisation.id)
        == []
    )
    cases = list(ExternalRecord.objects.values_list("case_id", flat=True))
    assert len(loaded_matching(Placement, "case_id", cases, where="ended_at IS NULL")) == 3
    assert loaded_matching(Placement, "case_id", cases, where="ended_at IS NOT NULL") == []
    pairs = pairs_matching(ExternalRecord, ("external_id", "case_id"), "case_id", cases)
    assert sorted(pairs) == sorted(ExternalRecord.objects.values_list("external_id", "case_id"))
    assert pairs_matching(Note, ("case_id", "body"), "case_id", []) == []


def test_more_keys_than_one_statement_takes_are_all_read(cast: Any) -> None:
    """SQLite takes 900 keys a statement: 2,000 clients are read across three."""
    assert not _import(cast, csv_bytes(case_rows(2000))).problems
    a_numbers = [f"{300000000 + n:09d}" for n in range(2000)]
    assert (
        len(loaded_matching(Person, "a_number", a_numbers, organisation=cast.organisation.id))
        == 2000
    )


def test_a_re_import_reads_each_case_and_client_once(cast: Any, monkeypatch: Any) -> None:
    """A case found by its external id and again through its client's A-number is read once,
    and so is its client."""
    rows = case_rows(4)
    assert not _import(cast, csv_bytes(rows)).problems
    read: list[tuple[Any, int]] = []
    original = Record.read.__func__  # type: ignore[attr-defined]

    def counting(cls: Any, model: Any, names: Any, sql: str, params: Any) -> Any:
        found = original(cls, model, names, sql, params)
        read.append((model, len(found)))
        return found

    monkeypatch.setattr(Record, "read", classmethod(counting))
    report = _import(cast, csv_bytes(rows))
    assert report.count("unchanged") == 4
    by_model: dict[Any, int] = {}
    for model, count in read:
        by_model[model] = by_model.get(model, 0) + count
    assert by_model[Person] == 4  # by A-number; not again by id
    assert by_model[ExternalRecord] == 4  # by external id; not again by case
    assert by_model.get(Relative, 0) == by_model.get(Request, 0) == 0
    assert by_model.get(Decision, 0) == 0


def test_a_row_read_twice_is_kept_once_where_it_last_appears() -> None:
    """The order ties of a sort by date are left in, as when both copies were kept."""
    a, b, c = (Record(Case, False, id=n) for n in range(3))
    a_again, c_again = Record(Case, False, id=0), Record(Case, False, id=2)
    kept = last_of_each([a, b, c, a_again, c_again])
    assert kept == [b, a_again, c_again]


def test_choices_are_read_in_the_language_active_when_the_file_is_checked() -> None:
    """The language is asked once per file (`values.one_language`), and only while it is read."""
    from django.utils import translation

    from amparo.exchange import values

    statuses: Any = Person.ImmigrationStatus.choices
    with translation.override("en"):
        english = values._spellings(statuses)
    with translation.override("es"):
        spanish = values._spellings(statuses)
        with values.one_language():
            assert values._LANGUAGE.get() == "es"
            with translation.override("en"):  # the file's language stays the one it began in
                assert values._spellings(statuses) is spanish
    assert values._LANGUAGE.get() is None
    with translation.override("en"):
        assert values._spellings(statuses) is english
    assert spanish is not english
