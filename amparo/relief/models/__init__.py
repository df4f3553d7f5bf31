"""Requests to the agency or the immigration court, their decisions and the policy in force: the
ledger the team writes. The rows the reports read, derived from it, are in `models.reported`,
imported here so Django registers them with this app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amparo.core.models import BaseModel, bounded_text
from amparo.relief.models import reported  # noqa: F401 (Django registers the reporting rows)
from amparo.relief.request_types import shown_type_name


class RequestType(BaseModel):
    """A kind of request with its legal basis; rows an admin edits, not code branches."""

    class Decider(models.TextChoices):
        FIELD_OFFICE_DIRECTOR = "field-office-director", _("ICE field office director")
        FACILITY = "facility", _("Facility administrator")
        IMMIGRATION_JUDGE = "immigration-judge", _("Immigration judge")
        BIA = "bia", _("Board of Immigration Appeals")
        COURT = "court", _("Federal court")

    slug = models.SlugField(
        max_length=40,
        unique=True,
        help_text=_("Stable name the API uses, e.g. humanitarian-parole."),
    )
    name = models.CharField(max_length=120)
    legal_basis = models.CharField(
        max_length=300, blank=True, help_text=_("Statute or regulation relied on.")
    )
    decided_by = models.CharField(
        max_length=30, choices=Decider.choices, help_text=_("Who decides a request of this kind.")
    )
    appeal_available = models.BooleanField(
        default=False, help_text=_("Does the law give an appeal from a denial?")
    )
    appeal_to = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where an appeal lies, and how fast (e.g. BIA, Form EOIR-26, 30 days)."),
    )
    usual_next_steps = bounded_text(5000, _("What teams usually do next."))
    seeks_release = models.BooleanField(
        default=False,
        help_text=_("A grant releases the client; later next steps about custody then lapse."),
    )
    escalates_as = models.SlugField(
        max_length=40,
        blank=True,
        help_text=_(
            "Follow the next steps Amparo knows for this built-in type (slug); "
            "blank: the type's own slug."
        ),
    )
    overdue_after_hours = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "A submitted request with no answer after this many hours is flagged overdue; "
            "blank uses the AMPARO_REQUEST_OVERDUE_HOURS setting."
        ),
    )
    active = models.BooleanField(default=True, help_text=_("Offered for new requests."))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appeal_available=False) | ~Q(appeal_to=""),
                name="request_type_appeal_has_forum",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        """The name in the reader's language for a built-in type; as typed otherwise."""
        return shown_type_name(self.name)

    @property
    def escalation_key(self) -> str:
        return self.escalates_as or self.slug


class RequestStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("request", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("request", "Submitted")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("request", "Acknowledged")
    DECIDED = "decided", pgettext_lazy("request", "Decided")
    WITHDRAWN = "withdrawn", pgettext_lazy("request", "Withdrawn")
    MOOT = "moot", pgettext_lazy("request", "Moot")


class Request(BaseModel):
    """A request for release or relief, with the minute it was sent."""

    Status = RequestStatus

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        FAX = "fax", _("Fax")
        PORTAL = "portal", _("Online portal")
        IN_PERSON = "in-person", _("In person")
        PHONE = "phone", _("Phone")
        MAIL = "mail", _("Mail or courier")
        ECAS = "ecas", _("EOIR electronic filing")
        OTHER = "other", _("Other")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="requests")
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="+")
    legal_basis = models.CharField(
        max_length=300, blank=True, help_text=_("Defaults to the type's.")
    )
    reason = bounded_text(20000, _("Why the client should be released or helped now."), blank=False)
    requested_days = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Length of parole or release asked for, in days.")
    )
    addressed_to = models.CharField(max_length=200, blank=True, help_text=_("Officer or office."))
    field_office = models.ForeignKey(
        "custody.FieldOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Field office the request went to."),
    )
    urgency_until = models.DateField(
        null=True, blank=True, help_text=_("After this date the request is moot (birth, funeral).")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text=_("The minute the request was sent (stored in UTC).")
    )
    channel = models.CharField(
        max_length=20, choices=Channel.choices, blank=True, help_text=_("How it was sent.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the office confirmed receipt, if it did.")
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the request was withdrawn or became moot without a decision."),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            # The home page: open requests by urgency date, sent ones by when they were sent,
            # read one status at a time (cases/dashboard.py).
            models.Index(
                fields=["status", "urgency_until", "created_at"], name="request_status_urgency_idx"
            ),
            models.Index(
                fields=["status", "submitted_at", "created_at"], name="request_status_sent_idx"
            ),
        ]
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
            models.CheckConstraint(
                condition=~Q(status="acknowledged") | Q(acknowledged_at__isnull=False),
                name="request_acknowledged_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_type} ({self.get_status_display()})"


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", pgettext_lazy("request", "Granted")
    DENIED = "denied", pgettext_lazy("request", "Denied")
    PARTLY_GRANTED = "partly-granted", pgettext_lazy("request", "Partly granted")
    NO_RESPONSE = "no-response", pgettext_lazy("request", "No response")
    WITHDRAWN = "withdrawn", pgettext_lazy("request", "Withdrawn")
    MOOT = "moot", pgettext_lazy("request", "Moot")


class Decision(BaseModel):
    """The answer to a request: outcome, the minute it came, and whether reasons were given."""

    Outcome = DecisionOutcome

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="decision")
    submitted_at = models.DateTimeField(
        help_text=_("Copy of the request's submission time, so the database can check the order.")
    )
    decided_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons_given = models.BooleanField(help_text=_("Did the decision state any reasons?"))
    reasons = bounded_text(20000, _("The reasons as given, verbatim."))
    decided_by = models.CharField(max_length=200, blank=True, help_text=_("Officer or judge."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        # The home page's decisions of the last 24 hours, newest first.
        indexes = [models.Index(fields=["decided_at"], name="decision_decided_idx")]
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
    """An enforcement-priority regime in force between two dates (DOMAIN.md §6)."""

    slug = models.SlugField(max_length=60, unique=True, help_text=_("Stable name, e.g. eo-14159."))
    name = models.CharField(max_length=200)
    authority = models.CharField(max_length=200, help_text=_("Who issued it: memo, EO, court."))
    effective_from = models.DateField(help_text=_("First day in force."))
    effective_to = models.DateField(
        null=True, blank=True, help_text=_("Last day in force; blank while in force.")
    )
    source = models.CharField(max_length=500, help_text=_("Citation and where to read it."))
    summary = bounded_text(10000, _("What it says, and doubts about its dates."))
    factors = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'Priority and mitigating factors: [{"key", "label", "kind": "priority" or '
            '"mitigating", "citation"}].'
        ),
    )

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


class Assessment(BaseModel):
    """A request weighed against the 8 CFR 212.5(b) categories and the regime in force on the
    request's date: for each factor, whether it applies and the evidence."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="assessments")
    regime = models.ForeignKey(
        PolicyRegime,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The regime in force on `assessed_for`; blank when none is recorded."),
    )
    assessed_for = models.DateField(
        help_text=_("The request's date (its submission, or the day of a draft's assessment).")
    )
    factors = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            'Factor key → {"applies": true/false, "evidence": "..."}.',
        ),
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Assessment for {self.assessed_for:%Y-%m-%d}"
