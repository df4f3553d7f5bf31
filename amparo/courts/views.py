"""The court panel of the case page (htmx): drafts from the venue, filing, orders, deadlines."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from amparo.accounts.models import User
from amparo.audit.services import audit_read
from amparo.cases.models import Case
from amparo.core.access import can_write, case_for
from amparo.core.errors import TransitionError
from amparo.courts.forms import ComplianceForm, DraftForm, FileForm, OrderForm
from amparo.courts.order_services import order_compliance_record, orders_check_overdue
from amparo.courts.rules import ENFORCE_TEMPLATE
from amparo.courts.selectors import (
    case_orders,
    court_case_get,
    court_case_list,
    order_compliance_report,
    order_get,
)
from amparo.courts.services import court_case_file, habeas_draft_from_venue, order_record
from amparo.deadlines.selectors import deadline_list


def _panel(
    request: HttpRequest, case: Case, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    if request.headers.get("HX-Request"):
        status = 200  # htmx swaps only 2xx answers; the errors are shown in the panel
    audit_read(actor=request.user, case=case)
    # An order overdue raises its alert the moment anyone looks (and the daily sweep).
    orders_check_overdue(case=case)
    states = [s for s in case_orders(case) if s.order.compliance]
    court_cases = list(court_case_list(case))
    for court_case in court_cases:
        # The orders the government must obey, with where each stands, beside their case.
        court_case.compliance_orders = [  # type: ignore[attr-defined]
            s for s in states if s.order.court_case_id == court_case.id
        ]
    context: dict[str, Any] = {
        "case": case,
        "court_cases": court_cases,
        "enforce_template": ENFORCE_TEMPLATE,
        "compliance_form": ComplianceForm(),
        "deadlines": list(deadline_list(request.user, case=case)),
        "can_write": can_write(request.user, case),
        "draft_form": DraftForm(),
        "file_form": FileForm(),
        "order_form": OrderForm(),
        "errors": errors or [],
    }
    return render(request, "courts/_court_panel.html", context, status=status)


def _errors(form: Form | None, exc: ValidationError | TransitionError | None = None) -> list[str]:
    found: list[str] = []
    if form is not None:
        for field, messages in form.errors.items():
            found += [f"{field}: {m}" for m in messages]
    if isinstance(exc, ValidationError):
        found += (
            [f"{f}: {' '.join(m)}" for f, m in exc.message_dict.items()]
            if hasattr(exc, "error_dict")
            else exc.messages
        )
    elif isinstance(exc, TransitionError):
        found.append(exc.message)
    return found


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required
    return request.user


@login_required
def court_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    return _panel(request, case_for(request.user, case_id))


@login_required
@require_POST
def draft(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, write=True)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _panel(request, case, errors=_errors(form), status=422)
    try:
        habeas_draft_from_venue(actor=_user(request), case=case, kind=form.cleaned_data["kind"])
    except ValidationError as exc:
        return _panel(request, case, errors=_errors(None, exc), status=422)
    return _panel(request, case)


@login_required
@require_POST
def file(request: HttpRequest, court_case_id: str) -> HttpResponse:
    court_case = court_case_get(request.user, court_case_id, write=True)
    form = FileForm(request.POST)
    if not form.is_valid():
        return _panel(request, court_case.case, errors=_errors(form), status=422)
    try:
        court_case_file(actor=_user(request), court_case=court_case, **form.cleaned_data)
    except (ValidationError, TransitionError) as exc:
        return _panel(request, court_case.case, errors=_errors(None, exc), status=422)
    return _panel(request, court_case.case)


@login_required
@require_POST
def order(request: HttpRequest, court_case_id: str) -> HttpResponse:
    court_case = court_case_get(request.user, court_case_id, write=True)
    form = OrderForm(request.POST)
    if not form.is_valid():
        return _panel(request, court_case.case, errors=_errors(form), status=422)
    try:
        order_record(actor=_user(request), court_case=court_case, **form.cleaned_data)
    except ValidationError as exc:
        return _panel(request, court_case.case, errors=_errors(None, exc), status=422)
    return _panel(request, court_case.case)


@login_required
@require_POST
def compliance(request: HttpRequest, order_id: str) -> HttpResponse:
    """Record by hand that the government obeyed an order."""
    order = order_get(request.user, order_id, write=True)
    case = order.court_case.case
    form = ComplianceForm(request.POST)
    if not form.is_valid():
        return _panel(request, case, errors=_errors(form), status=422)
    try:
        order_compliance_record(actor=_user(request), order=order, **form.cleaned_data)
    except ValidationError as exc:
        return _panel(request, case, errors=_errors(None, exc), status=422)
    return _panel(request, case)


@login_required
def compliance_report(request: HttpRequest) -> HttpResponse:
    """Orders the government must obey and how it did, by ordering court."""
    rows = order_compliance_report(request.user)
    return render(request, "courts/order_compliance.html", {"rows": rows})
