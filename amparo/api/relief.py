"""API: requests to the agency and their decisions, next steps, policy regimes, assessments."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Router, Status

from amparo.api.auth import member
from amparo.api.presenters import request_out
from amparo.api.relief_schemas import (
    AcknowledgeIn,
    AssessmentIn,
    AssessmentOut,
    DecisionIn,
    DetentionOut,
    NextStepList,
    PolicyRegimeList,
    RequestIn,
    RequestList,
    RequestOut,
    SubmitIn,
    TakenStepOut,
    TakeStepIn,
    WithdrawIn,
)
from amparo.audit.services import audit_read, audit_record
from amparo.cases.models import Case
from amparo.core.access import case_for
from amparo.core.dateformats import shown_text
from amparo.core.phrases import read
from amparo.relief import rules
from amparo.relief.escalation_facts import case_next_steps, detention_clock
from amparo.relief.models import Assessment
from amparo.relief.selectors import (
    assessment_argument,
    assessment_latest,
    case_requests,
    policy_regime_on,
    policy_regime_records,
    regime_record,
    request_get,
)
from amparo.relief.services import (
    assessment_record,
    decision_record,
    request_acknowledge,
    request_create,
    request_submit,
    request_withdraw,
)
from amparo.relief.step_services import next_step_take

router = Router(tags=["requests"])


def _audit_read(request: HttpRequest, case: Case, action: str, obj: Any) -> None:
    """Every read of a case's records is on the audit trail."""
    audit_record(
        actor=request.user,
        action=action,
        organisation=case.organisation_id,
        case_id=case.id,
        obj=obj,
    )


