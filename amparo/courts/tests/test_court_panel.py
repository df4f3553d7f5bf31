"""The court panel of the case page: draft from the venue, record filing and an order; form
errors come back inside the panel."""

from __future__ import annotations

import pytest
from django.test import Client

from amparo.conftest import Cast
from amparo.courts.models import CourtCase
from amparo.deadlines.models import Deadline

pytestmark = pytest.mark.django_db


def test_draft_file_and_order_through_the_panel(held_in_jena: Cast) -> None:
    cast = held_in_jena
    client = Client(HTTP_HX_REQUEST="true")
    client.force_login(cast.paralegal)
    panel = client.post(f"/cases/{cast.case.id}/court/draft/", {"kind": "habeas-2241"})
    assert panel.status_code == 200
    assert "Western District of Louisiana" in panel.content.decode()
    petition = CourtCase.objects.get(case=cast.case)

    bad = client.post(
        f"/court-cases/{petition.id}/file/",
        {"docket_number": "cv-1963", "filed_at": "2025-03-03T10:00"},
    )
    assert bad.status_code == 200  # htmx swaps only 2xx: the error shows in the panel
    assert "docket_number" in bad.content.decode()
    petition.refresh_from_db()
    assert petition.status == "draft"

    client.post(
        f"/court-cases/{petition.id}/file/",
        {"docket_number": "1:25-cv-00412", "filed_at": "2025-03-03T10:00"},
    )
    petition.refresh_from_db()
    assert petition.status == "filed" and petition.docket_number == "1:25-cv-00412"

    panel = client.post(
        f"/court-cases/{petition.id}/orders/",
        {"kind": "order-to-show-cause", "issued_at": "2025-03-06T09:00", "served_on": "2025-03-06"},
    )
    assert {d.rule for d in Deadline.objects.filter(case=cast.case)} == {
        "habeas-return",
        "habeas-hearing",
    }
    assert "Mon 2025-03-10" in panel.content.decode()


def test_draft_without_a_known_facility_explains_itself(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    response = client.post(f"/cases/{cast.case.id}/court/draft/", {"kind": "habeas-2241"})
    assert response.status_code == 422
    assert "current facility is unknown" in response.content.decode()
    assert not CourtCase.objects.filter(case=cast.case).exists()
