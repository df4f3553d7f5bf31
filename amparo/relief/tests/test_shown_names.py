"""Built-in request types and document templates are shown in the reader's language; a type an
organisation added keeps the name it was typed with, and the API keeps the stored name."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from amparo.conftest import Cast, api_client_for
from amparo.documents.builtin import TEMPLATES
from amparo.relief.models import Request, RequestType
from amparo.relief.services import decision_record, request_create, request_submit

NOW = datetime.datetime(2026, 3, 10, 15, tzinfo=datetime.UTC)


def _sent(cast: Cast, slug: str) -> Request:
    request = request_create(actor=cast.attorney, case=cast.case, request_type=slug, reason="x")
    return request_submit(
        actor=cast.attorney,
        request=request,
        submitted_at=NOW - datetime.timedelta(days=5),
        channel="email",
    )


def _denied(cast: Cast) -> None:
    """A parole request sent five days ago and denied, without reasons, two hours later."""
    decision_record(
        actor=cast.attorney,
        request=_sent(cast, "humanitarian-parole"),
        decided_at=NOW - datetime.timedelta(days=4, hours=22),
        outcome="denied",
        reasons_given=False,
    )


def _page(cast: Cast, path: str, language: str = "es", htmx: bool = False) -> str:
    client = Client()
    client.force_login(cast.attorney)
    headers = {"accept-language": language, **({"hx-request": "true"} if htmx else {})}
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_built_in_type_reads_in_spanish_on_the_case_and_home_pages(cast: Cast) -> None:
    RequestType.objects.create(
        slug="dental-care", name="Dental care at Krome", decided_by="facility"
    )
    with time_machine.travel(NOW, tick=False):
        _sent(cast, "humanitarian-parole")
        _sent(cast, "dental-care")
        panel = _page(cast, f"/cases/{cast.case.id}/requests/", htmx=True)
        home = _page(cast, "/")
        english = _page(cast, f"/cases/{cast.case.id}/requests/", language="en", htmx=True)
    for html in (panel, home):
        assert "Parole humanitario" in html
        assert "Humanitarian parole" not in html
        assert "Dental care at Krome" in html  # the organisation's own type, as typed
    assert "Humanitarian parole" in english


@pytest.mark.django_db
def test_a_next_step_after_a_denial_names_the_type_in_spanish(cast: Cast) -> None:
    with time_machine.travel(NOW, tick=False):
        _denied(cast)
        panel = _page(cast, f"/cases/{cast.case.id}/requests/", htmx=True)
        case_page = _page(cast, f"/cases/{cast.case.id}/")
    assert "tras: Parole humanitario" in panel
    assert "Humanitarian parole" not in panel
    assert "Humanitarian parole" not in case_page


@pytest.mark.django_db
def test_the_shown_name_falls_back_to_the_stored_name_and_the_api_keeps_it(cast: Cast) -> None:
    parole = RequestType.objects.get(slug="humanitarian-parole")
    own = RequestType(slug="dental-care", name="Dental care at Krome")
    with translation.override("ar"):
        assert parole.shown_name == "الإفراج المشروط لأسباب إنسانية (parole)"
        assert own.shown_name == "Dental care at Krome"
    with translation.override("es"):
        assert TEMPLATES["habeas-petition"].shown_title.startswith("Petición de hábeas corpus")
        assert TEMPLATES["habeas-petition"].title.startswith("Petition for a writ")
    with time_machine.travel(NOW, tick=False):
        _sent(cast, "humanitarian-parole")
        body = (
            api_client_for(cast.attorney)
            .get(f"/api/v1/cases/{cast.case.id}/requests", headers={"accept-language": "es"})
            .json()
        )
    assert "Humanitarian parole" in str(body)


@pytest.mark.django_db
def test_the_templates_page_names_the_built_in_templates_in_spanish(cast: Cast) -> None:
    html = _page(cast, "/documents/templates/")
    assert "Solicitud urgente de parole humanitario" in html
    assert "Emergency humanitarian parole request" not in html


@pytest.mark.django_db
def test_the_reports_name_the_type_in_spanish_and_the_export_keeps_the_stored_name(
    cast: Cast,
) -> None:
    with time_machine.travel(NOW, tick=False):
        _denied(cast)
        since = "?since=2026-01-01&until=2026-03-31"
        for path in ("/reports/agency-answers/", "/reports/turnaround/", "/reports/outcomes/"):
            html = _page(cast, path + since)
            assert "Parole humanitario" in html, path
            assert "Humanitarian parole" not in html, path
        client = Client()
        client.force_login(cast.attorney)
        csv_body = client.get(
            "/reports/agency-answers/?format=csv", headers={"accept-language": "es"}
        ).content.decode()
    assert "Humanitarian parole" in csv_body
