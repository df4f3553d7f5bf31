"""API: privacy waivers, congressional inquiries, members of Congress and statements.

Writes are open to the case's writers and to advocacy staff (`case_for(..., advocacy=True)`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from amparo.advocacy.models import CongressionalOffice, Inquiry, Statement, Waiver
from amparo.advocacy.selectors import (
    CaseEvent,
    answerable_events,
    case_inquiries,
    case_statements,
    case_waivers,
    inquiry_get,
    member_get,
    members_for,
    statement_answers,
    statement_get,
)
from amparo.advocacy.services import (
    follow_up_add,
    inquiry_open,
    inquiry_respond,
    inquiry_send,
    statement_edit,
    statement_record,
    waiver_record,
)
from amparo.api.advocacy_schemas import (
    FollowUpIn,
    InquiryIn,
    InquiryList,
    InquiryOut,
    MemberList,
    ResponseIn,
    SendIn,
    StatementIn,
    StatementList,
    StatementOut,
    StatementPatch,
    WaiverIn,
    WaiverList,
    WaiverOut,
)
from amparo.api.auth import member
from amparo.audit.services import audit_read
from amparo.core.access import case_for
from amparo.documents.selectors import document_get

router = Router(tags=["advocacy"])

ZIP_NOTE = (
    "A ZIP Code gives the state only; Amparo has no ZIP-to-district table. "
    "Give the House district to find the representative."
)


def waiver_out(waiver: Waiver) -> dict[str, Any]:
    return {
        "id": waiver.id,
        "recipient": waiver.recipient,
        "recipient_member_id": waiver.member_id,
        "form": waiver.form,
        "signed_on": waiver.signed_on,
        "signed_by": waiver.signed_by,
        "signer_name": waiver.signer_name,
        "scope": waiver.scope,
        "signed_copy_id": waiver.signed_copy_id,
    }


def inquiry_out(inquiry: Inquiry) -> dict[str, Any]:
    hours = None
    if inquiry.sent_at and inquiry.response_at:
        hours = round((inquiry.response_at - inquiry.sent_at).total_seconds() / 3600, 1)
    return {
        "id": inquiry.id,
        "office": inquiry.recipient,
        "member_id": inquiry.office_id,
        "caseworker": inquiry.caseworker,
        "asked_for": inquiry.asked_for,
        "waiver_id": inquiry.waiver_id,
        "sent_at": inquiry.sent_at,
        "channel": inquiry.channel,
        "response_at": inquiry.response_at,
        "response_hours": hours,
        "outcome": inquiry.outcome,
        "summary": inquiry.summary,
        "follow_ups": [{"id": f.id, "at": f.at, "note": f.note} for f in inquiry.follow_ups.all()],
    }


def member_out(office: CongressionalOffice) -> dict[str, Any]:
    emails = [e for e in [office.email, *office.caseworker_emails] if e]
    return {
        "id": office.id,
        "bioguide_id": office.bioguide_id,
        "name": office.member_name,
        "chamber": office.chamber,
        "state": office.state,
        "district": office.district,
        "party": office.party,
        "phone": office.phone,
        "contact_form": office.contact_form,
        "caseworker": office.caseworker,
        "caseworker_emails": emails,
        "district_offices": office.district_offices,
    }


def statement_out(statement: Statement, events: list[CaseEvent] | None = None) -> dict[str, Any]:
    """`events`: the case's answerable events, when the caller has them for many statements."""
    if events is None:
        events = answerable_events(statement.case) if statement.answers else []
    return {
        "id": statement.id,
        "author_kind": statement.author_kind,
        "author": statement.author_name,
        "kind": statement.kind,
        "said_at": statement.said_at,
        "language": statement.language,
        "text": statement.text,
        "link": statement.url,
        "embargo_until": statement.embargo_until,
        "publicity_consent": statement.publicity_consent,
        "answers": [
            {"kind": e.kind, "id": e.id, "at": e.at, "label": e.label}
            for e in statement_answers(statement, events)
        ],
        "version": statement.version,
    }


def _member(member_id: Any, field: str) -> CongressionalOffice | None:
    found = member_get(member_id)
    if member_id and found is None:
        raise ValidationError({field: _("No member of Congress with this id is loaded.")})
    return found


@router.get("/cases/{case_id}/waivers", response=WaiverList)
def list_waivers(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case, action="waiver.list")
    return {"items": [waiver_out(w) for w in case_waivers(case)]}


