"""The facilities import writes its rows without model objects (prepared INSERT and UPDATE
rows, ``executemany``): what it stores must be, column by column, what saving the models
would store."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from amparo.custody.importer import facilities_import, state_from_zip
from amparo.custody.models import Facility, FieldOffice
from amparo.custody.rules import FACILITIES_CSV, assign_county

HEADER = ["Name", "Address", "City", "State", "Zip", "AOR", "Type Detailed", "Data Pull Date"]
SOURCE = "ICE ERO detention statistics, FY26 facility sheet"
# Every stored column but those a write sets to its own clock and id.
COLUMNS = [
    f.column
    for f in Facility._meta.concrete_fields
    if f.name not in ("id", "created_at", "updated_at")
]


def _shipped(count: int) -> list[list[str]]:
    with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
        shipped = list(csv.DictReader(fh))[:count]
    keys = ("name", "address", "city", "state", "zip_code", "aor_code", "facility_type")
    return [[r[k] for k in keys] for r in shipped]


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *[[*r, "04/02/2026"] for r in rows]])
    return path


def _new_rows(rows: list[list[str]]) -> list[list[str]]:
    """The rows as new facilities: each name and street address its own (as the bench does),
    one row without its state (the ZIP gives it)."""
    out = [[f"{r[0]} UNIT {n}", f"{r[1]} BLDG Q{n}", *r[2:]] for n, r in enumerate(rows)]
    out[3][3] = ""
    return out


def _stored(where: str, params: list[Any]) -> dict[Any, tuple[Any, ...]]:
    """The facilities' columns as the database holds them, by id (raw, no converter)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in ["id", *COLUMNS])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM custody_facility WHERE {where}", params)
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _by_name(stored: dict[Any, tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(stored.values(), key=lambda row: row[COLUMNS.index("name")])


@pytest.mark.django_db
def test_new_facilities_are_stored_as_saving_their_models_stores_them(tmp_path: Path) -> None:
    rows = _new_rows(_shipped(60))
    path = _sheet(tmp_path / "FY26-rows.csv", rows)
    offices = {o.code: o for o in FieldOffice.objects.all()}

    with transaction.atomic():
        report = facilities_import(path=path)
        imported = _stored("address LIKE %s", ["% BLDG Q%"])
        transaction.set_rollback(True)
    assert len(report.added) == len(rows) == len(imported)

    with transaction.atomic():  # the model path, the same values
        for name, address, city, state, zip_code, aor, kind in rows:
            state = state or state_from_zip(zip_code)
            county = assign_county(name=name, city=city, state=state, zip_code=zip_code)
            Facility(
                name=name,
                address=address,
                city=city,
                state=state,
                zip_code=zip_code,
                facility_type=kind,
                field_office=offices[aor],
                source=SOURCE,
                source_date="2026-04-02",
                county=county.name,
                county_fips=county.fips,
            ).save()
        saved = _stored("address LIKE %s", ["% BLDG Q%"])
        transaction.set_rollback(True)

    assert _by_name(imported) == _by_name(saved)
    state_at, county_at = COLUMNS.index("state"), COLUMNS.index("county")
    assert all(row[state_at] for row in imported.values())  # one from its ZIP
    assert sum(bool(row[county_at]) for row in imported.values()) > len(rows) * 0.9


@pytest.mark.django_db
def test_renamed_and_moved_facilities_are_stored_as_saving_their_models_stores_them(
    tmp_path: Path,
) -> None:
    """Found by street address and ZIP, renamed in place (the old name kept as an alias); one
    also moves to another city and field office: the UPDATE rows store what `save()` would."""
    rows = _new_rows(_shipped(40))
    facilities_import(path=_sheet(tmp_path / "FY26-first.csv", rows))
    before = {f.name: f for f in Facility.objects.filter(address__contains=" BLDG Q")}
    renamed = [[r[0].replace(" UNIT ", " ANNEX "), *r[1:]] for r in rows]
    other_office = next(o for o in FieldOffice.objects.all() if o.code != renamed[5][5])
    renamed[5][2], renamed[5][5] = "ELSEWHERE", other_office.code
    path = _sheet(tmp_path / "FY26-renamed.csv", renamed)

    with transaction.atomic():
        report = facilities_import(path=path)
        imported = _stored("address LIKE %s", ["% BLDG Q%"])
        transaction.set_rollback(True)
    assert len(report.changed) == len(rows) and not report.added
    assert len(imported) == len(rows)
    moved_label = f"{rows[5][0]} → {renamed[5][0]} (ELSEWHERE, {before[rows[5][0]].state})"
    assert (moved_label, ["aliases", "city", "field_office", "name"]) in report.changed

    with transaction.atomic():  # the model path: each facility changed and saved
        for old, new in zip(rows, renamed, strict=True):
            facility = before[old[0]]
            facility.name, facility.city = new[0], new[2]
            facility.aliases = [*facility.aliases, old[0]]
            facility.field_office = FieldOffice.objects.get(code=new[5])
            facility.save()
        saved = _stored("address LIKE %s", ["% BLDG Q%"])
        transaction.set_rollback(True)

    assert imported == saved


@pytest.mark.django_db
@pytest.mark.parametrize("space", ["\t", "\x1c", "\xa0", "\u2003", "  "])
def test_odd_whitespace_in_a_column_is_cleaned_in_every_cell(tmp_path: Path, space: str) -> None:
    """The column-at-a-time reader notices any whitespace `str.split` knows, ASCII or not."""
    rows = _new_rows(_shipped(5))
    rows[2][0] = rows[2][0].replace(" ", space, 1)
    rows[4][2] = f"{rows[4][2]}{space}"
    with transaction.atomic():
        report = facilities_import(path=_sheet(tmp_path / "FY26-spaces.csv", rows))
        names = set(Facility.objects.values_list("name", flat=True))
        cities = set(Facility.objects.values_list("city", flat=True))
        transaction.set_rollback(True)
    assert len(report.added) == 5
    assert " ".join(rows[2][0].split()) in names and rows[2][0] not in names
    assert rows[4][2].strip() in cities
