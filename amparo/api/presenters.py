"""Turn records into API output, applying field-level visibility from core.access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amparo.cases.facts import CaseFactSheet, CustodyFacts, HeldAt, fact_sheet
from amparo.cases.models import Case
from amparo.core.access import a_number_shown, a_number_shown_of, sees_full_identity
from amparo.people.models import Person, full_name_of
from amparo.relief.models import Request
from amparo.relief.selectors import RequestState, case_zone, request_state

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
        "version": person.version,
    }


def _facility(held_at: HeldAt | None) -> dict[str, Any] | None:
    if held_at is None:
        return None
    return {
        "id": held_at.facility_id,
        "name": held_at.name,
        "city": held_at.city,
        "state": held_at.state,
        "field_office": held_at.field_office,
    }


# The columns of a case the API shows, read as values by the list (`case_list_rows`).
CASE_FIELDS = (
    *("id", "organisation_id", "title", "status", "person_id", "opened_on", "closed_on"),
    *("tags", "campaign", "restricted", "detention_basis", "removal_period_began_on"),
    *("lead_attorney_id", "location_unknown_since", "version"),
    *("person__given_name", "person__family_name", "person__a_number", "person__organisation_id"),
)


def case_out(
    user: Actor, case: Case, facts: CaseFactSheet | CustodyFacts | None = None
) -> dict[str, Any]:
    """A case as the API shows it; pass `facts` from `custody_facts` when presenting a list."""
    person = case.person
    values = {name: getattr(case, name) for name in CASE_FIELDS if "__" not in name}
    values |= {
        "person__given_name": person.given_name,
        "person__family_name": person.family_name,
        "person__a_number": person.a_number,
        "person__organisation_id": person.organisation_id,
    }
    return case_row_out(user, values, facts or fact_sheet(case))


def case_row_out(
    user: Actor, case: dict[str, Any], facts: CaseFactSheet | CustodyFacts
) -> dict[str, Any]:
    """A case read as the values of CASE_FIELDS, as the API shows it (the list's rows)."""
    return {
        "id": case["id"],
        "title": case["title"],
        "status": case["status"],
        "person_id": case["person_id"],
        "person": {
            "id": case["person_id"],
            "full_name": full_name_of(case["person__given_name"], case["person__family_name"]),
            "a_number": a_number_shown_of(
                user, case["person__organisation_id"], case["person__a_number"]
            ),
        },
        "opened_on": case["opened_on"],
        "closed_on": case["closed_on"],
        "tags": case["tags"],
        "campaign": case["campaign"],
        "restricted": case["restricted"],
        "detention_basis": case["detention_basis"],
        "removal_period_began_on": case["removal_period_began_on"],
        "current_facility": _facility(facts.held_at),
        "days_detained": facts.days_detained,
        "lead_attorney_id": case["lead_attorney_id"],
        "location_unknown_since": case["location_unknown_since"],
        "version": case["version"],
    }


def request_out(request: Request, state: RequestState | None = None) -> dict[str, Any]:
    """A request with what the ledger derives from it: turnaround, countdown, overdue flag.
    Times are shown in the organisation's zone; request output has no role-dependent fields."""
    zone = case_zone(request.case)
    if state is None:
        state = request_state(request, zone=zone)
    decision = getattr(request, "decision", None) if request.status != "draft" else None
    submitter = request.submitted_by
    return {
        "id": request.id,
        "case_id": request.case_id,
        "type": request.request_type.slug,
        "type_name": request.request_type.name,
        "decided_by_role": request.request_type.decided_by,
        "legal_basis": request.legal_basis,
        "reason": request.reason,
        "requested_days": request.requested_days,
        "urgency_until": request.urgency_until,
        "days_left": state.days_left,
        "past_urgency": state.past_urgency,
        "addressed_to": request.addressed_to,
        "field_office": request.field_office.code if request.field_office else None,
        "status": request.status,
        "submitted_at": state.submitted_local,
        "channel": request.channel,
        "submitted_by": (submitter.full_name or submitter.email) if submitter else None,
        "acknowledged_at": request.acknowledged_at.astimezone(zone)
        if request.acknowledged_at
        else None,
        "closed_at": request.closed_at.astimezone(zone) if request.closed_at else None,
        "decision": None
        if decision is None
        else {
            "decided_at": state.decided_local,
            "outcome": decision.outcome,
            "reasons_given": decision.reasons_given,
            "reasons": decision.reasons,
            "decided_by": decision.decided_by,
        },
        "turnaround_minutes": state.turnaround_minutes,
        "overdue": state.overdue,
        "overdue_after_hours": state.overdue_after_hours,
        "version": request.version,
    }
