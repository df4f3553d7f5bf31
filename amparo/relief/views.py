"""HTML for the decision ledger: the request panel on the case page and its short forms.

Thin: load through `core.access`, check a form, call the same service the API calls, render the
panel again (the partial; the case page loads it with hx-get).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.models import User
from amparo.audit.services import audit_read
from amparo.cases.models import Case
from amparo.core.access import can_write, case_for
from amparo.core.errors import ConflictError, TransitionError
from amparo.relief import rules
from amparo.relief.forms import (
    AcknowledgeForm,
    DecisionForm,
    RequestForm,
    SubmitForm,
    TakeStepForm,
    VersionForm,
)
from amparo.relief.models import Request
from amparo.relief.selectors import (
    case_facts,
    case_requests,
    case_zone,
    request_get,
    request_type_list,
)
from amparo.relief.services import (
    decision_record,
    next_step_take,
    request_acknowledge,
    request_create,
    request_submit,
    request_withdraw,
)

PANEL_TEMPLATE = "relief/_request_panel.html"


def _actor(request: HttpRequest) -> User:
    """The signed-in member (every view here is login_required)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _type_choices() -> list[tuple[str, str]]:
    return [(t.slug, t.name) for t in request_type_list()]


def _form_errors(form: Form) -> str:
    return "; ".join(
        f"{'' if field == '__all__' else field.replace('_', ' ') + ': '}"
        + " ".join(str(m) for m in messages)
        for field, messages in form.errors.items()
    )


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(
                f"{'' if f == '__all__' else f.replace('_', ' ') + ': '}{' '.join(m)}"
                for f, m in exc.message_dict.items()
            )
        return " ".join(exc.messages)
    return str(getattr(exc, "message", exc))


def _panel(
    request: HttpRequest,
    case: Case,
    *,
    error: str = "",
    error_for: str = "",
    status: int = 200,
    new_form: RequestForm | None = None,
) -> HttpResponse:
    zone = case_zone(case)
    now = timezone.now()
    writable = can_write(request.user, case)
    facts = case_facts(case, now=now)
    context: dict[str, Any] = {
        "case": case,
        "rows": case_requests(case, now=now),
        "steps": rules.next_steps(facts),
        "clock": rules.facts_clock(facts),
        "can_write": writable,
        "now_local": now.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "zone": str(zone),
        "channels": Request.Channel.choices,
        "outcomes": rules.OUTCOME_WORDS,
        "error": error,
        "error_for": error_for,
        "new_form": new_form
        or (RequestForm(types=_type_choices(), auto_id="id_new_%s") if writable else None),
    }
    return render(request, PANEL_TEMPLATE, context, status=status)


def _done(request: HttpRequest, case: Case) -> HttpResponse:
    """After a write, the panel again: next steps appear the moment a denial is saved."""
    return _panel(request, case)


def _failed(request: HttpRequest, case: Case, message: str, *, error_for: str = "") -> HttpResponse:
    # htmx swaps only 2xx answers by default, so the panel with its error comes back as 200;
    # a plain form post gets the honest 422.
    status = 200 if request.headers.get("HX-Request") else 422
    return _panel(request, case, error=message, error_for=error_for, status=status)


def _read_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case, action="request.list")
    return _panel(request, case)


@login_required
@require_http_methods(["GET", "POST"])
def request_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    """GET: the panel (the case page loads it with hx-get). POST: draft a new request."""
    if request.method == "GET":
        return _read_panel(request, case_id)
    case = case_for(request.user, case_id, write=True)
    form = RequestForm(request.POST, types=_type_choices(), auto_id="id_new_%s")
    if not form.is_valid():
        return _failed(request, case, _form_errors(form), error_for="new")
    try:
        request_create(
            actor=_actor(request),
            case=case,
            request_type=form.cleaned_data["type"],
            reason=form.cleaned_data["reason"],
            requested_days=form.cleaned_data["requested_days"],
            urgency_until=form.cleaned_data["urgency_until"],
            addressed_to=form.cleaned_data["addressed_to"],
        )
    except ValidationError as exc:
        return _failed(request, case, _error_text(exc), error_for="new")
    return _done(request, case)


@login_required
@require_http_methods(["GET", "POST"])
def next_steps(request: HttpRequest, case_id: str) -> HttpResponse:
    """GET: the panel. POST: take a next step (draft request, draft court case or task)."""
    if request.method == "GET":
        return _read_panel(request, case_id)
    case = case_for(request.user, case_id, write=True)
    form = TakeStepForm(request.POST)
    if not form.is_valid():
        return _failed(request, case, _form_errors(form))
    try:
        next_step_take(
            actor=_actor(request),
            case=case,
            action=form.cleaned_data["action"],
        )
    except (ValidationError, TransitionError) as exc:
        return _failed(request, case, _error_text(exc))
    return _done(request, case)


def _request_action(request: HttpRequest, request_id: str) -> tuple[Request, Case]:
    found = request_get(request.user, request_id, write=True)
    return found, found.case


@login_required
@require_POST
def submit(request: HttpRequest, request_id: str) -> HttpResponse:
    found, case = _request_action(request, request_id)
    form = SubmitForm(request.POST, zone=case_zone(case))
    if not form.is_valid():
        return _failed(request, case, _form_errors(form), error_for=str(found.id))
    try:
        request_submit(
            actor=_actor(request),
            request=found,
            submitted_at=form.cleaned_data["submitted_at"],
            channel=form.cleaned_data["channel"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, TransitionError, ConflictError) as exc:
        return _failed(request, case, _error_text(exc), error_for=str(found.id))
    return _done(request, case)


@login_required
@require_POST
def acknowledge(request: HttpRequest, request_id: str) -> HttpResponse:
    found, case = _request_action(request, request_id)
    form = AcknowledgeForm(request.POST, zone=case_zone(case))
    if not form.is_valid():
        return _failed(request, case, _form_errors(form), error_for=str(found.id))
    try:
        request_acknowledge(
            actor=_actor(request),
            request=found,
            acknowledged_at=form.cleaned_data["acknowledged_at"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, TransitionError, ConflictError) as exc:
        return _failed(request, case, _error_text(exc), error_for=str(found.id))
    return _done(request, case)


@login_required
@require_POST
def decide(request: HttpRequest, request_id: str) -> HttpResponse:
    """The one short decision form; the panel comes back with the next steps at once."""
    found, case = _request_action(request, request_id)
    form = DecisionForm(request.POST, zone=case_zone(case))
    if not form.is_valid():
        return _failed(request, case, _form_errors(form), error_for=str(found.id))
    data = form.cleaned_data
    try:
        decision_record(
            actor=_actor(request),
            request=found,
            decided_at=data["decided_at"],
            outcome=data["outcome"],
            reasons_given=data["reasons_given"],
            reasons=data["reasons"],
            decided_by=data["decided_by"],
            expected_version=data["version"],
        )
    except (ValidationError, TransitionError, ConflictError) as exc:
        return _failed(request, case, _error_text(exc), error_for=str(found.id))
    return _done(request, case)


@login_required
@require_POST
def withdraw(request: HttpRequest, request_id: str) -> HttpResponse:
    found, case = _request_action(request, request_id)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        request_withdraw(
            actor=_actor(request),
            request=found,
            expected_version=version,
        )
    except (TransitionError, ConflictError) as exc:
        return _failed(request, case, _error_text(exc), error_for=str(found.id))
    return _done(request, case)
