"""Rapid intake: a hotline call becomes a client, a case, where they are held, one family
contact, the urgency and a first note, in one transaction, after a conflict check.

The conflict check is the one a legal aid office runs before taking a client: anyone of the
organisation with the same A-number (in any spelling), or the same name (accents and case aside)
and the same date or country of birth.
"""

from __future__ import annotations

import datetime
import unicodedata
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership
from amparo.cases.models import Case
from amparo.cases.services import arrest_record, case_open, location_unknown_set, note_add
from amparo.people.identifiers import normalise_a_number, normalise_phone
from amparo.people.models import LifeEvent, Person, Relative

if TYPE_CHECKING:
    from amparo.accounts.models import Organisation, User
    from amparo.custody.models import Facility


@dataclass(frozen=True)
class RelativeIntake:
    name: str
    relationship: str = Relative.Relationship.OTHER_RELATIVE
    phone: str = ""
    language: str = ""
    may_contact: bool = False


@dataclass(frozen=True)
class Intake:
    """What the intake form or `POST /api/v1/intake` gathered, already parsed."""

    given_name: str
    family_name: str
    a_number: str = ""
    date_of_birth: datetime.date | None = None
    country_of_birth: str = ""
    immigration_status: str = Person.ImmigrationStatus.OTHER
    facility: Facility | None = None
    held_since: datetime.datetime | None = None
    location_unknown: bool = False
    arrested_at: datetime.datetime | None = None
    arrest_place: str = ""
    relative: RelativeIntake | None = None
    urgency_until: datetime.date | None = None
    urgency_reason: str = ""
    note: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class IntakeResult:
    case: Case
    person: Person


