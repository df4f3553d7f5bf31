"""Writes about congressional inquiries, allies, public statements and public pages."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.advocacy.models import (
    AdvocacyOrganisation,
    CongressionalOffice,
    Inquiry,
    Publication,
    PublicEvent,
    Statement,
)
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.services import create_audited, create_case_record, validated_save

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
    create_audited(
        ally,
        actor=actor,
        action="ally.create",
        organisation=organisation,
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
    create_case_record(statement, actor=actor, action="statement.create", case=case)
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
    create_case_record(inquiry, actor=actor, action="inquiry.create", case=case)
    return inquiry


@transaction.atomic
def publication_create(
    *,
    actor: User,
    case: Case,
    name_as_consented: str,
    consent_on: datetime.date,
    consent_given_by: str = "the client",
    consent_note: str = "",
    summary: str = "",
    show_facility: bool = True,
) -> Publication:
    """Publish the case as a public page, recording the client's consent.

    Raises ValidationError when consent is dated in the future or the case is already published.
    """
    if consent_on > timezone.localdate():
        raise ValidationError({"consent_on": "Consent cannot be dated in the future."})
    if case.publications.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError({"__all__": "The case is already published."})
    publication = Publication(
        case=case,
        name_as_consented=name_as_consented.strip(),
        consent_on=consent_on,
        consent_given_by=consent_given_by.strip() or "the client",
        consent_recorded_by=actor,
        consent_note=consent_note,
        summary=summary,
        show_facility=show_facility,
    )
    create_case_record(publication, actor=actor, action="publication.create", case=case)
    return publication


@transaction.atomic
def publication_withdraw(*, actor: User, publication: Publication) -> Publication:
    """Consent withdrawn: the public page answers 404 from this moment."""
    if publication.withdrawn_at is not None:
        return publication
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_by = actor
    validated_save(publication, update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        actor=actor,
        action="publication.withdraw",
        organisation=publication.case.organisation_id,
        case_id=publication.case_id,
        obj=publication,
        changed_fields=["withdrawn_at", "withdrawn_by"],
    )
    return publication


@transaction.atomic
def public_event_add(
    *, actor: User, publication: Publication, happened_on: datetime.date, text: str
) -> PublicEvent:
    """Add an entry, written for the public, to the public page's timeline."""
    if publication.withdrawn_at is not None:
        raise ValidationError({"publication": "Consent was withdrawn; this page is closed."})
    event = PublicEvent(publication=publication, happened_on=happened_on, text=text.strip())
    create_case_record(event, actor=actor, action="public_event.create", case=publication.case)
    return event
