"""The campaign page labels each detention row from what the report says of it (held or
released), not by restating the report's group names."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.conftest import Cast, signed_in
from amparo.custody.models import Facility, Placement
from amparo.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_the_campaign_page_says_which_clients_are_still_held_and_which_released(
    cast: Cast,
) -> None:
    now, facility = timezone.now(), Facility.objects.order_by("name")[0]
    released = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    for case, start, end in (
        (released, now - 9 * DAY, now - 4 * DAY),
        (cast.case, now - 3 * DAY, None),
    ):
        case.campaign = "Free Ana"
        case.save(update_fields=["campaign"])
        Placement.objects.create(
            case=case, facility=facility, started_at=start, ended_at=end, source="locator",
            observed_at=start,
        )  # fmt: skip
    page = signed_in(cast.attorney).get(reverse("advocacy:campaign"), {"name": "Free Ana"})
    rows = re.findall(
        r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', page.content.decode()
    )
    detention = [row for row in rows if row[0] in {"released", "still held"}]  # not the facilities
    assert sorted(detention) == [("released", "1"), ("still held", "1")]
