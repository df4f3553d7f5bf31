"""API: federal court cases — drafts from the venue, filing, orders and the deadlines they start."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from amparo.api.auth import member
from amparo.api.schemas import Input
from amparo.audit.services import audit_read
from amparo.core.access import case_for
from amparo.courts.models import CourtCase
from amparo.courts.selectors import court_by_code, court_case_get, court_case_list
from amparo.courts.services import (
    court_case_draft,
    court_case_file,
    habeas_draft_from_venue,
    order_record,
)

router = Router(tags=["court cases"])

Kind = Literal["habeas-2241", "tro", "mandamus", "petition-for-review"]
OrderKind = Literal["order-to-show-cause", "tro", "grant", "deny", "transfer", "dismissal", "other"]


class CourtCaseIn(Input):
    kind: Kind
    court_id: str | None = None
    division: str = ""
    caption: str = ""


class FileIn(Input):
    docket_number: str
    filed_at: datetime.datetime


class OrderIn(Input):
    kind: OrderKind
    issued_at: datetime.datetime
    served_on: datetime.date | None = None
    summary: str = ""
    return_due_on: datetime.date | None = None
    hearing_on: datetime.date | None = None


class RespondentOut(Schema):
    role: str
    title: str
    name: str


class CourtRef(Schema):
    id: str
    name: str
    short_name: str


class DeadlineBrief(Schema):
    id: uuid.UUID
    rule: str
    title: str
    due_on: datetime.date | None
    computed_on: datetime.date | None
    court_set: bool
    citation: str


class OrderOut(Schema):
    id: uuid.UUID
    kind: str
    issued_at: datetime.datetime
    served_on: datetime.date | None
    summary: str
    deadlines: list[DeadlineBrief] = []


class CourtCaseOut(Schema):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    status: str
    court: CourtRef
    division: str
    caption: str
    docket_number: str
    filed_at: datetime.datetime | None
    venue_snapshot: dict[str, Any] | None
    venue_changed: bool
    respondents: list[RespondentOut]
    orders: list[OrderOut]


class CourtCaseList(Schema):
    items: list[CourtCaseOut]


def _deadline_out(deadline: Any) -> dict[str, Any]:
    return {
        "id": deadline.id,
        "rule": deadline.rule,
        "title": deadline.title,
        "due_on": deadline.due_on,
        "computed_on": deadline.computed_on,
        "court_set": deadline.court_set,
        "citation": deadline.citation,
    }


def court_case_out(court_case: CourtCase) -> dict[str, Any]:
    court = court_case.court
    return {
        "id": court_case.id,
        "case_id": court_case.case_id,
        "kind": court_case.kind,
        "status": court_case.status,
        "court": {"id": court.code, "name": court.name, "short_name": court.short_name},
        "division": court_case.division,
        "caption": court_case.caption,
        "docket_number": court_case.docket_number,
        "filed_at": court_case.filed_at,
        "venue_snapshot": court_case.venue_snapshot,
        "venue_changed": court_case.venue_changed,
        "respondents": [
            {"role": r.role, "title": r.title, "name": r.name} for r in court_case.respondents.all()
        ],
        "orders": [
            {
                "id": o.id,
                "kind": o.kind,
                "issued_at": o.issued_at,
                "served_on": o.served_on,
                "summary": o.summary,
            }
            for o in court_case.orders.all()
        ],
    }


@router.get("/cases/{case_id}/court-cases", response=CourtCaseList)
def list_court_cases(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case)
    return {"items": [court_case_out(c) for c in court_case_list(case)]}


@router.post("/cases/{case_id}/court-cases", response={201: CourtCaseOut})
def create_court_case(request: HttpRequest, case_id: str, payload: CourtCaseIn) -> Status:
    case = case_for(request.user, case_id, write=True)
    actor = member(request)
    if payload.court_id is None:
        if payload.kind not in {CourtCase.Kind.HABEAS, CourtCase.Kind.TRO}:
            raise ValidationError({"court_id": "Name the court for this kind of case."})
        created = habeas_draft_from_venue(actor=actor, case=case, kind=payload.kind)
    else:
        court = court_by_code(payload.court_id)
        if court is None:
            raise ValidationError({"court_id": "Unknown court id (use a courts-db id like lawd)."})
        created = court_case_draft(
            actor=actor,
            case=case,
            court=court,
            kind=payload.kind,
            division=payload.division,
            caption=payload.caption,
        )
    return Status(201, court_case_out(court_case_get(request.user, created.id)))


@router.get("/court-cases/{court_case_id}", response=CourtCaseOut)
def get_court_case(request: HttpRequest, court_case_id: str) -> dict[str, Any]:
    court_case = court_case_get(request.user, court_case_id)
    audit_read(actor=request.user, case=court_case.case, obj=court_case, action="court_case.read")
    return court_case_out(court_case)


@router.post("/court-cases/{court_case_id}/file", response=CourtCaseOut)
def file_court_case(request: HttpRequest, court_case_id: str, payload: FileIn) -> dict[str, Any]:
    court_case = court_case_get(request.user, court_case_id, write=True)
    court_case_file(
        actor=member(request),
        court_case=court_case,
        docket_number=payload.docket_number,
        filed_at=payload.filed_at,
    )
    return court_case_out(court_case_get(request.user, court_case.id))


@router.post("/court-cases/{court_case_id}/orders", response={201: OrderOut})
def create_order(request: HttpRequest, court_case_id: str, payload: OrderIn) -> Status:
    court_case = court_case_get(request.user, court_case_id, write=True)
    order, deadlines = order_record(actor=member(request), court_case=court_case, **payload.dict())
    return Status(
        201,
        {
            "id": order.id,
            "kind": order.kind,
            "issued_at": order.issued_at,
            "served_on": order.served_on,
            "summary": order.summary,
            "deadlines": [_deadline_out(d) for d in deadlines],
        },
    )
