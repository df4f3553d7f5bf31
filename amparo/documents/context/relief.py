"""The groups about requests to ICE: the parole request, its decision, the renewed request and
the evidence enclosed."""

from __future__ import annotations

from typing import Any

from amparo.documents.context.format import days_words, duration_words, long_date, long_datetime
from amparo.documents.context.sources import Sources
from amparo.documents.models import Document
from amparo.relief.rules import PAROLE_CATEGORIES
from amparo.relief.selectors import assessment_argument, assessment_latest


def parole(s: Sources) -> dict[str, Any] | None:
    request = s.parole
    if request is None:
        return None
    assessment = assessment_latest(request)
    categories: list[dict[str, Any]] = []
    argument: list[str] = []
    regime = None
    if assessment is not None:
        factors = assessment.factors or {}
        for category in PAROLE_CATEGORIES:
            answer = factors.get(category.key)
            if isinstance(answer, dict) and answer.get("applies") is True:
                categories.append(
                    {
                        "citation": category.citation,
                        "label": category.label,
                        "evidence": str(answer.get("evidence", "")).strip(),
                    }
                )
        argument = list(assessment_argument(assessment).paragraphs)
        regime = assessment.regime.name if assessment.regime else None
    return {
        "type": request.request_type.name,
        "legal_basis": request.legal_basis or request.request_type.legal_basis or None,
        "reason": request.reason or None,
        "requested_days": str(request.requested_days) if request.requested_days else None,
        "requested_duration": days_words(request.requested_days),
        "urgency_date": long_date(request.urgency_until),
        "status": request.get_status_display().lower(),
        "addressed_to": request.addressed_to or None,
        "submitted_at": long_datetime(request.submitted_at, s.zone),
        "channel": request.get_channel_display().lower() if request.channel else None,
        "categories": categories,
        "argument": argument,
        "regime": regime,
    }


def decision(s: Sources) -> dict[str, Any] | None:
    decision = getattr(s.parole, "decision", None) if s.parole is not None else None
    if decision is None:
        return None
    return {
        "outcome": decision.get_outcome_display().lower(),
        "decided_at": long_datetime(decision.decided_at, s.zone),
        "decided_on": long_date(decision.decided_at.astimezone(s.zone).date()),
        "submitted_at": long_datetime(decision.submitted_at, s.zone),
        "turnaround": duration_words(decision.turnaround_minutes),
        "turnaround_minutes": str(decision.turnaround_minutes),
        "reasons_given": bool(decision.reasons_given),
        "reasons": decision.reasons or None,
        "decided_by": decision.decided_by or None,
    }


def later_decisions(s: Sources) -> list[dict[str, Any]]:
    """Every decision after the parole decision (a denied renewed request, a bond decision):
    a court paper tells the whole history, the latest denial included."""
    parole_id = s.parole.id if s.parole is not None else None
    rows = []
    for request in s.decided:
        decided = request.decision
        if request.id == parole_id:
            continue
        rows.append(
            {
                "type": request.request_type.name.lower(),
                "addressed_to": request.addressed_to or "ICE",
                "submitted_at": long_datetime(decided.submitted_at, s.zone),
                "outcome": decided.get_outcome_display().lower(),
                "decided_at": long_datetime(decided.decided_at, s.zone),
                "turnaround": duration_words(decided.turnaround_minutes),
                "reasons_given": bool(decided.reasons_given),
            }
        )
    return rows


def renewed(s: Sources) -> dict[str, Any] | None:
    request = s.renewed
    if request is None:
        return None
    return {
        "reason": request.reason or None,
        "requested_days": str(request.requested_days) if request.requested_days else None,
        "requested_duration": days_words(request.requested_days),
        "urgency_date": long_date(request.urgency_until),
        "addressed_to": request.addressed_to or None,
    }


def evidence(s: Sources) -> list[dict[str, Any]]:
    labels = dict(Document.EvidenceKind.choices)
    return [
        {
            "title": d.title,
            "kind": str(labels.get(d.evidence_kind, "Evidence")),
            "received_on": long_date(d.created_at.astimezone(s.zone).date()),
        }
        for d in s.evidence
    ]