@router.post("/cases/{case_id}/waivers", response={201: WaiverOut})
def create_waiver(request: HttpRequest, case_id: str, payload: WaiverIn) -> Status:
    case = case_for(request.user, case_id, advocacy=True)
    signed_copy = None
    if payload.signed_copy_id:
        try:
            signed_copy = document_get(request.user, payload.signed_copy_id)
        except Http404:
            raise ValidationError({"signed_copy_id": _("No such document on this case.")}) from None
    waiver = waiver_record(
        actor=member(request),
        case=case,
        recipient=payload.recipient,
        member=_member(payload.recipient_member_id, "recipient_member_id"),
        form=payload.form,
        signed_on=payload.signed_on,
        signed_by=payload.signed_by,
        signer_name=payload.signer_name,
        scope=payload.scope,
        signed_copy=signed_copy,
    )
    return Status(201, waiver_out(waiver))


@router.get("/cases/{case_id}/inquiries", response=InquiryList)
def list_inquiries(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case, action="inquiry.list")
    return {"items": [inquiry_out(i) for i in case_inquiries(case)]}


@router.post("/cases/{case_id}/inquiries", response={201: InquiryOut})
def create_inquiry(request: HttpRequest, case_id: str, payload: InquiryIn) -> Status:
    case = case_for(request.user, case_id, advocacy=True)
    inquiry = inquiry_open(
        actor=member(request),
        case=case,
        office=_member(payload.member_id, "member_id"),
        recipient=payload.office,
        caseworker=payload.caseworker,
        asked_for=payload.asked_for,
    )
    return Status(201, inquiry_out(inquiry))


@router.post("/inquiries/{inquiry_id}/send", response=InquiryOut)
def send_inquiry(request: HttpRequest, inquiry_id: str, payload: SendIn) -> dict[str, Any]:
    inquiry = inquiry_get(request.user, inquiry_id, write=True)
    inquiry_send(
        actor=member(request), inquiry=inquiry, sent_at=payload.sent_at, channel=payload.channel
    )
    return inquiry_out(inquiry)


@router.post("/inquiries/{inquiry_id}/response", response=InquiryOut)
def respond_inquiry(request: HttpRequest, inquiry_id: str, payload: ResponseIn) -> dict[str, Any]:
    inquiry = inquiry_get(request.user, inquiry_id, write=True)
    inquiry_respond(
        actor=member(request),
        inquiry=inquiry,
        response_at=payload.response_at,
        outcome=payload.outcome,
        summary=payload.summary,
    )
    return inquiry_out(inquiry)


@router.post("/inquiries/{inquiry_id}/follow-ups", response={201: InquiryOut})
def follow_up_inquiry(request: HttpRequest, inquiry_id: str, payload: FollowUpIn) -> Status:
    """Log a chaser to the office or ICE about an inquiry already sent."""
    inquiry = inquiry_get(request.user, inquiry_id, write=True)
    follow_up_add(actor=member(request), inquiry=inquiry, at=payload.at, note=payload.note)
    return Status(201, inquiry_out(inquiry))


@router.get("/congress/members", response=MemberList)
def list_members(
    request: HttpRequest, state: str = "", district: str = "", zip: str = ""
) -> dict[str, Any]:
    found = members_for(state=state, district=district, zip_code=zip)
    return {
        "state": found.state,
        "district": found.district,
        "states_from_zip": found.states_from_zip,
        "note": ZIP_NOTE if zip and not district else "",
        "items": [member_out(m) for m in found.members],
    }


@router.get("/cases/{case_id}/statements", response=StatementList)
def list_statements(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case, action="statement.list")
    statements = case_statements(case)
    events = answerable_events(case) if any(s.answers for s in statements) else []
    return {"items": [statement_out(s, events) for s in statements]}


@router.post("/cases/{case_id}/statements", response={201: StatementOut})
def create_statement(request: HttpRequest, case_id: str, payload: StatementIn) -> Status:
    case = case_for(request.user, case_id, advocacy=True)
    statement = statement_record(
        actor=member(request),
        case=case,
        author_kind=payload.author_kind,
        author_name=payload.author,
        kind=payload.kind,
        said_at=payload.said_at,
        language=payload.language,
        text=payload.text,
        url=payload.link,
        embargo_until=payload.embargo_until,
        publicity_consent=payload.publicity_consent,
        answers=[{"kind": a.kind, "id": str(a.id)} for a in payload.answers],
    )
    return Status(201, statement_out(statement))


@router.patch("/statements/{statement_id}", response=StatementOut)
def patch_statement(
    request: HttpRequest, statement_id: str, payload: StatementPatch
) -> dict[str, Any]:
    statement = statement_get(request.user, statement_id, write=True)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    renamed = {"author": "author_name", "link": "url"}
    changes = {renamed.get(k, k): v for k, v in changes.items()}
    if "answers" in changes:
        changes["answers"] = [{"kind": a["kind"], "id": str(a["id"])} for a in changes["answers"]]
    statement_edit(
        actor=member(request), statement=statement, changes=changes, expected_version=version
    )
    return statement_out(statement)
