"""HTML panels of the case page for what is scheduled: immigration-court hearings, and the
deadlines, assignable in place (from the deadlines page and the home page too).

Each panel is answered as `cases.panels` answers its own (the same loading and rendering): apart
from them because hearings and deadlines are the case's dates, with their zones and counting.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.cases.models import Case, ImmigrationHearing
from amparo.cases.panels import case_zone, load_case, render_panel
from amparo.cases.selectors import (
    case_hearings,
    hearing_zone,
    immigration_courts,
    organisation_member_user,
    organisation_members,
)
from amparo.cases.services import hearing_schedule, hearing_update
from amparo.cases.workspace_forms import HearingEditForm, HearingForm
from amparo.core.access import case_for, case_item_for
from amparo.core.htmx import WRITE_ERRORS, Errors, is_htmx, member
from amparo.deadlines.selectors import deadline_get, deadline_list
from amparo.deadlines.services import deadline_assign

# --- immigration-court hearings -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hearings_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, writing = load_case(request, case_id, "hearing.list")
    courts = list(immigration_courts())
    choices = [(c.code, c.name) for c in courts]
    zone = case_zone(case)
    form = HearingForm(
        request.POST if writing else None,
        zone=zone,
        courts=choices,
        auto_id="id_hearing_%s",
        initial={"immigration_court": _venue_court_code(case)},
    )
    saved = False
    if writing and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("immigration_court")
        court = next((c for c in courts if c.code == code), None)
        # The time typed is the wall-clock time where the hearing is held: the court's zone
        # (EOIR notices give local time), else the facility's (cases.selectors.hearing_zone).
        data["scheduled_at"] = data["scheduled_at"].replace(tzinfo=hearing_zone(case, court))
        try:
            hearing_schedule(actor=member(request), case=case, immigration_court=court, **data)
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            saved = True
            form = _new_hearing_form(case)
    return _hearings(request, case, form, saved=saved)


def _hearings(
    request: HttpRequest, case: Case, form: HearingForm, *, saved: bool = False, **extra: Any
) -> HttpResponse:
    hearings = list(case_hearings(case))
    counted = {
        d.immigration_hearing_id: d
        for d in deadline_list(request.user, case=case).filter(immigration_hearing__isnull=False)
    }
    for hearing in hearings:
        # Shown where it is held, with the zone's abbreviation (CST, MDT...).
        hearing.shown_zone = hearing_zone(case, hearing.immigration_court)  # type: ignore[attr-defined]
        hearing.counted_deadline = counted.get(hearing.id)  # type: ignore[attr-defined]
    context = {"form": form, "hearings": hearings, "saved": saved, "zone": case_zone(case), **extra}
    failed = bool(form.errors) or bool(extra.get("edit_form") and extra["edit_form"].errors)
    return render_panel(request, case, "cases/_hearings_panel.html", context, failed=failed)


@login_required
@require_POST
def hearing_edit_view(request: HttpRequest, case_id: str, hearing_id: str) -> HttpResponse:
    """Reschedule a hearing or record its outcome; deadlines counting from it move with it."""
    case = case_for(request.user, case_id, write=True)
    hearing = case_item_for(request.user, ImmigrationHearing, hearing_id, write=True)
    if hearing.case_id != case.id:
        raise Http404("No such hearing.")
    zone = hearing_zone(case, hearing.immigration_court)
    form = HearingEditForm(request.POST, zone=zone, auto_id=f"id_hearing_{hearing.id}_%s")
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["scheduled_at"] = data["scheduled_at"].replace(tzinfo=zone)
        try:
            hearing_update(actor=member(request), hearing=hearing, **data)
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            return _hearings(request, case, _new_hearing_form(case), saved=True)
    return _hearings(request, case, _new_hearing_form(case), edit_form=form, edit_id=hearing.id)


def _new_hearing_form(case: Case) -> HearingForm:
    courts = [(c.code, c.name) for c in immigration_courts()]
    return HearingForm(zone=case_zone(case), courts=courts, auto_id="id_hearing_%s")


def _venue_court_code(case: Case) -> str:
    """The immigration court that sits where the client is held, if one does."""
    from amparo.custody.selectors import case_venue

    venue = case_venue(case)
    courts = venue.as_dict().get("immigration_courts") if venue else None
    return str(courts[0].get("code", "")) if courts else ""


# --- deadlines, assignable in place ---------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def deadlines_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, _writing = load_case(request, case_id, "deadline.list")
    return _deadlines(request, case)


def _deadlines(request: HttpRequest, case: Case, error: str = "") -> HttpResponse:
    mine = request.GET.get("mine") == "1"
    deadlines = deadline_list(request.user, case=case, done=False)
    if mine:
        deadlines = deadlines.filter(assignee_id=request.user.pk)
    context = {
        "deadlines": list(deadlines),
        "members": organisation_members(request.user, case.organisation_id),
        "mine": mine,
        "error": error,
    }
    return render_panel(request, case, "cases/_deadlines_panel.html", context, failed=bool(error))


@login_required
@require_POST
def deadline_assign_view(request: HttpRequest, deadline_id: str) -> HttpResponse:
    """Give a deadline to a member (from the deadlines page, the case page or the home page)."""
    user = member(request)
    deadline = deadline_get(user, deadline_id, write=True)
    wanted = request.POST.get("assignee", "").strip()
    assignee = (
        organisation_member_user(user, deadline.case.organisation_id, wanted) if wanted else None
    )
    error = ""
    if wanted and assignee is None:
        error = "Choose a member of the organisation."
    else:
        try:
            deadline_assign(actor=user, deadline=deadline, assignee=assignee)
        except WRITE_ERRORS as exc:
            error = Errors.of_exception(exc).text()
    if is_htmx(request) and request.POST.get("panel") == "case":
        return _deadlines(request, case_for(user, deadline.case_id), error)
    if is_htmx(request):
        return render(
            request,
            "cases/_assignee_form.html",
            {
                "d": deadline,
                "members": organisation_members(user, deadline.case.organisation_id),
                "error": error,
                "saved": not error,
            },
        )
    if error:
        messages.warning(request, error)
    else:
        messages.success(request, _("Assigned: %(title)s.") % {"title": deadline.shown_title})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("deadlines:dashboard")
