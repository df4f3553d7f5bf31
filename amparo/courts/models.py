"""Reference courts, immigration proceedings and federal court cases with their papers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel, bounded_text
from amparo.courts.rules import shown_by

# Federal docket numbers such as 2:25-cv-01963 or 1:26-cv-00412-JLS (DOMAIN.md §7):
# ^\d:\d{2}-[a-z]{2,4}-\d{4,6}(-[A-Za-z]+)*$ in ASCII. Written with [0-9] and \Z because SQLite
# checks the constraint with Python's re, where \d matches any Unicode digit and $ also matches
# before a trailing newline; PostgreSQL reads [0-9] and \Z the same way.
DOCKET_NUMBER_PATTERN = r"^[0-9]:[0-9]{2}-[a-z]{2,4}-[0-9]{4,6}(-[A-Za-z]+)*\Z"
validate_docket_number = RegexValidator(
    DOCKET_NUMBER_PATTERN,
    "A federal docket number looks like 2:25-cv-01963 (office:year-type-sequence, "
    "optionally followed by judge initials such as -JLS).",
    code="invalid_docket_number",
)


class CourtKind(models.TextChoices):
    DISTRICT = "district", _("U.S. district court")
    CIRCUIT = "circuit", _("U.S. court of appeals")
    IMMIGRATION = "immigration", _("Immigration court (EOIR)")
    BIA = "bia", _("Board of Immigration Appeals")
    SUPREME = "supreme", _("Supreme Court of the United States")


class Court(BaseModel):
    """A court: federal district or circuit, immigration court, or the BIA."""

    Kind = CourtKind

    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.CharField(
        max_length=20,
        unique=True,
        help_text=_(
            "courts-db / CourtListener id (lawd, ca5) or EOIR code for immigration courts."
        ),
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True, help_text=_("E.g. W.D. La."))
    circuit = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="district_courts",
        limit_choices_to={"kind": "circuit"},
        help_text=_("The circuit a district court sits in."),
    )
    state = models.CharField(max_length=2, blank=True)
    city = models.CharField(max_length=100, blank=True)
    county = models.CharField(
        max_length=100, blank=True, help_text=_("The county its city lies in, e.g. Knox County.")
    )
    time_zone = models.CharField(max_length=64, blank=True, help_text=_("For filing cut-offs."))

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in CourtKind]), name="court_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def zone_name(self) -> str:
        """The court's time zone: the one recorded, else from its state and county (49 CFR
        Part 71; see custody.rules.time_zones). The shipped courts carry the county of their
        city; a court entered without one is placed by its city's name, which is right only
        where the city is its county's namesake (El Paso), else falls to the state's zone."""
        from amparo.custody.rules.time_zones import zone_for_place

        return self.time_zone or zone_for_place(self.state, self.county or self.city).zone


class Proceeding(BaseModel):
    """The client's removal case in immigration court."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="proceedings")
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="proceedings",
        limit_choices_to={"kind": "immigration"},
    )
    judge = models.CharField(max_length=120, blank=True)
    charges = bounded_text(5000, _("Charges of removability on the NTA."))
    next_hearing_at = models.DateTimeField(null=True, blank=True)
    is_detained_docket = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Proceeding before {self.court}"


class CourtCase(BaseModel):
    """A federal case: a habeas petition, TRO motion, mandamus or petition for review."""

    class Kind(models.TextChoices):
        HABEAS = "habeas-2241", _("Habeas corpus (28 U.S.C. § 2241)")
        TRO = "tro", _("Emergency motion / TRO")
        MANDAMUS = "mandamus", _("Mandamus")
        PETITION_FOR_REVIEW = "petition-for-review", _("Petition for review")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FILED = "filed", _("Filed")
        CLOSED = "closed", _("Closed")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="court_cases")
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="court_cases")
    division = models.CharField(max_length=80, blank=True, help_text=_("Division of the district."))
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    docket_number = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_docket_number],
        help_text=_("E.g. 2:25-cv-01963; recorded on filing."),
    )
    caption = models.CharField(max_length=300, blank=True)
    filed_at = models.DateTimeField(null=True, blank=True)
    venue_snapshot = models.JSONField(
        null=True,
        blank=True,
        help_text=_("Venue at filing; jurisdiction attaches then (Ex parte Endo, 323 U.S. 283)."),
    )
    venue_changed = models.BooleanField(
        default=False, help_text=_("A transfer changed the venue while this was a draft.")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(docket_number="") | Q(docket_number__regex=DOCKET_NUMBER_PATTERN),
                name="court_case_docket_number_format",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(filed_at__isnull=False) & ~Q(docket_number="")),
                name="court_case_filed_has_docket_and_date",
            ),
            models.UniqueConstraint(
                fields=["court", "docket_number"],
                condition=~Q(docket_number=""),
                name="court_case_docket_unique_per_court",
            ),
        ]

    def __str__(self) -> str:
        return self.docket_number or f"{self.get_kind_display()} (draft)"


