"""HTML for documents: the panel on the case page (generate, upload, download, versions) and
the template page. Thin: load through `core.access`, check a form, call the same service the API
calls, render the panel again (the case page loads it with hx-get)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from amparo.audit.services import audit_read
from amparo.cases.models import Case
from amparo.core.access import (
    can_write,
    case_for,
    is_org_admin,
    organisation_administered_by,
    organisation_for,
)
from amparo.core.htmx import Errors, download_response, form_write, member, panel_status
from amparo.documents.forms import GenerateForm, TemplateUploadForm, UploadForm, upload_kind_choices
from amparo.documents.models import Document
from amparo.documents.selectors import (
    document_get,
    document_list,
    documents_out_of_venue,
    download_name,
    missing_report,
    template_rows,
    template_versions,
)
from amparo.documents.services import (
    document_download_record,
    document_generate,
    document_upload,
    template_upload,
)
from amparo.documents.templating import MissingDataError
from amparo.documents.uploads import max_upload_bytes

PANEL_TEMPLATE = "documents/_documents_panel.html"


def _grouped(documents: list[Document]) -> list[dict[str, Any]]:
    """Newest version of each title first, with its earlier versions."""
    rows: dict[str, dict[str, Any]] = {}
    for document in documents:
        row = rows.setdefault(document.title, {"latest": document, "older": []})
        if row["latest"] is not document:
            row["older"].append(document)
    return list(rows.values())


def _panel(
    request: HttpRequest,
    case: Case,
    *,
    error: str = "",
    missing: list[dict[str, Any]] | None = None,
    generated: Document | None = None,
    uploaded: Document | None = None,
    status: int = 200,
) -> HttpResponse:
    documents = document_list(request.user, case)
    out_of_venue = documents_out_of_venue(case, documents)
    rows = _grouped(documents)
    for row in rows:
        row["out_of_venue"] = out_of_venue.get(row["latest"].id)
    context = {
        "case": case,
        "rows": rows,
        "templates": [t for t in template_rows(case.organisation_id) if not t.variant_of],
        "kinds": upload_kind_choices(),
        "languages": settings.LANGUAGES,
        "can_write": can_write(request.user, case),
        "max_mb": max_upload_bytes() // (1024 * 1024),
        "error": error,
        "missing": missing or [],
        "generated": generated,
        "uploaded": uploaded,
    }
    return render(request, PANEL_TEMPLATE, context, status=status)


def _failed(request: HttpRequest, case: Case, **kwargs: Any) -> HttpResponse:
    return _panel(request, case, status=panel_status(request, 422), **kwargs)


@login_required
@require_GET
def panel(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case, action="document.list")
    return _panel(request, case)


@login_required
@require_POST
def generate(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, write=True)
    form = GenerateForm(request.POST)
    try:
        return form_write(
            form,
            lambda data: document_generate(
                actor=member(request),
                case=case,
                template=data["template"],
                fmt=data["format"],
                language=data["language"] or "en",
            ),
            done=lambda document: _panel(request, case, generated=document),
            failed=lambda errors: _failed(request, case, error=errors.labelled(form).text()),
        )
    except MissingDataError as exc:
        return _failed(request, case, missing=missing_report(case, exc.items))


@login_required
@require_POST
def upload(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, write=True)
    upload_form = UploadForm(request.POST, request.FILES)
    return form_write(
        upload_form,
        lambda data: document_upload(
            actor=member(request),
            case=case,
            upload=data["file"],
            kind=data["kind"],
            title=data["title"],
            privileged=data["privileged"],
        ),
        done=lambda document: _panel(request, case, uploaded=document),
        failed=lambda errors: _failed(request, case, error=errors.labelled(upload_form).text()),
    )


@login_required
@require_GET
def download(request: HttpRequest, document_id: str) -> HttpResponseBase:
    document = document_get(request.user, document_id)
    document_download_record(actor=member(request), document=document)
    return download_response(
        document.file.open("rb"),
        filename=download_name(document),
        content_type=document.content_type,
    )


# --- templates ----------------------------------------------------------------------------------


def _template_page(
    request: HttpRequest, *, form: TemplateUploadForm | None = None, status: int = 200
) -> HttpResponse:
    slug = request.GET.get("org") or None
    try:
        organisation = organisation_for(request.user, slug=slug)
    except Http404:
        if slug:
            raise
        organisation = None
    admin = organisation is not None and is_org_admin(request.user, organisation.id)
    context = {
        "organisation": organisation,
        "rows": template_rows(organisation.id if organisation else None),
        "versions": list(template_versions(organisation.id)) if organisation else [],
        "is_admin": admin,
        "form": form or (TemplateUploadForm() if admin else None),
        "max_mb": max_upload_bytes() // (1024 * 1024),
    }
    return render(request, "documents/template_list.html", context, status=status)


@login_required
@require_GET
def template_list_page(request: HttpRequest) -> HttpResponse:
    return _template_page(request)


@login_required
@require_POST
def template_upload_page(request: HttpRequest) -> HttpResponse:
    organisation = organisation_administered_by(request.user, slug=request.POST.get("org") or None)
    form = TemplateUploadForm(request.POST, request.FILES)

    def failed(errors: Errors) -> HttpResponse:
        errors.add_to(form)
        return _template_page(request, form=form, status=422)

    return form_write(
        form,
        lambda data: template_upload(
            actor=member(request),
            organisation=organisation,
            slug=data["slug"],
            upload=data["file"],
            note=data["note"],
        ),
        done=lambda _template: redirect("documents:templates"),
        failed=failed,
    )
