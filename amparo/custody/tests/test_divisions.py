"""Dated divisions, local-rule labels, sites spanning districts and custodians by operator.

Worked examples from the texts themselves: 28 U.S.C. § 81(a) before and after Pub. L.
118-179 (2024-12-23), § 83(a) before and after Pub. L. 116-73 (2019-11-26), § 92 (Idaho, no
divisions), E.D. Va. Local Civil Rule 3, W.D. La. LR 77.3.
"""

from __future__ import annotations

import datetime

import pytest

from amparo.custody.rules import (
    FacilityFacts,
    county_table,
    division_table,
    venue,
    venue_for_county,
)

D = datetime.date
BEFORE_118_179 = D(2024, 12, 22)
PUB_L_118_179 = D(2024, 12, 23)
BEFORE_116_73 = D(2019, 11, 25)
PUB_L_116_73 = D(2019, 11, 26)


def _division(state: str, county: str, on: datetime.date | None) -> str | None:
    court = venue_for_county(state, county, on=on).district_court
    assert court is not None
    return court.division


@pytest.mark.parametrize(
    ("county", "before", "after"),
    [
        # § 81(a)(7) Jasper Division struck; its counties into (a)(5) Western.
        ("Walker", "Jasper Division", "Western Division"),
        ("Winston", "Jasper Division", "Western Division"),
        # § 81(a)(6) Middle Division struck; Etowah, Cherokee, DeKalb, St. Clair into Eastern.
        ("Etowah", "Middle Division", "Eastern Division"),
        ("St. Clair", "Middle Division", "Eastern Division"),
        # ... and Marshall into (a)(2) Northeastern; Lawrence from (a)(2) into (a)(1).
        ("Marshall", "Middle Division", "Northeastern Division"),
        ("Lawrence", "Northeastern Division", "Northwestern Division"),
        # Untouched by the Act.
        ("Jefferson", "Southern Division", "Southern Division"),
        ("Madison", "Northeastern Division", "Northeastern Division"),
    ],
)
def test_northern_district_of_alabama_before_and_after_pub_l_118_179(
    county: str, before: str, after: str
) -> None:
    assert _division("AL", county, BEFORE_118_179) == before
    assert _division("AL", county, PUB_L_118_179) == after
    assert _division("AL", county, None) == after


@pytest.mark.parametrize(
    ("county", "before", "after"),
    [
        ("Pulaski", "Western Division", "Central Division"),
        ("Jefferson", "Pine Bluff Division", "Central Division"),
        ("Stone", "Northern Division", "Central Division"),
        ("Crittenden", "Jonesboro Division", "Delta Division"),
        ("Phillips", "Eastern Division", "Delta Division"),
        ("Craighead", "Jonesboro Division", "Northern Division"),
        ("Independence", "Northern Division", "Northern Division"),
    ],
)
def test_eastern_district_of_arkansas_before_and_after_pub_l_116_73(
    county: str, before: str, after: str
) -> None:
    assert _division("AR", county, BEFORE_116_73) == before
    assert _division("AR", county, PUB_L_116_73) == after


def test_the_western_district_of_arkansas_kept_its_divisions() -> None:
    """§ 83(b) was not amended: Sebastian County is in the Fort Smith Division throughout."""
    assert _division("AR", "Sebastian", BEFORE_116_73) == "Fort Smith Division"
    assert _division("AR", "Sebastian", PUB_L_116_73) == "Fort Smith Division"


def test_the_division_cites_the_amendment_and_the_earlier_text() -> None:
    after = venue_for_county("AL", "Walker", on=PUB_L_118_179)
    assert after.district_court is not None
    assert "Pub. L. 118-179" in (after.district_court.division_source or "")
    assert after.district_court.division_kind == "statute"
    note = next(n for n in after.notes if n.startswith("Western Division of the N.D. Ala."))
    assert "Jasper Division until 2024-12-23" in note
    before = venue_for_county("AL", "Walker", on=BEFORE_118_179)
    assert before.district_court is not None
    assert "before Pub. L. 118-179" in (before.district_court.division_source or "")


