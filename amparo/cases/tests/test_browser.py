"""In a real browser (Debian's Chromium, driven by Playwright): a paralegal signs in, opens the
story case, records the transfer with the htmx form and sees the venue alert appear."""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from amparo.cases.tests.browser import close_playwright_connections, rows_the_migrations_load
from amparo.custody.reference import reference_load
from amparo.sampledata.demo import DEMO_PASSWORD, demo_load

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.django_db(transaction=True)]

if not shutil.which(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(
            f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)"
        )
    pytest.skip(f"{CHROMIUM} not installed; browser tests skipped", allow_module_level=True)


@pytest.fixture
def browser_page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django refuses ORM calls from async contexts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        try:
            yield page
        finally:
            close_playwright_connections()
            browser.close()


def test_paralegal_records_a_transfer_and_sees_the_alert(
    live_server: Any, browser_page: Any
) -> None:
    rows_the_migrations_load()
    reference_load()
    story = demo_load(generated_cases=0).story_case
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "paralegal@amparo.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/cases/{story.id}/")
    assert "29 minutes after submission; no reasons given" in page.content()
    assert "Western District of Louisiana" in page.inner_text("#custody-panel")

    page.click("text=Record a transfer")
    page.wait_for_selector("form.transfer")
    page.fill("form.transfer input[name=facility_query]", "Adelanto")
    page.click("label.facility-choice:has-text('ADELANTO ICE PROCESSING CENTER')")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.fill("input[name=started_at]", f"{yesterday.isoformat()}T09:30")
    page.select_option("select[name=source]", "locator")
    page.click("form.transfer button[type=submit]")
    page.wait_for_selector("text=W.D. La. → C.D. Cal.")
    panel = page.inner_text("#custody-panel")
    assert "ADELANTO ICE PROCESSING CENTER" in panel
    assert "Central District of California" in panel
