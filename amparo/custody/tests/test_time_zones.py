"""The time zone of a place from its state and county: worked examples from the boundaries of
49 CFR Part 71 and the Federal Register notices that moved them."""

from __future__ import annotations

import csv

import pytest

from amparo.courts.models import Court
from amparo.custody.reference import COURTS_CSV
from amparo.custody.rules.time_zones import zone_for_place
from amparo.factories import FacilityFactory


@pytest.mark.parametrize(
    ("state", "county", "zone"),
    [
        ("TX", "El Paso", "America/Denver"),  # § 71.7: far-west Texas is Mountain
        ("TX", "Harris", "America/Chicago"),
        ("FL", "Escambia County", "America/Chicago"),  # § 71.5(c): the western panhandle
        ("FL", "Miami-Dade", "America/New_York"),
        ("TN", "Knox", "America/New_York"),  # § 71.5(b): East Tennessee
        ("TN", "Shelby", "America/Chicago"),
        ("KY", "Wayne", "America/New_York"),  # moved East, 65 FR 50154 (2000)
        ("KY", "Warren", "America/Chicago"),
        ("IN", "Perry", "America/Chicago"),  # 71 FR 3228 (2006)
        ("IN", "Knox", "America/Indiana/Indianapolis"),  # back East, 72 FR 54367 (2007)
        ("MI", "Menominee", "America/Menominee"),
        ("ID", "Kootenai", "America/Los_Angeles"),  # § 71.9: northern Idaho is Pacific
        ("ID", "Ada", "America/Boise"),
        ("LA", "LaSalle Parish", "America/Chicago"),
        ("Arizona", "Pinal", "America/Phoenix"),  # no daylight saving time
        ("ND", "Dunn", "America/Denver"),  # § 71.7(a): south of the Little Missouri
        ("ND", "Mercer", "America/Chicago"),  # 75 FR 60004 (2010)
        ("ND", "Morton", "America/Chicago"),  # 68 FR 43336 (2003)
        ("SD", "Jones", "America/Chicago"),  # 68 FR 61372 (2003)
        ("SD", "Pennington", "America/Denver"),
    ],
)
def test_the_zone_of_a_county_follows_part_71(state: str, county: str, zone: str) -> None:
    found = zone_for_place(state, county)
    assert found.zone == zone
    assert found.doubt == ""


def test_a_county_the_boundary_cuts_through_says_the_address_decides() -> None:
    found = zone_for_place("FL", "Gulf")
    assert found.zone == "America/Chicago"
    assert "Intracoastal Waterway" in found.doubt


@pytest.mark.parametrize(
    ("state", "county", "zone", "where"),
    [
        ("ND", "McKenzie", "America/Chicago", "south-western corner"),  # Watford City: Central
        ("ND", "Sioux", "America/Denver", "State Highway 31"),
        ("SD", "Stanley", "America/Denver", "Fort Pierre"),
    ],
)
def test_a_split_county_of_the_dakotas_names_the_part_in_the_other_zone(
    state: str, county: str, zone: str, where: str
) -> None:
    found = zone_for_place(state, county)
    assert found.zone == zone
    assert where in found.doubt


def test_a_split_state_without_a_county_takes_its_larger_part_with_a_doubt() -> None:
    found = zone_for_place("TX")
    assert found.zone == "America/Chicago"
    assert "county is not known" in found.doubt
    assert zone_for_place("LA").doubt == ""  # one zone: the county does not matter


def test_an_unknown_state_has_no_zone() -> None:
    assert zone_for_place("").zone == ""


@pytest.mark.django_db
def test_a_facility_reads_its_zone_from_its_state_and_county() -> None:
    facility = FacilityFactory(
        name="El Paso Service Processing Center", state="TX", county="El Paso"
    )
    assert facility.zone_name == "America/Denver"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "city", "county", "zone"),
    [
        # § 71.5(b): East Tennessee (Knox County) is Eastern; Knoxville names no county.
        ("TN", "Knoxville", "Knox County", "America/New_York"),
        # § 71.5(b): the north-western Indiana counties (Lake: Hammond) are Central.
        ("IN", "Hammond", "Lake County", "America/Chicago"),
        # § 71.5(c): Florida west of the Apalachicola (Escambia: Pensacola) is Central.
        ("FL", "Pensacola", "Escambia County", "America/Chicago"),
        # § 71.7: western South Dakota (Pennington: Rapid City) is Mountain.
        ("SD", "Rapid City", "Pennington County", "America/Denver"),
    ],
)
def test_a_court_reads_its_zone_from_its_county_not_its_citys_name(
    state: str, city: str, county: str, zone: str
) -> None:
    court = Court(kind=Court.Kind.DISTRICT, code="x", name="x", state=state, city=city)
    wrong = court.zone_name
    court.county = county
    assert court.zone_name == zone
    assert wrong != zone  # the city's name alone falls to the state's larger part


def test_every_shipped_court_with_a_city_has_its_county() -> None:
    with COURTS_CSV.open(newline="", encoding="utf-8") as fh:
        placed = [r for r in csv.DictReader(fh) if r["city"]]
    assert len(placed) > 60
    assert [r["code"] for r in placed if not r["county"]] == []
    by_code = {r["code"]: r["county"] for r in placed}
    # Independent cities are their own county-equivalents; a city is not always its namesake.
    assert by_code["ca8"] == "St. Louis city"
    assert by_code["LOU"] == "Jefferson County"
    assert by_code["MEM"] == "Shelby County"
