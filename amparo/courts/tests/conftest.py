"""The court tests' client is held in Jena, Louisiana (Western District of Louisiana), since
1 March 2025: the venue a habeas petition is drafted from."""

from __future__ import annotations

import datetime

import pytest

from amparo.conftest import Cast
from amparo.custody.models import Facility
from amparo.custody.services import placement_record


@pytest.fixture
def held_in_jena(cast: Cast) -> Cast:
    placement_record(
        actor=cast.attorney,
        case=cast.case,
        facility=Facility.objects.get(name__icontains="CENTRAL LOUISIANA"),
        started_at=datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC),
        source="locator",
    )
    return cast
