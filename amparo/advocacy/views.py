"""The advocacy panel of the case page (htmx): privacy waivers, congressional inquiries,
statements and allies; the campaign page; the statements export for the press.

Thin: load through `core.access` (advocacy writes with `advocacy=True`: writers and advocacy
staff), check the form, call one service, render the panel again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from amparo.accounts.models import User
from amparo.advocacy import forms
from amparo.advocacy.selectors import (
    answerable_events,
    case_advocacy,
    inquiry_get,
    members_for,
    members_prefill,
    statement_get,
    statements_public,
)
from amparo.advocacy.services import (
    ally_add,
    ally_contact_add,
    follow_up_add,
    inquiry_open,
    inquiry_respond,
    inquiry_send,
    statement_edit,
    statement_record,
    waiver_record,
)
from amparo.audit.services import audit_read, audit_record
from amparo.cases.models import Case
from amparo.core.access import can_write_advocacy, case_for
from amparo.core.htmx import (
    Errors,
    csv_row,
    download_response,
    form_write,
    member,
    panel_status,
)
from amparo.reports.selectors import campaign_summary, campaigns

Action = Callable[[User, dict[str, Any]], object]


def _members_context(user: User, case: Case, data: dict[str, str] | None = None) -> dict[str, Any]:
    """The member search of the waiver and inquiry forms: what was typed, or else the family's
    ZIP Code and state when an address is on file, and the members found for it."""
    guess = members_prefill(user, case)
    if data is None:
        data = {"zip": guess.zip_code, "state": guess.state} if guess else {}
    search = forms.MemberSearchForm(data)
    query = search.cleaned_data if search.is_valid() else {}
    found = members_for(
        state=query.get("state", ""),
        district=query.get("district", ""),
        zip_code=query.get("zip", ""),
    )
    return {"search": search, "found": found, "prefill": guess}


def _panel(
    request: HttpRequest,
    case: Case,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    typed: Form | None = None,
) -> HttpResponse:
    status = panel_status(request, status)
    audit_read(actor=request.user, case=case, action="advocacy.read")
    record = case_advocacy(case)
    context: dict[str, Any] = {
        "case": case,
        "record": record,
        "can_write": can_write_advocacy(request.user, case),
        "waiver_form": forms.WaiverForm(),
        "inquiry_form": forms.InquiryForm(),
        "send_form": forms.SendForm(),
        "response_form": forms.ResponseForm(),
        "follow_up_form": forms.FollowUpForm(),
        "statement_form": forms.StatementForm(events=record.events),
        "ally_form": forms.AllyForm(),
        "errors": errors or [],
        **_members_context(member(request), case),
    }
    if typed is not None:  # the refused form comes back with what was typed
        context.update({key: typed for key, value in context.items() if type(value) is type(typed)})
    return render(request, "advocacy/_advocacy_panel.html", context, status=status)


def _handle(
    request: HttpRequest,
    case: Case,
    form_class: type[Form],
    action: Action,
    **form_kwargs: Any,
) -> HttpResponse:
    form = form_class(request.POST, **form_kwargs)
    return form_write(
        form,
        lambda data: action(member(request), data),
        done=lambda _result: _panel(request, case),
        failed=lambda errors: _failed(request, case, form, errors),
    )


def _failed(request: HttpRequest, case: Case, form: Form, errors: Errors) -> HttpResponse:
    """The panel again: the refused form as typed with each error beside its field, and the
    same errors listed at the top of the panel."""
    errors.add_to(form)
    return _panel(request, case, errors=errors.lines(), status=errors.status, typed=form)


@login_required
@require_GET
def advocacy_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    return _panel(request, case_for(request.user, case_id))


@login_required
@require_POST
def waiver_add(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, advocacy=True)
    return _handle(
        request,
        case,
        forms.WaiverForm,
        lambda user, data: waiver_record(actor=user, case=case, **data),
    )


@login_required
@require_POST
def inquiry_add(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, advocacy=True)
    return _handle(
        request,
        case,
        forms.InquiryForm,
        lambda user, data: inquiry_open(actor=user, case=case, **data),
    )


@login_required
@require_POST
def inquiry_sent(request: HttpRequest, inquiry_id: str) -> HttpResponse:
    inquiry = inquiry_get(request.user, inquiry_id, write=True)
    return _handle(
        request,
        inquiry.case,
        forms.SendForm,
        lambda user, data: inquiry_send(actor=user, inquiry=inquiry, **data),
    )


@login_required
@require_POST
def inquiry_answered(request: HttpRequest, inquiry_id: str) -> HttpResponse:
    inquiry = inquiry_get(request.user, inquiry_id, write=True)
    return _handle(
        request,
        inquiry.case,
        forms.ResponseForm,
        lambda user, data: inquiry_respond(actor=user, inquiry=inquiry, **data),
    )


@login_required
@require_POST
def inquiry_follow_up(request: HttpRequest, inquiry_id: str) -> HttpResponse:
    inquiry = inquiry_get(request.user, inquiry_id, write=True)
    return _handle(
        request,
        inquiry.case,
        forms.FollowUpForm,
        lambda user, data: follow_up_add(actor=user, inquiry=inquiry, **data),
    )


@login_required
@require_GET
def members_search(request: HttpRequest, case_id: str) -> HttpResponse:
    """htmx: the member choice of the waiver or inquiry form, for a ZIP Code or a state and
    district (the same selector as `GET /api/v1/congress/members`)."""
    case = case_for(request.user, case_id)
    audit_read(actor=request.user, case=case, action="congress.members.search")
    field = "office" if request.GET.get("field") == "office" else "member"
    data = {k: request.GET.get(k, "") for k in ("zip", "state", "district")}
    context = {"case": case, "field": field, **_members_context(member(request), case, data)}
    return render(request, "advocacy/_member_choice.html", context)


@login_required
@require_POST
def statement_add(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, advocacy=True)
    return _handle(
        request,
        case,
        forms.StatementForm,
        lambda user, data: statement_record(actor=user, case=case, **data),
        events=answerable_events(case),
    )


@login_required
@require_POST
def statement_change(request: HttpRequest, statement_id: str) -> HttpResponse:
    statement = statement_get(request.user, statement_id, write=True)
    return _handle(
        request,
        statement.case,
        forms.StatementEditForm,
        lambda user, data: statement_edit(actor=user, statement=statement, changes=data),
        events=answerable_events(statement.case),
    )


def _ally_with_contact(user: User, case: Case, data: dict[str, Any]) -> None:
    ally = ally_add(
        actor=user, organisation=case.organisation, name=data["name"], website=data["website"]
    )
    if data["contact_name"]:
        ally_contact_add(
            actor=user,
            ally=ally,
            name=data["contact_name"],
            role=data["contact_role"],
            email=data["contact_email"],
            phone=data["contact_phone"],
        )


@login_required
@require_POST
def ally_add_view(request: HttpRequest, case_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, advocacy=True)
    return _handle(
        request, case, forms.AllyForm, lambda user, data: _ally_with_contact(user, case, data)
    )


@login_required
@require_GET
def statements_export(request: HttpRequest, case_id: str) -> HttpResponseBase:
    """The case's statements for the press: only those the client consented to make public
    and whose embargo has passed."""
    case = case_for(request.user, case_id)
    audit_record(
        actor=request.user,
        action="statement.export",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=case,
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Said at"), _("Who"), _("Author"), _("Kind"), _("Language"), _("Text"), _("Link")]
    )
    for st in statements_public(case.id).order_by("said_at"):
        writer.writerow(
            csv_row(
                (
                    st.said_at.isoformat(),
                    st.get_author_kind_display(),
                    st.author_name,
                    st.get_kind_display(),
                    st.language,
                    st.text,
                    st.url,
                )
            )
        )
    return download_response(
        out.getvalue().encode(), filename="statements.csv", content_type="text/csv; charset=utf-8"
    )


@login_required
@require_GET
def campaign_page(request: HttpRequest) -> HttpResponse:
    """A campaign: the cases tagged with it, where and how long they are held, requests and
    outcomes, statements."""
    name = request.GET.get("name", "").strip()[:120]
    context = {
        "name": name,
        "summary": campaign_summary(request.user, name),
        "campaigns": campaigns(request.user),
    }
    return render(request, "advocacy/campaign.html", context)
