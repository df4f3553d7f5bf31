"""HTML pages: the home page (what needs action now), rapid intake and the facility picker.
Thin: load through access, check the form, call one service or selector, render."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.accounts.context_processors import May
from amparo.accounts.models import Organisation
from amparo.cases.dashboard import action_dashboard, digest
from amparo.cases.intake import (
    Intake,
    RelativeIntake,
    check_intake,
    duplicate_rows,
    facility_chosen,
    intake_record,
    possible_duplicates,
)
from amparo.cases.selectors import organisation_members
from amparo.cases.workspace_forms import IntakeForm
from amparo.core.access import is_org_admin, organisation_for
from amparo.core.htmx import WRITE_ERRORS, Errors, member
from amparo.custody.selectors import facility_pick


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What needs action now, with "mine" and "everyone" toggles."""
    user = member(request)
    mine = request.GET.get("mine") == "1"
    board = action_dashboard(user, mine=mine)
    administers = False
    try:
        organisation = organisation_for(user)
        members = organisation_members(user, organisation.id)
        administers = is_org_admin(user, organisation.id)
    except Http404:  # several organisations: assign from each case's page instead
        members = []
    context = {
        "board": board,
        "sections": digest(board, request.GET.get("more")),
        "mine": mine,
        "members_by_org": members,
        "administers": administers,
    }
    return render(request, "cases/home.html", context)


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation a client is taken into. A member who writes in none (advocacy staff, a
    read-only member) is told so (403): the page exists for everyone, only not for their role;
    the header and the home page do not offer it to them (accounts.context_processors)."""
    user = member(request)
    if not May(user).take_in:
        raise PermissionDenied
    return organisation_for(user, write=True, slug=request.GET.get("org") or None)


def _intake_of(form: IntakeForm) -> Intake:
    data = form.cleaned_data
    facility, problem = facility_chosen(data.get("facility"), data.get("facility_query", ""))
    if problem:
        form.add_error("facility_query", problem)
    relative = None
    if data.get("relative_name", "").strip():
        relative = RelativeIntake(
            name=data["relative_name"],
            relationship=data.get("relative_relationship") or "other-relative",
            phone=data.get("relative_phone", ""),
            language=data.get("relative_language", ""),
            may_contact=bool(data.get("relative_may_contact")),
        )
    return Intake(
        given_name=data["given_name"],
        family_name=data["family_name"],
        a_number=data.get("a_number", ""),
        date_of_birth=data.get("date_of_birth"),
        country_of_birth=data.get("country_of_birth", ""),
        immigration_status=data["immigration_status"],
        facility=facility,
        held_since=data.get("held_since"),
        location_unknown=bool(data.get("location_unknown")),
        arrested_at=data.get("arrested_at"),
        arrest_place=data.get("arrest_place", ""),
        relative=relative,
        urgency_until=data.get("urgency_until"),
        urgency_reason=data.get("urgency_reason", ""),
        note=data.get("note", ""),
    )


# Intake errors are named like the API's fields; the form names some of them differently.
FORM_FIELD = {
    "facility_id": "facility_query",
    "relative.full_name": "relative_name",
    "relative.phone": "relative_phone",
    "relative.language": "relative_language",
    "relative.relationship": "relative_relationship",
}


@login_required
@require_http_methods(["GET", "POST"])
def intake_page(request: HttpRequest) -> HttpResponse:
    """One short form for a hotline call; possible duplicates are shown before saving."""
    organisation = _organisation(request)
    zone = zoneinfo.ZoneInfo(organisation.time_zone)
    if request.method == "GET":
        return render(request, "cases/intake.html", {"form": IntakeForm(zone=zone), "zone": zone})
    form = IntakeForm(request.POST, zone=zone)
    context: dict[str, object] = {"form": form, "zone": zone}
    if form.is_valid():
        intake = _intake_of(form)
        if intake.facility is not None:
            context["facility"] = intake.facility
            context["chosen_list"] = [intake.facility]
        found = possible_duplicates(
            organisation_id=organisation.id,
            given_name=intake.given_name,
            family_name=intake.family_name,
            a_number=intake.a_number,
            date_of_birth=intake.date_of_birth,
            country_of_birth=intake.country_of_birth,
        )
        if found and not form.cleaned_data.get("proceed"):
            context["duplicates"] = duplicate_rows(request.user, found)
        elif form.errors:
            # The facility typed was not found: the intake's other checks still run, so every
            # error of this submit shows at once (nothing is written).
            problems = check_intake(intake, organisation=organisation)
            Errors(problems).renamed(FORM_FIELD).add_to(form)
        else:
            try:
                result = intake_record(
                    actor=member(request), organisation=organisation, intake=intake
                )
            except WRITE_ERRORS as exc:
                Errors.of_exception(exc).renamed(FORM_FIELD).add_to(form)
            else:
                messages.success(request, _("%(name)s taken in.") % {"name": intake.given_name})
                return redirect("cases:detail", case_id=result.case.id)
    return render(request, "cases/intake.html", context, status=422 if form.errors else 200)


@login_required
@require_GET
def facility_picker(request: HttpRequest) -> HttpResponse:
    """htmx: facilities matching what is typed (name, alias, ICE code, city or state)."""
    query = request.GET.get("facility_query", request.GET.get("q", "")).strip()[:200]
    field = request.GET.get("field", "facility")
    if field not in {"facility", "facility_id"}:
        field = "facility"
    facilities = facility_pick(query) if len(query) >= 2 else []
    return render(
        request,
        "cases/_facility_choices.html",
        {"facilities": facilities, "query": query, "field": field},
    )
