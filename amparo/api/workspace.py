"""API: the staff workspace — members, notes, relatives, locator checks, immigration-court
hearings, assigning deadlines and the "what needs action now" dashboard. Their input and output
shapes are in `workspace_schemas`."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from amparo.api.auth import member
from amparo.api.deadlines import DeadlineOut, deadline_out
from amparo.api.workspace_schemas import (
    DashboardOut,
    DeadlinePatch,
    HearingIn,
    HearingList,
    HearingOut,
    HearingPatch,
    LifeEventOut,
    LocatorCheckIn,
    LocatorCheckOut,
    NoteIn,
    NoteList,
    NoteOut,
    OrganisationMemberList,
    RelativeIn,
    RelativeList,
    RelativeOut,
    RelativePatch,
)
from amparo.audit.services import audit_read
from amparo.cases.dashboard import action_dashboard
from amparo.cases.models import ImmigrationHearing, LocatorCheck, Note
from amparo.cases.selectors import (
    case_hearings,
    case_notes,
    hearing_zone,
    immigration_courts,
    organisation_member_user,
    organisation_members,
)
from amparo.cases.services import (
    hearing_schedule,
    hearing_update,
    locator_check_record,
    note_add,
)
from amparo.core.access import (
    case_for,
    case_item_for,
    cases_visible_to,
    organisation_for,
    person_for,
)
from amparo.deadlines.selectors import deadline_get
from amparo.deadlines.services import deadline_assign
from amparo.people.models import Relative
from amparo.people.selectors import person_relatives, relative_for
from amparo.people.services import life_event_record, relative_add, relative_update

router = Router(tags=["workspace"])


# --- members ------------------------------------------------------------------------------------


@router.get("/members", response=OrganisationMemberList)
def list_members(request: HttpRequest, org: str | None = None) -> dict[str, Any]:
    """Members of the caller's organisation, with their roles (for the case team)."""
    organisation = organisation_for(member(request), slug=org)
    rows = organisation_members(request.user, organisation.id)
    return {"items": [vars(m) for m in rows]}


# --- notes --------------------------------------------------------------------------------------


def _note_out(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "kind": note.kind,
        "body": note.body,
        "privileged": note.privileged,
        "pinned": note.pinned,
        "occurred_at": note.occurred_at,
        "author_id": note.author_id,
        "edited_at": note.edited_at,
        "revisions": len(note.revisions.all()),
    }


