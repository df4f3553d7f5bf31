"""Writes for documents: generating a document from a template, storing an evidence upload,
and keeping an organisation's own template versions.

Every service is keyword-only, runs in one transaction, validates with `full_clean()` and
appends its audit event (field names only). Files go through Django's storage API
(`STORAGES["default"]`): the local filesystem by default, any S3-compatible store by settings.
A file is staged before its row and moves to its final name only when the row commits
(`documents.storage`); if the row cannot be saved, the staged file is deleted again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.audit.services import audit_case_write, audit_record
from amparo.cases.models import Case
from amparo.core.services import filled_fields, validated_save
from amparo.documents import selectors
from amparo.documents.builtin import TEMPLATES, TemplateSpec
from amparo.documents.context import case_context
from amparo.documents.models import Document, DocumentTemplate
from amparo.documents.pdf import PdfUnavailable, docx_to_pdf
from amparo.documents.storage import discard, store_on_commit
from amparo.documents.templating import (
    MissingDataError,
    TemplateFileError,
    render,
    template_fields,
    unknown_fields,
)
from amparo.documents.uploads import DOCX, PDF, CheckedFile, UploadLike, check_upload

if TYPE_CHECKING:
    from amparo.accounts.models import User

FORMATS = ("docx", "pdf")

# What an upload may be: the API's and the form's `kind` → (Document.kind, evidence kind).
UPLOAD_KINDS: dict[str, tuple[str, str]] = {
    **{value: (Document.Kind.EVIDENCE, value) for value in Document.EvidenceKind.values},
    "correspondence": (Document.Kind.CORRESPONDENCE, ""),
    "court-paper": (Document.Kind.COURT_PAPER, ""),
    "other": (Document.Kind.OTHER, ""),
}


def upload_kind_label(kind: str) -> str:
    labels = {**dict(Document.EvidenceKind.choices), **dict(Document.Kind.choices)}
    return str(labels.get(kind, kind))


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _next_version(case: Case, title: str) -> int:
    # The case row is locked first, so two writers cannot take the same version number.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    latest = Document.objects.filter(case=case, title=title).aggregate(v=Max("version"))["v"]
    return (latest or 0) + 1


def _store(document: Document, name: str, data: bytes, *, action: str, actor: User | None) -> None:
    staged = store_on_commit(document.file, name, data)
    try:
        validated_save(document)
        audit_case_write(actor, action, document, changed_fields=filled_fields(document))
    except Exception:
        discard(document.file, staged)
        raise


@transaction.atomic
def document_generate(
    *,
    actor: User | None,
    case: Case,
    template: str,
    fmt: str = "docx",
    language: str = "en",
    now: datetime.datetime | None = None,
) -> Document:
    """Make a document from `template` (a slug) and the case's data, and store it as the next
    version of that document.

    Raises ValidationError for an unknown template or format (or a PDF that cannot be made
    here), and MissingDataError listing every field the template would print without data;
    nothing is stored then.
    """
    spec = _generated_spec(_in_language(template, language), fmt)
    resolved = selectors.template_for(case.organisation_id, spec.slug)
    context, filled = _filled(resolved, spec, case=case, actor=actor, now=now)
    data, content_type = _in_format(filled, fmt, spec)
    version = _next_version(case, spec.title)
    snapshot = canonical_json(context)
    document = Document(
        case=case,
        kind=Document.Kind.GENERATED,
        title=spec.title,
        content_type=content_type,
        size=len(data),
        checksum=hashlib.sha256(data).hexdigest(),
        version=version,
        privileged=spec.privileged,
        template_slug=spec.slug,
        template=resolved.row,
        template_version=resolved.label,
        template_checksum=resolved.checksum,
        data=json.loads(snapshot),
        data_checksum=hashlib.sha256(snapshot).hexdigest(),
        created_by=actor,
    )
    _store(document, f"v{version}.{fmt}", data, action="document.generate", actor=actor)
    return document


def _unknown_template(field: str) -> ValidationError:
    return ValidationError(
        {field: _("Unknown template; use one of: %(choices)s.") % {"choices": ", ".join(TEMPLATES)}}
    )


def _generated_spec(template: str, fmt: str) -> TemplateSpec:
    """The built-in template `template` names, if it can be made in `fmt`."""
    spec = TEMPLATES.get(template)
    if spec is None:
        raise _unknown_template("template")
    if fmt not in FORMATS:
        raise ValidationError({"format": _("Choose docx or pdf.")})
    if fmt == "pdf" and not spec.pdf:
        raise ValidationError(
            {
                "format": _(
                    "PDF is made for letters and the chronology; court papers come as DOCX, "
                    "to be finished in Word."
                )
            }
        )
    return spec


def _filled(
    resolved: selectors.ResolvedTemplate,
    spec: TemplateSpec,
    *,
    case: Case,
    actor: User | None,
    now: datetime.datetime | None,
) -> tuple[dict[str, Any], bytes]:
    """The case's data and the template filled in with it."""
    # Dates, durations and outcomes are written in the paper's own language, whatever the
    # language of the member's screen: an English filing stays English.
    with translation.override(spec.language):
        context = case_context(case, actor=actor, now=now)
        try:
            return context, render(resolved.data, context)
        except TemplateFileError as exc:
            raise ValidationError({"template": str(exc)}) from exc