def test_every_county_of_a_divided_district_has_one_division_each_day() -> None:
    """Across the two amendments, every county of N.D. Ala. and E.D. Ark. has exactly one
    division on every day either side of them (the table has no gaps or overlaps)."""
    table = division_table()
    days = [BEFORE_116_73, PUB_L_116_73, BEFORE_118_179, PUB_L_118_179, D(2026, 6, 1)]
    for district in ("alnd", "ared"):
        fips = [r.fips for r in county_table().rows if r.district == district]
        assert fips
        for day in days:
            for code in fips:
                found = [r for r in table.by_fips[code] if r.in_force_on(day)]
                assert len(found) == 1, (code, day)


def test_idaho_statute_names_no_division() -> None:
    """28 U.S.C. § 92: 'Idaho ... constitutes one judicial district' with no divisions, so no
    division is attributed to the statute (the crosswalk's Idaho divisions are not in it)."""
    result = venue_for_county("ID", "Ada")
    assert result.district_court is not None
    assert result.district_court.division is None
    assert any(n.startswith("No division: 28 U.S.C. § 92 names none") for n in result.notes)
    assert not division_table().by_fips.get("16001")


def test_local_rule_divisions_are_labelled_with_their_rule() -> None:
    """W.D. La. LR 77.3 and E.D. Va. Local Civil Rule 3 (the independent city of Fairfax lies
    within Fairfax County, so it goes with the Alexandria Division)."""
    lasalle = venue_for_county("LA", "LaSalle").district_court
    assert lasalle is not None
    assert (lasalle.division, lasalle.division_kind) == ("Alexandria Division", "local-rule")
    assert "LR 77.3" in (lasalle.division_source or "")
    fairfax_city = venue_for_county("VA", "Fairfax city").district_court
    assert fairfax_city is not None
    assert (fairfax_city.division, fairfax_city.division_kind) == (
        "Alexandria Division",
        "local-rule",
    )
    note = next(n for n in venue_for_county("VA", "Prince Edward").notes if "local rule" in n)
    assert "does not limit venue" in note


def _facts(**kwargs: str) -> FacilityFacts:
    return FacilityFacts(**kwargs)  # type: ignore[arg-type]


def test_a_site_spanning_districts_warns() -> None:
    """The Everglades facility: mostly Collier County (M.D. Fla.), partly Miami-Dade (S.D.
    Fla.); the warning comes from the shipped table even for a row loaded without it."""
    facts = _facts(
        name="FLORIDA SOFT-SIDED FACILITY",
        city="OCHOPEE",
        state="FL",
        county="Collier County",
        county_fips="12021",
        zip_code="34141",
        facility_type="STATE",
    )
    result = venue(facts)
    assert result.district_court is not None and result.district_court.id == "flmd"
    assert len(result.warnings) == 1
    assert "Miami-Dade County (S.D. Fla.)" in result.warnings[0]
    assert result.as_dict()["warnings"] == result.warnings


def test_a_zip_spanning_districts_warns_without_a_site_note() -> None:
    """A facility placed by a ZIP whose people live in counties of two districts: the street
    address decides, so the answer says to check it."""
    facts = _facts(name="SOME NEW JAIL", city="PHILIPSBURG", state="PA", zip_code="16866")
    result = venue(facts)
    assert any("spans counties in different districts" in w for w in result.warnings)


def test_an_ice_processing_centre_is_run_by_an_officer_in_charge() -> None:
    """ICE runs its service processing centres through an Officer in Charge; a county jail
    holding people under an agreement has a warden (or jail administrator)."""
    krome = venue(
        _facts(name="KROME NORTH SERVICE PROCESSING CENTER", city="MIAMI", state="FL",
               county_fips="12086", facility_type="SPC")
    )  # fmt: skip
    custodian = krome.respondents[0]
    assert custodian.role == "immediate-custodian"
    assert custodian.title == "Officer in Charge, Krome North Service Processing Center"
    jail = venue(_facts(name="Glades County Jail", state="FL", county_fips="12043",
                        facility_type="IGSA"))  # fmt: skip
    assert jail.respondents[0].title.startswith("Warden, ")
    bop = venue(_facts(name="FCI Berlin", state="NH", facility_type="BOP"))
    assert any("28 CFR 500.1(a)" in n for n in bop.notes)
