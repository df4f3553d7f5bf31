"""Deadlines computed from events by the counting rules, assigned and completed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from amparo.core.models import BaseModel


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
    title = models.CharField(max_length=200)
    rule = models.CharField(max_length=60, blank=True, help_text="Rule slug, e.g. habeas-return.")
    citation = models.CharField(max_length=300, blank=True, help_text="Source of the rule.")
    source_event = models.CharField(max_length=300, blank=True, help_text="What triggered it.")
    trigger_on = models.DateField(null=True, blank=True)
    computed_on = models.DateField(null=True, blank=True, help_text="What the rule gives.")
    due_on = models.DateField(null=True, blank=True, help_text="Due date (court-set wins).")
    due_at = models.DateTimeField(null=True, blank=True, help_text="Due time, when one applies.")
    court_set = models.BooleanField(default=False, help_text="The court set this date.")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "due_at"]
        indexes = [models.Index(fields=["case", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=False) | Q(due_at__isnull=False),
                name="deadline_has_due_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title
