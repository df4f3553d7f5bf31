"""Input and output shapes of the staff workspace panels: members, notes, relatives and life
events, locator checks, immigration-court hearings, assigning deadlines and the dashboard.
Inputs reject unknown fields; patches send only the fields to change."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from ninja import Schema
from pydantic import Field

from amparo.api.choices import (
    HearingKind,
    HearingMode,
    LifeEventKind,
    LocatorResult,
    NoteKind,
    Relationship,
)
from amparo.api.schemas import Input, not_null

# --- members ------------------------------------------------------------------------------------


class OrganisationMemberOut(Schema):
    id: uuid.UUID
    full_name: str
    email: str
    role: str


class OrganisationMemberList(Schema):
    items: list[OrganisationMemberOut]


# --- notes --------------------------------------------------------------------------------------


class NoteIn(Input):
    kind: NoteKind = "note"
    body: str = Field(min_length=1, max_length=20000)
    privileged: bool = True
    pinned: bool = False
    occurred_at: datetime.datetime | None = None


class NoteOut(Schema):
    id: uuid.UUID
    kind: str
    body: str
    privileged: bool
    pinned: bool
    occurred_at: datetime.datetime
    author_id: uuid.UUID | None
    edited_at: datetime.datetime | None
    revisions: int


class NoteList(Schema):
    items: list[NoteOut]


# --- relatives and life events -------------------------------------------------------------------


class LifeEventIn(Input):
    kind: LifeEventKind
    description: str = Field(min_length=1, max_length=300)
    expected_on: datetime.date | None = None
    occurred_on: datetime.date | None = None


class RelativeIn(Input):
    full_name: str = Field(min_length=1, max_length=200)
    relationship: Relationship
    phone: str = Field(default="", max_length=32)
    other_phone: str = Field(default="", max_length=32)
    email: str = Field(default="", max_length=254)
    language: str = Field(default="", max_length=60)
    may_contact: bool = False
    notes: str = Field(default="", max_length=2000)
    life_event: LifeEventIn | None = None


class RelativePatch(Input):
    """Fields to change; none can be set to null (a blank string clears a text field)."""

    full_name: str = not_null(min_length=1, max_length=200)
    relationship: Relationship = not_null()
    phone: str = not_null(max_length=32)
    other_phone: str = not_null(max_length=32)
    email: str = not_null(max_length=254)
    language: str = not_null(max_length=60)
    may_contact: bool = not_null()
    notes: str = not_null(max_length=2000)


class LifeEventOut(Schema):
    id: uuid.UUID
    kind: str
    description: str
    expected_on: datetime.date | None
    occurred_on: datetime.date | None


class RelativeOut(Schema):
    id: uuid.UUID
    full_name: str
    relationship: str
    phone: str
    other_phone: str
    email: str
    language: str
    may_contact: bool
    notes: str
    life_events: list[LifeEventOut]


class RelativeList(Schema):
    items: list[RelativeOut]


# --- custody: locator checks --------------------------------------------------------------------


class LocatorCheckIn(Input):
    result: LocatorResult
    detail: str = Field(default="", max_length=300)
    checked_at: datetime.datetime | None = None


class LocatorCheckOut(Schema):
    id: uuid.UUID
    result: str
    detail: str
    checked_at: datetime.datetime
    checked_by_id: uuid.UUID | None
    location_unknown_since: datetime.datetime | None


# --- immigration-court hearings -------------------------------------------------------------------


class HearingIn(Input):
    kind: HearingKind
    scheduled_at: datetime.datetime = Field(
        description="The court's local time; without an offset it is read in the court's zone "
        "(else the facility's)"
    )
    judge: str = Field(default="", max_length=120)
    immigration_court: str = Field(default="", max_length=20, description="EOIR court code")
    mode: HearingMode = ""
    outcome: str = Field(default="", max_length=300)


class HearingPatch(Input):
    """Reschedule a hearing or record its outcome; only the fields sent change."""

    scheduled_at: datetime.datetime = not_null(description="As for POST: the court's local time")
    judge: str = not_null(max_length=120)
    mode: HearingMode = not_null()
    outcome: str = not_null(max_length=300)


class HearingOut(Schema):
    id: uuid.UUID
    kind: str
    scheduled_at: datetime.datetime = Field(description="With the offset of the court's zone")
    time_zone: str = Field(description="IANA zone the hearing is held in")
    judge: str
    immigration_court: str | None
    mode: str
    outcome: str


class HearingList(Schema):
    items: list[HearingOut]


# --- deadlines ------------------------------------------------------------------------------------


class DeadlinePatch(Input):
    assignee_id: uuid.UUID | None = Field(description="A member who works on the case, or null")


# --- the dashboard --------------------------------------------------------------------------------


class DashboardOut(Schema):
    urgent_requests: list[dict[str, Any]]
    unanswered_requests: list[dict[str, Any]]
    deadlines_overdue: list[dict[str, Any]]
    deadlines_upcoming: list[dict[str, Any]]
    custody_changes: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
