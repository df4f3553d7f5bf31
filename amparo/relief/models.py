"""Requests to the agency or the immigration court, their decisions and the policy in force."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from amparo.core.models import BaseModel


class RequestType(BaseModel):
    """A kind of request with its legal basis; rows an admin edits, not code branches."""

    class Decider(models.TextChoices):
        FIELD_OFFICE_DIRECTOR = "field-office-director", "ICE field office director"
        FACILITY = "facility", "Facility administrator"
        IMMIGRATION_JUDGE = "immigration-judge", "Immigration judge"
        BIA = "bia", "Board of Immigration Appeals"
        COURT = "court", "Federal court"

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    legal_basis = models.CharField(
        max_length=300, blank=True, help_text="Statute or regulation relied on."
    )
    decided_by = models.CharField(max_length=30, choices=Decider.choices)
    appeal_available = models.BooleanField(default=False)
    appeal_to = models.CharField(max_length=200, blank=True, help_text="Where an appeal lies.")
    usual_next_steps = models.TextField(blank=True, help_text="What teams usually do next.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"
    MOOT = "moot", "Moot"


class Request(BaseModel):
    """A request for release or relief, with the minute it was sent."""

    Status = RequestStatus

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        FAX = "fax", "Fax"
        PORTAL = "portal", "Online portal"
        IN_PERSON = "in-person", "In person"
        PHONE = "phone", "Phone"
        MAIL = "mail", "Mail or courier"
        ECAS = "ecas", "EOIR electronic filing"
        OTHER = "other", "Other"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="requests")
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.CharField(max_length=300, blank=True, help_text="Defaults to the type's.")
    reason = models.TextField(help_text="Why the client should be released or helped now.")
    requested_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Length of parole or release asked for, in days."
    )
    addressed_to = models.CharField(max_length=200, blank=True, help_text="Officer or office.")
    field_office = models.ForeignKey(
        "custody.FieldOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Field office the request went to.",
    )
    urgency_until = models.DateField(
        null=True, blank=True, help_text="After this date the request is moot (birth, funeral)."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in RequestStatus]),
                name="request_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "acknowledged", "decided"])
                | (Q(submitted_at__isnull=False) & ~Q(channel="")),
                name="request_sent_has_time_and_channel",
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True)
                | (Q(submitted_at__isnull=False) & Q(acknowledged_at__gte=F("submitted_at"))),
                name="request_acknowledged_after_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_type} ({self.get_status_display()})"


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", "Granted"
    DENIED = "denied", "Denied"
    PARTLY_GRANTED = "partly-granted", "Partly granted"
    NO_RESPONSE = "no-response", "No response"
    WITHDRAWN = "withdrawn", "Withdrawn"
    MOOT = "moot", "Moot"


class Decision(BaseModel):
    """The answer to a request: outcome, the minute it came, and whether reasons were given."""

    Outcome = DecisionOutcome

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="decision")
    submitted_at = models.DateTimeField(
        help_text="Copy of the request's submission time, so the database can check the order."
    )
    decided_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons_given = models.BooleanField(help_text="Did the decision state any reasons?")
    reasons = models.TextField(blank=True, help_text="The reasons as given, verbatim.")
    decided_by = models.CharField(max_length=200, blank=True, help_text="Officer or judge.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_at__gte=F("submitted_at")),
                name="decision_not_before_submission",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=[o.value for o in DecisionOutcome]),
                name="decision_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(reasons_given=True) | Q(reasons=""),
                name="decision_no_reasons_no_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} at {self.decided_at:%Y-%m-%d %H:%M}"

    @property
    def turnaround_minutes(self) -> int:
        return int((self.decided_at - self.submitted_at).total_seconds() // 60)


class PolicyRegime(BaseModel):
    """An enforcement-priority regime in force between two dates."""

    name = models.CharField(max_length=200)
    authority = models.CharField(max_length=200, help_text="Who issued it: memo, EO, court.")
    effective_from = models.DateField()
    effective_to = models.DateField(
        null=True, blank=True, help_text="Last day in force; blank while in force."
    )
    source = models.CharField(max_length=500, help_text="Citation and where to read it.")
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="policy_regime_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name
