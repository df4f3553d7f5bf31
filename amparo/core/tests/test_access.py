"""The one gate's functions: outsiders and missing records look the same (404); read-only
members and advocates cannot write; restricted cases, the access log and public pages.

Every route against every role is in test_matrix.py; its sample inputs in samples.py."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.http import Http404
from django.test import Client
from django.utils import timezone

from amparo.advocacy.services import publication_create, publication_withdraw
from amparo.conftest import Cast, api_client_for
from amparo.core import access

pytestmark = pytest.mark.django_db


def test_missing_record_answers_exactly_like_another_organisations(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    foreign = client.get(f"/api/v1/cases/{cast.outsider_case.id}")
    missing = client.get(f"/api/v1/cases/{uuid.uuid4()}")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()


def test_outsider_cannot_create_a_case_for_another_organisations_client(cast: Cast) -> None:
    response = api_client_for(cast.outsider).post(
        "/api/v1/cases",
        {"person_id": str(cast.case.person_id), "title": "Taken"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_organisation_lists_show_only_own_records(cast: Cast) -> None:
    client = api_client_for(cast.outsider)
    case_ids = {item["id"] for item in client.get("/api/v1/cases").json()["items"]}
    person_ids = {item["id"] for item in client.get("/api/v1/people").json()["items"]}
    assert case_ids == {str(cast.outsider_case.id)}
    assert str(cast.case.person_id) not in person_ids


def test_read_only_member_can_read_the_case(cast: Cast) -> None:
    response = api_client_for(cast.read_only).get(f"/api/v1/cases/{cast.case.id}")
    assert response.status_code == 200
    assert response.json()["id"] == str(cast.case.id)


def test_signed_out_visitor_is_sent_to_login(cast: Cast) -> None:
    response = Client().get(f"/cases/{cast.case.id}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_restricted_case_is_seen_only_by_its_team_and_admins(cast: Cast) -> None:
    cast.case.restricted = True
    cast.case.save(update_fields=["restricted"])
    cast.case.team.set([cast.paralegal])
    visible = {
        name: access.cases_visible_to(user).filter(id=cast.case.id).exists()
        for name, user in cast.by_role().items()
    }
    assert visible == {
        "admin": True,
        "attorney": False,
        "paralegal": True,
        "intake": False,
        "advocate": False,
        "read-only": False,
        "outsider": False,
    }


def test_case_for_write_refuses_read_only_roles(cast: Cast) -> None:
    from django.http import Http404

    assert access.case_for(cast.attorney, cast.case.id, write=True) == cast.case
    for user in (cast.read_only, cast.advocate, cast.outsider):
        with pytest.raises(Http404):
            access.case_for(user, cast.case.id, write=True)


def test_malformed_id_is_a_404_not_an_error(cast: Cast) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        access.case_for(cast.attorney, "not-a-uuid")


def test_advocate_sees_masked_a_number_and_no_criminal_history(cast: Cast) -> None:
    person = cast.case.person
    person.has_criminal_history = True
    person.criminal_history_summary = "PLANTED-MARKER-1999 misdemeanour"
    person.save()
    client = api_client_for(cast.advocate)
    response = client.get("/api/v1/people")
    body = response.content.decode()
    assert "PLANTED-MARKER-1999" not in body
    assert "012345678" not in body and "012-345-678" not in body
    assert response.json()["items"][0]["a_number"] == "A•••-•••-678"
    case_body = client.get(f"/api/v1/cases/{cast.case.id}").json()
    assert case_body["person"]["a_number"] == "A•••-•••-678"
    attorney_body = api_client_for(cast.attorney).get("/api/v1/people").content.decode()
    assert "PLANTED-MARKER-1999" in attorney_body


def test_access_log_is_for_admins_and_attorneys_of_the_case(cast: Cast) -> None:
    allowed = {}
    for name, user in cast.by_role().items():
        try:
            allowed[name] = access.access_log_case_for(user, cast.case.id) == cast.case
        except Http404:
            allowed[name] = False
    assert allowed == {
        "admin": True,
        "attorney": True,
        "paralegal": False,
        "intake": False,
        "advocate": False,
        "read-only": False,
        "outsider": False,
    }


def test_restricted_case_log_is_hidden_from_an_attorney_off_the_team(cast: Cast) -> None:
    cast.case.restricted = True
    cast.case.save(update_fields=["restricted"])
    with pytest.raises(Http404):
        access.access_log_case_for(cast.attorney, cast.case.id)
    assert access.access_log_case_for(cast.admin, cast.case.id) == cast.case


def test_only_an_admin_administers_the_organisation(cast: Cast) -> None:
    assert access.organisation_administered_by(cast.admin) == cast.organisation
    assert access.organisation_administered_by(cast.admin, slug="riverside") == cast.organisation
    with pytest.raises(Http404):
        access.organisation_administered_by(cast.admin, slug="lakeshore")
    for user in (cast.attorney, cast.read_only, cast.advocate, cast.outsider):
        with pytest.raises(Http404):
            access.organisation_administered_by(user)


def test_public_gate_opens_only_while_consent_stands(cast: Cast) -> None:
    publication = publication_create(
        actor=cast.attorney,
        case=cast.case,
        name_as_consented="Ana R.",
        consent_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert access.publication_live(publication.slug) == publication
    for wrong in ("", "x" * 24, publication.slug[:-1], "../" + publication.slug):
        with pytest.raises(Http404):
            access.publication_live(wrong)
    publication_withdraw(actor=cast.attorney, publication=publication)
    with pytest.raises(Http404):
        access.publication_live(publication.slug)