class Respondent(BaseModel):
    """A respondent named in a court case, with the role that makes them a proper one."""

    class Role(models.TextChoices):
        IMMEDIATE_CUSTODIAN = (
            "immediate-custodian",
            _("Immediate custodian (facility administrator)"),
        )
        FIELD_OFFICE_DIRECTOR = "field-office-director", _("ICE field office director")
        ICE_DIRECTOR = "ice-director", _("Director of ICE")
        DHS_SECRETARY = "dhs-secretary", _("Secretary of Homeland Security")
        ATTORNEY_GENERAL = "attorney-general", _("Attorney General")
        OTHER = "other", _("Other")

    court_case = models.ForeignKey(CourtCase, on_delete=models.CASCADE, related_name="respondents")
    role = models.CharField(max_length=30, choices=Role.choices)
    name = models.CharField(max_length=200, blank=True, help_text=_("Blank when not yet known."))
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Order in the caption."))

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.name or '[name]'}, {self.title}"


class Filing(BaseModel):
    """A paper filed in a court case."""

    court_case = models.ForeignKey(CourtCase, on_delete=models.PROTECT, related_name="filings")
    title = models.CharField(max_length=200)
    filed_at = models.DateTimeField()
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    docket_entry = models.PositiveIntegerField(null=True, blank=True, help_text=_("ECF entry no."))

    class Meta:
        ordering = ["filed_at"]

    def __str__(self) -> str:
        return self.title


class Hearing(BaseModel):
    """A hearing in a court case."""

    court_case = models.ForeignKey(CourtCase, on_delete=models.PROTECT, related_name="hearings")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    judge = models.CharField(max_length=120, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    outcome = bounded_text(2000)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"Hearing {self.starts_at:%Y-%m-%d %H:%M}"


class OrderCompliance(models.TextChoices):
    """What the court orders the government to do, which Amparo then watches."""

    NONE = "", _("Nothing to watch")
    RELEASE = "release", _("Release the client")
    BOND_HEARING = "bond-hearing", _("Give the client a bond hearing")
    RETURN = "return", _("Return the client to the district")
    NO_TRANSFER = "no-transfer", _("Do not transfer the client")


class Order(BaseModel):
    """An order of the court; recording one creates the deadlines it triggers, and an order the
    government must obey carries its terms, its compliance deadline and what showed compliance."""

    Compliance = OrderCompliance

    class Kind(models.TextChoices):
        ORDER_TO_SHOW_CAUSE = "order-to-show-cause", _("Order to show cause")
        TRO = "tro", _("Temporary restraining order")
        GRANT = "grant", _("Petition granted")
        DENY = "deny", _("Petition denied")
        TRANSFER = "transfer", _("Transfer to another district")
        DISMISSAL = "dismissal", _("Dismissal")
        OTHER = "other", _("Other")

    court_case = models.ForeignKey(CourtCase, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    issued_at = models.DateTimeField()
    served_on = models.DateField(null=True, blank=True, help_text=_("When the order was served."))
    summary = bounded_text(20000)
    compliance = models.CharField(
        max_length=20,
        choices=OrderCompliance.choices,
        blank=True,
        default="",
        help_text=_(
            "What the order requires of the government: release, a bond hearing, the "
            "client's return, or no transfer."
        ),
    )
    compliance_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Days the order allows, counted under Fed. R. Civ. P. 6(a)(1) from its entry."),
    )
    compliance_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Hours the order allows, counted under Fed. R. Civ. P. 6(a)(2) from its entry."
        ),
    )
    compliance_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("The moment compliance is due when the order counts in hours."),
    )
    compliance_due_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("The day compliance is due: the date the order sets, or its days counted."),
    )
    compliance_shown_by = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("What shows compliance, e.g. release recorded, bond hearing held."),
    )
    compliance_deadline = models.ForeignKey(
        "deadlines.Deadline",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The deadline counted for compliance, with its steps."),
    )
    complied_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the government did what the order requires.")
    )
    compliance_evidence = models.CharField(
        max_length=300, blank=True, help_text=_("The record that showed compliance.")
    )
    violated_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a transfer broke an order not to transfer.")
    )

    class Meta:
        ordering = ["issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(compliance__in=[c.value for c in OrderCompliance]),
                name="order_compliance_valid",
            ),
            models.CheckConstraint(
                condition=Q(compliance__in=["", "no-transfer"])
                | Q(compliance_due_on__isnull=False),
                name="order_compliance_has_due_date",
            ),
            models.CheckConstraint(
                condition=~Q(compliance="") | (Q(complied_at__isnull=True) & Q(violated_at=None)),
                name="order_compliance_only_when_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.issued_at:%Y-%m-%d})"

    @property
    def shown_compliance_shown_by(self) -> str:
        """What shows compliance in the reader's language (Amparo's words for the kind)."""
        return shown_by(self.compliance, self.compliance_shown_by)
