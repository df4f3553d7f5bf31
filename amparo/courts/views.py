"""The court panel of the case page (htmx): drafts from the venue, filing, orders, deadlines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from amparo.audit.services import audit_read
from amparo.cases.models import Case
from amparo.core.access import can_write, case_for
from amparo.core.htmx import form_write, member, panel_status
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
    status = panel_status(request, status)
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


def _write(
    request: HttpRequest, case: Case, form: Form, save: Callable[[dict[str, Any]], object]
) -> HttpResponse:
    return form_write(
        form,
        save,
        done=lambda _result: _panel(request, case),
        failed=lambda errors: _panel(request, case, errors=errors.lines(), status=422),
    )


@login_required
def court_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    return _panel(request, case_for(request.user, case_id))


@login_required
@require_POST
def draft(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, write=True)
    return _write(
        request,
        case,
        DraftForm(request.POST),
        lambda data: habeas_draft_from_venue(actor=member(request), case=case, kind=data["kind"]),
    )


@login_required
@require_POST
def file(request: HttpRequest, court_case_id: str) -> HttpResponse:
    court_case = court_case_get(request.user, court_case_id, write=True)
    return _write(
        request,
        court_case.case,
        FileForm(request.POST),
        lambda data: court_case_file(actor=member(request), court_case=court_case, **data),
    )


@login_required
@require_POST
def order(request: HttpRequest, court_case_id: str) -> HttpResponse:
    court_case = court_case_get(request.user, court_case_id, write=True)
    return _write(
        request,
        court_case.case,
        OrderForm(request.POST),
        lambda data: order_record(actor=member(request), court_case=court_case, **data),
    )


@login_required
@require_POST
def compliance(request: HttpRequest, order_id: str) -> HttpResponse:
    """Record by hand that the government obeyed an order."""
    order = order_get(request.user, order_id, write=True)
    return _write(
        request,
        order.court_case.case,
        ComplianceForm(request.POST),
        lambda data: order_compliance_record(actor=member(request), order=order, **data),
    )


@login_required
def compliance_report(request: HttpRequest) -> HttpResponse:
    """Orders the government must obey and how it did, by ordering court."""
    rows = order_compliance_report(request.user)
    return render(request, "courts/order_compliance.html", {"rows": rows})
