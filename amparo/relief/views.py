"""HTML for the decision ledger: the request panel on the case page and its short forms.

Thin: load through `core.access`, check a form, call the same service the API calls, render the
panel again (the partial; the case page loads it with hx-get).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from amparo.audit.services import audit_read
from amparo.cases.models import Case
from amparo.core.access import can_write, case_for
from amparo.core.htmx import (
    Errors,
    Loaded,
    form_write,
    member,
    panel_status,
    service_write,
    write_view,
)
from amparo.people.selectors import urgency_suggestion
from amparo.relief import rules
from amparo.relief.escalation_facts import case_facts
from amparo.relief.forms import (
    AcknowledgeForm,
    DecisionForm,
    RequestForm,
    SubmitForm,
    TakeStepForm,
    VersionForm,
)
from amparo.relief.models import Decision, Request
from amparo.relief.selectors import (
    case_requests,
    case_zone,
    request_get,
    request_type_list,
)
from amparo.relief.services import (
    decision_record,
    request_acknowledge,
    request_create,
    request_submit,
    request_withdraw,
)
from amparo.relief.step_services import next_step_take

PANEL_TEMPLATE = "relief/_request_panel.html"
# The row forms the panel can show again as typed; the others have no field a person types.
ROW_KINDS: dict[type[Form], str] = {SubmitForm: "submit", DecisionForm: "decision"}


def _type_choices() -> list[tuple[str, str]]:
    return [(t.slug, t.shown_name) for t in request_type_list()]


def _panel(
    request: HttpRequest,
    case: Case,
    *,
    error: str = "",
    error_for: str = "",
    status: int = 200,
    new_form: RequestForm | None = None,
    row_form: Form | None = None,
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
        "decision_outcomes": Decision.Outcome.choices,
        # A refusal is what a team logs most often: the form starts there.
        "default_outcome": Decision.Outcome.DENIED,
        "outcomes": rules.OUTCOME_WORDS,
        "error": error,
        "error_for": error_for,
        "new_form": new_form or (_new_request_form(request, case, zone) if writable else None),
        "row_form": row_form,
        "row_kind": ROW_KINDS.get(type(row_form)) if row_form is not None else "",
    }
    return render(request, PANEL_TEMPLATE, context, status=status)


def _new_request_form(request: HttpRequest, case: Case, zone: Any) -> RequestForm:
    """A new request starts with the urgency of the family's next life event ("wife due
    12-10"): its date and reason (people.selectors.urgency_suggestion)."""
    initial = {}
    suggestion = urgency_suggestion(
        request.user, case.person, today=timezone.now().astimezone(zone).date()
    )
    if suggestion is not None:
        initial = {"urgency_until": suggestion[0], "reason": suggestion[1]}
    return RequestForm(types=_type_choices(), auto_id="id_new_%s", initial=initial)


def _done(request: HttpRequest, case: Case) -> Callable[[object], HttpResponse]:
    """After a write, the panel again: next steps appear the moment a denial is saved."""
    return lambda _result: _panel(request, case)


def _failed(
    case: Case,
    request: HttpRequest,
    *,
    error_for: str = "",
    new_form: RequestForm | None = None,
    row_form: Form | None = None,
) -> Callable[[Errors], HttpResponse]:
    """The panel again with the errors beside the form they belong to (`error_for`); the new
    request's form, and a refused form on a request's row, come back as typed, each error next
    to its field."""

    def answer(errors: Errors) -> HttpResponse:
        status = panel_status(request, 422)
        error = (errors.labelled(row_form) if row_form is not None else errors).text()
        shown_again = row_form if row_form is not None and type(row_form) in ROW_KINDS else None
        typed = new_form if new_form is not None else shown_again
        if typed is not None:
            errors.add_to(typed)
            error = ""
        return _panel(
            request,
            case,
            error=error,
            error_for=error_for,
            status=status,
            new_form=new_form,
            row_form=row_form,
        )

    return answer


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
    return form_write(
        form,
        lambda data: request_create(
            actor=member(request),
            case=case,
            request_type=data["type"],
            reason=data["reason"],
            requested_days=data["requested_days"],
            urgency_until=data["urgency_until"],
            addressed_to=data["addressed_to"],
        ),
        done=_done(request, case),
        failed=_failed(case, request, error_for="new", new_form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def next_steps(request: HttpRequest, case_id: str) -> HttpResponse:
    """GET: the panel. POST: take a next step (draft request, draft court case or task)."""
    if request.method == "GET":
        return _read_panel(request, case_id)
    case = case_for(request.user, case_id, write=True)
    return form_write(
        TakeStepForm(request.POST),
        lambda data: next_step_take(actor=member(request), case=case, action=data["action"]),
        done=_done(request, case),
        failed=_failed(case, request),
    )


def _on_request(actor: Any, request_id: str) -> Loaded:
    found = request_get(actor, request_id, write=True)
    return found, {"request": found}


def _versioned(service: Callable[..., object]) -> Callable[..., object]:
    """`service` given the row form's hidden `version` as its `expected_version`."""

    def call(*, version: int | None, **arguments: Any) -> object:
        return service(expected_version=version, **arguments)

    return call


def _row_write(
    form_class: type[Form], service: Callable[..., object]
) -> Callable[..., HttpResponse]:
    """The POST of a short form on one request row, its fields the service's keyword arguments:
    the panel again after the write (next steps appear the moment a denial is saved), or with
    the errors on that row."""
    return write_view(
        _on_request,
        form_class,
        _versioned(service),
        panel=lambda request, found: _panel(request, found.case),
        refused=lambda request, found, form, errors: _failed(
            found.case, request, error_for=str(found.id), row_form=form
        )(errors),
        form_kwargs=lambda found: {"zone": case_zone(found.case)},
    )


submit = _row_write(SubmitForm, request_submit)
acknowledge = _row_write(AcknowledgeForm, request_acknowledge)
decide = _row_write(DecisionForm, decision_record)  # the one short decision form


@login_required
@require_POST
def withdraw(request: HttpRequest, request_id: str) -> HttpResponse:
    found = request_get(request.user, request_id, write=True)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    return service_write(
        lambda: request_withdraw(actor=member(request), request=found, expected_version=version),
        done=_done(request, found.case),
        failed=_failed(found.case, request, error_for=str(found.id)),
    )
