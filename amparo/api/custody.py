"""API: facilities (public reference data), placements and the venue of a case."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from amparo.api.auth import member
from amparo.api.choices import PlacementSource
from amparo.api.schemas import Input
from amparo.audit.services import audit_read
from amparo.cases.selectors import case_alerts
from amparo.core.access import case_for
from amparo.core.phrases import read
from amparo.custody.models import Facility, Placement
from amparo.custody.rules import Venue
from amparo.custody.selectors import case_venue, facility_get, facility_search, venue_of_facility
from amparo.custody.services import placement_end, placement_record

router = Router(tags=["custody"])

Source = PlacementSource


class OfficeOut(Schema):
    code: str
    name: str


class FacilityOut(Schema):
    id: uuid.UUID
    name: str
    aliases: list[str]
    ice_code: str
    address: str
    city: str
    county: str
    county_fips: str
    state: str
    zip_code: str
    facility_type: str
    field_office: OfficeOut | None


class FacilityList(Schema):
    items: list[FacilityOut]


class FacilityDetail(FacilityOut):
    venue: dict[str, Any]


class PlacementIn(Input):
    facility_id: uuid.UUID
    started_at: datetime.datetime
    source: Source
    observed_at: datetime.datetime | None = None


class PlacementOut(Schema):
    id: uuid.UUID
    case_id: uuid.UUID
    facility: FacilityOut
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    source: str
    observed_at: datetime.datetime
    alert: str | None = Field(default=None, description="Set when the transfer changed venue.")


def facility_out(facility: Facility) -> dict[str, Any]:
    office = facility.field_office
    return {
        "id": facility.id,
        "name": facility.name,
        "aliases": facility.aliases,
        "ice_code": facility.ice_code,
        "address": facility.address,
        "city": facility.city,
        "county": facility.county,
        "county_fips": facility.county_fips,
        "state": facility.state,
        "zip_code": facility.zip_code,
        "facility_type": facility.facility_type,
        "field_office": {"code": office.code, "name": office.name} if office else None,
    }


@router.get("/facilities", response=FacilityList)
def search_facilities(request: HttpRequest, q: str = "") -> dict[str, Any]:
    return {"items": [facility_out(f) for f in facility_search(q)]}


@router.get("/facilities/{facility_id}", response=FacilityDetail)
def get_facility(
    request: HttpRequest, facility_id: str, on: datetime.date | None = None
) -> dict[str, Any]:
    facility = facility_get(facility_id)
    return {**facility_out(facility), "venue": _shown(venue_of_facility(facility, on=on))}


def _shown(venue: Venue) -> dict[str, Any]:
    """A venue's answer with its notes and warnings in the requester's language; names,
    citations and respondents' titles as a filing writes them."""
    data = venue.as_dict()
    return data | {
        "warnings": [read(text) for text in venue.warnings],
        "notes": [read(text) for text in venue.notes],
    }


@router.post("/cases/{case_id}/placements", response={201: PlacementOut})
def create_placement(request: HttpRequest, case_id: str, payload: PlacementIn) -> Status:
    case = case_for(request.user, case_id, write=True)
    facility = facility_get(payload.facility_id)
    alerts_before = {a.id for a in case_alerts(case)}
    placement = placement_record(
        actor=member(request),
        case=case,
        facility=facility,
        started_at=payload.started_at,
        source=payload.source,
        observed_at=payload.observed_at,
    )
    alert = next((a for a in case_alerts(case) if a.id not in alerts_before), None)
    return Status(201, _placement_out(placement, alert.shown_message if alert else None))


class ReleaseIn(Input):
    released_at: datetime.datetime


@router.post("/cases/{case_id}/release", response=PlacementOut)
def record_release(request: HttpRequest, case_id: str, payload: ReleaseIn) -> dict[str, Any]:
    """The client was released: the current placement ends; release orders count as obeyed."""
    case = case_for(request.user, case_id, write=True)
    placement = placement_end(actor=member(request), case=case, ended_at=payload.released_at)
    return _placement_out(placement, None)


def _placement_out(placement: Placement, alert: str | None) -> dict[str, Any]:
    return {
        "id": placement.id,
        "case_id": placement.case_id,
        "facility": facility_out(placement.facility),
        "started_at": placement.started_at,
        "ended_at": placement.ended_at,
        "source": placement.source,
        "observed_at": placement.observed_at,
        "alert": alert,
    }


@router.get("/cases/{case_id}/venue", response=dict[str, Any])
def get_venue(
    request: HttpRequest, case_id: str, on: datetime.date | None = None
) -> dict[str, Any]:
    """Venue of the client's current facility; ``on`` (YYYY-MM-DD) dates the division."""
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case)
    venue = case_venue(case, on=on)
    if venue is None:
        return {
            "facility": None,
            "field_office": None,
            "district_court": None,
            "circuit": None,
            "immigration_courts": [],
            "respondents": [],
            "on": on.isoformat() if on else None,
            "warnings": [],
            "notes": [_("No current facility is recorded for this client.")],
        }
    return _shown(venue)
