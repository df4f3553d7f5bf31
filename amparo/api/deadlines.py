"""API: deadlines — the list with its filters, and marking one done."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from amparo.api.auth import member
from amparo.core.phrases import read
from amparo.deadlines.models import Deadline
from amparo.deadlines.selectors import deadline_get, deadline_list
from amparo.deadlines.services import deadline_complete

router = Router(tags=["deadlines"])


class DeadlineOut(Schema):
    id: uuid.UUID
    case_id: uuid.UUID
    court_case_id: uuid.UUID | None
    title: str = Field(description="The title as saved (a rule's English title, or as typed).")
    shown_title: str = Field(
        description="Read-only: the title in the requester's language (their profile, else "
        "Accept-Language); a typed title as typed."
    )
    rule: str
    citation: str
    source_event: str = Field(description="What triggered it, as saved.")
    shown_source_event: str = Field(
        description="Read-only: what triggered it, in the requester's language."
    )
    trigger_on: datetime.date | None
    days: int | None
    computed_on: datetime.date | None = Field(description="What the rule gives.")
    court_set_on: datetime.date | None = Field(description="The date the court set, if any.")
    court_set: bool
    due_on: datetime.date | None = Field(description="Due date; a court-set date wins.")
    due_at: datetime.datetime | None
    steps: list[str] = Field(description="How the date was counted, step by step.")
    assignee_id: uuid.UUID | None
    done_at: datetime.datetime | None
    done_by_id: uuid.UUID | None
    overdue: bool


class DeadlineList(Schema):
    items: list[DeadlineOut]


def _overdue(deadline: Deadline, now: datetime.datetime, today: datetime.date) -> bool:
    if deadline.done_at is not None:
        return False
    if deadline.due_at is not None:
        return deadline.due_at < now
    return deadline.due_on is not None and deadline.due_on < today


def deadline_out(deadline: Deadline, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    return {
        "id": deadline.id,
        "case_id": deadline.case_id,
        "court_case_id": deadline.court_case_id,
        "title": deadline.title,
        "shown_title": deadline.shown_title,
        "rule": deadline.rule,
        "citation": deadline.citation,
        "source_event": deadline.source_event,
        "shown_source_event": deadline.shown_source_event,
        "trigger_on": deadline.trigger_on,
        "days": deadline.days,
        "computed_on": deadline.computed_on,
        "court_set_on": deadline.court_set_on,
        "court_set": deadline.court_set,
        "due_on": deadline.due_on,
        "due_at": deadline.due_at,
        "steps": [read(step) for step in deadline.steps or []],
        "assignee_id": deadline.assignee_id,
        "done_at": deadline.done_at,
        "done_by_id": deadline.done_by_id,
        "overdue": _overdue(deadline, now, timezone.localdate(now)),
    }


@router.get("/deadlines", response=DeadlineList)
def list_deadlines(
    request: HttpRequest,
    case: str | None = None,
    assignee: str | None = None,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
    overdue: bool | None = None,
) -> dict[str, object]:
    """Deadlines of the cases you can see, earliest first. `assignee` is a member id or `me`;
    a case you cannot see answers 404."""
    user = member(request)
    who: Any = user if assignee == "me" else assignee
    now = timezone.now()
    deadlines = deadline_list(
        user,
        case=case,
        assignee=who,
        due_from=due_from,
        due_to=due_to,
        overdue=overdue,
        now=now,
    )[:500]
    return {"items": [deadline_out(d, now=now) for d in deadlines]}


@router.post("/deadlines/{deadline_id}/done", response=DeadlineOut)
def mark_done(request: HttpRequest, deadline_id: str) -> dict[str, Any]:
    """Mark a deadline done (409 when it already is). Read-only members get 404."""
    user = member(request)
    deadline = deadline_get(user, deadline_id, write=True)
    deadline_complete(actor=user, deadline=deadline)
    return deadline_out(deadline_get(user, deadline.id))
