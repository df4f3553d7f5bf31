"""HTML pages for cases: list and detail. Thin: load through access, call a selector, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amparo.audit.services import audit_read
from amparo.cases.doubts import data_doubts
from amparo.cases.facts import custody_facts_of, fact_sheet
from amparo.cases.forms import CaseEditForm
from amparo.cases.models import Case
from amparo.cases.selectors import case_list_rows, case_timeline_page
from amparo.cases.services import case_update
from amparo.cases.workspace_forms import ClientForm
from amparo.core.access import (
    a_number_shown,
    a_numbers_shown_to,
    can_read_access_log,
    can_see_privileged,
    can_write,
    case_for,
    organisation_administered_by,
)
from amparo.core.htmx import Errors, form_write, is_htmx, member
from amparo.core.middleware import member_zones
from amparo.people.identifiers import country_name
from amparo.people.models import full_name_of
from amparo.people.services import person_update


@login_required
def case_list_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    try:
        page = case_list_rows(
            request.user,
            status=status or None,
            query=query or None,
            cursor=request.GET.get("cursor") or None,
        )
    except ValidationError:  # a stale or edited cursor: start from the first page
        page = case_list_rows(request.user, status=status or None, query=query or None)
    facts = custody_facts_of(
        {case["id"]: case["organisation_id"] for case in page.items},
        zones=member_zones(request.user),
    )
    a_number_shown = a_numbers_shown_to(request.user)
    rows = [
        {
            "id": case["id"],
            "client": full_name_of(case["person__given_name"], case["person__family_name"]),
            "a_number": a_number_shown(case["person__organisation_id"], case["person__a_number"]),
            "title": case["title"],
            "status": case["status"],
            "opened_on": case["opened_on"],
            "held_at": facts[case["id"]].held_at,
            "days_detained": facts[case["id"]].days_detained,
        }
        for case in page.items
    ]
    more = None
    if page.next_cursor:
        more = urlencode({"q": query, "status": status, "cursor": page.next_cursor})
    context = {
        "rows": rows,
        "more": more,
        "query": query,
        "status": status,
        "statuses": Case.Status.choices,
    }
    template = "cases/_case_rows.html" if is_htmx(request) else "cases/case_list.html"
    return render(request, template, context)


@login_required
def case_detail_page(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case)
    facts = fact_sheet(case, alerts=True)
    venue = facts.venue()
    context = {
        "case": case,
        "person": case.person,
        "a_number": a_number_shown(request.user, case.person),
        "country_of_birth": country_name(case.person.country_of_birth),
        "custody": facts,
        "venue": venue.as_dict() if venue else None,
        "alerts": facts.open_alerts,
        "timeline": case_timeline_page(request.user, case),
        "can_write": can_write(request.user, case),
        "sees_privileged": can_see_privileged(request.user, case),
        "can_read_log": can_read_access_log(request.user, case),
    }
    return render(request, "cases/case_detail.html", context)


@login_required
def case_timeline_older(request: HttpRequest, case_id: str) -> HttpResponse:
    """Older timeline items, after the cursor the page showed ("older" loads more)."""
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case)
    try:
        timeline = case_timeline_page(request.user, case, cursor=request.GET.get("cursor"))
    except ValidationError:
        timeline = case_timeline_page(request.user, case)
    context = {"case": case, "timeline": timeline}
    template = "cases/_timeline_items.html"
    if not is_htmx(request):
        template = "cases/timeline.html"
    return render(request, template, context)


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

    def saved(_case: Case) -> HttpResponse:
        messages.success(request, _("Case saved."))
        return redirect("cases:detail", case_id=case.id)

    def failed(errors: Errors) -> HttpResponse:
        errors.add_to(form)
        context = {"case": case, "form": form}
        return render(request, "cases/case_edit.html", context, status=errors.status)

    return form_write(
        form,
        lambda data: case_update(
            actor=member(request), case=case, expected_version=data["version"], **form.changes()
        ),
        done=saved,
        failed=failed,
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_edit_page(request: HttpRequest, case_id: str) -> HttpResponse:
    """Correct the client's own details after intake. A form saved over someone else's change
    is refused (409) with the typed values kept; documents' "fix" links for client data lead
    here."""
    case = case_for(request.user, case_id, write=True)
    person = case.person
    if request.method == "GET":
        audit_read(actor=request.user, case=case)
        form = ClientForm(initial=ClientForm.initial_for(person))
        return render(request, "cases/client_edit.html", {"case": case, "form": form})
    form = ClientForm(request.POST)

    def saved(_person: object) -> HttpResponse:
        messages.success(request, _("Client details saved."))
        return redirect(reverse("cases:detail", kwargs={"case_id": case.id}) + "#client")

    def failed(errors: Errors) -> HttpResponse:
        errors.add_to(form)
        context = {"case": case, "form": form}
        return render(request, "cases/client_edit.html", context, status=errors.status)

    return form_write(
        form,
        lambda data: person_update(
            actor=member(request),
            person=person,
            expected_version=data["version"],
            **{k: v for k, v in data.items() if k != "version"},
        ),
        done=saved,
        failed=failed,
    )


@login_required
@require_http_methods(["GET"])
def data_doubts_page(request: HttpRequest) -> HttpResponse:
    """Doubts about data behind the organisation's open cases, for its admin (others 404)."""
    organisation = organisation_administered_by(request.user, slug=request.GET.get("org") or None)
    context = {"organisation": organisation, "doubts": data_doubts(request.user, organisation.id)}
    return render(request, "cases/data_doubts.html", context)
