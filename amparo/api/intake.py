"""API: rapid intake — a hotline call in one request (`POST /api/v1/intake`)."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from amparo.api.auth import member
from amparo.api.choices import ImmigrationStatus, Relationship
from amparo.api.schemas import Input
from amparo.cases.intake import (
    Intake,
    RelativeIntake,
    country_code,
    duplicate_rows,
    facility_chosen,
    intake_record,
    possible_duplicates,
)
from amparo.core.access import organisation_for

router = Router(tags=["cases"])


class RelativeIntakeIn(Input):
    name: str = Field(min_length=1, max_length=200)
    relationship: Relationship = "other-relative"
    phone: str = Field(default="", max_length=32)
    language: str = Field(default="", max_length=60)
    may_contact: bool = False


class IntakeIn(Input):
    given_name: str = Field(min_length=1, max_length=120)
    family_name: str = Field(min_length=1, max_length=120)
    a_number: str = Field(default="", max_length=20, description="Any spelling: A 012-345-678")
    date_of_birth: datetime.date | None = None
    country_of_birth: str = Field(
        default="", max_length=100, description="ISO code or the country's name"
    )
    immigration_status: ImmigrationStatus = "other"
    facility_id: uuid.UUID | None = None
    facility_query: str = Field(
        default="", max_length=200, description="Name, alias or ICE code, as `amparo venue`"
    )
    held_since: datetime.datetime | None = None
    location_unknown: bool = False
    arrested_at: datetime.datetime | None = None
    arrest_place: str = Field(default="", max_length=300)
    relative: RelativeIntakeIn | None = None
    urgency_until: datetime.date | None = None
    urgency_reason: str = Field(default="", max_length=300)
    note: str = Field(default="", max_length=20000)
    org: str | None = Field(default=None, description="Organisation slug, with several")


class Duplicate(Schema):
    person_id: uuid.UUID
    full_name: str
    case_ids: list[uuid.UUID]


class IntakeOut(Schema):
    case_id: uuid.UUID
    person_id: uuid.UUID
    possible_duplicates: list[Duplicate]


def intake_from_input(payload: IntakeIn) -> Intake:
    errors: dict[str, list[str]] = {}
    country, problem = country_code(payload.country_of_birth)
    if problem:
        errors["country_of_birth"] = [problem]
    facility, problem = facility_chosen(payload.facility_id, payload.facility_query)
    if problem:
        errors["facility_query" if payload.facility_query else "facility_id"] = [problem]
    held_since, arrested_at = payload.held_since, payload.arrested_at
    for name, moment in (("held_since", held_since), ("arrested_at", arrested_at)):
        if moment is not None and moment.tzinfo is None:
            errors[name] = ["Give the time with its time zone offset."]
    if "held_since" in errors:
        held_since = None
    if "arrested_at" in errors:
        arrested_at = None
    relative = None
    if payload.relative is not None:
        relative = RelativeIntake(**payload.relative.dict())
    return Intake(
        given_name=payload.given_name,
        family_name=payload.family_name,
        a_number=payload.a_number,
        date_of_birth=payload.date_of_birth,
        country_of_birth=country,
        immigration_status=payload.immigration_status,
        facility=facility,
        held_since=held_since,
        location_unknown=payload.location_unknown,
        arrested_at=arrested_at,
        arrest_place=payload.arrest_place,
        relative=relative,
        urgency_until=payload.urgency_until,
        urgency_reason=payload.urgency_reason,
        note=payload.note,
        errors=errors,
    )


@router.post("/intake", response={201: IntakeOut})
def take_in(request: HttpRequest, payload: IntakeIn) -> Status:
    """Person, case, placement, relative, urgency and first note in one transaction. The
    possible duplicates found before saving are returned; they do not stop the intake."""
    actor = member(request)
    organisation = organisation_for(actor, write=True, slug=payload.org)
    intake = intake_from_input(payload)
    found = possible_duplicates(
        organisation_id=organisation.id,
        given_name=intake.given_name,
        family_name=intake.family_name,
        a_number=intake.a_number,
        date_of_birth=intake.date_of_birth,
        country_of_birth=intake.country_of_birth,
    )
    duplicates = duplicate_rows(actor, found)
    result = intake_record(actor=actor, organisation=organisation, intake=intake)
    return Status(
        201,
        {
            "case_id": result.case.id,
            "person_id": result.person.id,
            "possible_duplicates": duplicates,
        },
    )
