"""The advocacy panel of the case page (htmx): privacy waivers, congressional inquiries,
statements and allies; the campaign page; the statements export for the press.

Thin: load through `core.access` (advocacy writes with `advocacy=True`: writers and advocacy
staff), check the form, call one service, render the panel again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

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
    csv_bytes,
    download_response,
    member,
    panel_status,
    write_view,
)
from amparo.reports.selectors import campaign_summary, campaigns


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
    typed_for: str = "",
) -> HttpResponse:
    status = panel_status(request, status)
    audit_read(actor=request.user, case=case, action="advocacy.read")
    record = case_advocacy(case, every=request.GET.get("all") == "1")
    context: dict[str, Any] = {
        "case": case,
        "record": record,
        "can_write": can_write_advocacy(request.user, case),
        "waiver_form": forms.WaiverForm(),
        "inquiry_form": forms.InquiryForm(),
        "statement_form": forms.StatementForm(events=record.events),
        "ally_form": forms.AllyForm(),
        "errors": errors or [],
        **_members_context(member(request), case),
    }
    # Each inquiry has forms of its own: a refused one comes back only on the inquiry it was for.
    context["inquiry_rows"] = [
        (inquiry, _inquiry_forms(typed if str(inquiry.id) == typed_for else None))
        for inquiry in record.inquiries
    ]
    if typed is not None:  # the refused form comes back with what was typed
        context.update({key: typed for key, value in context.items() if type(value) is type(typed)})
    return render(request, "advocacy/_advocacy_panel.html", context, status=status)


def _inquiry_forms(typed: Form | None) -> dict[str, Form]:
    blank: dict[str, Form] = {
        "send": forms.SendForm(),
        "response": forms.ResponseForm(),
        "follow_up": forms.FollowUpForm(),
    }
    if typed is None:
        return blank
    return {key: typed if type(form) is type(typed) else form for key, form in blank.items()}


def _failed(request: HttpRequest, case: Case, form: Form, errors: Errors) -> HttpResponse:
    """The panel again: the refused form as typed with each error beside its field (on the one
    record its address names); what no field of the form shows is listed at the top of the
    panel, named by its label."""
    errors.add_to(form)
    match = request.resolver_match
    (record_id,) = match.kwargs.values() if match else ("",)
    return _panel(
        request,
        case,
        errors=errors.unplaced(form).labelled(form).lines(),
        status=errors.status,
        typed=form,
        typed_for=str(record_id),
    )


@login_required
@require_GET
def advocacy_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    return _panel(request, case_for(request.user, case_id))


# How a write finds what it changes, through the gate and for writing: the case, and the
# keyword the service takes it by.
Loader = Callable[[User, str], tuple[Case, dict[str, Any]]]


def _on_case(user: User, case_id: str) -> tuple[Case, dict[str, Any]]:
    case = case_for(user, case_id, advocacy=True)
    return case, {"case": case}


def _on_inquiry(user: User, inquiry_id: str) -> tuple[Case, dict[str, Any]]:
    inquiry = inquiry_get(user, inquiry_id, write=True)
    return inquiry.case, {"inquiry": inquiry}


def _on_statement(user: User, statement_id: str) -> tuple[Case, dict[str, Any]]:
    statement = statement_get(user, statement_id, write=True)
    return statement.case, {"statement": statement}


def _events(case: Case) -> dict[str, Any]:
    return {"events": answerable_events(case)}


def _statement_change(*, actor: User, statement: Any, **changes: Any) -> object:
    return statement_edit(actor=actor, statement=statement, changes=changes)


def _ally_with_contact(*, actor: User, case: Case, **data: Any) -> None:
    ally = ally_add(
        actor=actor, organisation=case.organisation, name=data["name"], website=data["website"]
    )
    if data["contact_name"]:
        ally_contact_add(
            actor=actor,
            ally=ally,
            name=data["contact_name"],
            role=data["contact_role"],
            email=data["contact_email"],
            phone=data["contact_phone"],
        )


def _write_view(
    load: Loader,
    form_class: type[Form],
    service: Callable[..., object],
    form_kwargs: Callable[[Case], dict[str, Any]] | None = None,
) -> Callable[..., HttpResponse]:
    return write_view(
        load, form_class, service, panel=_panel, refused=_failed, form_kwargs=form_kwargs
    )


waiver_add = _write_view(_on_case, forms.WaiverForm, waiver_record)
inquiry_add = _write_view(_on_case, forms.InquiryForm, inquiry_open)
inquiry_sent = _write_view(_on_inquiry, forms.SendForm, inquiry_send)
inquiry_answered = _write_view(_on_inquiry, forms.ResponseForm, inquiry_respond)
inquiry_follow_up = _write_view(_on_inquiry, forms.FollowUpForm, follow_up_add)
statement_add = _write_view(_on_case, forms.StatementForm, statement_record, _events)
statement_change = _write_view(_on_statement, forms.StatementEditForm, _statement_change, _events)
ally_add_view = _write_view(_on_case, forms.AllyForm, _ally_with_contact)


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
    header = [_("Said at"), _("Who"), _("Author"), _("Kind"), _("Language"), _("Text"), _("Link")]
    rows = (
        (
            st.said_at.isoformat(),
            st.get_author_kind_display(),
            st.author_name,
            st.get_kind_display(),
            st.language,
            st.text,
            st.url,
        )
        for st in statements_public(case.id).order_by("said_at")
    )
    return download_response(
        csv_bytes(header, rows), filename="statements.csv", content_type="text/csv; charset=utf-8"
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
