"""The organisation admin's members page: add a colleague with a role, hand them the address
where they choose a password, change a role, take someone out; the organisation keeps an
admin, and only its admins see the page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from amparo.accounts.models import Membership, User
from amparo.audit.models import AuditEvent
from amparo.conftest import Cast, signed_in

pytestmark = pytest.mark.django_db
MEMBERS = "/organisation/members/"


def _membership(cast: Cast, user: User) -> Membership:
    return Membership.objects.get(user=user, organisation=cast.organisation)


def test_an_admin_adds_a_colleague_who_chooses_a_password_and_signs_in(cast: Cast) -> None:
    client = signed_in(cast.admin)
    answer = client.post(
        MEMBERS, {"email": " Rosa@Riverside.test ", "full_name": "Rosa Díaz", "role": "paralegal"}
    )
    assert answer.status_code == 302
    rosa = User.objects.get(email="rosa@riverside.test")
    assert not rosa.has_usable_password() and _membership(cast, rosa).role == "paralegal"
    event = AuditEvent.objects.get(
        action="membership.create", object_id=str(_membership(cast, rosa).id)
    )
    assert event.actor_id == cast.admin.id
    page = client.get(answer["Location"]).content.decode()
    link = re.search(r'value="(http://testserver/accounts/password/reset/key/[^"]+)"', page)
    assert link is not None and "Rosa Díaz" in page
    newcomer = Client()
    form = newcomer.get(link.group(1), follow=True)
    assert form.status_code == 200 and 'name="password1"' in form.content.decode()
    chosen = newcomer.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"password1": "Harbor-lights-2026!", "password2": "Harbor-lights-2026!"},
    )
    assert chosen.status_code == 302
    rosa.refresh_from_db()
    assert rosa.check_password("Harbor-lights-2026!")
    assert "password/reset/key" not in client.get(MEMBERS).content.decode()  # link used up


def test_adding_someone_already_a_member_or_a_bad_email_is_refused_beside_the_field(
    cast: Cast,
) -> None:
    client = signed_in(cast.admin)
    count = Membership.objects.count()
    again = client.post(MEMBERS, {"email": cast.attorney.email, "role": "paralegal"})
    assert again.status_code == 422
    assert "already a member of the organisation" in again.content.decode()
    bad = client.post(MEMBERS, {"email": "rosa@", "role": "paralegal"})
    assert bad.status_code == 422 and "Enter a valid email address" in bad.content.decode()
    unknown = client.post(MEMBERS, {"email": "ana@riverside.test", "role": "owner"})
    assert unknown.status_code == 422
    assert Membership.objects.count() == count
    assert not User.objects.filter(email="ana@riverside.test").exists()


def test_an_admin_changes_a_role_and_removes_a_member_who_then_sees_nothing(cast: Cast) -> None:
    client = signed_in(cast.admin)
    paralegal = _membership(cast, cast.paralegal)
    url = reverse("organisation:member", args=[paralegal.id])
    assert client.post(url, {f"{paralegal.id}-role": "attorney"}).status_code == 302
    assert _membership(cast, cast.paralegal).role == "attorney"
    assert AuditEvent.objects.filter(action="membership.role", object_id=str(paralegal.id)).exists()
    gone = signed_in(cast.paralegal)
    assert gone.get(f"/cases/{cast.case.id}/").status_code == 200
    assert client.post(url, {"remove": "1"}).status_code == 302
    assert not Membership.objects.filter(pk=paralegal.pk).exists()
    assert AuditEvent.objects.filter(action="membership.delete").exists()
    assert gone.get(f"/cases/{cast.case.id}/").status_code == 404


def test_the_organisation_keeps_an_admin(cast: Cast) -> None:
    client = signed_in(cast.admin)
    own = _membership(cast, cast.admin)
    url = reverse("organisation:member", args=[own.id])
    demoted = client.post(url, {f"{own.id}-role": "attorney"})
    assert demoted.status_code == 422 and "at least one admin" in demoted.content.decode()
    removed = client.post(url, {"remove": "1"})
    assert removed.status_code == 422 and "at least one admin" in removed.content.decode()
    assert _membership(cast, cast.admin).role == "admin"
    client.post(MEMBERS, {"email": "second@riverside.test", "role": "admin"})
    stepped_down = client.post(url, {f"{own.id}-role": "attorney"})
    assert stepped_down.status_code == 302 and stepped_down["Location"] == "/"
    assert client.get(MEMBERS).status_code == 404  # no longer an admin


def test_only_the_organisations_admins_see_or_change_its_members(cast: Cast) -> None:
    paralegal = _membership(cast, cast.paralegal)
    url = reverse("organisation:member", args=[paralegal.id])
    for user in (cast.attorney, cast.paralegal, cast.outsider):
        client = signed_in(user)
        assert client.get(MEMBERS).status_code == 404
        assert client.post(url, {"remove": "1"}).status_code == 404
        assert client.post(MEMBERS, {"email": "x@y.test", "role": "admin"}).status_code == 404
    assert Membership.objects.filter(pk=paralegal.pk).exists()
    assert not User.objects.filter(email="x@y.test").exists()
