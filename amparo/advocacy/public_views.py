"""The public advocacy page (no sign-in) and the page where the team publishes or withdraws it.

Thin: load through `core.access` (the public gate `publication_live`, or `case_for`), call a
selector or a service, render.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from amparo.accounts.models import User
from amparo.advocacy.forms import PublicationForm, PublicEventForm, WithdrawForm
from amparo.advocacy.models import Publication
from amparo.advocacy.selectors import case_publications, public_page
from amparo.advocacy.services import public_event_add, publication_create, publication_withdraw
from amparo.audit.services import audit_read
from amparo.core.access import can_write_advocacy, case_for, case_item_for, publication_live


def _publication_of(user: Any, case: Any, publication_id: Any) -> Publication:
    """The publication named in the form, only if it belongs to the case in the URL."""
    publication = case_item_for(user, Publication, publication_id, advocacy=True)
    if publication.case_id != case.id:
        raise Http404("No such publication.")
    return publication


@require_GET
def public_case_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone may read a live public page. Views are not audited: the page holds only material
    the client consented to make public, and anonymous hits would flood the trail."""
    page = public_page(publication_live(slug))
    # The family chooses the page's language on the link itself (`?lang=es`), whoever reads it;
    # without it the browser's language (or the header switch) decides, as on every page.
    language = request.GET.get("lang", "")
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language
    context = {
        "page": page,
        "page_language": translation.get_language(),
        "page_languages": settings.LANGUAGES,
    }
    response = render(request, "advocacy/public_case.html", context)
    response["Content-Language"] = translation.get_language()
    response["Cache-Control"] = "no-store"  # a withdrawn page must not live on in caches
    return response


@login_required
@require_http_methods(["GET", "POST"])
def publication_page(request: HttpRequest, case_id: str) -> HttpResponse:
    """GET: whether and how the case is published (any member who may read the case).
    POST: publish, withdraw or add a public entry (members who may change the case)."""
    user = request.user
    assert isinstance(user, User)  # login_required
    case = case_for(user, case_id, advocacy=request.method == "POST")
    publication_form = PublicationForm()
    event_form = PublicEventForm()
    withdraw_errors: dict[Any, Any] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                publication_form = PublicationForm(request.POST)
                if publication_form.is_valid():
                    data = dict(publication_form.cleaned_data)
                    data.pop("confirm")
                    publication_create(actor=user, case=case, **data)
                    return redirect("advocacy:publication", case_id=case.id)
            elif action == "withdraw":
                publication = _publication_of(user, case, request.POST.get("publication_id"))
                withdraw_form = WithdrawForm(request.POST)
                if withdraw_form.is_valid():
                    publication_withdraw(actor=user, publication=publication)
                    return redirect("advocacy:publication", case_id=case.id)
                withdraw_errors[publication.id] = withdraw_form.errors["confirm"]
            elif action == "add-event":
                publication = _publication_of(user, case, request.POST.get("publication_id"))
                event_form = PublicEventForm(request.POST)
                if event_form.is_valid():
                    public_event_add(actor=user, publication=publication, **event_form.cleaned_data)
                    return redirect("advocacy:publication", case_id=case.id)
        except ValidationError as exc:
            publication_form.add_error(None, exc)
    else:
        audit_read(actor=user, case=case, action="publication.read")
    records = case_publications(case)
    context = {
        "case": case,
        "publications": [(r, withdraw_errors.get(r.publication.id)) for r in records],
        # One live page at a time (publication_one_live_per_case): no second publish form.
        "live": any(record.publication.withdrawn_at is None for record in records),
        "publication_form": publication_form,
        "event_form": event_form,
        "can_write": can_write_advocacy(user, case),
        "languages": settings.LANGUAGES,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "advocacy/public_manage.html", context, status=status)
