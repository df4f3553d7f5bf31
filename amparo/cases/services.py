"""Writes to cases, arrests and notes. Each validates, saves and audits in one transaction."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from amparo.audit.services import audit_case_write
from amparo.cases.models import Arrest, Case, Note
from amparo.core.services import create_case_record, save_versioned, validated_save
from amparo.people.models import Person

if TYPE_CHECKING:
    from amparo.accounts.models import User


@transaction.atomic
def case_open(
    *,
    actor: User | None,
    person: Person,
    title: str,
    opened_on: datetime.date | None = None,
    lead_attorney: User | None = None,
    team: list[User] | None = None,
    tags: list[str] | None = None,
    campaign: str = "",
    restricted: bool = False,
) -> Case:
    """Open a case for a client of the same organisation."""
    case = Case(
        organisation_id=person.organisation_id,
        person=person,
        title=title.strip(),
        opened_on=opened_on or timezone.localdate(),
        lead_attorney=lead_attorney,
        tags=list(tags or []),
        campaign=campaign,
        restricted=restricted,
    )
    validated_save(case)
    members = list(team or [])
    # Whoever opens a case works on it; otherwise a restricted case would lock its creator out.
    if actor is not None and actor not in members:
        members.append(actor)
    if lead_attorney is not None and lead_attorney not in members:
        members.append(lead_attorney)
    if members:
        case.team.set(members)
    audit_case_write(actor, "case.create", case)
    return case


@transaction.atomic
def case_update(
    *, actor: User | None, case: Case, expected_version: int | None, **changes: object
) -> Case:
    """Change case fields; refuses if someone else saved the case since `expected_version`."""
    allowed = {
        "title",
        "status",
        "lead_attorney",
        "tags",
        "campaign",
        "restricted",
        "closed_on",
        "detention_basis",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(case, name, value)
    fields = [f if f != "lead_attorney" else "lead_attorney_id" for f in changes]
    save_versioned(case, expected_version=expected_version, fields=fields)
    audit_case_write(actor, "case.update", case, changed_fields=sorted(changes))
    return case


@transaction.atomic
def arrest_record(
    *,
    actor: User | None,
    case: Case,
    arrested_at: datetime.datetime,
    place: str,
    agency: str = Arrest.Agency.ICE,
    circumstances: str = "",
) -> Arrest:
    arrest = Arrest(
        case=case, arrested_at=arrested_at, place=place, agency=agency, circumstances=circumstances
    )
    create_case_record(arrest, actor=actor, action="arrest.create", case=case)
    return arrest


@transaction.atomic
def note_add(*, actor: User | None, case: Case, body: str, privileged: bool = True) -> Note:
    note = Note(case=case, author=actor, body=body, privileged=privileged)
    create_case_record(note, actor=actor, action="note.create", case=case)
    return note
