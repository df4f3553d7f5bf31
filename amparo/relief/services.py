"""Writes to the decision ledger: requests, their submission and the agency's answer.

The lifecycle is draft → submitted → (acknowledged) → decided, or withdrawn / moot. Services
refuse any other move with TransitionError, and a decision dated before the submission with a
ValidationError on `decided_at`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.errors import TransitionError
from amparo.core.services import filled_fields, save_versioned, validated_save
from amparo.custody.models import FieldOffice, Placement
from amparo.relief.models import Decision, Request, RequestType

if TYPE_CHECKING:
    from amparo.accounts.models import User

Status = Request.Status
# Clocks on phones and fax machines drift; a submission a few minutes "in the future" is a
# typo-free entry, an hour is a mistake.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)


def _current_field_office(case: Case) -> FieldOffice | None:
    placement = (
        Placement.objects.filter(case=case, ended_at__isnull=True)
        .select_related("facility__field_office")
        .first()
    )
    return placement.facility.field_office if placement else None


@transaction.atomic
def request_create(
    *,
    actor: User | None,
    case: Case,
    request_type: RequestType | str,
    reason: str,
    requested_days: int | None = None,
    urgency_until: datetime.date | None = None,
    addressed_to: str = "",
    legal_basis: str = "",
) -> Request:
    """Draft a request; it is addressed by default to the field office holding the client now."""
    if isinstance(request_type, str):
        found = RequestType.objects.filter(slug=request_type, active=True).first()
        if found is None:
            slugs = ", ".join(
                RequestType.objects.filter(active=True).values_list("slug", flat=True)
            )
            raise ValidationError({"type": f"Unknown request type; use one of: {slugs}."})
        request_type = found
    field_office = _current_field_office(case)
    if not addressed_to and field_office is not None:
        addressed_to = f"Field Office Director, {field_office.name}"
    request = Request(
        case=case,
        request_type=request_type,
        legal_basis=legal_basis or request_type.legal_basis,
        reason=reason,
        requested_days=requested_days,
        urgency_until=urgency_until,
        addressed_to=addressed_to,
        field_office=field_office,
    )
    validated_save(request)
    audit_record(
        actor=actor,
        action="request.create",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=request,
        changed_fields=filled_fields(request),
    )
    return request


def _not_in_future(value: datetime.datetime, field: str) -> None:
    if timezone.is_naive(value):
        raise ValidationError({field: "Give the time with its time zone offset."})
    if value > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({field: "This time is in the future."})


@transaction.atomic
def request_submit(
    *,
    actor: User | None,
    request: Request,
    submitted_at: datetime.datetime,
    channel: str,
    expected_version: int | None = None,
) -> Request:
    """Record the minute a draft request was sent, and how."""
    if request.status != Status.DRAFT:
        raise TransitionError(
            f"Only a draft can be submitted; this request is {request.get_status_display()}.",
            field="status",
        )
    _not_in_future(submitted_at, "submitted_at")
    request.status = Status.SUBMITTED
    request.submitted_at = submitted_at
    request.channel = channel
    request.submitted_by = actor
    save_versioned(
        request,
        expected_version=expected_version,
        fields=["status", "submitted_at", "channel", "submitted_by"],
    )
    audit_record(
        actor=actor,
        action="request.submit",
        organisation=request.case.organisation_id,
        case_id=request.case_id,
        obj=request,
        changed_fields=["status", "submitted_at", "channel", "submitted_by"],
    )
    return request


@transaction.atomic
def decision_record(
    *,
    actor: User | None,
    request: Request,
    decided_at: datetime.datetime,
    outcome: str,
    reasons_given: bool,
    reasons: str = "",
    decided_by: str = "",
    expected_version: int | None = None,
) -> Decision:
    """Record the answer to a submitted request; the turnaround follows from the two times."""
    if request.status not in {Status.SUBMITTED, Status.ACKNOWLEDGED}:
        raise TransitionError(
            "Only a submitted request can be decided; this request is "
            f"{request.get_status_display()}.",
            field="status",
        )
    assert request.submitted_at is not None  # guaranteed by request_sent_has_time_and_channel
    _not_in_future(decided_at, "decided_at")
    if decided_at < request.submitted_at:
        raise ValidationError(
            {
                "decided_at": "The decision cannot come before the request was submitted "
                f"({request.submitted_at.isoformat()})."
            }
        )
    if not reasons_given and reasons.strip():
        raise ValidationError({"reasons": "Reasons text given, but reasons_given is false."})
    decision = Decision(
        request=request,
        submitted_at=request.submitted_at,
        decided_at=decided_at,
        outcome=outcome,
        reasons_given=reasons_given,
        reasons=reasons,
        decided_by=decided_by,
        recorded_by=actor,
    )
    validated_save(decision)
    request.status = {
        Decision.Outcome.WITHDRAWN: Status.WITHDRAWN,
        Decision.Outcome.MOOT: Status.MOOT,
    }.get(Decision.Outcome(outcome), Status.DECIDED)
    save_versioned(request, expected_version=expected_version, fields=["status"])
    audit_record(
        actor=actor,
        action="decision.create",
        organisation=request.case.organisation_id,
        case_id=request.case_id,
        obj=decision,
        changed_fields=filled_fields(decision),
    )
    return decision
