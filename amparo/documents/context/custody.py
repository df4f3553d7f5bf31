"""The groups about custody: where the client is held and since when, and the venue there."""

from __future__ import annotations

from typing import Any

from amparo.custody.models import Placement
from amparo.custody.rules import title_case
from amparo.documents.context.format import facility_name, long_date, place_name
from amparo.documents.context.sources import Sources


def custody(s: Sources) -> dict[str, Any] | None:
    if not s.placements and s.arrest is None:
        return None
    current = s.facts.placement
    placements = []
    transfers = []
    previous: Placement | None = None
    for placement in s.placements:
        facility = placement.facility
        placements.append(
            {
                "facility": facility_name(facility.name),
                "place": place_name(facility.city, facility.state),
                "start": long_date(placement.started_at.astimezone(s.zone).date()),
                "end": long_date(placement.ended_at.astimezone(s.zone).date())
                if placement.ended_at
                else "present",
                "current": placement.ended_at is None,
            }
        )
        if previous is not None:
            transfers.append(
                f"On {long_date(placement.started_at.astimezone(s.zone).date())}, ICE "
                f"transferred {s.person.full_name} from {facility_name(previous.facility.name)} "
                f"in {place_name(previous.facility.city, previous.facility.state)} to "
                f"{facility_name(facility.name)} in {place_name(facility.city, facility.state)}."
            )
        previous = placement
    held_at = current.facility if current else None
    address = None
    if held_at is not None and held_at.address:
        street = title_case(held_at.address) if held_at.address.isupper() else held_at.address
        city = title_case(held_at.city) if held_at.city.isupper() else held_at.city
        address = f"{street}, {city}, {held_at.state} {held_at.zip_code}".strip()
    arrest = s.arrest
    return {
        "facility": facility_name(held_at.name) if held_at else None,
        "facility_place": place_name(held_at.city, held_at.state) if held_at else None,
        "facility_address": address,
        "since": long_date(current.started_at.astimezone(s.zone).date()) if current else None,
        "detained_since": long_date(s.facts.detained_since),
        "days_detained": None if s.facts.days_detained is None else str(s.facts.days_detained),
        "arrest_date": long_date(arrest.arrested_at.astimezone(s.zone).date()) if arrest else None,
        "arrest_place": arrest.place if arrest else None,
        "arrest_agency": arrest.get_agency_display() if arrest else None,
        "arrest_circumstances": arrest.circumstances or None if arrest else None,
        "placements": placements,
        "transfers": transfers,
    }


def venue(s: Sources) -> dict[str, Any] | None:
    found = s.venue
    if found is None:
        return None
    office = found.field_office
    court = found.district_court
    address = None
    current = s.facts.placement
    own = current.facility.field_office if current else None
    if office is not None and own is not None and own.code == office.code:
        address = own.address or None
    return {
        "field_office": office.name if office else None,
        "field_office_code": office.code if office else None,
        "field_office_director": f"Field Office Director, {office.name}" if office else None,
        "field_office_address": address,
        "district_court": court.name if court else None,
        "division": court.division if court else None,
        "circuit": f"{found.circuit} Circuit" if found.circuit else None,
        "immigration_court": "; ".join(c.name for c in found.immigration_courts) or None,
        # A site spanning districts, a ZIP spanning districts: to check before filing.
        "warnings": list(found.warnings),
    }
