"""A client's case, the arrest that started it and the team's notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from amparo.core.models import BaseModel


class CaseStatus(models.TextChoices):
    INTAKE = "intake", "Intake"
    ACTIVE = "active", "Active"
    ON_HOLD = "on-hold", "On hold"
    CLOSED = "closed", "Closed"


class DetentionBasis(models.TextChoices):
    # Which statute ICE holds the client under decides who can release them (DOMAIN.md §2).
    UNKNOWN = "", "Not yet known"
    ARRIVING_235B = "235b", "INA 235(b) — arriving / expedited removal (parole only)"
    DISCRETIONARY_236A = "236a", "INA 236(a) — discretionary detention (bond available)"
    MANDATORY_236C = "236c", "INA 236(c) — mandatory detention (Joseph hearing)"
    FINAL_ORDER_241A = "241a", "INA 241(a) — after a final order (custody review)"


class Case(BaseModel):
    """The organisation's matter for one detained client; the root of every access check."""

    Status = CaseStatus

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="cases"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="The detained client.",
    )
    title = models.CharField(max_length=200, help_text="How the team refers to the case.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    lead_attorney = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_cases",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="team_cases",
        help_text="Members working the case; only they see a restricted case.",
    )
    tags = models.JSONField(default=list, blank=True, help_text="Free labels for filtering.")
    campaign = models.CharField(
        max_length=120, blank=True, help_text="Rapid-response campaign the case belongs to."
    )
    restricted = models.BooleanField(
        default=False, help_text="Only the case team and organisation admins see it."
    )
    detention_basis = models.CharField(
        max_length=4,
        choices=DetentionBasis.choices,
        blank=True,
        default="",
        help_text="The statute ICE holds the client under; it decides the release routes "
        "(8 U.S.C. §§ 1225(b), 1226(a), 1226(c), 1231(a)).",
    )
    opened_on = models.DateField(help_text="When the organisation took the case.")
    closed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit.")

    class Meta:
        ordering = ["-opened_on", "title"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            # The case list: newest first per organisation, with and without a status filter.
            models.Index(fields=["organisation", "-opened_on", "-id"], name="case_org_newest_idx"),
            models.Index(
                fields=["organisation", "status", "-opened_on", "-id"],
                name="case_org_status_newest_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in CaseStatus]), name="case_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="case_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="case_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Arrest(BaseModel):
    """The arrest that brought the client into custody."""

    class Agency(models.TextChoices):
        ICE = "ice", "ICE"
        CBP = "cbp", "CBP"
        LOCAL_POLICE = "local-police", "Local police (287(g) or detainer)"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="arrests")
    arrested_at = models.DateTimeField()
    place = models.CharField(max_length=300, help_text="Where it happened, as told by witnesses.")
    agency = models.CharField(max_length=20, choices=Agency.choices, default=Agency.ICE)
    circumstances = models.TextField(blank=True)

    class Meta:
        ordering = ["arrested_at"]

    def __str__(self) -> str:
        return f"Arrest at {self.place}"


class Note(BaseModel):
    """A team note. Privileged notes are attorney work product and never leave the team."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField()
    privileged = models.BooleanField(
        default=True, help_text="Attorney-client privileged or work product."
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class CaseAlert(BaseModel):
    """Something the team must look at now, e.g. a transfer that changed the venue."""

    class Kind(models.TextChoices):
        VENUE_CHANGED = "venue-changed", "Venue changed"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    message = models.CharField(max_length=300, help_text="E.g. venue changed: D.N.J. → W.D. La.")
    data = models.JSONField(default=dict, blank=True, help_text="What changed, for the record.")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message
