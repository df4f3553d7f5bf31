"""Writes about congressional inquiries, allies and public statements."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from amparo.accounts.models import Organisation
from amparo.advocacy.models import AdvocacyOrganisation, CongressionalOffice, Inquiry, Statement
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.services import filled_fields, validated_save

if TYPE_CHECKING:
    from amparo.accounts.models import User


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
        organisation=organisation, name=name, website=website, contact=contact
    )
    validated_save(ally)
    audit_record(
        actor=actor,
        action="ally.create",
        organisation=organisation,
        obj=ally,
        changed_fields=filled_fields(ally),
    )
    return ally


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
    advocacy_organisation: AdvocacyOrganisation | None = None,
    publicity_consent: bool = False,
) -> Statement:
    """Record a statement, including an agency's 'declined to comment'."""
    if advocacy_organisation is not None and (
        advocacy_organisation.organisation_id != case.organisation_id
    ):
        raise ValidationError({"advocacy_organisation": "Not one of this organisation's allies."})
    statement = Statement(
        case=case,
        author_kind=author_kind,
        author_name=author_name,
        kind=kind,
        said_at=said_at,
        text=text,
        url=url,
        advocacy_organisation=advocacy_organisation,
        publicity_consent=publicity_consent,
    )
    validated_save(statement)
    audit_record(
        actor=actor,
        action="statement.create",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=statement,
        changed_fields=filled_fields(statement),
    )
    return statement


@transaction.atomic
def inquiry_open(
    *,
    actor: User | None,
    case: Case,
    office: CongressionalOffice,
    waiver_signed_on: datetime.date | None = None,
    summary: str = "",
) -> Inquiry:
    """Start preparing a congressional inquiry; it can be sent once the waiver is signed."""
    inquiry = Inquiry(case=case, office=office, waiver_signed_on=waiver_signed_on, summary=summary)
    validated_save(inquiry)
    audit_record(
        actor=actor,
        action="inquiry.create",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=inquiry,
        changed_fields=filled_fields(inquiry),
    )
    return inquiry
