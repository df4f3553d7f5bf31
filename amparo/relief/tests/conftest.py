"""The story's case for the relief tests: a lawful permanent resident held at the Central
Louisiana ICE Processing Center in Jena, LA (New Orleans field office, W.D. La.)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from amparo.cases.models import Case
from amparo.conftest import Cast
from amparo.custody.models import Facility, Placement
from amparo.factories import PlacementFactory

NEW_ORLEANS = zoneinfo.ZoneInfo("America/Chicago")
# Sunday 2025-03-09, the day US daylight time began: 17:12 CDT is 22:12 UTC.
SENT = "2025-03-09T17:12:00-05:00"
DENIED = "2025-03-09T17:41:00-05:00"
MONDAY_MORNING = datetime.datetime(2025, 3, 10, 9, 0, tzinfo=NEW_ORLEANS)
DUE_DATE = datetime.date(2025, 3, 18)


def jena() -> Facility:
    return Facility.objects.select_related("field_office").get(
        name__icontains="CENTRAL LOUISIANA", state="LA"
    )


@pytest.fixture
def story(cast: Cast) -> Case:
    """Cast's case, its client held in Jena since March 1, 2025."""
    PlacementFactory(
        case=cast.case,
        facility=jena(),
        started_at=datetime.datetime(2025, 3, 1, 3, 15, tzinfo=NEW_ORLEANS),
        observed_at=datetime.datetime(2025, 3, 2, 9, 0, tzinfo=NEW_ORLEANS),
        source=Placement.Source.LOCATOR,
    )
    return cast.case
