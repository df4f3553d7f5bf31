"""API: requests to the agency and their decisions."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from ninja import Router

from amparo.api.auth import member
from amparo.api.presenters import request_out
from amparo.api.schemas import DecisionIn, RequestIn, RequestOut, SubmitIn
from amparo.core.access import case_for, case_item_for
from amparo.relief.models import Request
from amparo.relief.services import decision_record, request_create, request_submit

router = Router(tags=["requests"])


def _reload(request_id: uuid.UUID) -> Request:
    return Request.objects.select_related("request_type", "decision").get(pk=request_id)


@router.post("/cases/{case_id}/requests", response={201: RequestOut})
def create_request(
    request: HttpRequest, case_id: uuid.UUID, payload: RequestIn
) -> tuple[int, dict[str, object]]:
    case = case_for(request.user, case_id, write=True)
    data = payload.dict()
    created = request_create(
        actor=member(request), case=case, request_type=data.pop("type"), **data
    )
    return 201, request_out(_reload(created.id))


@router.get("/requests/{request_id}", response=RequestOut)
def get_request(request: HttpRequest, request_id: uuid.UUID) -> dict[str, object]:
    found = case_item_for(request.user, Request, request_id)
    return request_out(_reload(found.id))


@router.post("/requests/{request_id}/submit", response=RequestOut)
def submit_request(
    request: HttpRequest, request_id: uuid.UUID, payload: SubmitIn
) -> dict[str, object]:
    found = case_item_for(request.user, Request, request_id, write=True)
    request_submit(
        actor=member(request),
        request=found,
        submitted_at=payload.submitted_at,
        channel=payload.channel,
        expected_version=payload.version,
    )
    return request_out(_reload(found.id))


@router.post("/requests/{request_id}/decision", response={201: RequestOut})
def record_decision(
    request: HttpRequest, request_id: uuid.UUID, payload: DecisionIn
) -> tuple[int, dict[str, object]]:
    found = case_item_for(request.user, Request, request_id, write=True)
    data = payload.dict()
    decision_record(
        actor=member(request), request=found, expected_version=data.pop("version"), **data
    )
    return 201, request_out(_reload(found.id))
