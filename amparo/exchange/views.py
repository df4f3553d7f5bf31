"""Import pages (upload, preview row by row, confirm, progress, report) and the case export
download. Thin: load through access, call one service or selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.core.access import case_for, organisation_administered_by
from amparo.core.htmx import download_response, is_htmx, member
from amparo.exchange.export import case_export, organisation_export
from amparo.exchange.forms import ImportUploadForm
from amparo.exchange.report import nothing_to_import, outcome_rows
from amparo.exchange.selectors import (
    export_progress,
    export_run_get,
    export_run_list,
    exports_allowed,
    import_organisation_for,
    import_progress,
    import_run_get,
    import_run_list,
)
from amparo.exchange.services import (
    export_run_create,
    export_run_download,
    import_bad_rows_download,
    import_run_confirm,
    import_run_enqueue,
    import_run_rerun,
    import_upload_check,
)

RUNNING = {"queued", "running"}


@login_required
@require_http_methods(["GET", "POST"])
def import_list_page(request: HttpRequest) -> HttpResponse:
    organisation = import_organisation_for(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = import_upload_check(
            actor=member(request), organisation=organisation, upload=form.cleaned_data["file"]
        )
        return redirect("exchange:import-detail", run_id=run.id)
    context = {
        "form": form,
        "runs": import_run_list(request.user),
        "organisation": organisation,
        "exports_allowed": exports_allowed(request.user),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "exchange/import_list.html", context, status=status)


@login_required
@require_GET
def import_detail_page(request: HttpRequest, run_id: str) -> HttpResponse:
    run = import_run_get(request.user, run_id)
    report = run.report or {}
    context = {
        "run": run,
        "running": run.status in RUNNING and not run.is_interrupted(),
        "interrupted": run.is_interrupted(),
        "progress": import_progress(run),
        "report": report,
        "outcomes": outcome_rows(report, limit=500),
        "nothing_to_import": nothing_to_import(report),
    }
    template = "exchange/_import_status.html" if is_htmx(request) else "exchange/import_detail.html"
    return render(request, template, context)


@login_required
@require_POST
def import_confirm_page(request: HttpRequest, run_id: str) -> HttpResponse:
    run = import_run_get(request.user, run_id)
    try:
        confirmed = import_run_confirm(actor=member(request), run=run)
    except ValidationError:
        return redirect("exchange:import-detail", run_id=run.id)
    return redirect("exchange:import-detail", run_id=confirmed.id)


@login_required
@require_POST
def import_rerun_page(request: HttpRequest, run_id: str) -> HttpResponse:
    """Run again an interrupted import (killed part-way, so nothing of it was written)."""
    run = import_run_get(request.user, run_id)
    try:
        again = import_run_rerun(actor=member(request), run=run)
    except ValidationError:
        return redirect("exchange:import-detail", run_id=run.id)
    import_run_enqueue(run=again)
    return redirect("exchange:import-detail", run_id=again.id)


@login_required
@require_GET
def import_bad_rows_page(request: HttpRequest, run_id: str) -> HttpResponseBase:
    run = import_run_get(request.user, run_id)
    data = import_bad_rows_download(actor=member(request), run=run)
    return download_response(
        data, filename="rows-to-fix.csv", content_type="text/csv; charset=utf-8"
    )


@login_required
@require_GET
def organisation_export_page(request: HttpRequest) -> HttpResponseBase:
    """Every case of the organisation the user administers, as one zip, streamed."""
    organisation = organisation_administered_by(request.user)
    stream = organisation_export(user=request.user, organisation=organisation)
    return download_response(
        stream, filename=f"{organisation.slug}-export.zip", content_type="application/zip"
    )


@login_required
@require_GET
def case_export_page(request: HttpRequest, case_id: str) -> HttpResponseBase:
    case = case_for(request.user, case_id)
    data = case_export(user=request.user, case=case)
    return download_response(data, filename=f"case-{case.id}.zip", content_type="application/zip")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_exports_page(request: HttpRequest) -> HttpResponse:
    """An admin's organisation exports; a POST starts one in the background."""
    organisation = organisation_administered_by(request.user)
    if request.method == "POST":
        run = export_run_create(actor=member(request), organisation=organisation)
        return redirect("exchange:export-detail", export_id=run.id)
    context = {"organisation": organisation, "runs": export_run_list(request.user)}
    return render(request, "exchange/export_list.html", context)


@login_required
@require_GET
def export_detail_page(request: HttpRequest, export_id: str) -> HttpResponse:
    run = export_run_get(request.user, export_id)
    context = {
        "run": run,
        "running": run.status in RUNNING,
        "progress": export_progress(run),
    }
    template = "exchange/_export_status.html" if is_htmx(request) else "exchange/export_detail.html"
    return render(request, template, context)


@login_required
@require_GET
def export_download_page(request: HttpRequest, export_id: str) -> HttpResponseBase:
    run = export_run_get(request.user, export_id)
    if run.status != run.Status.DONE or not run.file:
        raise Http404("Not made yet.")
    export_run_download(actor=member(request), run=run)
    name = f"{run.organisation.slug}-export.zip"
    return download_response(run.file.open("rb"), filename=name, content_type="application/zip")
