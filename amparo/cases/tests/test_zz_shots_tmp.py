import datetime

import pytest
from django.utils import timezone

from amparo.cases.services import hearing_schedule
from amparo.cases.tests.browser import browser_context
from amparo.courts.models import Court
from amparo.factories import FacilityFactory, PlacementFactory


@pytest.mark.django_db(transaction=True)
def test_shots(live_server, cast):
    cast.admin.set_password("pw-for-shots-123")
    cast.admin.save()
    facility = FacilityFactory(name="Nowhere Road Holding", city="Nowhere", state="TX")
    PlacementFactory(
        case=cast.case, facility=facility, started_at=timezone.now() - datetime.timedelta(days=2)
    )
    hearing_schedule(
        actor=cast.attorney,
        case=cast.case,
        kind="bond",
        scheduled_at=timezone.now() + datetime.timedelta(days=5),
        immigration_court=Court.objects.get(code="ELP"),
    )
    for width in (1280, 390):
        with browser_context(width) as page:
            page.goto(live_server.url + "/accounts/login/")
            page.fill("input[name=login]", cast.admin.email)
            page.fill("input[name=password]", "pw-for-shots-123")
            page.click("button[type=submit]")
            page.wait_for_url(live_server.url + "/")
            for path, name in (
                (f"/cases/{cast.case.id}/client/", "client"),
                ("/organisation/settings/", "settings"),
                ("/cases/data-doubts/", "doubts"),
            ):
                page.goto(live_server.url + path)
                page.screenshot(path=f"/tmp/ws-{name}-{width}.png", full_page=True)
            page.goto(live_server.url + f"/cases/{cast.case.id}/#court")
            page.wait_for_selector("#hearings-panel table")
            page.locator("#hearings-panel").screenshot(path=f"/tmp/ws-hearings-{width}.png")
