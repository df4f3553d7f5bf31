"""The language switch in the header and the organisation admin's settings and members pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from amparo.accounts.forms import MemberAddForm, MemberRoleForm, OrganisationSettingsForm
from amparo.accounts.models import Organisation
from amparo.accounts.selectors import organisation_memberships
from amparo.accounts.services import (
    ORGANISATION_SETTINGS,
    member_add,
    member_remove,
    member_role_set,
    organisation_settings_update,
    password_set_path,
    user_language_set,
)
from amparo.core.access import membership_administered_by, organisation_administered_by
from amparo.core.htmx import WRITE_ERRORS, Errors, form_write, member, service_write


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


def _members_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    form: MemberAddForm | None = None,
    refused: Errors | None = None,
    status: int = 200,
) -> HttpResponse:
    members = organisation_memberships(organisation)
    context = {
        "organisation": organisation,
        "form": form or MemberAddForm(),
        "members": [
            (m, MemberRoleForm(initial={"role": m.role}, prefix=str(m.id))) for m in members
        ],
        "links": {
            m.id: request.build_absolute_uri(password_set_path(m.user))
            for m in members
            if not m.user.has_usable_password()
        },
        "refused": refused.lines() if refused else [],
        "added": request.GET.get("added", ""),
    }
    return render(request, "accounts/members.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members_page(request: HttpRequest) -> HttpResponse:
    """The admin's list of members: add a colleague with a role, change a role, take someone
    out. Anyone else gets 404 (core.access.organisation_administered_by)."""
    organisation = organisation_administered_by(request.user, slug=request.GET.get("org") or None)
    if request.method != "POST":
        return _members_page(request, organisation)
    form = MemberAddForm(request.POST)

    def failed(errors: Errors) -> HttpResponse:
        errors.add_to(form)
        return _members_page(request, organisation, form=form, status=errors.status)

    return form_write(
        form,
        lambda data: member_add(actor=member(request), organisation=organisation, **data),
        done=lambda added: redirect(f"{reverse('organisation:members')}?added={added[0].id}"),
        failed=failed,
    )


@login_required
@require_POST
def organisation_member_page(request: HttpRequest, membership_id: str) -> HttpResponse:
    """Change one member's role (`role`) or take them out (`remove`)."""
    membership = membership_administered_by(request.user, membership_id)
    organisation = membership.organisation
    # An admin who takes themselves out, or gives up the admin role, may no longer see the page.
    own = membership.user_id == request.user.pk
    done = redirect("organisation:members")

    def failed(errors: Errors) -> HttpResponse:
        return _members_page(request, organisation, refused=errors, status=errors.status)

    if "remove" in request.POST:
        return service_write(
            lambda: member_remove(actor=member(request), membership=membership),
            done=lambda _none: redirect("home") if own else done,
            failed=failed,
        )
    form = MemberRoleForm(request.POST, prefix=str(membership.id))
    return form_write(
        form,
        lambda data: member_role_set(actor=member(request), membership=membership, **data),
        done=lambda saved: redirect("home") if own and saved.role != "admin" else done,
        failed=lambda errors: failed(errors.labelled(form)),
    )
