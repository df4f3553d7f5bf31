"""API: requests to the agency and their decisions."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from amparo.api.auth import member
from amparo.api.presenters import request_out
from amparo.api.schemas import DecisionIn, RequestIn, RequestOut, SubmitIn
from amparo.audit.services import audit_record
from amparo.core.access import case_for
from amparo.relief.selectors import request_get
from amparo.relief.services import decision_record, request_create, request_submit

router = Router(tags=["requests"])


@router.post("/cases/{case_id}/requests", response={201: RequestOut})
def create_request(request: HttpRequest, case_id: str, payload: RequestIn) -> Status:
    case = case_for(request.user, case_id, write=True)
    data = payload.dict()
    request_type = data.pop("type")
    created = request_create(actor=member(request), case=case, request_type=request_type, **data)
    return Status(201, request_out(request_get(request.user, created.id)))


@router.get("/requests/{request_id}", response=RequestOut)
def get_request(request: HttpRequest, request_id: str) -> dict[str, object]:
    found = request_get(request.user, request_id)
    audit_record(
        actor=request.user,
        action="request.read",
        organisation=found.case.organisation_id,
        case_id=found.case_id,
        obj=found,
    )
    return request_out(found)


@router.post("/requests/{request_id}/submit", response=RequestOut)
def submit_request(request: HttpRequest, request_id: str, payload: SubmitIn) -> dict[str, object]:
    found = request_get(request.user, request_id, write=True)
    request_submit(
        actor=member(request),
        request=found,
        submitted_at=payload.submitted_at,
        channel=payload.channel,
        expected_version=payload.version,
    )
    return request_out(request_get(request.user, found.id))


@router.post("/requests/{request_id}/decision", response={201: RequestOut})
def record_decision(request: HttpRequest, request_id: str, payload: DecisionIn) -> Status:
    found = request_get(request.user, request_id, write=True)
    data = payload.dict()
    version = data.pop("version")
    decision_record(actor=member(request), request=found, expected_version=version, **data)
    return Status(201, request_out(request_get(request.user, found.id)))
