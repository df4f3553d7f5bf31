"""Custody API: facility search, placements with the transfer alert, and the case's venue."""

from __future__ import annotations

import pytest

from amparo.conftest import Cast, api_client_for
from amparo.custody.models import Facility

pytestmark = pytest.mark.django_db


def test_facility_search_is_forgiving_best_match_first(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    for query in ("Jena", "central lousiana", "LaSalle"):
        items = client.get("/api/v1/facilities", {"q": query}).json()["items"]
        assert "CENTRAL LOUISIANA" in items[0]["name"], query


def test_facility_detail_carries_its_venue(cast: Cast) -> None:
    found = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    body = api_client_for(cast.attorney).get(f"/api/v1/facilities/{found.id}").json()
    assert body["field_office"]["code"] == "NOL"
    assert body["venue"]["district_court"]["id"] == "lawd"


def test_transfer_through_the_api_reports_the_alert_and_new_venue(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    newark = Facility.objects.get(name__icontains="DELANEY HALL")
    jena = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    first = client.post(
        f"/api/v1/cases/{cast.case.id}/placements",
        {
            "facility_id": str(newark.id),
            "started_at": "2025-03-01T10:00:00-05:00",
            "source": "agency-notice",
        },
        content_type="application/json",
    )
    assert first.status_code == 201, first.content
    assert first.json()["alert"] is None
    second = client.post(
        f"/api/v1/cases/{cast.case.id}/placements",
        {
            "facility_id": str(jena.id),
            "started_at": "2025-03-05T03:15:00-06:00",
            "source": "locator",
        },
        content_type="application/json",
    )
    assert second.status_code == 201
    assert "D.N.J. → W.D. La." in second.json()["alert"]
    venue = client.get(f"/api/v1/cases/{cast.case.id}/venue").json()
    assert venue["district_court"]["id"] == "lawd"
    assert venue["circuit"] == "5th"
    assert venue["field_office"]["code"] == "NOL"


def test_placement_refuses_unknown_source_and_writes_nothing(cast: Cast) -> None:
    jena = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    response = api_client_for(cast.attorney).post(
        f"/api/v1/cases/{cast.case.id}/placements",
        {
            "facility_id": str(jena.id),
            "started_at": "2025-03-05T03:15:00-06:00",
            "source": "rumour",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "source" in response.json()["error"]["fields"]
    assert not cast.case.placements.exists()


def test_venue_of_a_case_with_no_placement_is_empty_not_an_error(cast: Cast) -> None:
    body = api_client_for(cast.attorney).get(f"/api/v1/cases/{cast.case.id}/venue").json()
    assert body["district_court"] is None and body["notes"]


def test_outsider_cannot_place_or_read_venue(cast: Cast) -> None:
    jena = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    client = api_client_for(cast.outsider)
    assert client.get(f"/api/v1/cases/{cast.case.id}/venue").status_code == 404
    response = client.post(
        f"/api/v1/cases/{cast.case.id}/placements",
        {
            "facility_id": str(jena.id),
            "started_at": "2025-03-05T03:15:00-06:00",
            "source": "locator",
        },
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_venues_notes_read_in_the_requesters_language_names_as_filed(cast: Cast) -> None:
    found = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    client = api_client_for(cast.attorney)
    english = client.get(f"/api/v1/facilities/{found.id}").json()["venue"]
    spanish = client.get(
        f"/api/v1/facilities/{found.id}", headers={"accept-language": "es"}
    ).json()["venue"]
    assert set(spanish) == set(english)
    assert spanish["district_court"] == english["district_court"]
    assert spanish["respondents"] == english["respondents"]  # the caption stays English
    assert english["notes"][0].startswith("Immediate custodian: Warden")
    assert spanish["notes"][0].startswith("Custodio inmediato: Warden")
    assert any("Padilla" in note for note in spanish["notes"])
    empty = client.get(
        f"/api/v1/cases/{cast.case.id}/venue", headers={"accept-language": "es"}
    ).json()
    assert empty["notes"] == ["No consta ningún centro de detención actual para este cliente."]
