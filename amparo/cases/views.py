"""HTML pages for cases: list and detail. Thin: load through access, call a selector, render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from amparo.audit.services import audit_read
from amparo.cases.forms import CaseEditForm
from amparo.cases.models import Case
from amparo.cases.selectors import case_alerts, case_list, case_timeline, custody_summary
from amparo.cases.services import case_update
from amparo.core.access import (
    a_number_shown,
    can_read_access_log,
    can_see_privileged,
    can_write,
    case_for,
)
from amparo.core.errors import ConflictError
from amparo.custody.selectors import case_venue
from amparo.people.identifiers import country_name


def _days_since(moment: datetime.datetime | None, today: datetime.date) -> int | None:
    return (today - timezone.localtime(moment).date()).days if moment else None


@login_required
def case_list_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    cases = list(case_list(request.user, status=status or None, query=query or None)[:200])
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "a_number": a_number_shown(request.user, case.person),
            "placement": next(iter(getattr(case, "current_placements", [])), None),
            "days_detained": _days_since(getattr(case, "detained_since", None), today),
        }
        for case in cases
    ]
    context = {"rows": rows, "query": query, "status": status, "statuses": Case.Status.choices}
    template = "cases/case_list.html"
    if request.headers.get("HX-Request"):
        template = "cases/_case_rows.html"
    return render(request, template, context)


@login_required
def case_detail_page(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case)
    venue = case_venue(case)
    context = {
        "case": case,
        "person": case.person,
        "a_number": a_number_shown(request.user, case.person),
        "country_of_birth": country_name(case.person.country_of_birth),
        "custody": custody_summary(case),
        "venue": venue.as_dict() if venue else None,
        "alerts": list(case_alerts(case)),
        "timeline": case_timeline(request.user, case),
        "can_write": can_write(request.user, case),
        "sees_privileged": can_see_privileged(request.user, case),
        "can_read_log": can_read_access_log(request.user, case),
    }
    return render(request, "cases/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit_page(request: HttpRequest, case_id: str) -> HttpResponse:
    """Edit the case's status, detention basis and labels; a stale form is refused, not saved
    over someone else's change."""
    case = case_for(request.user, case_id, write=True)
    if request.method == "GET":
        audit_read(actor=request.user, case=case)
        return render(
            request, "cases/case_edit.html", {"case": case, "form": CaseEditForm.for_case(case)}
        )
    form = CaseEditForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            case_update(
                actor=request.user,  # type: ignore[arg-type]  # login_required
                case=case,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Case saved.")
            return redirect("cases:detail", case_id=case.id)
    return render(request, "cases/case_edit.html", {"case": case, "form": form}, status=status)
