"""Detained clients, their family and contacts, and life events that drive urgency."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel, bounded_text
from amparo.people.identifiers import (
    format_a_number,
    validate_country_code,
    validate_country_list,
    validate_phone,
)


def full_name_of(given_name: str, family_name: str) -> str:
    """A client's name as every screen shows it (also for lists read as values)."""
    return f"{given_name} {family_name}".strip()


class PersonImmigrationStatus(models.TextChoices):
    LPR = "lpr", _("Lawful permanent resident")
    VISA_HOLDER = "visa-holder", _("Visa holder")
    ASYLEE = "asylee", _("Asylee")
    REFUGEE = "refugee", _("Refugee")
    TPS = "tps", _("Temporary protected status")
    DACA = "daca", _("DACA recipient")
    UNDOCUMENTED = "undocumented", _("Undocumented")
    US_CITIZEN = "us-citizen", _("U.S. citizen")
    OTHER = "other", _("Other")


class Person(BaseModel):
    """A detained client (the detainee) as the organisation knows them."""

    ImmigrationStatus = PersonImmigrationStatus

    class Vulnerability(models.TextChoices):
        PREGNANCY = "pregnancy", _("Pregnancy")
        MEDICAL = "medical", _("Serious medical condition")
        PRIMARY_CAREGIVER = "primary-caregiver", _("Primary caregiver")
        AGE = "age", _("Age (minor or elderly)")
        DISABILITY = "disability", _("Disability")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="people"
    )
    given_name = models.CharField(
        max_length=120, help_text=_("Given name(s) as the client uses them.")
    )
    family_name = models.CharField(max_length=120, help_text=_("Family name(s) as on ICE records."))
    aliases = models.JSONField(
        default=list, blank=True, help_text=_("Other names and spellings ICE or courts may use.")
    )
    # NULL, not "", for "no A-number": the per-organisation unique constraint must skip it.
    a_number = models.CharField(  # noqa: DJ001
        max_length=9,
        null=True,
        blank=True,
        help_text=_(
            "Alien registration number, stored as 9 digits (8-digit ones get a leading 0)."
        ),
    )
    date_of_birth = models.DateField(null=True, blank=True)
    country_of_birth = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text=_("ISO 3166-1 alpha-2 code; the ICE detainee locator searches by it."),
    )
    citizenships = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_country_list],
        help_text=_("ISO 3166-1 alpha-2 codes of every citizenship."),
    )
    languages = models.JSONField(
        default=list, blank=True, help_text=_("Languages the client speaks, preferred first.")
    )
    immigration_status = models.CharField(
        max_length=20, choices=ImmigrationStatus.choices, default=ImmigrationStatus.OTHER
    )
    status_since = models.DateField(
        null=True, blank=True, help_text=_("Since when the client has held this status.")
    )
    has_criminal_history = models.BooleanField(
        default=False, help_text=_("Any arrest, charge or conviction on record.")
    )
    criminal_history_summary = bounded_text(
        20000, _("Charges, dispositions and dates; required when there is a history.")
    )
    vulnerabilities = models.JSONField(
        default=list, blank=True, help_text=_("Grounds for urgency, from the vulnerability list.")
    )
    vulnerability_notes = bounded_text(5000)
    version = models.PositiveIntegerField(default=1, help_text=_("Bumped on every edit."))

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "a_number"],
                condition=Q(a_number__isnull=False),
                name="person_a_number_unique_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(a_number__isnull=True) | Q(a_number__regex=r"^[0-9]{9}\Z"),
                name="person_a_number_nine_digits",
            ),
            models.CheckConstraint(
                condition=Q(immigration_status__in=[s.value for s in PersonImmigrationStatus]),
                name="person_immigration_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(has_criminal_history=True) | Q(criminal_history_summary=""),
                name="person_no_history_no_summary",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return full_name_of(self.given_name, self.family_name)

    @property
    def a_number_display(self) -> str:
        return format_a_number(self.a_number) if self.a_number else ""

    def _born_later(self) -> bool:
        """Whether the date of birth is after today where the organisation works. Only a date
        within a day of the server's today needs the organisation's zone (read then, so that
        full_clean of many rows, as an import does, costs no query)."""
        assert self.date_of_birth is not None
        server_today = timezone.localdate()
        if abs((self.date_of_birth - server_today).days) > 1:
            return self.date_of_birth > server_today
        organisation = self.organisation if self.organisation_id else None
        zone = organisation.time_zone if organisation is not None else ""
        today = timezone.localdate(timezone=zoneinfo.ZoneInfo(zone)) if zone else server_today
        return self.date_of_birth > today

    def clean(self) -> None:
        errors: dict[str, str] = {}
        allowed = {v.value for v in self.Vulnerability}
        unknown = [v for v in self.vulnerabilities or [] if v not in allowed]
        if unknown:
            errors["vulnerabilities"] = f"Unknown vulnerability: {', '.join(map(str, unknown))}."
        if self.has_criminal_history and not self.criminal_history_summary.strip():
            errors["criminal_history_summary"] = "Summarise the criminal history."
        if self.date_of_birth is not None and self._born_later():
            errors["date_of_birth"] = str(_("A date of birth cannot be in the future."))
        if errors:
            raise ValidationError(errors)


class Relative(BaseModel):
    """A family member or other contact of the client."""

    class Relationship(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        PARTNER = "partner", _("Partner")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Sibling")
        OTHER_RELATIVE = "other-relative", _("Other relative")
        FRIEND = "friend", _("Friend")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    full_name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    phone = models.CharField(
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("E.164 format, e.g. +15045550123."),
    )
    email = models.EmailField(blank=True)
    language = models.CharField(
        max_length=60, blank=True, help_text=_("Language to use with them.")
    )
    other_phone = models.CharField(
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("A second number, E.164 format."),
    )
    address = bounded_text(1000)
    may_contact = models.BooleanField(
        default=False, help_text=_("The client agrees that the team may contact this person.")
    )
    notes = bounded_text(2000)
    is_emergency_contact = models.BooleanField(default=False)
    is_us_citizen = models.BooleanField(null=True, blank=True, help_text=_("Matters for hardship."))

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_relationship_display()})"


class LifeEvent(BaseModel):
    """A birth, death or emergency in the client's life; an expected date drives urgency."""

    class Kind(models.TextChoices):
        BIRTH = "birth", _("Birth")
        DEATH = "death", _("Death")
        MEDICAL_EMERGENCY = "medical-emergency", _("Medical emergency")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="life_events")
    relative = models.ForeignKey(
        Relative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="life_events",
        help_text=_("The relative the event concerns, if any."),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300)
    expected_on = models.DateField(null=True, blank=True, help_text=_("E.g. a due date."))
    occurred_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["expected_on", "occurred_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_on__isnull=False) | Q(occurred_on__isnull=False),
                name="life_event_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def on(self) -> datetime.date | None:
        return self.occurred_on or self.expected_on