@router.get("/cases/{case_id}/notes", response=NoteList)
def list_notes(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    audit_read(actor=member(request), case=case, action="note.list")
    return {"items": [_note_out(n) for n in case_notes(request.user, case)]}


def _aware(value: datetime.datetime | None, field: str) -> datetime.datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValidationError({field: _("Give the time with its time zone offset.")})
    return value


@router.post("/cases/{case_id}/notes", response={201: NoteOut})
def create_note(request: HttpRequest, case_id: str, payload: NoteIn) -> Status:
    case = case_for(request.user, case_id, write=True)
    data = payload.dict()
    data["occurred_at"] = _aware(payload.occurred_at, "occurred_at")
    note = note_add(actor=member(request), case=case, **data)
    return Status(201, _note_out(note))


# --- relatives and life events -------------------------------------------------------------------


def _relative_out(relative: Relative) -> dict[str, Any]:
    return {
        **{f: getattr(relative, f) for f in RelativeOut.model_fields if f != "life_events"},
        "life_events": [
            {f: getattr(e, f) for f in LifeEventOut.model_fields}
            for e in relative.life_events.all()
        ],
    }


@router.get("/people/{person_id}/relatives", response=RelativeList)
def list_relatives(request: HttpRequest, person_id: str) -> dict[str, Any]:
    person = person_for(request.user, person_id)
    for case in cases_visible_to(request.user).filter(person=person):
        audit_read(actor=member(request), case=case, action="relative.list")
    return {"items": [_relative_out(r) for r in person_relatives(request.user, person)]}


@router.post("/people/{person_id}/relatives", response={201: RelativeOut})
def create_relative(request: HttpRequest, person_id: str, payload: RelativeIn) -> Status:
    person = person_for(request.user, person_id, write=True)
    actor = member(request)
    data = payload.dict(exclude={"life_event"})
    relative = relative_add(actor=actor, person=person, **data)
    if payload.life_event is not None:
        life_event_record(
            actor=actor, person=person, relative=relative, **payload.life_event.dict()
        )
    return Status(201, _relative_out(relative))


@router.patch("/relatives/{relative_id}", response=RelativeOut)
def update_relative(request: HttpRequest, relative_id: str, payload: RelativePatch) -> Any:
    relative = relative_for(request.user, relative_id, write=True)
    changes = payload.dict(exclude_unset=True)
    relative_update(actor=member(request), relative=relative, **changes)
    return _relative_out(relative)


# --- custody: locator checks --------------------------------------------------------------------


@router.post("/cases/{case_id}/locator-checks", response={201: LocatorCheckOut})
def create_locator_check(request: HttpRequest, case_id: str, payload: LocatorCheckIn) -> Status:
    """Log a search of ICE's online detainee locator; "not found" marks the location unknown."""
    case = case_for(request.user, case_id, write=True)
    data = payload.dict()
    data["checked_at"] = _aware(payload.checked_at, "checked_at")
    check: LocatorCheck = locator_check_record(actor=member(request), case=case, **data)
    return Status(
        201,
        {
            **{f: getattr(check, f) for f in ("id", "result", "detail", "checked_at")},
            "checked_by_id": check.checked_by_id,
            "location_unknown_since": case.location_unknown_since,
        },
    )


# --- immigration-court hearings -------------------------------------------------------------------


def _hearing_out(hearing: ImmigrationHearing) -> dict[str, Any]:
    court = hearing.immigration_court
    zone = hearing_zone(hearing.case, court)
    return {
        **{f: getattr(hearing, f) for f in ("id", "kind", "judge", "mode")},
        "scheduled_at": hearing.scheduled_at.astimezone(zone),
        "time_zone": zone.key,
        "outcome": hearing.outcome,
        "immigration_court": court.code if court else None,
    }


def _in_zone(moment: datetime.datetime, zone: Any) -> datetime.datetime:
    """A time without an offset is the wall-clock time where the hearing is held."""
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


@router.get("/cases/{case_id}/hearings", response=HearingList)
def list_hearings(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    audit_read(actor=member(request), case=case, action="hearing.list")
    return {"items": [_hearing_out(h) for h in case_hearings(case)]}


@router.post("/cases/{case_id}/hearings", response={201: HearingOut})
def create_hearing(request: HttpRequest, case_id: str, payload: HearingIn) -> Status:
    case = case_for(request.user, case_id, write=True)
    court = None
    if payload.immigration_court:
        court = immigration_courts().filter(code=payload.immigration_court).first()
        if court is None:
            raise ValidationError({"immigration_court": _("No immigration court with this code.")})
    data = payload.dict(exclude={"immigration_court"})
    data["scheduled_at"] = _in_zone(payload.scheduled_at, hearing_zone(case, court))
    hearing = hearing_schedule(actor=member(request), case=case, immigration_court=court, **data)
    return Status(201, _hearing_out(hearing))


@router.patch("/hearings/{hearing_id}", response=HearingOut)
def update_hearing(request: HttpRequest, hearing_id: str, payload: HearingPatch) -> Any:
    """Reschedule a hearing or record its outcome; deadlines counting from it move with it."""
    hearing = case_item_for(request.user, ImmigrationHearing, hearing_id, write=True)
    changes = payload.dict(exclude_unset=True)
    if "scheduled_at" in changes:
        zone = hearing_zone(hearing.case, hearing.immigration_court)
        changes["scheduled_at"] = _in_zone(changes["scheduled_at"], zone)
    hearing_update(actor=member(request), hearing=hearing, **changes)
    return _hearing_out(hearing)


# --- deadlines ------------------------------------------------------------------------------------


@router.patch("/deadlines/{deadline_id}", response=DeadlineOut)
def update_deadline(request: HttpRequest, deadline_id: str, payload: DeadlinePatch) -> Any:
    actor = member(request)
    deadline = deadline_get(actor, deadline_id, write=True)
    assignee = None
    if payload.assignee_id is not None:
        assignee = _member_of(actor, deadline.case.organisation_id, payload.assignee_id)
    deadline_assign(actor=actor, deadline=deadline, assignee=assignee)
    return deadline_out(deadline)


def _member_of(actor: Any, organisation_id: uuid.UUID, user_id: uuid.UUID) -> Any:
    found = organisation_member_user(actor, organisation_id, user_id)
    if found is None:
        raise ValidationError({"assignee_id": _("Choose a member of the case's organisation.")})
    return found


# --- the dashboard --------------------------------------------------------------------------------


@router.get("/dashboard", response=DashboardOut)
def dashboard(request: HttpRequest, mine: bool = False) -> dict[str, Any]:
    """What needs action now, for the caller's organisation(s): the same sections as `/`."""
    board = action_dashboard(member(request), mine=mine)
    return board.as_json()
