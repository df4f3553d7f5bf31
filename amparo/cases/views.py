"""HTML pages for cases: list and detail. Thin: load through access, call a selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.cases.selectors import case_alerts, case_list, case_timeline, custody_summary
from amparo.core.access import (
    a_number_shown,
    can_read_access_log,
    can_see_privileged,
    can_write,
    case_for,
)
from amparo.custody.selectors import case_venue


def home(request: HttpRequest) -> HttpResponse:
    return redirect("cases:list")


@login_required
def case_list_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    cases = list(case_list(request.user, status=status or None, query=query or None)[:200])
    rows = [
        {
            "case": case,
            "a_number": a_number_shown(request.user, case.person),
            "placement": next(iter(getattr(case, "current_placements", [])), None),
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
    audit_record(
        actor=request.user,
        action="case.read",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=case,
    )
    venue = case_venue(case)
    context = {
        "case": case,
        "person": case.person,
        "a_number": a_number_shown(request.user, case.person),
        "custody": custody_summary(case),
        "venue": venue.as_dict() if venue else None,
        "alerts": list(case_alerts(case)),
        "timeline": case_timeline(request.user, case),
        "can_write": can_write(request.user, case),
        "sees_privileged": can_see_privileged(request.user, case),
        "can_read_log": can_read_access_log(request.user, case),
    }
    return render(request, "cases/case_detail.html", context)
