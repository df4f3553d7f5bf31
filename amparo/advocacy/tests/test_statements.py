"""Statements: advocacy staff add and edit them through the page and the API; an embargo keeps
a statement off the public page and out of exports until its time."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from amparo.advocacy.models import AdvocacyOrganisation, Statement
from amparo.advocacy.services import publication_create
from amparo.advocacy.tests.statements import statement_form
from amparo.conftest import Cast, api_client_for

pytestmark = pytest.mark.django_db


def _statement_body(**extra: object) -> dict[str, object]:
    return {
        "author_kind": "organisation",
        "author": "Center for Constitutional Rights",
        "kind": "press-release",
        "said_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
        "language": "en",
        "text": "Release him now.",
        "link": "https://example.org/release",
        "publicity_consent": True,
        **extra,
    }


def test_an_advocate_adds_and_edits_a_statement_through_the_api(cast: Cast) -> None:
    client = api_client_for(cast.advocate)
    created = client.post(
        f"/api/v1/cases/{cast.case.id}/statements", _statement_body(), "application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["author_kind"], body["author"], body["link"]) == (
        "organisation",
        "Center for Constitutional Rights",
        "https://example.org/release",
    )
    # An organisation's statement is credited to an ally, added when new.
    assert AdvocacyOrganisation.objects.filter(name="Center for Constitutional Rights").exists()
    patched = client.patch(
        f"/api/v1/statements/{body['id']}",
        {"text": "Release him today.", "version": 1},
        "application/json",
    )
    assert patched.status_code == 200 and patched.json()["text"] == "Release him today."
    stale = client.patch(
        f"/api/v1/statements/{body['id']}", {"text": "x", "version": 1}, "application/json"
    )
    assert stale.status_code == 409
    wrong = client.post(
        f"/api/v1/cases/{cast.case.id}/statements",
        _statement_body(author_kind="family", kind="declined-to-comment"),
        "application/json",
    )
    assert wrong.status_code == 422
    listed = client.get(f"/api/v1/cases/{cast.case.id}/statements").json()["items"]
    assert [s["text"] for s in listed] == ["Release him today."]
    outsider = api_client_for(cast.outsider)
    assert (
        outsider.patch(
            f"/api/v1/statements/{body['id']}", {"text": "x"}, "application/json"
        ).status_code
        == 404
    )


def test_an_advocate_adds_a_statement_through_the_case_page(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.advocate)
    response = client.post(
        f"/cases/{cast.case.id}/advocacy/statements/",
        statement_form(
            language="es", text="Queremos que esté con nosotros.", publicity_consent="on"
        ),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Ana Herrera" in response.content.decode()
    statement = Statement.objects.get(case=cast.case)
    assert (statement.language, statement.publicity_consent) == ("es", True)
    panel = client.get(f"/cases/{cast.case.id}/advocacy/").content.decode()
    assert "Queremos que esté con nosotros." in panel
    reader = Client()
    reader.force_login(cast.read_only)
    assert "Add a statement" not in reader.get(f"/cases/{cast.case.id}/advocacy/").content.decode()


def test_an_embargo_hides_a_statement_from_the_public_page_and_exports_until_its_time(
    cast: Cast,
) -> None:
    publication = publication_create(
        actor=cast.attorney,
        case=cast.case,
        name_as_consented="Tomás H.",
        consent_on=timezone.localdate(),
    )
    lifted = timezone.now() + datetime.timedelta(hours=6)
    client = api_client_for(cast.advocate)
    client.post(
        f"/api/v1/cases/{cast.case.id}/statements",
        _statement_body(text="EMBARGOED-TEXT-881", embargo_until=lifted.isoformat()),
        "application/json",
    )
    staff = Client()
    staff.force_login(cast.advocate)
    public_url = f"/public/{publication.slug}/"
    export_url = f"/cases/{cast.case.id}/statements.csv"
    assert "EMBARGOED-TEXT-881" not in Client().get(public_url).content.decode()
    assert "EMBARGOED-TEXT-881" not in staff.get(export_url).content.decode()
    assert "embargoed until" in staff.get(f"/cases/{cast.case.id}/advocacy/").content.decode()
    with time_machine.travel(lifted + datetime.timedelta(minutes=1)):
        assert "EMBARGOED-TEXT-881" in Client().get(public_url).content.decode()
        staff.force_login(cast.advocate)  # the earlier session has timed out by then
        assert "EMBARGOED-TEXT-881" in staff.get(export_url).content.decode()
