"""Court cases through the API: a habeas draft takes court and respondents from the venue,
filing records the docket and the venue snapshot, and an order to show cause creates the return
and hearing deadlines (28 U.S.C. § 2243)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from amparo.conftest import Cast, api_client_for
from amparo.deadlines.models import Deadline

pytestmark = pytest.mark.django_db


def draft_petition(client: Client, cast: Cast) -> dict[str, Any]:
    """A § 2241 petition drafted from the venue of the standing case, through the API."""
    response = client.post(
        f"/api/v1/cases/{cast.case.id}/court-cases",
        {"kind": "habeas-2241"},
        content_type="application/json",
    )
    return dict(response.json())


def _show_cause_ordered(cast: Cast, **terms: str) -> Any:
    """An order to show cause issued and served Thursday 2025-03-06 on a petition drafted now."""
    client = api_client_for(cast.attorney)
    draft = draft_petition(client, cast)
    return client.post(
        f"/api/v1/court-cases/{draft['id']}/orders",
        {
            "kind": "order-to-show-cause",
            "issued_at": "2025-03-06T09:00:00-06:00",
            "served_on": "2025-03-06",
            **terms,
        },
        content_type="application/json",
    )


def test_habeas_draft_takes_court_and_respondents_from_the_venue(held_in_jena: Cast) -> None:
    client = api_client_for(held_in_jena.attorney)
    response = client.post(
        f"/api/v1/cases/{held_in_jena.case.id}/court-cases",
        {"kind": "habeas-2241"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["court"]["id"] == "lawd"
    assert body["status"] == "draft"
    assert body["respondents"][0]["role"] == "immediate-custodian"
    listed = client.get(f"/api/v1/cases/{held_in_jena.case.id}/court-cases").json()["items"]
    assert [c["id"] for c in listed] == [body["id"]]


def test_filing_validates_the_docket_number_and_snapshots_venue(held_in_jena: Cast) -> None:
    client = api_client_for(held_in_jena.attorney)
    draft = draft_petition(client, held_in_jena)
    bad = client.post(
        f"/api/v1/court-cases/{draft['id']}/file",
        {"docket_number": "25-cv-1963", "filed_at": "2025-03-03T10:00:00-06:00"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "docket_number" in bad.json()["error"]["fields"]
    good = client.post(
        f"/api/v1/court-cases/{draft['id']}/file",
        {"docket_number": "1:25-cv-00412-DCJ", "filed_at": "2025-03-03T10:00:00-06:00"},
        content_type="application/json",
    )
    assert good.status_code == 200, good.content
    assert good.json()["status"] == "filed"
    assert good.json()["venue_snapshot"]["district_court"]["id"] == "lawd"


def test_order_to_show_cause_creates_return_and_hearing_deadlines(held_in_jena: Cast) -> None:
    """OSC served Thursday 2025-03-06: return in 3 days → Sunday 03-09 rolls to Monday 03-10
    (FRCP 6(a)(1)(C)); hearing 5 days after the return → Saturday 03-15 rolls to Monday 03-17."""
    response = _show_cause_ordered(held_in_jena)
    assert response.status_code == 201, response.content
    deadlines = {d["rule"]: d for d in response.json()["deadlines"]}
    assert deadlines["habeas-return"]["due_on"] == "2025-03-10"
    assert deadlines["habeas-hearing"]["due_on"] == "2025-03-17"
    assert Deadline.objects.filter(case=held_in_jena.case).count() == 2


def test_court_set_return_date_overrides_and_both_are_kept(held_in_jena: Cast) -> None:
    response = _show_cause_ordered(held_in_jena, return_due_on="2025-03-20").json()
    returned = next(d for d in response["deadlines"] if d["rule"] == "habeas-return")
    assert returned["due_on"] == "2025-03-20"
    assert returned["computed_on"] == "2025-03-10"
    assert returned["court_set"] is True


def test_outsider_and_read_only_cannot_touch_court_cases(held_in_jena: Cast) -> None:
    for user in (held_in_jena.outsider, held_in_jena.read_only):
        response = api_client_for(user).post(
            f"/api/v1/cases/{held_in_jena.case.id}/court-cases",
            {"kind": "habeas-2241"},
            content_type="application/json",
        )
        assert response.status_code == 404
    assert (
        api_client_for(held_in_jena.outsider)
        .get(f"/api/v1/cases/{held_in_jena.case.id}/court-cases")
        .status_code
        == 404
    )
