"""A client's case, the arrest that started it and the team's notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel, bounded_text
from amparo.core.phrases import read


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ACTIVE = "active", _("Active")
    ON_HOLD = "on-hold", _("On hold")
    CLOSED = "closed", _("Closed")


class DetentionBasis(models.TextChoices):
    # Which statute ICE holds the client under decides who can release them, and the law
    # moved in 2025 (relief.rules.detention holds the routes and the rulings for each).
    UNKNOWN = "", _("Not yet known")
    ARRIVING_235B = "235b", _("INA 235(b), paragraph not yet known (parole only)")
    EXPEDITED_235B1 = (
        "235b1",
        _("INA 235(b)(1): expedited removal, also after a credible-fear finding (no bond)"),
    )
    ARRIVING_235B2A = "235b2a", _("INA 235(b)(2)(A): arriving applicant for admission (no bond)")
    EWI_235B2A = (
        "235b2a-ewi",
        _("INA 235(b)(2)(A) as DHS applies it since 2025 to entry without inspection (contested)"),
    )
    DISCRETIONARY_236A = "236a", _("INA 236(a): discretionary detention (bond available)")
    MANDATORY_236C = "236c", _("INA 236(c): mandatory detention (Joseph hearing)")
    LAKEN_RILEY_236C1E = (
        "236c1e",
        _("INA 236(c)(1)(E), Laken Riley Act: mandatory detention (Joseph hearing)"),
    )
    FINAL_ORDER_241A = "241a", _("INA 241(a): after a final order (custody review)")


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
        help_text=_("The detained client."),
    )
    title = models.CharField(max_length=200, help_text=_("How the team refers to the case."))
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
        help_text=_("Members working the case; only they see a restricted case."),
    )
    tags = models.JSONField(default=list, blank=True, help_text=_("Free labels for filtering."))
    campaign = models.CharField(
        max_length=120, blank=True, help_text=_("Rapid-response campaign the case belongs to.")
    )
    restricted = models.BooleanField(
        default=False, help_text=_("Only the case team and organisation admins see it.")
    )
    detention_basis = models.CharField(
        max_length=12,
        choices=DetentionBasis.choices,
        blank=True,
        default="",
        help_text=_(
            "The statute ICE holds the client under; it decides the release routes "
            "(8 U.S.C. §§ 1225(b), 1226(a), 1226(c), 1231(a)).",
        ),
    )
    removal_period_began_on = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "After a final order: the day the 90-day removal period began, the latest of "
            "the order becoming final, a court's stay ending, or release from criminal custody "
            "(INA 241(a)(1)(B)). The custody reviews count from it."
        ),
    )
    location_unknown_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "Since when the client cannot be found in ICE's online detainee locator; "
            "cleared when a placement is recorded."
        ),
    )
    opened_on = models.DateField(help_text=_("When the organisation took the case."))
    closed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text=_("Bumped on every edit."))

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
            # The home page's clients whose location is unknown, most recent first.
            models.Index(
                fields=["location_unknown_since"],
                condition=Q(location_unknown_since__isnull=False),
                name="case_location_unknown_idx",
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
        ICE = "ice", _("ICE")
        CBP = "cbp", _("CBP")
        LOCAL_POLICE = "local-police", _("Local police (287(g) or detainer)")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="arrests")
    arrested_at = models.DateTimeField()
    place = models.CharField(
        max_length=300, help_text=_("Where it happened, as told by witnesses.")
    )
    agency = models.CharField(max_length=20, choices=Agency.choices, default=Agency.ICE)
    circumstances = bounded_text(5000)

    class Meta:
        ordering = ["arrested_at"]

    def __str__(self) -> str:
        return f"Arrest at {self.place}"


NOTE_MAX_LENGTH = 20000


class Note(BaseModel):
    """A team note, call, visit, email or text message. Privileged notes are attorney work
    product and never leave the team; an edit keeps the earlier text as a revision."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        CALL = "call", _("Call")
        VISIT = "visit", _("Visit")
        EMAIL = "email", _("Email")
        TEXT = "text", _("Text message")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    occurred_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the call, visit or conversation took place.")
    )
    body = bounded_text(NOTE_MAX_LENGTH, blank=False)
    privileged = models.BooleanField(
        default=True, help_text=_("Attorney-client privileged or work product.")
    )
    pinned = models.BooleanField(default=False, help_text=_("Shown at the top of the notes."))
    edited_at = models.DateTimeField(null=True, blank=True, help_text=_("Last edit by its author."))
    version = models.PositiveIntegerField(default=1, help_text=_("Bumped on every edit."))

    class Meta:
        ordering = ["-pinned", "-occurred_at"]
        # The timeline's newest notes of a case (`cases.timeline`, ORDER BY moment, id ... LIMIT):
        # an index range scan, not a sort of every note of a long case.
        indexes = [
            models.Index(fields=["case", "created_at", "id"], name="note_case_timeline_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["note", "call", "visit", "email", "text"]),
                name="note_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class NoteRevision(BaseModel):
    """The text a note had before an edit: notes are records, so no edit erases one."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="revisions")
    body = bounded_text(NOTE_MAX_LENGTH, blank=False)
    kind = models.CharField(max_length=10, choices=Note.Kind.choices)
    occurred_at = models.DateTimeField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class LocatorCheck(BaseModel):
    """One search of ICE's online detainee locator for the client: when, by whom, what came
    back. While the client is not found the team checks again after the organisation's
    interval (`Organisation.locator_recheck_hours`, 24 hours by default)."""

    class Result(models.TextChoices):
        NOT_FOUND = "not-found", _("Not found")
        FOUND = "found", _("Found")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="locator_checks")
    checked_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result = models.CharField(max_length=10, choices=Result.choices)
    detail = models.CharField(
        max_length=300, blank=True, help_text=_("What the locator said, e.g. 'no match'.")
    )

    class Meta:
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.checked_at:%Y-%m-%d %H:%M}"


# Titles a judge's name may already carry as typed ("IJ Smith", "Judge Ortiz", "Hon. Lee"):
# the hearings panel then shows the name alone instead of prefixing "IJ" again.
JUDGE_TITLES = frozenset({"ij", "judge", "hon", "honorable", "the honorable", "juez", "jueza"})


def judge_has_title(name: str) -> bool:
    """Whether `name` starts with a judge's title (case and a trailing full stop ignored)."""
    words = name.strip().lower().replace(".", " ").split()
    return bool(words) and (words[0] in JUDGE_TITLES or " ".join(words[:2]) in JUDGE_TITLES)


class ImmigrationHearing(BaseModel):
    """A hearing before an immigration judge (EOIR): master or individual calendar, bond or
    custody redetermination (8 C.F.R. §§ 1003.18, 1003.19, 1240)."""

    class Kind(models.TextChoices):
        MASTER = "master", _("Master calendar hearing")
        INDIVIDUAL = "individual", _("Individual (merits) hearing")
        BOND = "bond", _("Bond hearing")
        CUSTODY_REDETERMINATION = "custody-redetermination", _("Custody redetermination")

    class Mode(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        VIDEO = "video", _("Video (WebEx)")
        TELEPHONE = "telephone", _("Telephone")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="immigration_hearings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    scheduled_at = models.DateTimeField(help_text=_("Stored in UTC; shown in the court's zone."))
    judge = models.CharField(max_length=120, blank=True)
    immigration_court = models.ForeignKey(
        "courts.Court",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "immigration"},
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["master", "individual", "bond", "custody-redetermination"]),
                name="immigration_hearing_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_at:%Y-%m-%d}"

    @property
    def judge_titled(self) -> bool:
        """The judge's name as typed already carries a title ("IJ Smith")."""
        return judge_has_title(self.judge)


class CaseAlert(BaseModel):
    """Something the team must look at now, e.g. a transfer that changed the venue."""

    class Kind(models.TextChoices):
        VENUE_CHANGED = "venue-changed", _("Venue changed")
        ORDER_OVERDUE = "order-overdue", _("Court order not obeyed in time")
        ORDER_VIOLATED = "order-violated", _("Court order violated")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    message = models.CharField(max_length=300, help_text=_("E.g. venue changed: D.N.J. → W.D. La."))
    data = models.JSONField(default=dict, blank=True, help_text=_("What changed, for the record."))
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        # The home page's open alerts of the last 24 hours, newest first.
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(resolved_at__isnull=True),
                name="casealert_open_created_idx",
            )
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def shown_message(self) -> str:
        """The message in the reader's language when it was saved as a phrase; older alerts
        show the text they were saved with."""
        saved = self.data.get("message") if isinstance(self.data, dict) else None
        return read(saved) if saved else self.message
