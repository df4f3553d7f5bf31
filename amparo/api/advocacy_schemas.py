"""Input and output shapes of privacy waivers, congressional inquiries, members of Congress and
statements. Inputs reject unknown fields; times need an offset."""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

from ninja import Schema
from pydantic import Field, field_validator

from amparo.api.choices import (
    AuthorKind,
    InquiryChannel,
    InquiryOutcome,
    StatementKind,
    WaiverForm,
    WaiverSignedBy,
)
from amparo.api.relief_schemas import _aware
from amparo.api.schemas import Input, not_null


class WaiverIn(Input):
    recipient: str = Field(default="", max_length=200, description="The office's name as text.")
    recipient_member_id: uuid.UUID | None = Field(
        default=None, description="Or a loaded member of Congress (GET /congress/members)."
    )
    form: WaiverForm
    signed_on: datetime.date
    signed_by: WaiverSignedBy
    signer_name: str = Field(default="", max_length=200, description="The guardian, if one.")
    scope: str = Field(default="", max_length=2000)
    signed_copy_id: uuid.UUID | None = Field(
        default=None, description="The signed form, uploaded as a document of the case."
    )


class WaiverOut(Schema):
    id: uuid.UUID
    recipient: str
    recipient_member_id: uuid.UUID | None
    form: str
    signed_on: datetime.date
    signed_by: str
    signer_name: str
    scope: str
    signed_copy_id: uuid.UUID | None


class WaiverList(Schema):
    items: list[WaiverOut]


class InquiryIn(Input):
    office: str = Field(default="", max_length=200, description="The office's name as text.")
    member_id: uuid.UUID | None = Field(default=None, description="Or a loaded member.")
    caseworker: str = Field(default="", max_length=200)
    asked_for: str = Field(default="", max_length=5000)


class SendIn(Input):
    sent_at: datetime.datetime
    channel: InquiryChannel

    _check_aware = field_validator("sent_at")(_aware)


class ResponseIn(Input):
    response_at: datetime.datetime
    outcome: InquiryOutcome
    summary: str = Field(default="", max_length=5000)

    _check_aware = field_validator("response_at")(_aware)


class FollowUpIn(Input):
    at: datetime.datetime = Field(description="When the office or ICE was chased.")
    note: str = Field(min_length=1, max_length=500, description="What was asked or said.")

    _check_aware = field_validator("at")(_aware)


class FollowUpOut(Schema):
    id: uuid.UUID
    at: datetime.datetime
    note: str


class InquiryOut(Schema):
    id: uuid.UUID
    office: str
    member_id: uuid.UUID | None
    caseworker: str
    asked_for: str
    waiver_id: uuid.UUID | None
    sent_at: datetime.datetime | None
    channel: str
    response_at: datetime.datetime | None
    response_hours: float | None
    outcome: str
    summary: str
    follow_ups: list[FollowUpOut]


class InquiryList(Schema):
    items: list[InquiryOut]


class MemberOut(Schema):
    id: uuid.UUID
    bioguide_id: str | None
    name: str
    chamber: str
    state: str
    district: str
    party: str
    phone: str
    contact_form: str
    caseworker: str
    caseworker_emails: list[str]
    district_offices: list[dict[str, str]]


class MemberList(Schema):
    state: str
    district: str
    states_from_zip: list[str]
    note: str
    items: list[MemberOut]


EventKind = Literal["arrest", "placement", "request", "decision", "hearing", "order"]


class AnswerRef(Input):
    """A case event a statement answers: its kind and id, as the case timeline lists them."""

    kind: EventKind
    id: uuid.UUID


class AnswerOut(Schema):
    kind: str
    id: uuid.UUID
    at: datetime.datetime
    label: str


class StatementIn(Input):
    author_kind: AuthorKind
    author: str = Field(min_length=1, max_length=200)
    kind: StatementKind
    said_at: datetime.datetime
    language: str = Field(default="en", max_length=35)
    text: str = Field(default="", max_length=20000)
    link: str = Field(default="", max_length=500)
    embargo_until: datetime.datetime | None = None
    publicity_consent: bool = False
    answers: list[AnswerRef] = Field(
        default_factory=list, max_length=50, description="The case events it answers."
    )

    _check_aware = field_validator("said_at", "embargo_until")(
        lambda v: v if v is None else _aware(v)
    )


class StatementPatch(Input):
    """Fields to change; only the embargo can be cleared with null."""

    author_kind: AuthorKind = not_null()
    author: str = not_null(min_length=1, max_length=200)
    kind: StatementKind = not_null()
    said_at: datetime.datetime = not_null()
    language: str = not_null(max_length=35)
    text: str = not_null(max_length=20000)
    link: str = not_null(max_length=500)
    embargo_until: datetime.datetime | None = None
    publicity_consent: bool = not_null()
    answers: list[AnswerRef] = not_null(max_length=50)
    version: int | None = Field(default=None, description="Version read; refuses stale edits.")

    _check_aware = field_validator("said_at", "embargo_until")(
        lambda v: v if v is None else _aware(v)
    )


class StatementOut(Schema):
    id: uuid.UUID
    author_kind: str
    author: str
    kind: str
    said_at: datetime.datetime
    language: str
    text: str
    link: str
    embargo_until: datetime.datetime | None
    publicity_consent: bool
    answers: list[AnswerOut]
    version: int


class StatementList(Schema):
    items: list[StatementOut]
