"""HTML pages for custody: facility search and page, and the transfer form on a case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from amparo.audit.services import audit_read
from amparo.cases.facts import fact_sheet
from amparo.cases.selectors import case_alerts, open_alerts
from amparo.core.access import can_write, case_for
from amparo.core.htmx import Errors, form_write, is_htmx, member, panel_status
from amparo.custody.forms import PlacementForm
from amparo.custody.selectors import facility_get, facility_search, venue_of_facility
from amparo.custody.services import case_alert_resolve, placement_record


@login_required
def facility_list_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    facilities = facility_search(query, limit=50) if query else facility_search("", limit=300)
    template = "custody/_facility_rows.html" if is_htmx(request) else "custody/facility_list.html"
    return render(request, template, {"facilities": facilities, "query": query})


@login_required
def facility_page(request: HttpRequest, facility_id: str) -> HttpResponse:
    from amparo.courts.models import Respondent

    facility = facility_get(facility_id)
    venue = venue_of_facility(facility).as_dict()
    # Users read the role in the law's words ("Immediate custodian"), never its key.
    labels = dict(Respondent.Role.choices)
    for respondent in venue.get("respondents") or []:
        respondent["role_label"] = labels.get(respondent.get("role", ""), "")
    return render(request, "custody/facility_detail.html", {"facility": facility, "venue": venue})


def _panel(
    request: HttpRequest, case_id: str, form: PlacementForm | None = None, status: int = 200
) -> HttpResponse:
    status = panel_status(request, status)
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case)
    facts = fact_sheet(case)
    venue = facts.venue()
    context = {
        "case": case,
        "custody": facts,
        "venue": venue.as_dict() if venue else None,
        "alerts": open_alerts(case),
        "can_write": can_write(request.user, case),
        "form": form,
    }
    return render(request, "custody/_custody_panel.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, case_id: str) -> HttpResponse:
    """htmx: GET shows the transfer form in the custody panel; POST records the placement."""
    if request.method == "GET":
        case_for(request.user, case_id, write=True)
        return _panel(request, case_id, form=PlacementForm())
    case = case_for(request.user, case_id, write=True)
    form = PlacementForm(request.POST)

    def failed(errors: Errors) -> HttpResponse:
        errors.add_to(form)
        return _panel(request, case_id, form=form, status=422)

    return form_write(
        form,
        lambda data: placement_record(
            actor=member(request),
            case=case,
            facility=data["facility"],
            started_at=data["started_at"],
            source=data["source"],
        ),
        done=lambda _placement: _panel(request, case_id),
        failed=failed,
    )


@login_required
def custody_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    return _panel(request, case_id)


@login_required
@require_http_methods(["POST"])
def resolve_alert(request: HttpRequest, case_id: str, alert_id: str) -> HttpResponse:
    """htmx: the team has dealt with an alert; it leaves the panel (and stays on record)."""
    case = case_for(request.user, case_id, write=True)
    alert = case_alerts(case).filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert.")
    case_alert_resolve(actor=member(request), alert=alert)
    return _panel(request, case_id)