@router.get("/cases/{case_id}/requests", response=RequestList)
def list_requests(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    _audit_read(request, case, "request.list", case)
    return {"items": [request_out(row.request, row.state) for row in case_requests(case)]}


@router.post("/cases/{case_id}/requests", response={201: RequestOut})
def create_request(request: HttpRequest, case_id: str, payload: RequestIn) -> Status:
    case = case_for(request.user, case_id, write=True)
    data = payload.dict()
    request_type = data.pop("type")
    created = request_create(actor=member(request), case=case, request_type=request_type, **data)
    return Status(201, request_out(request_get(request.user, created.id)))


@router.get("/requests/{request_id}", response=RequestOut)
def get_request(request: HttpRequest, request_id: str) -> dict[str, Any]:
    found = request_get(request.user, request_id)
    audit_read(actor=request.user, case=found.case, obj=found, action="request.read")
    return request_out(found)


@router.post("/requests/{request_id}/submit", response=RequestOut)
def submit_request(request: HttpRequest, request_id: str, payload: SubmitIn) -> dict[str, Any]:
    found = request_get(request.user, request_id, write=True)
    request_submit(
        actor=member(request),
        request=found,
        submitted_at=payload.submitted_at,
        channel=payload.channel,
        expected_version=payload.version,
    )
    return request_out(request_get(request.user, found.id))


@router.post("/requests/{request_id}/acknowledge", response=RequestOut)
def acknowledge_request(
    request: HttpRequest, request_id: str, payload: AcknowledgeIn
) -> dict[str, Any]:
    found = request_get(request.user, request_id, write=True)
    request_acknowledge(
        actor=member(request),
        request=found,
        acknowledged_at=payload.acknowledged_at,
        expected_version=payload.version,
    )
    return request_out(request_get(request.user, found.id))


@router.post("/requests/{request_id}/withdraw", response=RequestOut)
def withdraw_request(request: HttpRequest, request_id: str, payload: WithdrawIn) -> dict[str, Any]:
    found = request_get(request.user, request_id, write=True)
    request_withdraw(actor=member(request), request=found, expected_version=payload.version)
    return request_out(request_get(request.user, found.id))


@router.post("/requests/{request_id}/decision", response={201: RequestOut})
def record_decision(request: HttpRequest, request_id: str, payload: DecisionIn) -> Status:
    found = request_get(request.user, request_id, write=True)
    data = payload.dict()
    version = data.pop("version")
    decision_record(actor=member(request), request=found, expected_version=version, **data)
    return Status(201, request_out(request_get(request.user, found.id)))


@router.get("/cases/{case_id}/next-steps", response=NextStepList)
def list_next_steps(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case, steps = case_next_steps(request.user, case_id)
    _audit_read(request, case, "next_steps.read", case)
    return {"items": [step.as_dict() for step in steps]}


@router.get("/cases/{case_id}/detention", response=DetentionOut)
def get_detention(request: HttpRequest, case_id: str) -> dict[str, Any]:
    """Days detained, the detention basis, the post-order reviews and prolonged-detention flags."""
    case = case_for(request.user, case_id)
    _audit_read(request, case, "detention.read", case)
    return detention_clock(case).as_dict()


@router.post("/cases/{case_id}/next-steps", response={201: TakenStepOut})
def take_next_step(request: HttpRequest, case_id: str, payload: TakeStepIn) -> Status:
    case = case_for(request.user, case_id, write=True)
    taken = next_step_take(actor=member(request), case=case, action=payload.action)
    return Status(201, {"kind": taken.kind, "id": taken.obj.pk, "step": taken.step.as_dict()})


@router.get("/policy-regimes", response=PolicyRegimeList, tags=["reference"])
def list_policy_regimes(request: HttpRequest, on: datetime.date | None = None) -> dict[str, Any]:
    """Enforcement-priority regimes (public reference data); with `on`, the one in force."""
    if on is None:
        records = policy_regime_records()
        return {
            "on": None,
            "message": ngettext(
                "%(count)s regime recorded.", "%(count)s regimes recorded.", len(records)
            )
            % {"count": len(records)},
            "items": [r.as_dict() for r in records],
        }
    answer = policy_regime_on(on)
    return {
        "on": on,
        "message": read(answer.message),
        "items": [r.as_dict() for r in answer.regimes],
    }


def _assessment_out(assessment: Assessment) -> dict[str, Any]:
    regime = regime_record(assessment.regime) if assessment.regime else None
    argument = assessment_argument(assessment)
    answer = rules.regime_on(assessment.assessed_for, [regime] if regime else [])
    known = {f.key: f for f in (*rules.PAROLE_CATEGORIES, *(regime.factors if regime else ()))}
    factors = []
    for key in rules.assessment_keys(regime):
        factor = known[key]
        given = assessment.factors.get(key) or {}
        factors.append(
            {
                "key": key,
                "label": factor.label,
                "kind": factor.kind,
                "citation": factor.citation,
                "applies": given.get("applies"),
                "evidence": given.get("evidence", ""),
            }
        )
    return {
        "id": assessment.id,
        "request_id": assessment.request_id,
        "assessed_for": assessment.assessed_for,
        "regime": regime.as_dict() if regime else None,
        "regime_message": read(answer.message)
        if regime
        else _("No enforcement-priority regime is recorded for %(day)s.")
        % {"day": shown_text(assessment.assessed_for, "day")},
        "factors": factors,
        "paragraphs": argument.paragraphs,
        "cautions": [read(caution) for caution in argument.cautions],
    }


@router.post("/requests/{request_id}/assessment", response={201: AssessmentOut})
def record_assessment(request: HttpRequest, request_id: str, payload: AssessmentIn) -> Status:
    found = request_get(request.user, request_id, write=True)
    factors = {key: answer.dict() for key, answer in payload.factors.items()}
    assessment = assessment_record(actor=member(request), request=found, factors=factors)
    return Status(201, _assessment_out(assessment))


@router.get("/requests/{request_id}/assessment", response=AssessmentOut)
def get_assessment(request: HttpRequest, request_id: str) -> dict[str, Any]:
    found = request_get(request.user, request_id)
    assessment = assessment_latest(found)
    if assessment is None:
        raise Http404("No assessment yet.")
    _audit_read(request, found.case, "assessment.read", assessment)
    return _assessment_out(assessment)
