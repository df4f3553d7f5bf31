"""API: a case's export (JSON of every record, and its documents, in a zip)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from amparo.core.access import case_for
from amparo.exchange.export import case_export

router = Router(tags=["exchange"])

ZIP = {
    "description": "A zip: case.json (every record of the case, as the caller may see it) "
    "and documents/ (the stored files).",
    "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
}


@router.get("/cases/{case_id}/export", openapi_extra={"responses": {"200": ZIP}})
def export_case(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id)
    response = HttpResponse(
        case_export(user=request.user, case=case), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="case-{case.id}.zip"'
    return response
