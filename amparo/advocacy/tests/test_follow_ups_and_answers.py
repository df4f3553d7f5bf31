"""Follow-ups on a sent inquiry, the case events a statement answers, and finding the client's
members of Congress from the case page."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from amparo.advocacy.congress import congress_import
from amparo.advocacy.models import FollowUp, Inquiry, Statement, Waiver
from amparo.advocacy.rules import address_zip_state
from amparo.advocacy.services import publication_create
from amparo.advocacy.tests.statements import statement_form
from amparo.audit.models import AuditEvent
from amparo.cases.models import Arrest
from amparo.conftest import Cast, api_client_for
from amparo.people.models import Relative

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def _sent_inquiry(cast: Cast) -> Inquiry:
    inquiry = Inquiry.objects.create(case=cast.case, recipient="Rep. Marisol Quintero")
    waiver = Waiver.objects.create(
        case=cast.case,
        recipient="Rep. Marisol Quintero",
        form="dhs-60-001",
        signed_on=timezone.localdate() - datetime.timedelta(days=2),
        signed_by="client",
    )
    Inquiry.objects.filter(pk=inquiry.pk).update(
        waiver=waiver, sent_at=timezone.now() - datetime.timedelta(days=1), channel="email"
    )
    inquiry.refresh_from_db()
    return inquiry


def _ago(**delta: int) -> str:
    return (timezone.now() - datetime.timedelta(**delta)).isoformat()


def test_an_advocate_logs_a_follow_up_through_the_api_and_it_is_listed(cast: Cast) -> None:
    inquiry = _sent_inquiry(cast)
    client = api_client_for(cast.advocate)
    url = f"/api/v1/inquiries/{inquiry.id}/follow-ups"
    created = client.post(url, {"at": _ago(hours=2), "note": "Called R. Diaz."}, "application/json")
    assert created.status_code == 201, created.content
    assert [f["note"] for f in created.json()["follow_ups"]] == ["Called R. Diaz."]
    listed = client.get(f"/api/v1/cases/{cast.case.id}/inquiries").json()["items"]
    assert listed[0]["follow_ups"][0]["note"] == "Called R. Diaz."
    assert AuditEvent.objects.filter(action="inquiry.follow_up", case_id=cast.case.id).exists()
    early = client.post(url, {"at": _ago(days=3), "note": "Too early."}, "application/json")
    assert early.status_code == 422 and "at" in early.json()["error"]["fields"]
    assert FollowUp.objects.count() == 1


def test_a_follow_up_is_refused_to_read_only_members_and_hidden_from_outsiders(
    cast: Cast,
) -> None:
    inquiry = _sent_inquiry(cast)
    body = {"at": _ago(hours=2), "note": "Called."}
    url = f"/api/v1/inquiries/{inquiry.id}/follow-ups"
    assert api_client_for(cast.read_only).post(url, body, "application/json").status_code == 404
    assert api_client_for(cast.outsider).post(url, body, "application/json").status_code == 404
    assert not FollowUp.objects.exists()


def test_an_unsent_inquiry_cannot_be_followed_up(cast: Cast) -> None:
    inquiry = Inquiry.objects.create(case=cast.case, recipient="Rep. X")
    response = api_client_for(cast.advocate).post(
        f"/api/v1/inquiries/{inquiry.id}/follow-ups",
        {"at": _ago(hours=1), "note": "Called."},
        "application/json",
    )
    assert response.status_code == 422 and "at" in response.json()["error"]["fields"]


def test_a_follow_up_through_the_case_page_keeps_what_was_typed_on_error(cast: Cast) -> None:
    inquiry = _sent_inquiry(cast)
    client = Client()
    client.force_login(cast.advocate)
    url = f"/inquiries/{inquiry.id}/follow-ups/"
    at = timezone.localtime(timezone.now() - datetime.timedelta(hours=3))
    ok = client.post(
        url, {"at": at.strftime("%Y-%m-%dT%H:%M"), "note": "Left a voicemail."}, HTTP_HX_REQUEST="1"
    )
    assert ok.status_code == 200
    page = ok.content.decode()
    assert "Left a voicemail." in page and "Log a follow-up" in page
    bad = client.post(url, {"at": "", "note": "Called twice, " + "x" * 501}, HTTP_HX_REQUEST="1")
    assert bad.status_code == 200  # the panel comes back with the error (htmx swaps it)
    assert FollowUp.objects.count() == 1
    html = bad.content.decode()
    form = html[html.index(f'hx-post="{url}"') :]
    form = form[: form.index("</form>")]
    assert "Called twice, xxx" in form  # what was typed is kept
    assert 'class="field-error"' in form  # and the errors sit beside their fields
    assert form.index('name="note"') < form.rindex('class="field-error"')


def test_a_refused_follow_up_comes_back_only_on_the_inquiry_it_was_for(cast: Cast) -> None:
    first = _sent_inquiry(cast)
    second = _sent_inquiry(cast)
    client = Client()
    client.force_login(cast.advocate)
    bad = client.post(
        f"/inquiries/{first.id}/follow-ups/",
        {"at": "", "note": "Typed for the first office."},
        HTTP_HX_REQUEST="1",
    )
    html = bad.content.decode()
    assert html.count("Typed for the first office.") == 1
    other = html[html.index(f'hx-post="/inquiries/{second.id}/follow-ups/"') :]
    other = other[: other.index("</form>")]
    assert 'class="field-error"' not in other


def _arrest(cast: Cast) -> Arrest:
    return Arrest.objects.create(
        case=cast.case,
        arrested_at=timezone.now() - datetime.timedelta(days=3),
        agency="ice",
        place="Outside the courthouse, New Orleans",
    )


def _statement(**extra: Any) -> dict[str, Any]:
    return {
        "author_kind": "family",
        "author": "Ana Herrera",
        "kind": "interview",
        "said_at": _ago(hours=1),
        "text": "We want him home.",
        "publicity_consent": True,
        **extra,
    }


def test_a_statement_names_the_case_events_it_answers_through_the_api(cast: Cast) -> None:
    arrest = _arrest(cast)
    client = api_client_for(cast.advocate)
    url = f"/api/v1/cases/{cast.case.id}/statements"
    answers = [{"kind": "arrest", "id": str(arrest.id)}]
    created = client.post(url, _statement(answers=answers), "application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert [(a["kind"], a["id"]) for a in body["answers"]] == [("arrest", str(arrest.id))]
    assert "Outside the courthouse" in body["answers"][0]["label"]
    other = Arrest.objects.create(
        case=cast.outsider_case, arrested_at=timezone.now(), agency="ice", place="Elsewhere"
    )
    foreign = client.patch(
        f"/api/v1/statements/{body['id']}",
        {"answers": [{"kind": "arrest", "id": str(other.id)}]},
        "application/json",
    )
    assert foreign.status_code == 422 and "answers" in foreign.json()["error"]["fields"]
    cleared = client.patch(f"/api/v1/statements/{body['id']}", {"answers": []}, "application/json")
    assert cleared.status_code == 200 and cleared.json()["answers"] == []
    assert Statement.objects.get(id=body["id"]).answers == []


def test_the_statement_form_offers_the_case_events_and_shows_what_it_answers(cast: Cast) -> None:
    arrest = _arrest(cast)
    client = Client()
    client.force_login(cast.advocate)
    panel = client.get(f"/cases/{cast.case.id}/advocacy/").content.decode()
    assert f'value="arrest:{arrest.id}"' in panel
    response = client.post(
        f"/cases/{cast.case.id}/advocacy/statements/",
        statement_form(text="He was taken at the courthouse.", answers=[f"arrest:{arrest.id}"]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Statement.objects.get(case=cast.case).answers == [
        {"kind": "arrest", "id": str(arrest.id)}
    ]
    assert "Answers: Arrest: Outside the courthouse, New Orleans" in response.content.decode()


def test_the_public_page_shows_only_the_kind_and_date_of_an_answered_event(cast: Cast) -> None:
    arrest = _arrest(cast)
    api_client_for(cast.advocate).post(
        f"/api/v1/cases/{cast.case.id}/statements",
        _statement(answers=[{"kind": "arrest", "id": str(arrest.id)}]),
        "application/json",
    )
    publication = publication_create(
        actor=cast.advocate,
        case=cast.case,
        name_as_consented="Joaquín H.",
        consent_on=timezone.localdate(),
    )
    page = Client().get(f"/public/{publication.slug}/").content.decode()
    assert "We want him home." in page and "In answer to: the arrest (" in page
    assert "Outside the courthouse" not in page


def test_an_address_gives_its_zip_code_and_state() -> None:
    assert address_zip_state("12 Elm St\nPaterson, NJ 07505-1234") == ("07505", "NJ")
    assert address_zip_state("Apt 2, 70112") == ("70112", "")
    assert address_zip_state("Calle 5, Tegucigalpa") == ("", "")


def test_the_member_search_prefills_from_the_family_address_and_finds_by_district(
    cast: Cast,
) -> None:
    congress_import(path=DATA / "legislators-current.yaml")
    Relative.objects.create(
        person=cast.case.person,
        full_name="Ana Herrera",
        relationship="spouse",
        address="12 Elm St, Paterson, NJ 07505",
    )
    client = Client()
    client.force_login(cast.attorney)
    panel = client.get(f"/cases/{cast.case.id}/advocacy/").content.decode()
    assert 'value="07505"' in panel and "ZIP Code 07505" in panel
    assert "Members of Congress for NJ" in panel and "Joan Lindgren" in panel
    assert "Roy Boudreaux" not in panel  # no member of another state
    found = client.get(
        f"/cases/{cast.case.id}/advocacy/members/",
        {"field": "office", "state": "nj", "district": "9"},
    ).content.decode()
    assert 'name="office"' in found
    assert "Joan Lindgren" in found and "Marisol Quintero" in found
    assert "the representative for district 9" in found
    advocate = Client()
    advocate.force_login(cast.advocate)  # advocacy staff do not see the family's address
    panel = advocate.get(f"/cases/{cast.case.id}/advocacy/").content.decode()
    assert "07505" not in panel and "Give a ZIP Code" in panel
    outsider = Client()
    outsider.force_login(cast.outsider)
    assert outsider.get(f"/cases/{cast.case.id}/advocacy/members/").status_code == 404
