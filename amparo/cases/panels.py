"""HTML panels of the case page: team, notes, family and location; the hearings and deadlines
panels are `cases.schedule_views`.

Each panel is one section the case page loads with `hx-get`; a POST to the same address writes
through one service and answers the panel again (200 for htmx, which swaps only 2xx answers;
422 with the errors for a plain form post). Thin: load through access, check, call, render.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from amparo.audit.services import audit_read
from amparo.cases.models import Case, Note
from amparo.cases.selectors import (
    case_locator_checks,
    case_notes,
    case_team,
    locator_recheck_due,
    organisation_member_user,
    organisation_member_users,
    organisation_members,
)
from amparo.cases.services import (
    case_team_set,
    locator_check_record,
    note_add,
    note_edit,
)
from amparo.cases.workspace_forms import LocatorCheckForm, NoteForm, RelativeForm, TeamForm
from amparo.core.access import can_see_privileged, can_write, case_for, case_item_for
from amparo.core.htmx import WRITE_ERRORS, Errors, member, panel_status
from amparo.people.selectors import person_relatives
from amparo.people.services import life_event_record, relative_add


def case_zone(case: Case) -> zoneinfo.ZoneInfo:
    """The zone the case's organisation works in: a panel's times are typed and shown in it."""
    return zoneinfo.ZoneInfo(case.organisation.time_zone)


def render_panel(
    request: HttpRequest, case: Case, template: str, context: dict[str, Any], *, failed: bool
) -> HttpResponse:
    """A panel's answer: 200, or 422 to a plain form post that `failed` (htmx swaps only 2xx)."""
    status = panel_status(request, 422) if failed else 200
    base = {"case": case, "person": case.person, "can_write": can_write(request.user, case)}
    return render(request, template, {**base, **context}, status=status)


def load_case(request: HttpRequest, case_id: str, action: str) -> tuple[Case, bool]:
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
    case, writing = load_case(request, case_id, "case.team.read")
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
            return render_panel(
                request,
                case,
                "cases/_team_panel.html",
                _team_context(case, form, True, members),
                failed=False,
            )
    return render_panel(
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
    case, writing = load_case(request, case_id, "note.list")
    zone = case_zone(case)
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
    zone = case_zone(case)
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
    return render_panel(request, case, "cases/_notes_panel.html", context, failed=bool(form.errors))


@login_required
@require_POST
def note_edit_view(request: HttpRequest, case_id: str, note_id: str) -> HttpResponse:
    """Edit a note; only its author may, and the earlier text is kept."""
    case = case_for(request.user, case_id, write=True)
    note = case_item_for(request.user, Note, note_id, write=True)
    # Only the author edits a note; to anyone else it is out of reach, like a missing one.
    if note.case_id != case.id or note.author_id != request.user.pk:
        raise Http404("No such note.")
    zone = case_zone(case)
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
    case, writing = load_case(request, case_id, "relative.list")
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
    return render_panel(
        request, case, "cases/_people_panel.html", context, failed=bool(form.errors)
    )


# --- location: the detainee locator ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def locator_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case, writing = load_case(request, case_id, "locator_check.list")
    zone = case_zone(case)
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
    return render_panel(
        request, case, "cases/_locator_panel.html", context, failed=bool(form.errors)
    )
