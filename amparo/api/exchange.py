"""API: case imports (upload a file to check, read the preview or the report, confirm it, run an
interrupted one again, fetch the rows to fix) and a case's export. The same services and
selectors as the import pages; an import is for the admins and attorneys of its organisation."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from amparo.api.auth import member
from amparo.core.access import case_for
from amparo.core.htmx import download_response
from amparo.exchange.export import case_export
from amparo.exchange.forms import ImportUploadForm
from amparo.exchange.models import ImportRun
from amparo.exchange.selectors import (
    import_organisation_for,
    import_progress,
    import_rate,
    import_run_get,
    import_run_list,
)
from amparo.exchange.services import (
    import_bad_rows_download,
    import_run_confirm,
    import_run_enqueue,
    import_run_rerun,
    import_upload_check,
)

router = Router(tags=["exchange"])

ZIP = {
    "description": "A zip: case.json (every record of the case, as the caller may see it) "
    "and documents/ (the stored files).",
    "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
}
CSV = {
    "description": "The header and every row with a problem, with a `problems` column saying "
    "what to fix (UTF-8 with a BOM); empty once the file was imported.",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}
OUTCOMES_SHOWN = 500
OUTCOMES_LIMIT = 5000


@router.get("/cases/{case_id}/export", openapi_extra={"responses": {"200": ZIP}})
def export_case(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id)
    response = HttpResponse(
        case_export(user=request.user, case=case), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="case-{case.id}.zip"'
    return response


# --- imports ---------------------------------------------------------------------------------

ImportStatus = Literal["queued", "running", "done", "checked", "refused", "failed", "interrupted"]
assert set(ImportStatus.__args__) == set(ImportRun.Status.values)  # type: ignore[attr-defined]


class ProblemOut(Schema):
    row: int = Field(description="The file's row (the header is row 1); 0 for the whole file.")
    column: str = Field(description="The column's header, or empty for the whole row or file.")
    reason: str


class OutcomeOut(Schema):
    row: int
    result: Literal["added", "updated", "unchanged"]
    changed: list[str] = Field(description="The columns an updated row changes.")


class ImportReportOut(Schema):
    rows: int
    added: int
    updated: int
    unchanged: int
    problems: list[ProblemOut] = Field(
        description="Every problem found; if there is any, nothing was or will be written."
    )
    outcomes: list[OutcomeOut] = Field(
        description="What each row does (the preview of a check), `offset` and `limit` at a time."
    )


class ImportOut(Schema):
    id: uuid.UUID
    organisation: str = Field(description="The organisation's slug.")
    file_name: str
    dry_run: bool = Field(description="A check (preview) that writes nothing.")
    status: ImportStatus = Field(
        description="queued, running, then checked (a preview without problems, ready to "
        "confirm), done (imported), refused (problems: nothing written), failed, or "
        "interrupted (killed part-way: nothing written, run it again)."
    )
    status_label: str
    rows_total: int
    rows_done: int
    rows_per_second: float | None
    seconds_left: float | None
    progress: str = Field(description="Rows done, rate and time left, in words.")
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    report: ImportReportOut | None = Field(description="Once the run has finished.")


class ImportList(Schema):
    items: list[ImportOut]


def import_out(run: ImportRun, *, offset: int = 0, limit: int = OUTCOMES_SHOWN) -> dict[str, Any]:
    rate = import_rate(run)
    report = None
    kept = run.report or {}
    if run.finished_at is not None:
        report = {
            **{k: kept.get(k, 0) for k in ("rows", "added", "updated", "unchanged")},
            "problems": kept.get("problems", []),
            "outcomes": [
                {"row": line, "result": result, "changed": changed}
                for line, result, changed in kept.get("outcomes", [])[offset : offset + limit]
            ],
        }
    return {
        "id": run.id,
        "organisation": run.organisation.slug,
        "file_name": run.file_name,
        "dry_run": run.dry_run,
        "status": ImportRun.Status.INTERRUPTED if run.is_interrupted() else run.status,
        "status_label": run.status_shown,
        "rows_total": run.rows_total,
        "rows_done": run.rows_done,
        "rows_per_second": None if rate is None else round(rate[0], 1),
        "seconds_left": None if rate is None else round(rate[1], 1),
        "progress": import_progress(run),
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "report": report,
    }


def _now(run: ImportRun) -> ImportRun:
    """The run as it stands after the request (a task backend that runs at once has run it)."""
    run.refresh_from_db()
    return run


_UPLOAD = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "title": "ImportUpload",
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A .csv or .xlsx file, columns as in docs/import.md",
                        },
                    },
                    "required": ["file"],
                }
            }
        },
    },
}


@router.post("/imports", response={202: ImportOut}, openapi_extra=_UPLOAD)
def create_import(request: HttpRequest, org: str | None = None) -> Status:
    """Upload a case file (multipart, `file`) to be checked in the background: every row is
    checked and nothing is written. Read the preview, or each problem by row and column, at
    `GET /imports/{id}`; confirm a file without problems with `POST /imports/{id}/confirm`.
    `org` chooses among several organisations."""
    organisation = import_organisation_for(request.user, slug=org)
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        raise NinjaValidationError(
            [
                {"loc": ("body", name), "msg": " ".join(str(m) for m in messages)}
                for name, messages in form.errors.items()
            ]
        )
    run = import_upload_check(
        actor=member(request), organisation=organisation, upload=form.cleaned_data["file"]
    )
    return Status(202, import_out(_now(run)))


@router.get("/imports", response=ImportList)
def list_imports(request: HttpRequest, org: str | None = None) -> dict[str, Any]:
    """The latest imports of the organisation (50), newest first, without their rows."""
    organisation = import_organisation_for(request.user, slug=org)
    runs = import_run_list(request.user, organisation=organisation)
    return {"items": [import_out(run, limit=0) for run in runs]}


@router.get("/imports/{run_id}", response=ImportOut)
def get_import(
    request: HttpRequest,
    run_id: str,
    offset: int = 0,
    limit: int = OUTCOMES_SHOWN,
) -> dict[str, Any]:
    """Progress while it runs; then the report: counts, every problem (row, column, reason)
    and what each row does, `limit` rows (at most 5,000) from `offset`."""
    run = import_run_get(request.user, run_id)
    return import_out(run, offset=max(offset, 0), limit=min(max(limit, 0), OUTCOMES_LIMIT))


@router.post("/imports/{run_id}/confirm", response={202: ImportOut})
def confirm_import(request: HttpRequest, run_id: str) -> Status:
    """Import for real a checked file without problems: a new run, written in one transaction
    in the background (all rows or none). 422 for any other run."""
    run = import_run_get(request.user, run_id)
    confirmed = import_run_confirm(actor=member(request), run=run)
    return Status(202, import_out(_now(confirmed)))


@router.post("/imports/{run_id}/rerun", response={202: ImportOut})
def rerun_import(request: HttpRequest, run_id: str) -> Status:
    """Run again, as a new run, an import that was interrupted (nothing of it was written).
    422 for any other run."""
    run = import_run_get(request.user, run_id)
    again = import_run_rerun(actor=member(request), run=run)
    import_run_enqueue(run=again)
    return Status(202, import_out(_now(again)))


@router.get("/imports/{run_id}/rows-to-fix", openapi_extra={"responses": {"200": CSV}})
def import_rows_to_fix(request: HttpRequest, run_id: str) -> HttpResponseBase:
    run = import_run_get(request.user, run_id)
    data = import_bad_rows_download(actor=member(request), run=run)
    return download_response(
        data, filename="rows-to-fix.csv", content_type="text/csv; charset=utf-8"
    )
