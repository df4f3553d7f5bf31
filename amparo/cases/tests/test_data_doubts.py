"""Doubts about data: the organisation admin's page (and its API) lists what the reference data
behind open cases leaves uncertain, in plain words, with a link to each; other roles get 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.cases.services import case_update
from amparo.conftest import Cast, api_client_for, signed_in
from amparo.custody.models import Facility
from amparo.factories import FacilityFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def _held_at(cast: Cast, facility: Facility) -> None:
    PlacementFactory(
        case=cast.case, facility=facility, started_at=timezone.now() - datetime.timedelta(days=2)
    )


def test_a_facility_with_no_known_county_or_operator_is_explained_with_its_clients(
    cast: Cast,
) -> None:
    # Texas has four districts: without the county the venue cannot be settled.
    facility = FacilityFactory(name="Nowhere Road Holding", city="Nowhere", state="TX")
    _held_at(cast, facility)
    page = signed_in(cast.admin).get(reverse("cases:data-doubts"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nowhere Road Holding" in body
    assert "No federal district court found" in body
    assert "Who runs the facility is not recorded" in body
    assert reverse("custody:facility-detail", args=[facility.id]) in body
    assert reverse("cases:detail", args=[cast.case.id]) in body
    assert "UNVERIFIED" not in body


def test_a_ruling_whose_date_could_not_be_confirmed_is_listed_for_the_case(cast: Cast) -> None:
    """Cunha v. Freden (2d Cir. 2026) is stored without a confirmed date
    (relief.rules.detention.RULINGS); a client held in New York under 235(b)(2)(A) relies on it."""
    facility = FacilityFactory(
        name="Orange County Jail",
        city="Goshen",
        state="NY",
        county="Orange",
        county_fips="36071",
        facility_type="IGSA",
    )
    _held_at(cast, facility)
    case_update(
        actor=cast.attorney,
        case=cast.case,
        expected_version=cast.case.version,
        detention_basis="235b2a-ewi",
    )
    answer = api_client_for(cast.admin).get("/api/v1/data-doubts")
    assert answer.status_code == 200, answer.content
    rulings = [d for d in answer.json()["items"] if d["case_id"] == str(cast.case.id)]
    assert rulings and "Cunha v. Freden" in rulings[0]["explanation"]


def test_nothing_in_doubt_says_so(cast: Cast) -> None:
    body = signed_in(cast.admin).get(reverse("cases:data-doubts")).content.decode()
    assert "No doubts about the data behind your open cases." in body


def test_only_the_admin_sees_the_doubts(cast: Cast) -> None:
    for user in (cast.attorney, cast.paralegal, cast.read_only, cast.outsider):
        assert signed_in(user).get(reverse("cases:data-doubts")).status_code == 404
        assert api_client_for(user).get("/api/v1/data-doubts").status_code == 404


def test_the_operator_lists_the_doubts_from_the_command_line(cast: Cast) -> None:
    import io

    from django.core.management import call_command

    facility = FacilityFactory(name="Nowhere Road Holding", city="Nowhere", state="TX")
    _held_at(cast, facility)
    out = io.StringIO()
    call_command("org", "doubts", cast.organisation.slug, stdout=out)
    assert "Nowhere Road Holding: No federal district court found" in out.getvalue()
