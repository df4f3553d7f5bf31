"""The case list: client, A-number as the role may see it, where held, days detained; a fixed
number of queries however many cases."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from amparo.conftest import Cast
from amparo.custody.models import Facility
from amparo.custody.services import placement_record
from amparo.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _held(cast: Cast, count: int) -> None:
    jena = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    for _ in range(count):
        case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
        placement_record(
            actor=cast.attorney,
            case=case,
            facility=jena,
            source="locator",
            started_at=timezone.now() - datetime.timedelta(days=12, hours=1),
        )


def test_list_shows_days_detained_and_masks_for_advocates(cast: Cast) -> None:
    _held(cast, 1)
    client = Client()
    client.force_login(cast.attorney)
    page = client.get("/cases/").content.decode()
    assert "CENTRAL LOUISIANA ICE PROCESSING CENTER" in page
    assert '<td data-label="Days" class="num">12</td>' in page
    assert "A012-345-678" in page
    client.force_login(cast.advocate)
    advocate_page = client.get("/cases/").content.decode()
    assert "A012-345-678" not in advocate_page and "A•••-•••-678" in advocate_page


def test_list_query_count_does_not_grow_with_cases(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    _held(cast, 3)
    client = Client()
    client.force_login(cast.attorney)
    client.get("/cases/")  # warm the session
    _held(cast, 12)
    # Session and user, the page of cases, and the case facts of its rows (cases/facts.py).
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get("/cases/").status_code == 200
