"""Writes about the public page: publishing with consent, withdrawing, public entries."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.advocacy.models import Publication, PublicEvent
from amparo.cases.models import Case
from amparo.core.services import create_case_record, update_case_record

if TYPE_CHECKING:
    from amparo.accounts.models import User


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
        raise ValidationError({"consent_on": _("Consent cannot be dated in the future.")})
    if case.publications.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError({"__all__": _("The case is already published.")})
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
    update_case_record(
        publication,
        actor=actor,
        action="publication.withdraw",
        fields=["withdrawn_at", "withdrawn_by"],
    )
    return publication


@transaction.atomic
def public_event_add(
    *, actor: User, publication: Publication, happened_on: datetime.date, text: str
) -> PublicEvent:
    """Add an entry, written for the public, to the public page's timeline."""
    if publication.withdrawn_at is not None:
        raise ValidationError({"publication": _("Consent was withdrawn; this page is closed.")})
    event = PublicEvent(publication=publication, happened_on=happened_on, text=text.strip())
    create_case_record(event, actor=actor, action="public_event.create", case=publication.case)
    return event
