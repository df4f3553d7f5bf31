"""Writes about clients and their families. Each service validates, saves and audits in one
transaction."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.audit.services import audit_record
from amparo.core.services import check_editable, create_audited, save_versioned, validated_save
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
            {"a_number": _("Another client of this organisation already has this A-number.")}
        )


def _phone_field(name: str, raw: str) -> str:
    if not raw.strip():
        return ""
    try:
        return normalise_phone(raw.strip())
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from None


@transaction.atomic
def relative_add(
    *,
    actor: User | None,
    person: Person,
    full_name: str,
    relationship: str,
    phone: str = "",
    other_phone: str = "",
    email: str = "",
    language: str = "",
    may_contact: bool = False,
    notes: str = "",
    is_emergency_contact: bool = False,
    is_us_citizen: bool | None = None,
) -> Relative:
    """Record a relative or contact of the client; phones are stored in E.164 form."""
    errors: dict[str, list[str]] = {}
    phones: dict[str, str] = {}
    for name, raw in (("phone", phone), ("other_phone", other_phone)):
        try:
            phones[name] = _phone_field(name, raw)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    relative = Relative(
        person=person,
        full_name=full_name.strip(),
        relationship=relationship,
        phone=phones.get("phone", ""),
        other_phone=phones.get("other_phone", ""),
        email=email.strip(),
        language=language.strip(),
        may_contact=may_contact,
        notes=notes,
        is_emergency_contact=is_emergency_contact,
        is_us_citizen=is_us_citizen,
    )
    if errors:
        _raise_with_model_errors(relative, errors)
    _create_client_record(relative, actor=actor, action="relative.create", person=person)
    return relative


def _raise_with_model_errors(instance: models.Model, errors: dict[str, list[str]]) -> None:
    """Report every bad field at once: the phones' and the model's own."""
    try:
        instance.full_clean(exclude=list(errors))
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    raise ValidationError(errors)


def _latest_case_id(person: Person) -> Any:
    """The client's newest case: the audit trail of a family record names it, so the case's
    access log shows who changed the client's family."""
    return person.cases.order_by("-opened_on", "-created_at").values_list("id", flat=True).first()


def _create_client_record(
    instance: models.Model, *, actor: User | None, action: str, person: Person
) -> None:
    """`create_audited` for a record of the client (a relative, a life event), its event naming
    the client's newest case."""
    create_audited(
        instance,
        actor=actor,
        action=action,
        organisation=person.organisation_id,
        case_id=_latest_case_id(person),
    )


def _audit_client_update(
    actor: User | None, action: str, obj: models.Model, *, person: Person, fields: list[str]
) -> None:
    """The event of a validated change of the client or their record, naming the newest case."""
    audit_record(
        actor=actor,
        action=action,
        organisation=person.organisation_id,
        case_id=_latest_case_id(person),
        obj=obj,
        changed_fields=fields,
    )


RELATIVE_EDITABLE = frozenset(
    {"full_name", "relationship", "phone", "other_phone", "email", "language", "may_contact"}
    | {"notes", "is_emergency_contact", "is_us_citizen", "address"}
)


@transaction.atomic
def relative_update(*, actor: User | None, relative: Relative, **changes: object) -> Relative:
    """Change a relative's details; phones are normalised as on entry."""
    check_editable(changes, RELATIVE_EDITABLE)
    errors: dict[str, list[str]] = {}
    for name, value in changes.items():
        if name in {"phone", "other_phone"}:
            try:
                value = _phone_field(name, str(value or ""))
            except ValidationError as exc:
                errors.update(exc.message_dict)
                continue
        setattr(relative, name, value)
    if errors:
        _raise_with_model_errors(relative, errors)
    validated_save(relative, update_fields=sorted(changes))
    _audit_client_update(
        actor, "relative.update", relative, person=relative.person, fields=sorted(changes)
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
    _create_client_record(event, actor=actor, action="life_event.create", person=person)
    return event


PERSON_EDITABLE = frozenset(
    {"given_name", "family_name", "aliases", "a_number", "date_of_birth", "country_of_birth"}
    | {"citizenships", "languages", "immigration_status", "status_since"}
)


@transaction.atomic
def person_update(
    *, actor: User | None, person: Person, expected_version: int | None, **changes: object
) -> Person:
    """Correct the client's own details after intake (names, A-number, date and country of
    birth, status, languages). Refuses with ConflictError if someone else saved the client since
    `expected_version`; every bad field is named at once and nothing is saved."""
    check_editable(changes, PERSON_EDITABLE)
    errors: dict[str, list[str]] = {}
    for name, value in changes.items():
        if name == "a_number":
            try:
                value = _a_number_field(str(value or "") or None)
            except ValidationError as exc:
                errors.update(exc.message_dict)
                continue
        elif name in {"given_name", "family_name"}:
            value = str(value or "").strip()
        elif name == "country_of_birth":
            value = str(value or "").upper()
        elif name == "citizenships":
            value = [str(c).upper() for c in value or []]  # type: ignore[attr-defined]
        elif name in {"languages", "aliases"}:
            value = [str(v).strip() for v in value or [] if str(v).strip()]  # type: ignore[attr-defined]
        setattr(person, name, value)
    if errors:
        _raise_with_model_errors(person, errors)
    _check_a_number_free(person)
    save_versioned(person, expected_version=expected_version, fields=sorted(changes))
    _audit_client_update(actor, "person.update", person, person=person, fields=sorted(changes))
    return person
