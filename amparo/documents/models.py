"""Documents generated from a case or uploaded as evidence, and organisations' own templates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel


def document_path(instance: Document, filename: str) -> str:
    # Storage paths carry only ids, never a client's name: callers pass a name such as
    # "v2.docx", and an uploaded file's own name is never used.
    return f"cases/{instance.case_id}/{instance.id}/{filename}"


def template_path(instance: DocumentTemplate, filename: str) -> str:
    return f"templates/{instance.organisation_id}/{instance.id}/{filename}"


class DocumentTemplate(BaseModel):
    """An organisation's own version of a built-in template (a DOCX with Jinja fields).

    Every upload is a new version; older versions are kept so that a generated document can
    always say which template it came from. The newest active version is used.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="document_templates"
    )
    slug = models.CharField(
        max_length=60, help_text=_("The built-in template this replaces, e.g. parole-request.")
    )
    version = models.PositiveIntegerField(help_text=_("1 for the first upload of this slug."))
    file = models.FileField(upload_to=template_path, max_length=300)
    checksum = models.CharField(max_length=64, help_text=_("SHA-256 of the file."))
    fields = models.JSONField(
        default=list, blank=True, help_text=_("The template fields the file uses, when uploaded.")
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("What changed in this version.")
    )
    active = models.BooleanField(
        default=True, help_text=_("Used for new documents; cleared when a newer version arrives.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug", "version"], name="document_template_version_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "slug"],
                condition=Q(active=True),
                name="document_template_one_active",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="document_template_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"


class Document(BaseModel):
    """A stored file of a case, with its version and checksum."""

    class Kind(models.TextChoices):
        GENERATED = "generated", _("Generated from a template")
        EVIDENCE = "evidence", _("Evidence")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        COURT_PAPER = "court-paper", _("Court paper")
        OTHER = "other", _("Other")

    class EvidenceKind(models.TextChoices):
        BIRTH_CERTIFICATE = "birth-certificate", _("Birth certificate")
        MEDICAL_LETTER = "medical-letter", _("Medical letter")
        GREEN_CARD = "green-card", _("Permanent resident card (green card)")
        DECLARATION = "declaration", _("Declaration")
        IDENTITY = "identity", _("Identity document")
        OTHER = "other-evidence", _("Other evidence")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    evidence_kind = models.CharField(
        max_length=30,
        choices=EvidenceKind.choices,
        blank=True,
        help_text=_("What the evidence is; only for evidence."),
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_path, max_length=300)
    content_type = models.CharField(
        max_length=100, help_text=_("Read from the file's bytes, never from its name.")
    )
    size = models.PositiveBigIntegerField(help_text=_("Bytes."))
    checksum = models.CharField(max_length=64, help_text=_("SHA-256 of the file."))
    version = models.PositiveIntegerField(default=1)
    privileged = models.BooleanField(
        default=True,
        help_text=_("Attorney-client privileged or work product: advocacy staff do not see it."),
    )
    template_slug = models.CharField(max_length=60, blank=True)
    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("The organisation's template version used; blank for a built-in template."),
    )
    template_version = models.CharField(
        max_length=100, blank=True, help_text=_("E.g. 'built-in 2026.1' or 'organisation v3'.")
    )
    template_checksum = models.CharField(
        max_length=64, blank=True, help_text=_("SHA-256 of the template file used.")
    )
    data = models.JSONField(
        null=True, blank=True, help_text=_("Snapshot of the case data the document was made from.")
    )
    data_checksum = models.CharField(
        max_length=64, blank=True, help_text=_("SHA-256 of the snapshot (canonical JSON).")
    )
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
            models.CheckConstraint(
                condition=~Q(kind="generated")
                | (~Q(template_slug="") & ~Q(template_checksum="") & ~Q(data_checksum="")),
                name="document_generated_records_its_sources",
            ),
            models.CheckConstraint(
                condition=Q(kind="evidence") | Q(evidence_kind=""),
                name="document_evidence_kind_only_for_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def shown_title(self) -> str:
        """A generated document is titled with its built-in template's (English) title, shown in
        the reader's language; uploads keep the title they were given."""
        return gettext(self.title) if self.kind == self.Kind.GENERATED else self.title

    @property
    def extension(self) -> str:
        return {
            "application/pdf": "pdf",
            "image/jpeg": "jpg",
            "image/png": "png",
        }.get(self.content_type, "docx")
