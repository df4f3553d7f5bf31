"""Input and output shapes of the JSON API. Inputs reject unknown fields."""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from amparo.api.choices import CaseStatus, DetentionBasisChoice, ImmigrationStatus, Vulnerability
from amparo.core.edge import date_problem

# Text fields without a narrower limit; the edge (core/edge.py) refuses anything longer anyway.
TEXT_LIMIT = 20_000


class Input(Schema):
    model_config = ConfigDict(extra="forbid", str_max_length=TEXT_LIMIT)

    @field_validator("*", mode="after")
    @classmethod
    def _sane_dates(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, datetime.date):
            problem = date_problem(value, name=info.field_name or "")
            if problem:
                raise ValueError(problem)
        return value


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def not_null(**constraints: Any) -> Any:
    """A field a PATCH may leave out but not set to null (the record has no empty value for
    it): `null` answers 422 naming the field instead of reaching the database."""
    return Field(default=None, json_schema_extra=_no_default, **constraints)


Tag = Annotated[str, Field(min_length=1, max_length=60)]
TAGS_LIMIT = 50


class PersonIn(Input):
    given_name: str = Field(min_length=1, max_length=120)
    family_name: str = Field(min_length=1, max_length=120)
    a_number: str | None = Field(default=None, description="A 012-345-678, A12345678 or 12345678")
    date_of_birth: datetime.date | None = None
    country_of_birth: str = Field(default="", description="ISO 3166-1 alpha-2, e.g. MX")
    citizenships: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=20
    )
    languages: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=20
    )
    immigration_status: ImmigrationStatus = "other"
    status_since: datetime.date | None = None
    has_criminal_history: bool = False
    criminal_history_summary: str = ""
    vulnerabilities: list[Vulnerability] = Field(default_factory=list, max_length=10)
    aliases: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, max_length=20
    )


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
    version: int = Field(description="Send it back in a PATCH; a stale one is refused (409).")


class PersonPatch(Input):
    """The client's own details to correct; `version` is the one read (a stale edit is 409)."""

    version: int
    given_name: str = not_null(min_length=1, max_length=120)
    family_name: str = not_null(min_length=1, max_length=120)
    aliases: list[Annotated[str, Field(max_length=200)]] = not_null(max_length=20)
    a_number: str | None = Field(
        default=None, max_length=20, description="Any spelling; null: none"
    )
    date_of_birth: datetime.date | None = None
    country_of_birth: str = not_null(max_length=2, description="ISO 3166-1 alpha-2, e.g. MX")
    citizenships: list[Annotated[str, Field(max_length=2)]] = not_null(max_length=20)
    languages: list[Annotated[str, Field(max_length=60)]] = not_null(max_length=20)
    immigration_status: ImmigrationStatus = not_null()
    status_since: datetime.date | None = None


class PersonList(Schema):
    items: list[PersonOut]


class CaseIn(Input):
    person_id: uuid.UUID
    title: str = Field(default="", max_length=200, description="Default: the client's name")
    opened_on: datetime.date | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=TAGS_LIMIT)
    campaign: str = Field(default="", max_length=120)
    restricted: bool = False


class CasePatch(Input):
    """Fields to change; `version` is the one read, so a stale edit is refused (409)."""

    version: int
    title: str = not_null(min_length=1, max_length=200)
    status: CaseStatus = not_null()
    detention_basis: DetentionBasisChoice = not_null()
    removal_period_began_on: datetime.date | None = None
    tags: list[Tag] = not_null(max_length=TAGS_LIMIT)
    campaign: str = not_null(max_length=120)
    restricted: bool = not_null()
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
    removal_period_began_on: datetime.date | None = None
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
