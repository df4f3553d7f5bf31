"""The shipped immigration courts (amparo/courts/data/courts.csv) against EOIR's own lookup tables
(shared/data/eoir_lookup_base_city_and_hearing_locations.csv, from EOIR FOIA releases; see
shared/data/SOURCES.md §7), from which scripts/build_reference_data.py builds them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from amparo.custody.reference import COURTS_CSV

REPO_ROOT = Path(__file__).resolve().parents[3]
EOIR_LOOKUP = (
    REPO_ROOT.parent / "shared" / "data" / "eoir_lookup_base_city_and_hearing_locations.csv"
)


def _immigration_courts() -> list[dict[str, str]]:
    with COURTS_CSV.open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["kind"] == "immigration"]


def test_immigration_court_codes_are_unique() -> None:
    codes = [r["code"] for r in _immigration_courts()]
    assert len(codes) > 80
    assert len(codes) == len(set(codes))


def test_two_immigration_courts_share_a_name_only_where_eoir_gives_them_one_place() -> None:
    from scripts.build_reference_data import EOIR_SAME_PLACE

    codes_by_name: dict[str, set[str]] = {}
    for row in _immigration_courts():
        codes_by_name.setdefault(row["name"], set()).add(row["code"])
    shared = {name: codes for name, codes in codes_by_name.items() if len(codes) > 1}
    assert shared == EOIR_SAME_PLACE


def test_cleveland_arlington_and_annandale_are_named_from_their_own_dockets() -> None:
    """EOIR's hearing location CLE reads "ARLINGTON, VIRGINIA" and WAS reads "ANNANDALE,
    VIRGINIA"; CLE's dockets (CL6, CLD, CLJ) are Cleveland's and WAS's (WAD, WAJ) Arlington's
    (EOIR lookup tables, tblLookupHloc)."""
    by_code = {r["code"]: r for r in _immigration_courts()}
    assert (by_code["CLE"]["name"], by_code["CLE"]["state"]) == (
        "Cleveland Immigration Court",
        "OH",
    )
    assert by_code["CLE"]["county"] == "Cuyahoga County"
    assert (by_code["WAS"]["name"], by_code["WAS"]["city"]) == (
        "Arlington Immigration Court",
        "Arlington",
    )
    assert (by_code["ANN"]["name"], by_code["ANN"]["city"]) == (
        "Annandale Immigration Court",
        "Annandale",
    )


def test_the_shipped_immigration_courts_are_those_built_from_eoirs_lookup() -> None:
    """Every EOIR base city that is an immigration court is shipped under the code, name, state
    and city that the builder reads from EOIR's tables, and nothing else is."""
    if not EOIR_LOOKUP.exists():
        pytest.skip("shared/data not available")
    from scripts.build_reference_data import build_immigration_courts

    built, _notes = build_immigration_courts(EOIR_LOOKUP.parent)
    shipped = {r["code"]: r for r in _immigration_courts()}
    assert set(shipped) == {r["code"] for r in built}
    for row in built:
        court = shipped[row["code"]]
        assert court["name"] == row["name"], row["code"]
        if row["state"]:  # courts sitting at a facility take the facility's place later
            assert (court["state"], court["city"]) == (row["state"], row["city"]), row["code"]
