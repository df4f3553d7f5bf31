"""Writes about allied organisations and statements on a case."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.advocacy.models import AdvocacyOrganisation, AllyContact, Statement
from amparo.advocacy.selectors import answerable_events
from amparo.audit.services import audit_case_write
from amparo.cases.models import Case
from amparo.core.services import create_audited, create_case_record, save_versioned

if TYPE_CHECKING:
    from amparo.accounts.models import User

# What a statement's edit may change (the case and who recorded it stay).
STATEMENT_FIELDS = (
    "author_kind",
    "author_name",
    "kind",
    "said_at",
    "language",
    "text",
    "url",
    "embargo_until",
    "publicity_consent",
    "answers",
)


@transaction.atomic
def ally_add(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    website: str = "",
    contact: str = "",
) -> AdvocacyOrganisation:
    ally = AdvocacyOrganisation(
        organisation=organisation, name=" ".join(name.split()), website=website, contact=contact
    )
    create_audited(ally, actor=actor, action="ally.create", organisation=organisation)
    return ally


@transaction.atomic
def ally_contact_add(
    *,
    actor: User | None,
    ally: AdvocacyOrganisation,
    name: str,
    role: str = "",
    email: str = "",
    phone: str = "",
) -> AllyContact:
    contact = AllyContact(ally=ally, name=name.strip(), role=role, email=email, phone=phone)
    create_audited(
        contact, actor=actor, action="ally_contact.create", organisation=ally.organisation_id
    )
    return contact


def _ally_named(actor: User | None, case: Case, name: str) -> AdvocacyOrganisation:
    """The organisation's ally of that name (case-insensitive), added when new."""
    found = AdvocacyOrganisation.objects.filter(
        organisation_id=case.organisation_id, name__iexact=" ".join(name.split())
    ).first()
    if found is not None:
        return found
    if not name.strip():
        raise ValidationError({"author_name": _("Name the organisation that spoke.")})
    return ally_add(actor=actor, organisation=case.organisation, name=name)


def _checked_answers(case: Case, answers: list[dict[str, str]] | None) -> list[dict[str, str]]:
    """The case events a statement answers, each {"kind", "id"} and each an event of this case
    (`selectors.answerable_events`); the same event named twice counts once."""
    if not answers:
        return []
    known = {e.key for e in answerable_events(case)}
    checked: list[dict[str, str]] = []
    for item in answers:
        kind, ident = str(item.get("kind", "")), str(item.get("id", ""))
        if f"{kind}:{ident}" not in known:
            raise ValidationError(
                {"answers": _("One of the events answered is not an event of this case.")}
            )
        if {"kind": kind, "id": ident} not in checked:
            checked.append({"kind": kind, "id": ident})
    return checked


def _check_ally(case: Case, ally: AdvocacyOrganisation | None) -> None:
    if ally is not None and ally.organisation_id != case.organisation_id:
        raise ValidationError(
            {"advocacy_organisation": _("Not one of this organisation's allies.")}
        )


@transaction.atomic
def statement_record(
    *,
    actor: User | None,
    case: Case,
    author_kind: str,
    author_name: str,
    kind: str,
    said_at: datetime.datetime,
    text: str = "",
    url: str = "",
    language: str = "en",
    embargo_until: datetime.datetime | None = None,
    answers: list[dict[str, str]] | None = None,
    advocacy_organisation: AdvocacyOrganisation | None = None,
    publicity_consent: bool = False,
) -> Statement:
    """Record a statement, including an agency's 'declined to comment'. An organisation's
    statement is credited to one of the organisation's allies, added by name when new."""
    _check_ally(case, advocacy_organisation)
    if author_kind == Statement.AuthorKind.ORGANISATION and advocacy_organisation is None:
        advocacy_organisation = _ally_named(actor, case, author_name)
    statement = Statement(
        case=case,
        author_kind=author_kind,
        author_name=" ".join(author_name.split()),
        kind=kind,
        said_at=said_at,
        text=text,
        url=url,
        language=language or "en",
        embargo_until=embargo_until,
        answers=_checked_answers(case, answers),
        advocacy_organisation=advocacy_organisation,
        publicity_consent=publicity_consent,
    )
    create_case_record(statement, actor=actor, action="statement.create", case=case)
    return statement


@transaction.atomic
def statement_edit(
    *,
    actor: User | None,
    statement: Statement,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> Statement:
    """Change some of a statement's fields; a stale `expected_version` raises ConflictError."""
    unknown = sorted(set(changes) - set(STATEMENT_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    if "answers" in changes:
        changes = {**changes, "answers": _checked_answers(statement.case, changes["answers"])}
    for name, value in changes.items():
        setattr(statement, name, value)
    if statement.author_kind != Statement.AuthorKind.ORGANISATION:
        statement.advocacy_organisation = None
    elif statement.advocacy_organisation is None or "author_name" in changes:
        statement.advocacy_organisation = _ally_named(actor, statement.case, statement.author_name)
    fields = [*changes, "advocacy_organisation"]
    save_versioned(statement, expected_version=expected_version, fields=fields)
    audit_case_write(actor, "statement.update", statement, changed_fields=sorted(changes))
    return statement
