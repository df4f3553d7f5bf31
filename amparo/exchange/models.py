"""Imports kept with their reports, the external ids imported rows came with, and the answers
kept for repeated API calls (Idempotency-Key)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel

# A running import records a heartbeat at least every few seconds while it reads and checks,
# and once more before its write transaction; one silent for this long was killed (the process
# or the worker died) and is shown as interrupted. Nothing of it was written: it can run again.
STALE_AFTER = datetime.timedelta(minutes=getattr(settings, "AMPARO_IMPORT_STALE_MINUTES", 10))
# A worker picks a queued run up within a second or two; one still queued after this long
# most likely has no worker running, which the member should be told rather than left waiting.
WORKER_LATE_AFTER = datetime.timedelta(seconds=30)


class BackgroundRun(BaseModel):
    """A run a member starts and a background task carries out (an import, an export): whose
    organisation, who started it, when it started and finished; newest first."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def is_waiting_long(self, now: datetime.datetime | None = None) -> bool:
        """Still queued well after a worker would have started it."""
        late = (now or timezone.now()) - WORKER_LATE_AFTER
        return str(getattr(self, "status", "")) == "queued" and self.created_at < late


class ImportRun(BackgroundRun):
    """One import of a file: who ran it, how far it got and what it did (the report)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        CHECKED = "checked", _("Checked (dry run)")
        REFUSED = "refused", _("Refused: problems found")
        FAILED = "failed", _("Failed")
        INTERRUPTED = "interrupted", _("Interrupted: nothing was written, run it again")

    kind = models.CharField(max_length=20, default="cases", help_text=_("What the file holds."))
    file_name = models.CharField(max_length=200)
    content = models.BinaryField(
        blank=True, help_text=_("The uploaded file, kept until the import has run.")
    )
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the running import last said it was alive.")
    )
    report = models.JSONField(
        default=dict, blank=True, help_text=_("Added, updated, unchanged and each problem found.")
    )

    def __str__(self) -> str:
        return f"{self.kind} import of {self.file_name} ({self.status})"

    def is_interrupted(self, now: datetime.datetime | None = None) -> bool:
        """Killed part-way: marked so, or running without a heartbeat for STALE_AFTER."""
        if self.status == self.Status.INTERRUPTED:
            return True
        if self.status != self.Status.RUNNING:
            return False
        beat = self.heartbeat_at or self.started_at or self.created_at
        return beat < (now or timezone.now()) - STALE_AFTER

    @property
    def status_shown(self) -> str:
        """The status in words, an import that stopped heartbeating shown as interrupted."""
        if self.is_interrupted():
            return str(self.Status.INTERRUPTED.label)
        return str(self.get_status_display())


class ExportRun(BackgroundRun):
    """An organisation export made in the background for an admin: its progress while it runs
    (cases done), then the zip to download."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Exporting")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Failed")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0, help_text=_("Cases to export."))
    rows_done = models.PositiveIntegerField(default=0, help_text=_("Cases exported so far."))
    file = models.FileField(
        upload_to="exports/", blank=True, help_text=_("The export (a zip), once it is made.")
    )

    def __str__(self) -> str:
        return f"organisation export ({self.status})"


class ExternalRecord(BaseModel):
    """The id a case had in the tool it came from (LegalServer, a spreadsheet): re-importing
    the same file finds the case again instead of creating it twice."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    external_id = models.CharField(max_length=100)
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="external_id_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.external_id


class IdempotentResponse(models.Model):
    """The first answer to a POST sent with an Idempotency-Key, replayed for 24 hours."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    body_digest = models.CharField(max_length=64, help_text=_("SHA-256 of the request body."))
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")
        ]

    def __str__(self) -> str:
        return self.key
