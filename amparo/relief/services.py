"""Writes to the decision ledger: requests, their submission, acknowledgement and answer, moot
and withdrawn requests, and policy assessments (taking a next step is in `relief.step_services`).

The lifecycle is draft → submitted → (acknowledged) → decided, or withdrawn / moot from any open
status (`relief.rules.REQUEST_TRANSITIONS`). Services refuse any other move with TransitionError,
and a decision dated before the submission with a ValidationError on `decided_at`. Times are
kept to the minute, so the turnaround is exact in minutes.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.audit.services import audit_case_write
from amparo.cases.models import Case
from amparo.core.dateformats import shown_moment
from amparo.core.errors import ConflictError, TransitionError
from amparo.core.phrases import read
from amparo.core.services import create_case_record, save_versioned, validated_save
from amparo.courts.order_services import orders_watch_hearing
from amparo.relief import rules, selectors
from amparo.relief.models import Assessment, Decision, PolicyRegime, Request, RequestType
from amparo.relief.reporting import reported_requests_refresh

if TYPE_CHECKING:
    from amparo.accounts.models import User

Status = Request.Status
# Clocks on phones and fax machines drift; a submission a few minutes "in the future" is a
# typo-free entry, an hour is a mistake.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)


def _check_transition(request: Request, target: str) -> None:
    refusal = rules.transition_refusal(request.status, target)
    if refusal is not None:
        raise TransitionError(refusal, field="status")


def _write(
    actor: User | None,
    action: str,
    request: Request,
    *,
    expected_version: int | None,
    fields: list[str],
) -> None:
    """Save `fields` of a request under its version, refresh its reported row and audit it."""
    save_versioned(request, expected_version=expected_version, fields=fields)
    reported_requests_refresh(requests=[request.id])
    audit_case_write(actor, action, request, changed_fields=fields)


def _close(
    actor: User | None, action: str, request: Request, status: str, expected_version: int | None
) -> Request:
    """Close an open request as `status` (withdrawn, moot): no answer will come."""
    _check_transition(request, status)
    request.status = status
    request.closed_at = timezone.now()
    _write(
        actor, action, request, expected_version=expected_version, fields=["status", "closed_at"]
    )
    return request


def _default_addressee(case: Case, request_type: RequestType) -> tuple[str, Any]:
    """Where a request goes by default: an immigration judge's request to the immigration court
    that has the case, anything else to the field office director of the current venue."""
    if request_type.decided_by == RequestType.Decider.IMMIGRATION_JUDGE:
        return selectors.immigration_court_addressee(case), None
    office = selectors.current_field_office(case)
    if office is None:
        return "", None
    return f"Field Office Director, {office.name}", office


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
    """Draft a request. By default a request an immigration judge decides is addressed to the
    immigration court that has the case (8 CFR 1003.19(c)), any other to the field office
    director of the client's current venue."""
    if isinstance(request_type, str):
        found = selectors.request_type_by_slug(request_type)
        if found is None:
            slugs = ", ".join(t.slug for t in selectors.request_type_list().order_by("slug"))
            raise ValidationError(
                {"type": _("Unknown request type; use one of: %(slugs)s.") % {"slugs": slugs}}
            )
        request_type = found
    default_addressee, field_office = _default_addressee(case, request_type)
    request = Request(
        case=case,
        request_type=request_type,
        legal_basis=legal_basis or request_type.legal_basis,
        reason=reason,
        requested_days=requested_days,
        urgency_until=urgency_until,
        addressed_to=addressed_to or default_addressee,
        field_office=field_office,
    )
    create_case_record(request, actor=actor, action="request.create", case=case)
    return request


def _recorded_time(value: datetime.datetime, field: str) -> datetime.datetime:
    if timezone.is_naive(value):
        raise ValidationError({field: _("Give the time with its time zone offset.")})
    if value > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({field: _("This time is in the future.")})
    return rules.to_the_minute(value)


@transaction.atomic
def request_submit(
    *,
    actor: User | None,
    request: Request,
    submitted_at: datetime.datetime,
    channel: str,
    expected_version: int | None = None,
) -> Request:
    """Record the minute a draft request was sent, how, and by whom."""
    _check_transition(request, Status.SUBMITTED)
    request.submitted_at = _recorded_time(submitted_at, "submitted_at")
    request.status = Status.SUBMITTED
    request.channel = channel
    request.submitted_by = actor
    fields = ["status", "submitted_at", "channel", "submitted_by"]
    if not request.addressed_to:
        request.addressed_to, office = _default_addressee(request.case, request.request_type)
        request.field_office = request.field_office or office
        fields += ["addressed_to", "field_office"]
    _write(actor, "request.submit", request, expected_version=expected_version, fields=fields)
    return request


