"""Input and output shapes of the JSON API. Inputs reject unknown fields."""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

ImmigrationStatus = Literal[
    "lpr", "visa-holder", "asylee", "refugee", "tps", "daca", "undocumented", "us-citizen", "other"
]
Vulnerability = Literal["pregnancy", "medical", "primary-caregiver", "age", "disability", "other"]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class PersonIn(Input):
    given_name: str = Field(min_length=1, max_length=120)
    family_name: str = Field(min_length=1, max_length=120)
    a_number: str | None = Field(default=None, description="A 012-345-678, A12345678 or 12345678")
    date_of_birth: datetime.date | None = None
    country_of_birth: str = Field(default="", description="ISO 3166-1 alpha-2, e.g. MX")
    citizenships: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    immigration_status: ImmigrationStatus = "other"
    status_since: datetime.date | None = None
    has_criminal_history: bool = False
    criminal_history_summary: str = ""
    vulnerabilities: list[Vulnerability] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)


class PersonOut(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    full_name: str
    a_number: str | None = Field(description="Display form; masked for advocacy staff.")
    date_of_birth: datetime.date | None
    country_of_birth: str
    citizenships: list[str]
    languages: list[str]
    immigration_status: str
    status_since: datetime.date | None
    has_criminal_history: bool | None = Field(description="Null when the role may not see it.")
    criminal_history_summary: str | None
    vulnerabilities: list[str]
    aliases: list[str]


class PersonList(Schema):
    items: list[PersonOut]


class CaseIn(Input):
    person_id: uuid.UUID
    title: str = Field(default="", max_length=200, description="Default: the client's name")
    opened_on: datetime.date | None = None
    tags: list[str] = Field(default_factory=list)
    campaign: str = ""
    restricted: bool = False


class CasePatch(Input):
    """Fields to change; `version` is the one read, so a stale edit is refused (409)."""

    version: int
    title: str | None = Field(default=None, min_length=1, max_length=200)
    status: Literal["intake", "active", "on-hold", "closed"] | None = None
    detention_basis: Literal["", "235b", "236a", "236c", "241a"] | None = None
    tags: list[str] | None = None
    campaign: str | None = None
    restricted: bool | None = None
    closed_on: datetime.date | None = None
    lead_attorney_id: uuid.UUID | None = Field(
        default=None, description="An attorney of the case's organisation; null for none"
    )
    team_ids: list[uuid.UUID] | None = Field(
        default=None, description="Members of the case's organisation working the case"
    )


class FacilityBrief(Schema):
    id: uuid.UUID
    name: str
    city: str
    state: str
    field_office: str | None


class PersonBrief(Schema):
    id: uuid.UUID
    full_name: str
    a_number: str | None


class CaseOut(Schema):
    id: uuid.UUID
    title: str
    status: str
    person_id: uuid.UUID
    person: PersonBrief
    opened_on: datetime.date
    closed_on: datetime.date | None
    tags: list[str]
    campaign: str
    restricted: bool
    detention_basis: str
    current_facility: FacilityBrief | None
    days_detained: int | None
    lead_attorney_id: uuid.UUID | None
    location_unknown_since: datetime.datetime | None = Field(
        description="Since when the client is not found in ICE's detainee locator"
    )
    version: int


class CaseList(Schema):
    items: list[CaseOut]
    next_cursor: str | None = None


class TimelineItemOut(Schema):
    at: datetime.datetime
    kind: str
    summary: str
    id: uuid.UUID
    date_only: bool


class Timeline(Schema):
    items: list[TimelineItemOut]
    next_cursor: str | None = None


# Requests, decisions, next steps and policy regimes: amparo/api/relief_schemas.py.