def fold(text: str) -> str:
    """Name as compared by the conflict check: no accents, case or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def possible_duplicates(
    *,
    organisation_id: uuid.UUID,
    given_name: str,
    family_name: str,
    a_number: str = "",
    date_of_birth: datetime.date | None = None,
    country_of_birth: str = "",
) -> list[Person]:
    """Clients of the organisation the new one may be (see the module docstring)."""
    digits = ""
    if a_number:
        try:
            digits = normalise_a_number(a_number)
        except ValidationError:
            digits = ""
    wanted = (fold(given_name), fold(family_name))
    found: list[Person] = []
    people = Person.objects.filter(organisation_id=organisation_id).only(
        "id", "given_name", "family_name", "a_number", "date_of_birth", "country_of_birth"
    )
    for person in people.iterator():
        if digits and person.a_number == digits:
            found.append(person)
            continue
        if (fold(person.given_name), fold(person.family_name)) != wanted:
            continue
        same_birth = date_of_birth is not None and person.date_of_birth == date_of_birth
        same_country = bool(country_of_birth) and person.country_of_birth == country_of_birth
        if same_birth or same_country or (date_of_birth is None and not country_of_birth):
            found.append(person)
    return found[:20]


def check_intake(intake: Intake, *, organisation: Organisation) -> dict[str, list[str]]:
    """Every problem with the intake, by field, before anything is written."""
    errors: dict[str, list[str]] = {k: list(v) for k, v in intake.errors.items()}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if intake.location_unknown and intake.facility is not None:
        add("facility_id", _("A client whose location is unknown has no facility yet."))
    if intake.facility is not None and intake.held_since is None:
        add("held_since", _("Say since when the client is held there (best known)."))
    if intake.facility is None and intake.held_since is not None:
        # Without a facility no placement is written, and the date would vanish unsaid.
        add("held_since", _("Name the facility the client is held in, or clear this date."))
    if intake.held_since is not None and intake.held_since > timezone.now():
        add("held_since", _("This time is in the future."))
    if intake.arrested_at is not None and intake.arrested_at > timezone.now():
        add("arrested_at", _("This time is in the future."))
    if (
        intake.arrested_at is not None
        and intake.held_since is not None
        and intake.arrested_at > intake.held_since
    ):
        add("arrested_at", _("The arrest comes before the detention it started."))
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(organisation.time_zone))
    if intake.urgency_until is not None and intake.urgency_until < today:
        add("urgency_until", _("The urgency date has passed; give a date from today on."))
    if intake.urgency_until is not None and not intake.urgency_reason.strip():
        add("urgency_reason", _("Say what happens on that date, e.g. wife due."))
    if intake.a_number:
        try:
            normalise_a_number(intake.a_number)
        except ValidationError as exc:
            errors.setdefault("a_number", []).extend(exc.messages)
    if intake.relative is not None and intake.relative.phone.strip():
        try:
            normalise_phone(intake.relative.phone.strip())
        except ValidationError as exc:
            errors.setdefault("relative.phone", []).extend(exc.messages)
    person = _person(intake, organisation)
    _collect(
        errors, person, exclude=["organisation"] + (["a_number"] if "a_number" in errors else [])
    )
    if intake.relative is not None:
        relative = Relative(
            person=person,
            full_name=intake.relative.name,
            relationship=intake.relative.relationship,
            language=intake.relative.language,
        )
        _collect(errors, relative, exclude=["person", "phone"], prefix="relative.")
    return errors


def _person(intake: Intake, organisation: Organisation) -> Person:
    digits = None
    if intake.a_number:
        try:
            digits = normalise_a_number(intake.a_number)
        except ValidationError:
            digits = None
    return Person(
        organisation=organisation,
        given_name=intake.given_name.strip(),
        family_name=intake.family_name.strip(),
        a_number=digits,
        date_of_birth=intake.date_of_birth,
        country_of_birth=intake.country_of_birth.upper(),
        immigration_status=intake.immigration_status,
    )


def _collect(
    errors: dict[str, list[str]], instance: Any, *, exclude: list[str], prefix: str = ""
) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(prefix + name, []).extend(messages)


def _lead_for(actor: User | None, organisation: Organisation) -> User | None:
    """The signed-in user leads the case when they are an attorney; else the team chooses."""
    if actor is None:
        return None
    role = (
        Membership.objects.filter(user=actor, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
    return actor if role == Membership.Role.ATTORNEY else None


@transaction.atomic
def intake_record(
    *, actor: User | None, organisation: Organisation, intake: Intake
) -> IntakeResult:
    """Create person, case, placement (or location unknown), relative, urgency and first note.
    Raises ValidationError naming every bad field; then nothing is written."""
    from amparo.custody.services import placement_record
    from amparo.people.services import life_event_record, person_create, relative_add

    errors = check_intake(intake, organisation=organisation)
    if errors:
        raise ValidationError(errors)
    try:
        person = person_create(
            actor=actor,
            organisation=organisation,
            given_name=intake.given_name,
            family_name=intake.family_name,
            a_number=intake.a_number or None,
            date_of_birth=intake.date_of_birth,
            country_of_birth=intake.country_of_birth,
            immigration_status=intake.immigration_status,
        )
        case = case_open(
            actor=actor,
            person=person,
            title=person.full_name,
            lead_attorney=_lead_for(actor, organisation),
        )
        relative = _relative(actor, person, intake.relative, relative_add)
        if intake.arrested_at is not None:
            arrest_record(
                actor=actor,
                case=case,
                arrested_at=intake.arrested_at,
                place=intake.arrest_place.strip() or str(_("Not yet known")),
            )
        if intake.facility is not None and intake.held_since is not None:
            placement_record(
                actor=actor,
                case=case,
                facility=intake.facility,
                started_at=intake.held_since,
                source="family",
            )
        elif intake.location_unknown:
            location_unknown_set(actor=actor, case=case, since=timezone.now())
        if intake.urgency_until is not None:
            life_event_record(
                actor=actor,
                person=person,
                kind=_event_kind(intake.urgency_reason),
                description=intake.urgency_reason.strip()[:300],
                expected_on=intake.urgency_until,
                relative=relative,
            )
        if intake.note.strip():
            note_add(actor=actor, case=case, body=intake.note)
    except ValidationError as exc:
        raise ValidationError(_intake_names(exc)) from None
    return IntakeResult(case=case, person=person)


def _relative(actor: User | None, person: Person, data: RelativeIntake | None, add: Any) -> Any:
    if data is None or not data.name.strip():
        return None
    try:
        return add(
            actor=actor,
            person=person,
            full_name=data.name,
            relationship=data.relationship,
            phone=data.phone,
            language=data.language,
            may_contact=data.may_contact,
            is_emergency_contact=True,
        )
    except ValidationError as exc:
        raise ValidationError({f"relative.{k}": v for k, v in exc.message_dict.items()}) from None


def _intake_names(exc: ValidationError) -> dict[str, list[str]]:
    if not hasattr(exc, "error_dict"):
        return {"__all__": exc.messages}
    renamed = {"facility": "facility_id", "started_at": "held_since"}
    return {renamed.get(k, k): v for k, v in exc.message_dict.items()}


def _event_kind(reason: str) -> str:
    words = fold(reason)
    if any(w in words for w in ("due", "birth", "pregnan", "parto", "born")):
        return LifeEvent.Kind.BIRTH
    if any(w in words for w in ("funeral", "death", "died", "dying")):
        return LifeEvent.Kind.DEATH
    if any(w in words for w in ("surgery", "hospital", "medical")):
        return LifeEvent.Kind.MEDICAL_EMERGENCY
    return LifeEvent.Kind.OTHER


# --- reading what was typed ---------------------------------------------------------------------


def country_code(text: str) -> tuple[str, str | None]:
    """ISO code for a country typed as its code or its name ("CO", "Colombia"); error text."""
    import pycountry

    value = (text or "").strip()
    if not value:
        return "", None
    if len(value) == 2 and pycountry.countries.get(alpha_2=value.upper()):
        return value.upper(), None
    wanted = fold(value)
    for country in pycountry.countries:
        names = [
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        ]
        if any(fold(n) == wanted for n in names if n):
            return str(country.alpha_2), None
    return "", _("No country by that name; choose one from the list.")


def facility_chosen(facility_id: object, facility_query: str) -> tuple[Facility | None, str | None]:
    """The facility picked by id, or named by a query clear enough to take (as `amparo venue`
    does); else an error saying what to do."""
    from django.http import Http404

    from amparo.custody.rules import match_facility, match_is_clear
    from amparo.custody.selectors import facility_get, facility_list

    if facility_id:
        try:
            return facility_get(facility_id), None
        except Http404:
            return None, _("No such facility; choose one from the list.")
    if not (facility_query or "").strip():
        return None, None
    matches = match_facility(facility_query, facility_list())
    if match_is_clear(matches):
        return matches[0][0], None
    if not matches:
        return None, _("No facility matches; try its city or another spelling.")
    return None, _("Several facilities match; choose one: %(names)s.") % {
        "names": "; ".join(f"{f.name} ({f.city.title()}, {f.state})" for f, _s in matches[:4])
    }


def duplicate_rows(user: Any, people: list[Person]) -> list[dict[str, Any]]:
    """Each possible duplicate with the cases of theirs the user may open (a restricted case
    is counted by the check but never linked)."""
    from amparo.core.access import cases_visible_to

    visible: dict[uuid.UUID, list[uuid.UUID]] = {}
    rows = cases_visible_to(user).filter(person__in=people).values_list("person_id", "id")
    for person_id, case_id in rows:
        visible.setdefault(person_id, []).append(case_id)
    return [
        {"person_id": p.id, "full_name": p.full_name, "case_ids": visible.get(p.id, [])}
        for p in people
    ]
