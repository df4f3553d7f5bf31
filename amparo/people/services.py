"""Writes about clients and their families. Each service validates, saves and audits in one
transaction."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from amparo.accounts.models import Organisation
from amparo.core.services import create_audited
from amparo.people.identifiers import normalise_a_number, normalise_phone
from amparo.people.models import LifeEvent, Person, Relative

if TYPE_CHECKING:
    from amparo.accounts.models import User


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    organisation: Organisation,
    given_name: str,
    family_name: str,
    a_number: str | None = None,
    date_of_birth: datetime.date | None = None,
    country_of_birth: str = "",
    citizenships: list[str] | None = None,
    languages: list[str] | None = None,
    immigration_status: str = Person.ImmigrationStatus.OTHER,
    status_since: datetime.date | None = None,
    has_criminal_history: bool = False,
    criminal_history_summary: str = "",
    vulnerabilities: list[str] | None = None,
    aliases: list[str] | None = None,
) -> Person:
    """Record a new client. A-numbers are stored in 9-digit form."""
    person = Person(
        organisation=organisation,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        a_number=_a_number_field(a_number),
        date_of_birth=date_of_birth,
        country_of_birth=(country_of_birth or "").upper(),
        citizenships=[c.upper() for c in citizenships or []],
        languages=list(languages or []),
        immigration_status=immigration_status,
        status_since=status_since,
        has_criminal_history=has_criminal_history,
        criminal_history_summary=criminal_history_summary,
        vulnerabilities=list(vulnerabilities or []),
        aliases=list(aliases or []),
    )
    _check_a_number_free(person)
    create_audited(
        person,
        actor=actor,
        action="person.create",
        organisation=organisation,
    )
    return person


def _a_number_field(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return normalise_a_number(raw)
    except ValidationError as exc:
        raise ValidationError({"a_number": exc.messages}) from None


def _check_a_number_free(person: Person) -> None:
    if (
        person.a_number
        and Person.objects.filter(organisation_id=person.organisation_id, a_number=person.a_number)
        .exclude(pk=person.pk)
        .exists()
    ):
        raise ValidationError(
            {"a_number": "Another client of this organisation already has this A-number."}
        )


@transaction.atomic
def relative_add(
    *,
    actor: User | None,
    person: Person,
    full_name: str,
    relationship: str,
    phone: str = "",
    email: str = "",
    language: str = "",
    is_emergency_contact: bool = False,
    is_us_citizen: bool | None = None,
) -> Relative:
    relative = Relative(
        person=person,
        full_name=full_name,
        relationship=relationship,
        phone=normalise_phone(phone) if phone else "",
        email=email,
        language=language,
        is_emergency_contact=is_emergency_contact,
        is_us_citizen=is_us_citizen,
    )
    create_audited(
        relative,
        actor=actor,
        action="relative.create",
        organisation=person.organisation_id,
    )
    return relative


@transaction.atomic
def life_event_record(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    description: str,
    expected_on: datetime.date | None = None,
    occurred_on: datetime.date | None = None,
    relative: Relative | None = None,
) -> LifeEvent:
    event = LifeEvent(
        person=person,
        kind=kind,
        description=description,
        expected_on=expected_on,
        occurred_on=occurred_on,
        relative=relative,
    )
    create_audited(
        event,
        actor=actor,
        action="life_event.create",
        organisation=person.organisation_id,
    )
    return event
