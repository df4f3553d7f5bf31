"""Deadlines computed from events by the counting rules, assigned and completed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel
from amparo.core.phrases import Phrase, read
from amparo.deadlines.catalogue import RULES

# A rule's title is cut to this when saved (services.deadline_create_from_rule).
TITLE_LENGTH = 200


class Deadline(BaseModel):
    """A date by which something must be filed or done."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="deadlines")
    court_case = models.ForeignKey(
        "courts.CourtCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    immigration_hearing = models.ForeignKey(
        "cases.ImmigrationHearing",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        help_text=_("The hearing the deadline counts from; it moves when the hearing does."),
    )
    title = models.CharField(max_length=TITLE_LENGTH)
    rule = models.CharField(
        max_length=60, blank=True, help_text=_("Rule slug, e.g. habeas-return.")
    )
    citation = models.CharField(max_length=300, blank=True, help_text=_("Source of the rule."))
    source_event = models.CharField(max_length=300, blank=True, help_text=_("What triggered it."))
    trigger_on = models.DateField(null=True, blank=True)
    computed_on = models.DateField(null=True, blank=True, help_text=_("What the rule gives."))
    due_on = models.DateField(null=True, blank=True, help_text=_("Due date (court-set wins)."))
    due_at = models.DateTimeField(null=True, blank=True, help_text=_("Due time, when one applies."))
    court_set = models.BooleanField(default=False, help_text=_("The court set this date."))
    court_set_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("The date the court set, when it set one; it overrides the computed date."),
    )
    days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The period the rule counted, in days.")
    )
    steps = models.JSONField(
        default=list,
        blank=True,
        help_text=_("How the date was counted, step by step (trigger, days, roll-overs and why)."),
    )
    texts = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "The title and what triggered it as message and values, read in each reader's "
            "language; empty on older rows, which show the text they were saved with."
        ),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    done_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was done."))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "due_at"]
        indexes = [
            models.Index(fields=["case", "due_on"]),
            # The dashboard and reminders read open deadlines only, by due date.
            models.Index(
                fields=["due_on", "due_at"],
                condition=Q(done_at__isnull=True),
                name="deadline_open_due_idx",
            ),
            # The dashboard reads each list as two halves, each the first rows of one of these.
            models.Index(
                fields=["due_at", "created_at"],
                condition=Q(done_at__isnull=True, due_at__isnull=False),
                name="deadline_open_timed_idx",
            ),
            models.Index(
                fields=["due_on", "created_at"],
                condition=Q(done_at__isnull=True, due_at__isnull=True),
                name="deadline_open_day_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=False) | Q(due_at__isnull=False),
                name="deadline_has_due_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        return title_shown(self.title, self.rule, self.texts)

    @property
    def shown_source_event(self) -> str:
        """What triggered it, in the reader's language when it was saved as a phrase; older rows
        show the text they were saved with."""
        saved = self.texts.get("source_event") if isinstance(self.texts, dict) else None
        return read(saved) if saved else self.source_event


def title_shown(title: str, rule: str, texts: Any) -> str:
    """A deadline's title in the reader's language: a rule's own title (saved in English when
    the rule made the deadline) is translated, and so is one a service saved as a phrase; a
    title someone typed shows as typed. Takes the columns, for pages that read plain rows."""
    saved = texts.get("title") if isinstance(texts, dict) else None
    if saved:
        return read(saved)
    found = RULES.get(rule)
    ruled = found.title if found is not None else None
    if isinstance(ruled, Phrase) and title == ruled[:TITLE_LENGTH]:
        return ruled.translated()
    return title


class CourtClosure(BaseModel):
    """A day a court is closed, or (with no court) a day every court is: the deadline rules
    treat it like a legal holiday (Fed. R. Civ. P. 6(a)(3) and (6)(B))."""

    court = models.ForeignKey(
        "courts.Court",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures",
        help_text=_("Empty for every court: a day the President or Congress declares a holiday."),
    )
    on = models.DateField(help_text=_("The day the court is closed."))
    reason = models.CharField(max_length=200, help_text=_("E.g. weather, declared holiday."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["on"]
        indexes = [models.Index(fields=["on"])]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} closed ({self.court or 'all courts'}): {self.reason}"


class CalendarFeed(BaseModel):
    """A secret iCalendar address for one member's deadlines, or one case's. Only a SHA-256
    digest of the token is stored; revoking it stops the address working."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        help_text=_("Empty: the member's own deadlines across their cases."),
    )
    prefix = models.CharField(max_length=12, help_text=_("First characters, to recognise a feed."))
    token_digest = models.CharField(
        max_length=64, unique=True, help_text=_("SHA-256 of the token.")
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Set when revoked; the address then stops working.")
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class DeadlineWarning(BaseModel):
    """The one 24-hour warning sent for a deadline; its existence stops a second one."""

    deadline = models.OneToOneField(Deadline, on_delete=models.CASCADE, related_name="warning")
    sent_at = models.DateTimeField(help_text=_("When the warning email went out."))
    recipients = models.PositiveSmallIntegerField(default=0, help_text=_("How many people."))

    def __str__(self) -> str:
        return f"Warning for {self.deadline_id} at {self.sent_at:%Y-%m-%d %H:%M}"


class DeadlineDigest(BaseModel):
    """The daily digest sent to one member on one day; at most one a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(help_text=_("The day the digest covers."))
    sent_at = models.DateTimeField(help_text=_("When the digest email went out."))
    items = models.PositiveSmallIntegerField(default=0, help_text=_("Deadlines listed."))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "on"], name="deadline_digest_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"Digest for {self.user_id} on {self.on:%Y-%m-%d}"
