"""Documents generated from a case or uploaded as evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from amparo.core.models import BaseModel


def document_path(instance: Document, filename: str) -> str:
    # Storage paths carry only ids, never a client's name.
    return f"cases/{instance.case_id}/{instance.id}/{filename}"


class Document(BaseModel):
    """A stored file of a case, with its version and checksum."""

    class Kind(models.TextChoices):
        GENERATED = "generated", "Generated from a template"
        EVIDENCE = "evidence", "Evidence"
        CORRESPONDENCE = "correspondence", "Correspondence"
        COURT_PAPER = "court-paper", "Court paper"
        OTHER = "other", "Other"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file.")
    version = models.PositiveIntegerField(default=1)
    template_slug = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "title", "version"], name="document_version_unique"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="document_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"