@transaction.atomic
def request_acknowledge(
    *,
    actor: User | None,
    request: Request,
    acknowledged_at: datetime.datetime,
    expected_version: int | None = None,
) -> Request:
    """Record that the office confirmed receipt (optional step before the decision)."""
    _check_transition(request, Status.ACKNOWLEDGED)
    assert request.submitted_at is not None  # guaranteed by request_sent_has_time_and_channel
    acknowledged_at = _recorded_time(acknowledged_at, "acknowledged_at")
    if acknowledged_at < request.submitted_at:
        raise ValidationError(
            {
                "acknowledged_at": _(
                    "The acknowledgement cannot come before the request was submitted "
                    "(%(submitted)s)."
                )
                % {"submitted": shown_moment(request.submitted_at)}
            }
        )
    request.status = Status.ACKNOWLEDGED
    request.acknowledged_at = acknowledged_at
    _write(
        actor,
        "request.acknowledge",
        request,
        expected_version=expected_version,
        fields=["status", "acknowledged_at"],
    )
    return request


@transaction.atomic
def request_withdraw(
    *, actor: User | None, request: Request, expected_version: int | None = None
) -> Request:
    """The team withdraws an open request (a draft, or one still waiting for an answer)."""
    return _close(actor, "request.withdraw", request, Status.WITHDRAWN, expected_version)


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
    # Only a pending request gets an answer; a withdrawn or moot outcome closes it as such.
    _check_transition(request, Status.DECIDED)
    target = rules.status_after_decision(outcome)
    assert request.submitted_at is not None  # guaranteed by request_sent_has_time_and_channel
    decided_at = _recorded_time(decided_at, "decided_at")
    if decided_at < request.submitted_at:
        raise ValidationError(
            {
                "decided_at": _(
                    "The decision cannot come before the request was submitted (%(submitted)s)."
                )
                % {"submitted": shown_moment(request.submitted_at)}
            }
        )
    if not reasons_given and reasons.strip():
        raise ValidationError({"reasons": _("Reasons text given, but reasons_given is false.")})
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
    request.status = target
    save_versioned(request, expected_version=expected_version, fields=["status"])
    reported_requests_refresh(requests=[request.id])
    bond_ruling = outcome not in ("no-response", "withdrawn", "moot")
    if request.request_type.escalation_key == "bond-redetermination" and bond_ruling:
        # An immigration judge ruling on bond shows a court's order of a bond hearing obeyed.
        orders_watch_hearing(
            actor=actor,
            case=request.case,
            held_at=decided_at,
            evidence="Immigration judge's bond decision recorded",
        )
    audit_case_write(actor, "decision.create", decision, case=request.case)
    return decision


@transaction.atomic
def request_mark_moot(
    *, actor: User | None, request: Request, expected_version: int | None = None
) -> Request:
    """An open request whose purpose has passed (the birth, the funeral) becomes moot."""
    return _close(actor, "request.moot", request, Status.MOOT, expected_version)


def requests_mark_moot(
    *, today: datetime.date | None = None, actor: User | None = None
) -> list[Request]:
    """Mark moot every open request whose urgency date has passed.

    `today` defaults to the day in each organisation's own time zone; each request is handled
    in its own transaction, so one conflicting edit does not undo the others.
    """
    marked: list[Request] = []
    now = timezone.now()
    candidates = (
        Request.objects.filter(status__in=rules.OPEN_STATUSES, urgency_until__isnull=False)
        .select_related("case__organisation", "request_type")
        .order_by("urgency_until")
    )
    for request in candidates:
        day = today or selectors.local_today(request.case, now=now)
        if not rules.past_urgency(request.urgency_until, day):
            continue
        try:
            marked.append(request_mark_moot(actor=actor, request=request))
        except (TransitionError, ConflictError):  # changed meanwhile by someone else
            continue
    return marked


def requests_overdue(
    *, organisation: Organisation | None = None, now: datetime.datetime | None = None
) -> list[Request]:
    """Requests still waiting for an answer past their threshold (read; nothing stored)."""
    now = now or timezone.now()
    pending = Request.objects.filter(status__in=rules.PENDING_STATUSES).select_related(
        "request_type", "case__organisation"
    )
    if organisation is not None:
        pending = pending.filter(case__organisation=organisation)
    return [
        r
        for r in pending
        if rules.is_overdue(
            status=r.status,
            submitted_at=r.submitted_at,
            now=now,
            threshold_hours=selectors.overdue_hours(r.request_type),
        )
    ]


# --- assessments ------------------------------------------------------------------------------


@transaction.atomic
def assessment_record(
    *, actor: User | None, request: Request, factors: dict[str, Any]
) -> Assessment:
    """Weigh a request against the 212.5(b) categories and the regime in force on its date."""
    on = selectors.request_date(request)
    answer = selectors.policy_regime_on(on)
    record = answer.regime
    errors = rules.assessment_errors(factors, record)
    if errors:
        raise ValidationError(
            {f"factors.{key}": [read(m) for m in messages] for key, messages in errors.items()}
        )
    cleaned = {
        key: {"applies": value["applies"], "evidence": str(value.get("evidence", "")).strip()}
        for key, value in factors.items()
    }
    assessment = Assessment(
        request=request,
        regime=PolicyRegime.objects.get(id=record.id) if record else None,
        assessed_for=on,
        factors=cleaned,
        assessed_by=actor,
    )
    create_case_record(assessment, actor=actor, action="assessment.create", case=request.case)
    return assessment
