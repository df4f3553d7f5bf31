"""Input and output shapes of the decision ledger: requests, decisions, next steps, policy
regimes and assessments. Inputs reject unknown fields; times need an offset."""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, field_validator

from amparo.api.choices import Action, Channel, Outcome
from amparo.api.schemas import Input


def _aware(value: datetime.datetime) -> datetime.datetime:
    if value.tzinfo is None:
        raise ValueError(_("Give the time with its time zone offset, e.g. 2025-03-09T18:04-05:00."))
    return value


class RequestIn(Input):
    type: str = Field(description="Request type slug, e.g. humanitarian-parole")
    reason: str = Field(min_length=1)
    requested_days: int | None = Field(default=None, ge=1, le=3650)
    urgency_until: datetime.date | None = Field(
        default=None, description="Date of the birth, funeral or surgery; moot after it."
    )
    addressed_to: str = Field(
        default="", max_length=200, description="Default: the current venue's field office."
    )
    legal_basis: str = Field(default="", max_length=300)

    @field_validator("urgency_until")
    @classmethod
    def _not_past(cls, value: datetime.date | None) -> datetime.date | None:
        """A past urgency date is refused at entry (today in the organisation's zone, which
        the API's authentication activates)."""
        if value is not None and value < timezone.localdate():
            raise ValueError(_("This date has passed; give a date from today on."))
        return value


class SubmitIn(Input):
    submitted_at: datetime.datetime = Field(description="With offset; kept to the minute.")
    channel: Channel
    version: int | None = Field(default=None, description="Version read; refuses stale edits.")

    _check_aware = field_validator("submitted_at")(_aware)


class AcknowledgeIn(Input):
    acknowledged_at: datetime.datetime
    version: int | None = None

    _check_aware = field_validator("acknowledged_at")(_aware)


class WithdrawIn(Input):
    version: int | None = None


class DecisionIn(Input):
    decided_at: datetime.datetime
    outcome: Outcome
    reasons_given: bool
    reasons: str = ""
    decided_by: str = Field(default="", max_length=200)
    version: int | None = None

    _check_aware = field_validator("decided_at")(_aware)


class DecisionOut(Schema):
    decided_at: datetime.datetime
    outcome: str
    reasons_given: bool
    reasons: str
    decided_by: str


class RequestOut(Schema):
    id: uuid.UUID
    case_id: uuid.UUID
    type: str
    type_name: str
    decided_by_role: str = Field(description="Who decides this type of request.")
    legal_basis: str
    reason: str
    requested_days: int | None
    urgency_until: datetime.date | None
    days_left: int | None = Field(description="Countdown to urgency_until while open.")
    past_urgency: bool
    addressed_to: str
    field_office: str | None
    status: str
    submitted_at: datetime.datetime | None = Field(description="In the organisation's zone.")
    channel: str
    submitted_by: str | None
    acknowledged_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    decision: DecisionOut | None
    turnaround_minutes: int | None
    overdue: bool
    overdue_after_hours: int
    version: int


class RequestList(Schema):
    items: list[RequestOut]


class NextStepCourtOut(Schema):
    id: str
    name: str


class NextStepOut(Schema):
    action: str
    title: str
    due_on: datetime.date | None
    citation: str
    blocked_by: str | None
    court: NextStepCourtOut | None
    due_rule: str
    note: str
    because: str
    in_progress: bool


class MilestoneOut(Schema):
    slug: str
    title: str
    due_on: datetime.date
    citation: str
    passed: bool
    rule: str
    next_step: str


class DetentionOut(Schema):
    """The detention clock: days since the earliest arrest or placement (organisation's day)."""

    detained_since: datetime.date | None
    days: int | None
    basis: str | None
    milestones: list[MilestoneOut]
    flags: list[str]


class NextStepList(Schema):
    items: list[NextStepOut]


class TakeStepIn(Input):
    action: Action


class TakenStepOut(Schema):
    kind: Literal["request", "court-case", "deadline"]
    id: uuid.UUID
    step: NextStepOut


class PolicyRegimeOut(Schema):
    name: str
    authority: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    source: str
    slug: str
    summary: str


class PolicyRegimeList(Schema):
    on: datetime.date | None
    message: str
    items: list[PolicyRegimeOut]


class FactorAnswerIn(Input):
    applies: bool
    evidence: str = ""


class AssessmentIn(Input):
    factors: dict[str, FactorAnswerIn] = Field(
        description="Factor key (212.5(b)(1)…(5) or a regime factor) → applies + evidence."
    )


class FactorOut(Schema):
    key: str
    label: str
    kind: str
    citation: str
    applies: bool | None
    evidence: str


class AssessmentOut(Schema):
    id: uuid.UUID
    request_id: uuid.UUID
    assessed_for: datetime.date
    regime: PolicyRegimeOut | None
    regime_message: str
    factors: list[FactorOut]
    paragraphs: list[str]
    cautions: list[str]
