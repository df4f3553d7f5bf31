"""The court panel of the case page (htmx): drafts from the venue, filing, orders, deadlines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amparo.accounts.models import User
from amparo.audit.services import audit_read
from amparo.cases.models import Case
from amparo.core.access import can_write, case_for
from amparo.core.htmx import Errors, Loaded, panel_status, write_view
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


@login_required
def court_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    return _panel(request, case_for(request.user, case_id))


def _refused(request: HttpRequest, case: Case, form: Form, errors: Errors) -> HttpResponse:
    # The panel shows its forms afresh, so every error is listed, named by its form's label.
    return _panel(request, case, errors=errors.labelled(form).lines(), status=422)


def _on_case(user: User, case_id: str) -> Loaded:
    case = case_for(user, case_id, write=True)
    return case, {"case": case}


def _on_court_case(user: User, court_case_id: str) -> Loaded:
    court_case = court_case_get(user, court_case_id, write=True)
    return court_case.case, {"court_case": court_case}


def _on_order(user: User, order_id: str) -> Loaded:
    order = order_get(user, order_id, write=True)
    return order.court_case.case, {"order": order}


def _write_view(load: Callable[[User, str], Loaded], form_class: type[Form], service: Any) -> Any:
    return write_view(load, form_class, service, panel=_panel, refused=_refused)


draft = _write_view(_on_case, DraftForm, habeas_draft_from_venue)
file = _write_view(_on_court_case, FileForm, court_case_file)
order = _write_view(_on_court_case, OrderForm, order_record)
# Record by hand that the government obeyed an order.
compliance = _write_view(_on_order, ComplianceForm, order_compliance_record)


@login_required
def compliance_report(request: HttpRequest) -> HttpResponse:
    """Orders the government must obey and how it did, by ordering court."""
    rows = order_compliance_report(request.user)
    return render(request, "courts/order_compliance.html", {"rows": rows})
