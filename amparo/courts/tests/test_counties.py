"""The shipped county -> district table covers every county and every district (28 U.S.C.
§§ 81-131; 48 U.S.C. §§ 1424, 1611, 1821) and says where the statute splits a county."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from amparo.custody.rules import COUNTIES_CSV, COURTS_CSV, county_table, division_table

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


def _courts() -> list[dict[str, str]]:
    with COURTS_CSV.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_all_94_districts_have_counties() -> None:
    """28 U.S.C. §§ 81-131 and the territorial courts: 94 district courts, each covering at
    least one county or equivalent in the table."""
    districts = {r["code"] for r in _courts() if r["kind"] == "district"}
    assert len(districts) == 94
    covered = {row.district for row in county_table().rows if row.district}
    assert covered == districts


def test_district_ids_are_courts_db_ids() -> None:
    """The ids are CourtListener / courts-db ids; the courts-db package agrees on every one."""
    from courts_db import courts

    known = {c["id"] for c in courts}
    assert {r["code"] for r in _courts() if r["kind"] in {"district", "circuit"}} <= known


def test_every_census_county_is_in_the_table() -> None:
    """Every county of Geocorr 2022 (Census 2020 counties, incl. Connecticut's planning regions
    and Alaska's Chugach and Copper River) has a district."""
    geocorr = SHARED_DATA / "geocorr2022_zcta_to_county.csv"
    if not geocorr.exists():
        pytest.skip("shared/data not available")
    with geocorr.open(newline="", encoding="latin-1") as fh:
        fips = {row[1] for row in list(csv.reader(fh))[2:]}
    table = county_table()
    missing = sorted(f for f in fips if f not in table.by_fips)
    assert missing == []
    assert all(table.by_fips[f][0].district for f in fips)


def test_split_counties_are_explicit() -> None:
    """28 U.S.C. §§ 92, 106, 113, 131: only Durham (FCI Butner) and the Yellowstone counties
    of Idaho and Montana are split, each with two rows and a note."""
    split = {row.fips for row in county_table().rows if not row.is_entire_county}
    assert split == {"37063", "16043", "30031", "30067"}
    for fips in split:
        rows = county_table().by_fips[fips]
        assert len(rows) == 2
        assert sum(1 for r in rows if r.area_keyword) == 1
        assert all(r.note.startswith("Split county") for r in rows)


def test_single_district_states_and_statute_sections() -> None:
    """28 U.S.C. § 110: New Jersey is one district; § 98: Louisiana three; § 124: Texas four;
    § 112: New York four."""
    table = county_table()
    assert table.districts_in_state("NJ") == ["njd"]
    assert sorted(table.districts_in_state("LA")) == ["laed", "lamd", "lawd"]
    assert len(table.districts_in_state("TX")) == 4
    assert len(table.districts_in_state("NY")) == 4
    assert table.statute_for_state("NJ") == "28 U.S.C. § 110"
    assert table.statute_for_state("LA") == "28 U.S.C. § 98"
    assert table.statute_for_state("GU") == "48 U.S.C. § 1424"


def test_divisions_cite_their_source() -> None:
    """Statutory divisions cite their section (e.g. § 124 for Texas); local-rule divisions
    cite the rule (W.D. La. LR 77.3); none is recorded without a source, and each lies in the
    county's own district."""
    divisions = division_table()
    for fips, rows in divisions.by_fips.items():
        for row in rows:
            assert row.source and row.kind in {"statute", "local-rule"}, row
            assert row.district == county_table().by_fips[fips][0].district, row
    la_salle_tx = divisions.on("48283", None)
    assert la_salle_tx is not None
    assert (la_salle_tx.district, la_salle_tx.division) == ("txsd", "Laredo Division")
    assert (la_salle_tx.kind, la_salle_tx.source) == ("statute", "28 U.S.C. § 124")
    la_salle_la = divisions.on("22059", None)
    assert la_salle_la is not None
    assert (la_salle_la.division, la_salle_la.kind) == ("Alexandria Division", "local-rule")
    assert "LR 77.3" in la_salle_la.source


def test_counties_csv_has_one_header() -> None:
    with COUNTIES_CSV.open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:4] == ["county_fips", "state", "county_name", "district"]
