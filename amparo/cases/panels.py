"""HTML panels of the case page: team, notes, family, location, hearings and deadlines.

Each panel is one section the case page loads with `hx-get`; a POST to the same address writes
through one service and answers the panel again (200 for htmx, which swaps only 2xx answers;
422 with the errors for a plain form post). Thin: load through access, check, call, render.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.audit.services import audit_read
from amparo.cases.models import Case, ImmigrationHearing, Note
from amparo.cases.selectors import (
    case_hearings,
    case_locator_checks,
    case_notes,
    case_team,
    hearing_zone,
    immigration_courts,
    locator_recheck_due,
    organisation_member_user,
    organisation_member_users,
    organisation_members,
)
from amparo.cases.services import (
    case_team_set,
    hearing_schedule,
    hearing_update,
    locator_check_record,
    note_add,
    note_edit,
)
from amparo.cases.workspace_forms import (
    HearingEditForm,
    HearingForm,
    LocatorCheckForm,
    NoteForm,
    RelativeForm,
    TeamForm,
)
from amparo.core.access import can_see_privileged, can_write, case_for, case_item_for
from amparo.core.htmx import WRITE_ERRORS, Errors, is_htmx, member, panel_status
from amparo.deadlines.selectors import deadline_get, deadline_list
from amparo.deadlines.services import deadline_assign
from amparo.people.selectors import person_relatives
from amparo.people.services import life_event_record, relative_add


def _zone(case: Case) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(case.organisation.time_zone)


def _render(
    request: HttpRequest, case: Case, template: str, context: dict[str, Any], *, failed: bool
) -> HttpResponse:
    status = panel_status(request, 422) if failed else 200
    base = {"case": case, "person": case.person, "can_write": can_write(request.user, case)}
    return render(request, template, {**base, **context}, status=status)


def _load(request: HttpRequest, case_id: str, action: str) -> tuple[Case, bool]:
    """The case: for reading on GET (audited), for writing on POST."""
    writing = request.method == "POST"
    case = case_for(request.user, case_id, write=writing)
    if not writing:
        audit_read(actor=request.user, case=case, action=action)
    return case, writing


# --- team -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def team_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, writing = _load(request, case_id, "case.team.read")
    members = organisation_members(request.user, case.organisation_id)
    initial = {
        "lead_attorney": str(case.lead_attorney_id or ""),
        "team": [str(i) for i in case_team(case)],
        "version": case.version,
    }
    form = TeamForm(request.POST if writing else None, members=members, initial=initial)
    if writing and form.is_valid():
        lead = organisation_member_user(
            request.user, case.organisation_id, form.cleaned_data["lead_attorney"] or None
        )
        team, _unknown = organisation_member_users(
            request.user, case.organisation_id, form.cleaned_data["team"]
        )
        try:
            case_team_set(
                actor=member(request),
                case=case,
                expected_version=form.cleaned_data["version"],
                lead_attorney=lead,
                team=team,
            )
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            case = case_for(request.user, case.id)
            form = TeamForm(members=members, initial={**initial, "version": case.version})
            return _render(
                request,
                case,
                "cases/_team_panel.html",
                _team_context(case, form, True, members),
                failed=False,
            )
    return _render(
        request,
        case,
        "cases/_team_panel.html",
        _team_context(case, form, False, members),
        failed=bool(form.errors),
    )


def _team_context(case: Case, form: TeamForm, saved: bool, members: list[Any]) -> dict[str, Any]:
    on_team = set(case_team(case))
    return {
        "form": form,
        "saved": saved,
        "team_members": [m for m in members if m.id in on_team],
        "editing": bool(form.is_bound and form.errors),
    }


# --- notes ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notes_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, writing = _load(request, case_id, "note.list")
    zone = _zone(case)
    form = NoteForm(request.POST if writing else None, zone=zone, auto_id="id_note_%s")
    saved = False
    if writing and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            note_add(actor=member(request), case=case, **data)
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            saved = True
            form = NoteForm(zone=zone, auto_id="id_note_%s")
    return _notes(request, case, form, saved=saved)


NOTES_SHOWN = 20


def _notes(
    request: HttpRequest, case: Case, form: NoteForm, *, saved: bool = False, **extra: Any
) -> HttpResponse:
    zone = _zone(case)
    # The newest notes only (pinned first), so the panel costs the same however long the case;
    # "Show every note" (?all=1) lists them all, to read or edit an older one. A note whose edit
    # failed stays shown with its error.
    every = request.GET.get("all") == "1"
    notes = list(case_notes(request.user, case)[: None if every else NOTES_SHOWN + 1])
    older, notes = len(notes) > NOTES_SHOWN and not every, notes[: None if every else NOTES_SHOWN]
    edit_id = extra.get("edit_id")
    if edit_id is not None and all(note.id != edit_id for note in notes):
        notes += list(case_notes(request.user, case).filter(id=edit_id))
    context = {
        "form": form,
        "notes": notes,
        "older_notes": older,
        "sees_privileged": can_see_privileged(request.user, case),
        "zone": zone,
        "now_local": timezone.now().astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
        "saved": saved,
        **extra,
    }
    return _render(request, case, "cases/_notes_panel.html", context, failed=bool(form.errors))


@login_required
@require_POST
def note_edit_view(request: HttpRequest, case_id: str, note_id: str) -> HttpResponse:
    """Edit a note; only its author may, and the earlier text is kept."""
    case = case_for(request.user, case_id, write=True)
    note = case_item_for(request.user, Note, note_id, write=True)
    # Only the author edits a note; to anyone else it is out of reach, like a missing one.
    if note.case_id != case.id or note.author_id != request.user.pk:
        raise Http404("No such note.")
    zone = _zone(case)
    form = NoteForm(request.POST, zone=zone, auto_id=f"id_edit_{note.id}_%s")
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        data["occurred_at"] = data["occurred_at"] or note.occurred_at
        try:
            note_edit(
                actor=member(request),
                note=note,
                expected_version=form.cleaned_data["version"],
                **data,
            )
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            return _notes(request, case, NoteForm(zone=zone, auto_id="id_note_%s"), saved=True)
    return _notes(
        request,
        case,
        NoteForm(zone=zone, auto_id="id_note_%s"),
        edit_form=form,
        edit_id=note.id,
        failed_edit=True,
    )


# --- family and contacts --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def people_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, writing = _load(request, case_id, "relative.list")
    form = RelativeForm(request.POST if writing else None, auto_id="id_relative_%s")
    saved = False
    if writing and form.is_valid():
        data = form.cleaned_data
        actor = member(request)
        fields = {k: v for k, v in data.items() if not k.startswith("event_")}
        try:
            relative = relative_add(actor=actor, person=case.person, **fields)
            if data.get("event_kind"):
                life_event_record(
                    actor=actor,
                    person=case.person,
                    relative=relative,
                    kind=data["event_kind"],
                    description=data["event_description"],
                    expected_on=data["event_on"],
                )
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            saved = True
            form = RelativeForm(auto_id="id_relative_%s")
    context = {
        "form": form,
        "relatives": list(person_relatives(request.user, case.person)),
        "saved": saved,
    }
    return _render(request, case, "cases/_people_panel.html", context, failed=bool(form.errors))


# --- location: the detainee locator ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def locator_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, writing = _load(request, case_id, "locator_check.list")
    zone = _zone(case)
    form = LocatorCheckForm(request.POST if writing else None, zone=zone, auto_id="id_loc_%s")
    if writing and form.is_valid():
        try:
            locator_check_record(actor=member(request), case=case, **form.cleaned_data)
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            form = LocatorCheckForm(zone=zone, auto_id="id_loc_%s")
    context = {
        "form": form,
        "checks": list(case_locator_checks(case)[:20]),
        "recheck_at": locator_recheck_due(case) if case.location_unknown_since else None,
        "now": timezone.now(),
    }
    return _render(request, case, "cases/_locator_panel.html", context, failed=bool(form.errors))


# --- immigration-court hearings -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hearings_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, writing = _load(request, case_id, "hearing.list")
    courts = list(immigration_courts())
    choices = [(c.code, c.name) for c in courts]
    zone = _zone(case)
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
    context = {"form": form, "hearings": hearings, "saved": saved, "zone": _zone(case), **extra}
    failed = bool(form.errors) or bool(extra.get("edit_form") and extra["edit_form"].errors)
    return _render(request, case, "cases/_hearings_panel.html", context, failed=failed)


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
    return HearingForm(zone=_zone(case), courts=courts, auto_id="id_hearing_%s")


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
    case, _writing = _load(request, case_id, "deadline.list")
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
    return _render(request, case, "cases/_deadlines_panel.html", context, failed=bool(error))


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
