"""The venue's warnings and dates reach the user: `amparo venue` (text and JSON), the API, the
facility and case pages, the habeas draft's context, and a filed petition's venue snapshot."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from amparo.conftest import Cast, api_client_for
from amparo.custody.models import Facility
from amparo.custody.services import placement_record

pytestmark = pytest.mark.django_db

EVERGLADES = "FLORIDA SOFT-SIDED FACILITY"


def _run(*args: str) -> str:
    out = StringIO()
    call_command("venue", *args, stdout=out)
    return out.getvalue()


def _hold(cast: Cast, name: str, started: datetime.datetime | None = None) -> Facility:
    facility = Facility.objects.get(name=name)
    placement_record(
        actor=cast.attorney,
        case=cast.case,
        facility=facility,
        started_at=started or timezone.now() - datetime.timedelta(days=3),
        source="locator",
    )
    return facility


def test_amparo_venue_warns_about_the_everglades_site() -> None:
    text = _run("Alligator Alcatraz")
    first = text.splitlines()[0]
    assert first.startswith("WARNING: ") and "Miami-Dade County (S.D. Fla.)" in first
    assert "M.D. Fla." in text
    data = json.loads(_run("Alligator Alcatraz", "--json"))
    assert data["district_court"]["id"] == "flmd"
    assert any("Collier County (M.D. Fla.)" in w for w in data["warnings"])


def test_the_reference_load_keeps_the_site_note() -> None:
    facility = Facility.objects.get(name=EVERGLADES)
    assert "Miami-Dade" in facility.site_note
    assert Facility.objects.exclude(county_note="").exists()


def test_amparo_venue_on_a_date_gives_that_day_s_division() -> None:
    """28 U.S.C. § 81(a): Etowah County was in the Middle Division until Pub. L. 118-179."""
    before = json.loads(_run("ETOWAH COUNTY JAIL", "--on", "2024-12-01", "--json"))
    after = json.loads(_run("ETOWAH COUNTY JAIL", "--on", "2025-01-10", "--json"))
    assert before["district_court"]["division"] == "Middle Division"
    assert after["district_court"]["division"] == "Eastern Division"
    assert before["on"] == "2024-12-01"
    county = json.loads(_run("--state", "AL", "--county", "Walker", "--on", "2024-12-22", "--json"))
    assert county["district_court"]["division"] == "Jasper Division"
    assert "(local rule)" in _run("Farmville Detention Center")


def test_api_and_pages_carry_the_warning(cast: Cast) -> None:
    facility = _hold(cast, EVERGLADES)
    api = api_client_for(cast.attorney)
    body = api.get(f"/api/v1/cases/{cast.case.id}/venue").json()
    assert any("Miami-Dade" in w for w in body["warnings"])
    detail = api.get(f"/api/v1/facilities/{facility.id}").json()
    assert detail["venue"]["warnings"] == body["warnings"]
    dated = api.get(f"/api/v1/cases/{cast.case.id}/venue", {"on": "2024-12-01"}).json()
    assert dated["on"] == "2024-12-01"
    assert api.get(f"/api/v1/cases/{cast.case.id}/venue", {"on": "soon"}).status_code == 422
    client = Client()
    client.force_login(cast.attorney)
    page = client.get(f"/facilities/{facility.id}/").content.decode()
    assert "Check the venue before filing" in page and "Miami-Dade" in page
    panel = client.get(f"/cases/{cast.case.id}/custody/", HTTP_HX_REQUEST="true")
    assert "Miami-Dade" in panel.content.decode()


def test_the_habeas_draft_context_carries_the_warning(cast: Cast) -> None:
    from amparo.documents.context import case_context

    _hold(cast, EVERGLADES)
    context = case_context(cast.case, actor=cast.attorney)
    assert any("Miami-Dade" in w for w in context["venue"]["warnings"])


def test_a_filed_petition_keeps_the_division_of_its_filing_day(cast: Cast) -> None:
    """Jurisdiction attaches at filing; the snapshot records the division in force that day."""
    from amparo.courts.services import court_case_file, habeas_draft_from_venue

    _hold(cast, "ETOWAH COUNTY JAIL", timezone.now() - datetime.timedelta(days=800))
    zone = datetime.timezone(datetime.timedelta(hours=-6))
    old = habeas_draft_from_venue(actor=cast.attorney, case=cast.case)
    court_case_file(
        actor=cast.attorney,
        court_case=old,
        docket_number="4:24-cv-01001",
        filed_at=datetime.datetime(2024, 12, 20, 9, 0, tzinfo=zone),
    )
    new = habeas_draft_from_venue(actor=cast.attorney, case=cast.case)
    court_case_file(
        actor=cast.attorney,
        court_case=new,
        docket_number="4:25-cv-00002",
        filed_at=datetime.datetime(2025, 1, 6, 9, 0, tzinfo=zone),
    )
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.venue_snapshot is not None and new.venue_snapshot is not None
    assert old.venue_snapshot["district_court"]["division"] == "Middle Division"
    assert new.venue_snapshot["district_court"]["division"] == "Eastern Division"
