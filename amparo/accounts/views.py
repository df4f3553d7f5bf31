"""The language switch in the header and the organisation admin's settings page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from amparo.accounts.forms import OrganisationSettingsForm
from amparo.accounts.services import (
    ORGANISATION_SETTINGS,
    organisation_settings_update,
    user_language_set,
)
from amparo.core.access import organisation_administered_by
from amparo.core.htmx import WRITE_ERRORS, Errors, member


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the language for this browser (a cookie) and, for a member, in their profile."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {"en", "es", "ar"}:
        user_language_set(user=request.user, language=language)
    return set_language(request)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_settings_page(request: HttpRequest) -> HttpResponse:
    """The organisation admin's settings: name, time zone and the locator re-check interval.
    Anyone else gets 404 (core.access.organisation_administered_by)."""
    organisation = organisation_administered_by(request.user, slug=request.GET.get("org") or None)
    initial = {name: getattr(organisation, name) for name in ORGANISATION_SETTINGS}
    form = OrganisationSettingsForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            organisation_settings_update(
                actor=member(request),
                organisation=organisation,
                **form.cleaned_data,
            )
        except WRITE_ERRORS as exc:
            Errors.of_exception(exc).add_to(form)
        else:
            saved = True
    status = 422 if form.errors else 200
    context = {"form": form, "organisation": organisation, "saved": saved}
    return render(request, "accounts/organisation_settings.html", context, status=status)
