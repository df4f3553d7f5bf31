"""Turn records into API output, applying field-level visibility from core.access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from amparo.cases.models import Case
from amparo.cases.selectors import custody_summary
from amparo.core.access import a_number_shown, sees_full_identity
from amparo.custody.models import Placement
from amparo.people.models import Person
from amparo.relief.models import Request

if TYPE_CHECKING:
    from amparo.core.access import Actor


def person_out(user: Actor, person: Person) -> dict[str, Any]:
    sees_history = sees_full_identity(user, person.organisation_id)
    return {
        "id": person.id,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "full_name": person.full_name,
        "a_number": a_number_shown(user, person),
        "date_of_birth": person.date_of_birth,
        "country_of_birth": person.country_of_birth,
        "citizenships": person.citizenships,
        "languages": person.languages,
        "immigration_status": person.immigration_status,
        "status_since": person.status_since,
        "has_criminal_history": person.has_criminal_history if sees_history else None,
        "criminal_history_summary": person.criminal_history_summary if sees_history else None,
        "vulnerabilities": person.vulnerabilities,
        "aliases": person.aliases,
    }


def _facility(placement: Placement | None) -> dict[str, Any] | None:
    if placement is None:
        return None
    facility = placement.facility
    office = facility.field_office
    return {
        "id": facility.id,
        "name": facility.name,
        "city": facility.city,
        "state": facility.state,
        "field_office": office.code if office else None,
    }


def case_out(user: Actor, case: Case, *, with_custody: bool = True) -> dict[str, Any]:
    placement: Placement | None = None
    days: int | None = None
    if hasattr(case, "current_placements"):
        placement = case.current_placements[0] if case.current_placements else None
        since = getattr(case, "detained_since", None)
        if placement is not None and since is not None:
            days = (timezone.localdate() - timezone.localtime(since).date()).days
    elif with_custody:
        summary = custody_summary(case)
        placement, days = summary.placement, summary.days_detained
    return {
        "id": case.id,
        "title": case.title,
        "status": case.status,
        "person_id": case.person_id,
        "person": {
            "id": case.person.id,
            "full_name": case.person.full_name,
            "a_number": a_number_shown(user, case.person),
        },
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "tags": case.tags,
        "campaign": case.campaign,
        "restricted": case.restricted,
        "current_facility": _facility(placement),
        "days_detained": days,
        "version": case.version,
    }


def request_out(request: Request) -> dict[str, Any]:
    decision = getattr(request, "decision", None)
    return {
        "id": request.id,
        "case_id": request.case_id,
        "type": request.request_type.slug,
        "legal_basis": request.legal_basis,
        "reason": request.reason,
        "requested_days": request.requested_days,
        "urgency_until": request.urgency_until,
        "addressed_to": request.addressed_to,
        "status": request.status,
        "submitted_at": request.submitted_at,
        "channel": request.channel,
        "decision": None
        if decision is None
        else {
            "decided_at": decision.decided_at,
            "outcome": decision.outcome,
            "reasons_given": decision.reasons_given,
            "reasons": decision.reasons,
            "decided_by": decision.decided_by,
        },
        "turnaround_minutes": decision.turnaround_minutes if decision else None,
        "version": request.version,
    }
