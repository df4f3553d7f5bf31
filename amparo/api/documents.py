"""API: document templates, generating and uploading a case's documents, downloading them."""

from __future__ import annotations

import dataclasses
import datetime
import json
import uuid
from typing import Any, Literal

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from amparo.api.auth import member
from amparo.api.schemas import Input
from amparo.audit.services import audit_read
from amparo.cases.models import Case
from amparo.core.access import case_for, organisation_for
from amparo.documents.models import Document
from amparo.documents.selectors import (
    document_get,
    document_list,
    download_name,
    missing_report,
    template_rows,
)
from amparo.documents.services import (
    UPLOAD_KINDS,
    document_download_record,
    document_generate,
    document_upload,
)
from amparo.documents.templating import MissingDataError

router = Router(tags=["documents"])

UploadKind = Literal[
    "birth-certificate",
    "medical-letter",
    "green-card",
    "declaration",
    "identity",
    "other-evidence",
    "correspondence",
    "court-paper",
    "other",
]
assert set(UploadKind.__args__) == set(UPLOAD_KINDS)  # type: ignore[attr-defined]


class GenerateIn(Input):
    template: str = Field(
        description="Template slug, e.g. parole-request (GET /document-templates)"
    )
    format: Literal["docx", "pdf"] = "docx"
    language: Literal["en", "es", "ar"] = Field(
        "en",
        description="The paper's language: the letter to the family and the press statement "
        "come in es and ar too; every other paper is English only.",
    )


class UploadIn(Input):
    kind: UploadKind
    title: str = Field(default="", max_length=200, description="Default: the kind's name.")
    privileged: bool = Field(default=True, description="Hidden from advocacy staff.")


class DocumentOut(Schema):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    evidence_kind: str
    title: str
    version: int
    content_type: str = Field(description="Read from the file's bytes.")
    size: int
    checksum: str = Field(description="SHA-256 of the file.")
    privileged: bool
    template_slug: str
    template_version: str
    template_checksum: str
    data_checksum: str = Field(description="SHA-256 of the case data the document was made from.")
    created_by: str | None
    created_at: datetime.datetime
    file_url: str


class DocumentList(Schema):
    items: list[DocumentOut]


class TemplateOut(Schema):
    slug: str
    title: str
    description: str
    formats: list[str]
    source: str = Field(description="built-in, or organisation (its own uploaded version)")
    version: str
    fields: list[str]


class TemplateList(Schema):
    items: list[TemplateOut]


def document_out(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "case_id": document.case_id,
        "kind": document.kind,
        "evidence_kind": document.evidence_kind,
        "title": document.title,
        "version": document.version,
        "content_type": document.content_type,
        "size": document.size,
        "checksum": document.checksum,
        "privileged": document.privileged,
        "template_slug": document.template_slug,
        "template_version": document.template_version,
        "template_checksum": document.template_checksum,
        "data_checksum": document.data_checksum,
        "created_by": document.created_by.email if document.created_by else None,
        "created_at": document.created_at,
        "file_url": f"/api/v1/documents/{document.id}/file",
    }


def _missing_response(case: Case, error: MissingDataError) -> JsonResponse:
    report = missing_report(case, error.items)
    return JsonResponse(
        {
            "error": {
                "code": "missing_data",
                "message": "The case lacks data this template needs; nothing was generated.",
                "fields": {row["field"]: [row["description"]] for row in report},
                "missing": report,
            }
        },
        status=422,
    )


def _parse(schema: type[Input], data: dict[str, Any]) -> Any:
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        raise NinjaValidationError(
            [{**e, "loc": ("body", *e.get("loc", ()))} for e in exc.errors()]
        ) from None


@router.get("/document-templates", response=TemplateList)
def list_templates(request: HttpRequest, org: str | None = None) -> dict[str, Any]:
    """Every template slug, with the version the member's organisation uses (`org` chooses
    among several organisations)."""
    try:
        organisation = organisation_for(request.user, slug=org)
    except Http404:
        if org:
            raise
        organisation = None
    rows = template_rows(organisation.id if organisation else None)
    return {"items": [dataclasses.asdict(row) for row in rows]}


@router.get("/cases/{case_id}/documents", response=DocumentList)
def list_documents(request: HttpRequest, case_id: str) -> dict[str, Any]:
    case = case_for(request.user, case_id)
    audit_read(actor=member(request), case=case, action="document.list")
    return {"items": [document_out(d) for d in document_list(request.user, case)]}


_CREATE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "title": "Generate",
                    "type": "object",
                    "properties": {
                        "template": {"type": "string", "description": "Template slug"},
                        "format": {"type": "string", "enum": ["docx", "pdf"], "default": "docx"},
                        "language": {
                            "type": "string",
                            "enum": ["en", "es", "ar"],
                            "default": "en",
                            "description": "family-letter and press-statement also come in es "
                            "and ar; every other paper is English only",
                        },
                    },
                    "required": ["template"],
                    "additionalProperties": False,
                }
            },
            "multipart/form-data": {
                "schema": {
                    "title": "Upload",
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "kind": {"type": "string", "enum": sorted(UPLOAD_KINDS)},
                        "title": {"type": "string"},
                        "privileged": {"type": "boolean", "default": True},
                    },
                    "required": ["file", "kind"],
                }
            },
        },
    },
    "responses": {
        "422": {
            "description": "Invalid input, a refused upload, or missing data: error.code "
            "`missing_data` lists each missing field with `fix_url`, where to complete it."
        }
    },
}


@router.post(
    "/cases/{case_id}/documents",
    response={201: DocumentOut},
    openapi_extra=_CREATE_BODY,
)
def create_document(request: HttpRequest, case_id: str) -> Status | HttpResponse:
    """Generate a document (JSON `{"template", "format", "language"}`) or upload one (multipart with
    `file` and `kind`). Generated documents record the template version and a checksum of the
    data used; an upload's type is read from its bytes."""
    case = case_for(request.user, case_id, write=True)
    actor = member(request)
    if (request.content_type or "").startswith("multipart/"):
        fields: dict[str, Any] = {
            k: request.POST.get(k) for k in request.POST if k != "csrfmiddlewaretoken"
        }
        if "privileged" in fields:
            fields["privileged"] = str(fields["privileged"]).lower() in {"1", "true", "on", "yes"}
        payload = _parse(UploadIn, fields)
        upload = request.FILES.get("file")
        if upload is None:
            raise NinjaValidationError(
                [{"loc": ("body", "file"), "msg": "Attach the file.", "type": "missing"}]
            )
        document = document_upload(
            actor=actor,
            case=case,
            upload=upload,
            kind=payload.kind,
            title=payload.title,
            privileged=payload.privileged,
        )
        return Status(201, document_out(document))
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        raise NinjaValidationError(
            [{"loc": ("body",), "msg": "Send JSON or multipart form data.", "type": "json"}]
        ) from None
    payload = _parse(GenerateIn, body if isinstance(body, dict) else {})
    try:
        document = document_generate(
            actor=actor,
            case=case,
            template=payload.template,
            fmt=payload.format,
            language=payload.language,
        )
    except MissingDataError as exc:
        return _missing_response(case, exc)
    return Status(201, document_out(document))


@router.get("/documents/{document_id}/file")
def download_document(request: HttpRequest, document_id: str) -> FileResponse:
    """The stored file, through the access gate, with its content type and a download name."""
    document = document_get(request.user, document_id)
    document_download_record(actor=member(request), document=document)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=download_name(document),
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
