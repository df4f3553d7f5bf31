"""The case access-log page (admins and attorneys) and the organisation log export (admins).
Both are themselves recorded in the audit trail."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from amparo.audit.models import AuditEvent
from amparo.audit.selectors import case_access_log, organisation_log
from amparo.audit.services import audit_record
from amparo.core.access import access_log_case_for, organisation_administered_by
from amparo.core.htmx import csv_lines, download_response

# The kinds of record a reader meets in a case's log, in their words (the CSV keeps the raw name).
RECORD_NAMES = {
    "Case": _("Case"),
    "Person": _("Client"),
    "Relative": _("Family contact"),
    "LifeEvent": _("Life event"),
    "Arrest": _("Arrest"),
    "Note": _("Note"),
    "LocatorCheck": _("Detainee locator"),
    "ImmigrationHearing": _("Hearing"),
    "CaseAlert": _("Case alert"),
    "Placement": _("Custody"),
    "Request": _("Request"),
    "Decision": _("Decision"),
    "Assessment": _("Assessment"),
    "CourtCase": _("Court case"),
    "Order": _("Order"),
    "Deadline": _("Deadline"),
    "Document": _("Document"),
    "Waiver": _("Privacy waiver"),
    "Inquiry": _("Congressional inquiry"),
    "Statement": _("Statement"),
    "Publication": _("Public page"),
    "PublicEvent": _("Public entry"),
}

CSV_COLUMNS = [
    "sequence",
    "created_at",
    "actor",
    "action",
    "case_id",
    "object_type",
    "object_id",
    "changed_fields",
    "ip_address",
    "user_agent",
    "previous_hash",
    "hash",
]


@login_required
@require_GET
def case_access_log_page(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access_log_case_for(request.user, case_id)
    audit_record(
        actor=request.user,
        action="audit.case_log.read",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=case,
    )
    events = [(e, RECORD_NAMES.get(e.object_type, e.object_type)) for e in case_access_log(case)]
    context = {"case": case, "events": events}
    return render(request, "audit/case_access_log.html", context)


def _rows(events: Iterator[AuditEvent]) -> Iterator[tuple[object, ...]]:
    for event in events:
        yield (
            event.sequence,
            event.created_at.isoformat(),
            event.actor.email if event.actor else "",
            event.action,
            event.case_id or "",
            event.object_type,
            event.object_id,
            " ".join(event.changed_fields),
            event.ip_address or "",
            event.user_agent,  # chosen by whoever sent the request: csv_lines defuses formulas
            event.previous_hash,
            event.hash,
        )


@login_required
@require_GET
def organisation_log_export(request: HttpRequest) -> HttpResponseBase:
    """CSV of the organisation's audit chain; `?org=SLUG` chooses among several, `?since=DATE`
    starts at a day. The export is recorded before it is streamed."""
    organisation = organisation_administered_by(request.user, slug=request.GET.get("org") or None)
    since = None
    if request.GET.get("since"):
        try:
            since = datetime.date.fromisoformat(request.GET["since"])
        except ValueError:
            since = None
    audit_record(
        actor=request.user, action="audit.export", organisation=organisation, obj=organisation
    )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return download_response(
        csv_lines(CSV_COLUMNS, _rows(organisation_log(organisation, since=since))),
        filename=f"amparo-audit-{organisation.slug}-{stamp}.csv",
        content_type="text/csv",
    )
