"""How an import writes: plain rows through the shared writer, the search index kept in step in
the same transaction, fresh random ids."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from amparo.cases.models import Case
from amparo.core.access import cases_visible_to
from amparo.core.ids import new_id
from amparo.exchange.services import cases_import
from amparo.exchange.tests.conftest import case_rows, csv_bytes
from amparo.search.query import cases_matching

pytestmark = pytest.mark.django_db(transaction=False)


def test_imported_clients_and_cases_are_found_by_search_at_once(cast: Any) -> None:
    rows = case_rows(3)
    rows[1][1], rows[1][2] = "Xóchitl", "Quetzalcóatl"  # accents folded by the index
    _run, report = cases_import(
        actor=cast.admin, organisation=cast.organisation, file_name="c.csv", data=csv_bytes(rows)
    )
    assert not report.problems and report.count("added") == 3
    visible = cases_visible_to(cast.admin)
    found = cases_matching(cast.admin, visible, "xochitl quetzalcoatl")
    assert [c.person.family_name for c in found] == ["Quetzalcóatl"]
    # (PostgreSQL's trigram match is fuzzy: Family0 may come too, after Family2.)
    assert "Given2 Family2" in {c.title for c in cases_matching(cast.admin, visible, "Family2")}


def test_a_refused_import_leaves_the_search_index_as_it_was(cast: Any) -> None:
    rows = case_rows(3)
    rows[2][4] = "Narnia"  # a bad country: nothing is written
    _run, report = cases_import(
        actor=cast.admin, organisation=cast.organisation, file_name="c.csv", data=csv_bytes(rows)
    )
    assert report.problems
    visible = cases_visible_to(cast.admin)
    assert not cases_matching(cast.admin, visible, "Given1 Family1").exists()
    # The index still follows ordinary writes afterwards (its triggers are back).
    good = case_rows(1, start=7)
    cases_import(
        actor=cast.admin, organisation=cast.organisation, file_name="c.csv", data=csv_bytes(good)
    )
    assert "Given7 Family7" in {c.title for c in cases_matching(cast.admin, visible, "Family7")}
    case = Case.objects.get(title="Given7 Family7")
    case.title = "Renamed Campaign Case"
    case.save(update_fields=["title"])
    renamed = cases_matching(cast.admin, visible, "Renamed Campaign")
    assert "Renamed Campaign Case" in {c.title for c in renamed}


def test_new_ids_are_random_version_4_uuids() -> None:
    ids = [new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(i.version == 4 and i.variant == uuid.RFC_4122 for i in ids)
    assert all(uuid.UUID(str(i)) == i and hash(uuid.UUID(str(i))) == hash(i) for i in ids[:50])
    from amparo.core import ids as drawn

    assert _drawn_in_a_fork(lambda: str(new_id())) not in {str(i) for i in drawn._ids}


def test_new_hex_ids_are_random_version_4_uuids_as_sqlite_holds_them() -> None:
    from amparo.core.converters import _uuid_hex, prepared_ids
    from amparo.core.ids import new_hex_id

    ids = [new_hex_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(hex=text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and parsed.hex == text
    assert prepared_ids(_uuid_hex) is new_hex_id
    assert isinstance(prepared_ids(lambda v: v)(), uuid.UUID)  # PostgreSQL takes UUIDs
    from amparo.core import ids as drawn

    assert _drawn_in_a_fork(new_hex_id) not in drawn._hex_ids


def _drawn_in_a_fork(draw: Any) -> str:
    """An id drawn by a forked child (as a worker of `amparo serve` is), after the parent drew
    some: a worker draws its own ids, never its parent's remaining ones."""
    import os

    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: no test machinery, only the id, then out
        try:
            os.write(write, draw().encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        drawn = answer.read()
    os.waitpid(child, 0)
    assert len(drawn) in {32, 36}
    return drawn
