"""API: cases and their timeline."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from amparo.api.auth import member
from amparo.api.presenters import CASE_FIELDS, case_out, case_row_out
from amparo.api.rendering import schema_json
from amparo.api.schemas import CaseIn, CaseList, CaseOut, CasePatch, Timeline
from amparo.audit.services import audit_read
from amparo.cases.facts import custody_facts_of
from amparo.cases.models import Case
from amparo.cases.selectors import (
    case_list_rows,
    case_timeline_page,
    organisation_member_user,
    organisation_member_users,
)
from amparo.cases.services import case_open, case_team_set, case_update
from amparo.core.access import case_for, person_for
from amparo.core.middleware import member_zones
from amparo.core.paging import page_size

router = Router(tags=["cases"])


@router.get("/cases", response=CaseList)
def list_cases(
    request: HttpRequest,
    status: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> HttpResponse:
    """Newest first, `limit` (default 50, at most 200) at a time; pass `next_cursor` back as
    `cursor` for the next page (null on the last)."""
    # The rows are built in CaseList's shape (`case_row_out`), so ninja need not check them one
    # field at a time (`api.rendering`).
    page = case_list_rows(
        request.user,
        fields=CASE_FIELDS,
        status=status,
        query=q,
        cursor=cursor,
        size=page_size(limit),
    )
    facts = custody_facts_of(
        {c["id"]: c["organisation_id"] for c in page.items}, zones=member_zones(request.user)
    )
    return schema_json(
        {
            "items": [case_row_out(request.user, c, facts[c["id"]]) for c in page.items],
            "next_cursor": page.next_cursor,
        }
    )


@router.post("/cases", response={201: CaseOut})
def create_case(request: HttpRequest, payload: CaseIn) -> Status:
    person = person_for(request.user, payload.person_id, write=True)
    data = payload.dict(exclude={"person_id"})
    data["title"] = data["title"].strip() or person.full_name
    case = case_open(actor=member(request), person=person, **data)
    return Status(201, case_out(request.user, case))


@router.patch("/cases/{case_id}", response=CaseOut)
def update_case(request: HttpRequest, case_id: str, payload: CasePatch) -> dict[str, object]:
    case = case_for(request.user, case_id, write=True)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    team = _team_changes(request, case, changes)
    if changes:
        case_update(actor=member(request), case=case, expected_version=version, **changes)
        version = case.version
    if team is not None:
        case_team_set(actor=member(request), case=case, expected_version=version, **team)
    return case_out(request.user, case_for(request.user, case.id))


def _team_changes(request: HttpRequest, case: Case, changes: dict[str, Any]) -> dict | None:
    """`lead_attorney_id` and `team_ids` as members of the case's organisation; anyone else is
    refused with 422 naming the field."""
    if "lead_attorney_id" not in changes and "team_ids" not in changes:
        return None
    errors: dict[str, list[str]] = {}
    lead = case.lead_attorney
    if "lead_attorney_id" in changes:
        lead_id = changes.pop("lead_attorney_id")
        lead = None
        if lead_id is not None:
            lead = organisation_member_user(request.user, case.organisation_id, lead_id)
            if lead is None:
                errors["lead_attorney_id"] = ["Not a member of the case's organisation."]
    if "team_ids" in changes:
        team, unknown = organisation_member_users(
            request.user, case.organisation_id, list(changes.pop("team_ids") or [])
        )
        if unknown:
            errors["team_ids"] = ["Not members of the case's organisation: " + ", ".join(unknown)]
    else:
        team = list(case.team.all())
    if errors:
        raise ValidationError(errors)
    return {"lead_attorney": lead, "team": team}


@router.get("/cases/{case_id}", response=CaseOut)
def get_case(request: HttpRequest, case_id: str) -> dict[str, object]:
    case = case_for(request.user, case_id)
    audit_read(actor=member(request), case=case)
    return case_out(request.user, case)


@router.get("/cases/{case_id}/timeline", response=Timeline)
def get_timeline(
    request: HttpRequest, case_id: str, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    """Newest first, `limit` (default 50, at most 200) at a time; `next_cursor` gives older."""
    case = case_for(request.user, case_id)
    audit_read(actor=member(request), case=case)
    page = case_timeline_page(request.user, case, cursor=cursor, size=page_size(limit))
    return {
        "items": [
            {
                "at": item.at,
                "kind": item.kind,
                "summary": item.summary,
                "id": item.object_id,
                "date_only": item.date_only,
            }
            for item in page.items
        ],
        "next_cursor": page.next_cursor,
    }
