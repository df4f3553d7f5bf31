"""Where generated clients are held and who works their cases: the facilities with a field
office (`Site`, with their venue's district court, weighted by each facility's average daily
population in ICE's statistics), the members' offices by state, and an organisation's team.
Read once per run from the reference data, before any case is drawn."""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass
from pathlib import Path

from amparo.advocacy.models import CongressionalOffice
from amparo.courts.models import Court
from amparo.custody.models import Facility
from amparo.custody.rules import FacilityFacts, VenueError, venue

POPULATION_FILE = Path(__file__).parent / "data" / "facility_population.csv"


@dataclass(frozen=True)
class Site:
    """A facility with what generation needs about it."""

    id: uuid.UUID
    name: str
    field_office_id: uuid.UUID | None
    field_office_name: str
    district_court_id: uuid.UUID | None
    district_code: str
    state: str


@dataclass(frozen=True)
class Team:
    """Who works an organisation's generated cases."""

    organisation_id: uuid.UUID
    time_zone: str
    attorneys: tuple[uuid.UUID, ...]
    staff: tuple[uuid.UUID, ...]


def _populations() -> dict[tuple[str, str], float]:
    with POPULATION_FILE.open(encoding="utf-8") as handle:
        return {
            (row["name"], row["state"]): float(row["average_daily_population"])
            for row in csv.DictReader(handle)
        }


def load_sites() -> tuple[list[Site], list[float]]:
    """Facilities with a field office, their venue's district court, and population weights."""
    population = _populations()
    courts = dict(Court.objects.values_list("code", "id"))
    sites, weights = [], []
    for facility in Facility.objects.select_related("field_office").order_by("name"):
        office = facility.field_office
        if office is None:
            continue
        try:
            district = venue(FacilityFacts.from_model(facility)).district_court
        except VenueError:
            district = None
        code = district.id if district else ""
        sites.append(
            Site(
                facility.id,
                facility.name,
                office.id,
                office.name,
                courts.get(code),
                code,
                facility.state,
            )
        )
        weights.append(max(population.get((facility.name, facility.state), 5.0), 1.0))
    return sites, weights


def offices_by_state() -> dict[str, list[tuple[uuid.UUID | None, str]]]:
    offices: dict[str, list[tuple[uuid.UUID | None, str]]] = {}
    for office in CongressionalOffice.objects.order_by("state", "member_name"):
        offices.setdefault(office.state, []).append((office.id, f"Office of {office}"))
    return offices