def _in_format(filled: bytes, fmt: str, spec: TemplateSpec) -> tuple[bytes, str]:
    """The filled-in DOCX as asked: itself, or made into a PDF; with its content type."""
    if fmt != "pdf":
        return filled, DOCX
    try:
        return docx_to_pdf(filled, title=spec.title), PDF
    except PdfUnavailable as exc:
        raise ValidationError({"format": str(exc)}) from exc


def _in_language(template: str, language: str) -> str:
    """The slug of `template` written in `language`: family-facing papers have Spanish and
    Arabic templates of their own; every other paper is English only."""
    if language == "en" or language == "":
        return template
    variant = f"{template}-{language}"
    if variant in TEMPLATES and TEMPLATES[variant].variant_of == template:
        return variant
    raise ValidationError(
        {
            "language": _(
                "This paper is written in English only; only the letter to the family and the "
                "press statement come in Spanish and Arabic."
            )
        }
    )


def generation_check(*, actor: User | None, case: Case, template: str) -> list[Any]:
    """What generating `template` for the case would lack (empty when it would succeed).
    Stores nothing."""
    resolved = selectors.template_for(case.organisation_id, template)
    try:
        with translation.override(TEMPLATES[template].language):
            render(resolved.data, case_context(case, actor=actor))
    except MissingDataError as exc:
        return list(exc.items)
    return []


@transaction.atomic
def document_upload(
    *,
    actor: User | None,
    case: Case,
    upload: UploadLike,
    kind: str,
    title: str = "",
    privileged: bool = True,
) -> Document:
    """Store an evidence upload (or correspondence, a court paper…) as the next version of its
    title. The file's type is read from its bytes; see `uploads.check_upload`."""
    if kind not in UPLOAD_KINDS:
        raise ValidationError(
            {
                "kind": _("Unknown kind; use one of: %(choices)s.")
                % {"choices": ", ".join(UPLOAD_KINDS)}
            }
        )
    checked = check_upload(upload)
    document_kind, evidence_kind = UPLOAD_KINDS[kind]
    title = " ".join(title.split()) or upload_kind_label(kind)
    version = _next_version(case, title)
    document = Document(
        case=case,
        kind=document_kind,
        evidence_kind=evidence_kind,
        title=title[:200],
        content_type=checked.content_type,
        size=len(checked.data),
        checksum=checked.checksum,
        version=version,
        privileged=privileged,
        created_by=actor,
    )
    name = f"v{version}.{checked.extension}"
    _store(document, name, checked.data, action="document.upload", actor=actor)
    return document


def document_download_record(*, actor: User | None, document: Document) -> None:
    """Record that someone fetched a document's file (called by every download path)."""
    audit_record(
        actor=actor,
        action="document.download",
        organisation=document.case.organisation_id,
        case_id=document.case_id,
        obj=document,
    )


# --- organisations' own templates ---------------------------------------------------------------


@transaction.atomic
def template_upload(
    *,
    actor: User | None,
    organisation: Organisation,
    slug: str,
    upload: UploadLike,
    note: str = "",
) -> DocumentTemplate:
    """Add the organisation's own version of a template; it is used from now on, and earlier
    versions stay on record. Refuses a file that is not a DOCX, cannot be read as a template,
    or uses a field Amparo does not have (each named)."""
    if slug not in TEMPLATES:
        raise _unknown_template("slug")
    checked, used = _checked_template(upload)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    versions = DocumentTemplate.objects.filter(organisation=organisation, slug=slug)
    latest = versions.aggregate(v=Max("version"))["v"] or 0
    versions.filter(active=True).update(active=False)
    row = DocumentTemplate(
        organisation=organisation,
        slug=slug,
        version=latest + 1,
        checksum=checked.checksum,
        fields=sorted(used),
        note=note.strip()[:300],
        uploaded_by=actor,
    )
    staged = store_on_commit(row.file, f"v{row.version}.docx", checked.data)
    try:
        validated_save(row)
        audit_record(
            actor=actor,
            action="document_template.upload",
            organisation=organisation.id,
            obj=row,
            changed_fields=filled_fields(row),
        )
    except Exception:
        discard(row.file, staged)
        raise
    return row


def _checked_template(upload: UploadLike) -> tuple[CheckedFile, set[str]]:
    """The uploaded DOCX and the fields it uses, refused if any is one Amparo does not have."""
    checked = check_upload(upload, allowed=frozenset({DOCX}))
    try:
        used = template_fields(checked.data)
    except TemplateFileError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    unknown = unknown_fields(used)
    if unknown:
        raise ValidationError(
            {
                "file": _(
                    "The template uses fields Amparo does not have: %(fields)s. "
                    "See the list of template fields."
                )
                % {"fields": ", ".join(item.field for item in unknown)}
            }
        )
    return checked, used


@transaction.atomic
def template_revert(*, actor: User | None, organisation: Organisation, slug: str) -> int:
    """Stop using the organisation's own version of `slug` (back to the built-in one); the
    versions stay on record. Returns how many versions were active (0 or 1)."""
    changed = DocumentTemplate.objects.filter(
        organisation=organisation, slug=slug, active=True
    ).update(active=False)
    if changed:
        audit_record(
            actor=actor,
            action="document_template.revert",
            organisation=organisation.id,
            changed_fields=["active"],
        )
    return changed
