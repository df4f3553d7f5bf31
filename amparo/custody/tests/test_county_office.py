"""The field office for a county with no named facility comes from ICE's own facility sheets,
because areas of responsibility do not follow state lines."""

from __future__ import annotations

import pytest

from amparo.custody.rules import venue_for_county


@pytest.mark.parametrize(
    ("state", "county", "office"),
    [
        ("WI", "Douglas", "SPM"),  # Superior, WI: St. Paul AOR, not Chicago's
        ("OK", "Kay", "CHI"),  # Kay County, OK: Chicago AOR, not Dallas's
        ("WY", "Uinta", "SLC"),
        ("AZ", "Yuma", "SND"),  # San Luis, AZ: San Diego AOR
        ("LA", "LaSalle", "NOL"),
    ],
)
def test_county_office_follows_ice_facility_sheets(state: str, county: str, office: str) -> None:
    """ICE ERO detention statistics, FY24-FY26 facility sheets: the `aor` of the facilities in
    the county."""
    found = venue_for_county(state, county)
    assert found.field_office is not None
    assert found.field_office.code == office


def test_no_office_is_claimed_where_ice_sheets_are_silent_and_aors_split() -> None:
    """Texas facilities are in three AORs (Dallas, El Paso, Houston, San Antonio…); a county
    with no facility gets no office, with a note saying the facility's AOR decides."""
    found = venue_for_county("TX", "Loving")
    assert found.field_office is None
    assert any("area of responsibility decides" in note for note in found.notes)
    assert found.district_court is not None and found.district_court.id == "txwd"
