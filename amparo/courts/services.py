"""Writes about court cases: drafts and their respondents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.services import filled_fields, validated_save
from amparo.courts.models import Court, CourtCase, Respondent

if TYPE_CHECKING:
    from amparo.accounts.models import User


@transaction.atomic
def court_case_draft(
    *,
    actor: User | None,
    case: Case,
    court: Court,
    kind: str,
    division: str = "",
    caption: str = "",
    respondents: list[tuple[str, str, str]] | None = None,
) -> CourtCase:
    """Start a court case in draft; respondents are (role, name, title) in caption order."""
    court_case = CourtCase(case=case, court=court, kind=kind, division=division, caption=caption)
    validated_save(court_case)
    for position, (role, name, title) in enumerate(respondents or []):
        validated_save(
            Respondent(court_case=court_case, role=role, name=name, title=title, position=position)
        )
    audit_record(
        actor=actor,
        action="court_case.create",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=court_case,
        changed_fields=filled_fields(court_case),
    )
    return court_case
