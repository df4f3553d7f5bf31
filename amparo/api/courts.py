"""API: federal court cases — drafts from the venue, filing, orders and the deadlines they start."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from amparo.api.auth import member
from amparo.api.choices import Compliance, CourtCaseKind, OrderKind
from amparo.api.schemas import Input
from amparo.audit.services import audit_read
from amparo.core.access import case_for
from amparo.core.phrases import read
from amparo.courts.models import CourtCase
from amparo.courts.order_services import order_compliance_record
from amparo.courts.rules import ENFORCE_TEMPLATE
from amparo.courts.selectors import (
    OrderState,
    case_orders,
    court_by_code,
    court_case_get,
    court_case_list,
    order_compliance_report,
    order_get,
    order_state,
)
from amparo.courts.services import (
    court_case_draft,
    court_case_file,
    habeas_draft_from_venue,
    order_record,
)

router = Router(tags=["court cases"])

Kind = CourtCaseKind


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
    # What the government must do, and by when: days (Fed. R. Civ. P. 6(a)(1)) or a date.
    compliance: Compliance = ""
    compliance_days: int | None = Field(default=None, ge=1, le=365)
    compliance_hours: int | None = Field(default=None, ge=1, le=720)
    compliance_due_on: datetime.date | None = None
    compliance_shown_by: str = Field(default="", max_length=300)


class ComplianceIn(Input):
    complied_at: datetime.datetime
    evidence: str = Field(min_length=1, max_length=300)


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


class ComplianceOut(Schema):
    id: uuid.UUID
    court_case_id: uuid.UUID
    case_id: uuid.UUID
    court: CourtRef
    kind: str
    issued_at: datetime.datetime
    compliance: str
    compliance_days: int | None
    compliance_hours: int | None
    compliance_due_on: datetime.date | None
    compliance_due_at: datetime.datetime | None
    compliance_shown_by: str
    counting: str
    complied_at: datetime.datetime | None
    compliance_evidence: str
    violated_at: datetime.datetime | None
    status: str
    draft_template: str | None


class ComplianceList(Schema):
    items: list[ComplianceOut]


class DistrictComplianceOut(Schema):
    court: CourtRef
    complied: int
    late_or_broken: int
    orders: list[ComplianceOut]


class ComplianceReport(Schema):
    items: list[DistrictComplianceOut]


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
            raise ValidationError({"court_id": _("Name the court for this kind of case.")})
        created = habeas_draft_from_venue(actor=actor, case=case, kind=payload.kind)
    else:
        court = court_by_code(payload.court_id)
        if court is None:
            raise ValidationError(
                {"court_id": _("Unknown court id (use a courts-db id like lawd).")}
            )
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


def _court_ref(court: Any) -> dict[str, str]:
    return {"id": court.code, "name": court.name, "short_name": court.short_name}


def compliance_out(state: OrderState) -> dict[str, Any]:
    order = state.order
    deadline = order.compliance_deadline
    return {
        "id": order.id,
        "court_case_id": order.court_case_id,
        "case_id": order.court_case.case_id,
        "court": _court_ref(order.court_case.court),
        "kind": order.kind,
        "issued_at": order.issued_at,
        "compliance": order.compliance,
        "compliance_days": order.compliance_days,
        "compliance_hours": order.compliance_hours,
        "compliance_due_on": order.compliance_due_on,
        "compliance_due_at": order.compliance_due_at,
        "compliance_shown_by": order.compliance_shown_by,
        "counting": " ".join(map(read, deadline.steps)) if deadline else "",
        "complied_at": order.complied_at,
        "compliance_evidence": order.compliance_evidence,
        "violated_at": order.violated_at,
        "status": state.status,
        "draft_template": ENFORCE_TEMPLATE if state.needs_enforcement else None,
    }


@router.get("/cases/{case_id}/orders", response=ComplianceList)
def list_orders(request: HttpRequest, case_id: str) -> dict[str, Any]:
    """Every order of the case with its terms and where its compliance stands."""
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case)
    return {"items": [compliance_out(s) for s in case_orders(case)]}


@router.post("/orders/{order_id}/compliance", response=ComplianceOut)
def record_compliance(request: HttpRequest, order_id: str, payload: ComplianceIn) -> dict[str, Any]:
    order = order_get(request.user, order_id, write=True)
    order_compliance_record(
        actor=member(request),
        order=order,
        complied_at=payload.complied_at,
        evidence=payload.evidence,
    )
    return compliance_out(order_state(order_get(request.user, order.id)))


@router.get("/court-orders/compliance", response=ComplianceReport)
def compliance_report(request: HttpRequest) -> dict[str, Any]:
    """Orders the government must obey, by ordering court, for the cases the user may see."""
    rows = order_compliance_report(request.user)
    return {
        "items": [
            {
                "court": _court_ref(row.court),
                "complied": row.complied,
                "late_or_broken": row.late_or_broken,
                "orders": [compliance_out(s) for s in row.orders],
            }
            for row in rows
        ]
    }
