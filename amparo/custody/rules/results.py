"""Result types of the venue rules: what a venue answer holds, and the facility facts it needs.

Pure dataclasses, no database: ``FacilityFacts.from_model`` reads a ``custody.Facility`` the
caller has loaded.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


class VenueError(ValueError):
    """A county or state the tables cannot place; ``suggestions`` lists what might be meant."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


@dataclass(frozen=True)
class FacilityFacts:
    """What the venue rules need to know about a facility (no database object)."""

    name: str
    city: str = ""
    state: str = ""
    county: str = ""
    county_fips: str = ""
    zip_code: str = ""
    field_office_code: str = ""
    field_office_name: str = ""
    facility_type: str = ""
    ice_code: str = ""
    aliases: tuple[str, ...] = ()
    address: str = ""
    id: str | None = None
    # Where the site itself spans counties or districts, with its source (reference data).
    site_note: str = ""
    # How the county was placed, when that needs checking (e.g. a ZIP spanning districts).
    county_note: str = ""

    @classmethod
    def from_model(cls, facility: Any) -> FacilityFacts:
        """Facts of a ``custody.Facility`` (its field office should be select_related)."""
        office = facility.field_office
        return cls(
            name=facility.name,
            city=facility.city,
            state=facility.state,
            county=facility.county,
            county_fips=facility.county_fips,
            zip_code=facility.zip_code,
            field_office_code=office.code if office is not None else "",
            field_office_name=office.name if office is not None else "",
            facility_type=facility.facility_type,
            ice_code=facility.ice_code,
            aliases=tuple(facility.aliases or ()),
            address=facility.address,
            id=str(facility.id),
            site_note=getattr(facility, "site_note", "") or "",
            county_note=getattr(facility, "county_note", "") or "",
        )


@dataclass(frozen=True)
class OfficeRef:
    code: str
    name: str


@dataclass(frozen=True)
class CourtRef:
    id: str
    name: str
    short_name: str
    division: str | None = None
    # "statute" or "local-rule", and the section or rule that sets the division.
    division_kind: str | None = None
    division_source: str | None = None


@dataclass(frozen=True)
class ImmigrationCourtRef:
    code: str
    name: str


@dataclass(frozen=True)
class RespondentRef:
    role: str
    title: str
    name: str = ""


@dataclass(frozen=True)
class CountyRef:
    """The county (parish, borough, municipio, ...) a place was assigned to."""

    fips: str
    name: str
    state: str


@dataclass(frozen=True)
class Venue:
    field_office: OfficeRef | None
    district_court: CourtRef | None
    circuit: str | None
    circuit_court_id: str | None
    immigration_courts: list[ImmigrationCourtRef] = field(default_factory=list)
    respondents: list[RespondentRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facility: FacilityFacts | None = None
    county: CountyRef | None = None
    state: str = ""
    statute: str = ""
    # What must be checked before filing (a site spanning districts, an uncertain county).
    warnings: list[str] = field(default_factory=list)
    # The day the answer is for (a placement's start, a filing date); None: today's law.
    on: datetime.date | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, the shape of ``amparo venue --json`` (issue 3), plus notes and sources.

        For the county form (no facility) the facility's id, name and city are null and its
        state and county describe the place asked about.
        """
        facts = self.facility
        county = self.county
        return {
            "facility": {
                "id": facts.id if facts else None,
                "name": facts.name if facts else None,
                "city": (facts.city or None) if facts else None,
                "state": self.state or None,
                "county": county.name if county else ((facts.county or None) if facts else None),
                "county_fips": county.fips if county else None,
            },
            "field_office": (
                {"code": self.field_office.code, "name": self.field_office.name}
                if self.field_office
                else None
            ),
            "district_court": (
                {
                    "id": self.district_court.id,
                    "name": self.district_court.name,
                    "short_name": self.district_court.short_name,
                    "division": self.district_court.division,
                    "division_kind": self.district_court.division_kind,
                    "division_source": self.district_court.division_source,
                }
                if self.district_court
                else None
            ),
            "circuit": self.circuit,
            "circuit_court_id": self.circuit_court_id,
            "immigration_courts": [
                {"code": c.code, "name": c.name} for c in self.immigration_courts
            ],
            "respondents": [
                {"role": r.role, "title": r.title, "name": r.name} for r in self.respondents
            ],
            "statute": self.statute or None,
            "on": self.on.isoformat() if self.on else None,
            "warnings": list(self.warnings),
            "notes": list(self.notes),
        }
