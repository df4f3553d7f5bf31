"""The first half of the story in a real browser, from an empty organisation, through the UI
only: a paralegal takes in a detained client by the intake form, sets the lead attorney, adds
the wife with her due date, logs a call, records the transfer to Louisiana, sends the parole
request and logs the denial 29 minutes later, takes the "renewed request" next step, generates
the parole request and the habeas petition, schedules a hearing and finds every urgent item on
the home page. axe-core checks each main screen on the way; screenshots go to
docs/screenshots/ when AMPARO_SCREENSHOTS=1.
"""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from django.utils import timezone

from amparo.accounts.services import organisation_create, user_create
from amparo.cases.tests.browser import (
    axe_check,
    browser_context,
    rows_the_migrations_load,
    screenshot,
)
from amparo.custody.reference import reference_load

pytestmark = [pytest.mark.django_db(transaction=True)]

PASSWORD = "story-password-2026"
SHOTS = os.environ.get("AMPARO_SCREENSHOTS") == "1"


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _intake(page: Any, base: str, due: datetime.date) -> None:
    page.click("header >> text=New client")
    page.wait_for_url(f"{base}/cases/new/")
    page.fill("#id_given_name", "Tomás")
    page.fill("#id_family_name", "Herrera Lindqvist")
    page.fill("#id_a_number", "a 099-123-456")
    page.select_option("#id_country_of_birth", label="Colombia")
    page.select_option("#id_immigration_status", "lpr")
    page.fill("#id_facility_query", "Elizabeth")
    page.click("label.facility-choice:has-text('ELIZABETH CONTRACT DETENTION FACILITY')")
    page.fill("#id_date_of_birth", "1989-04-17")
    page.fill("#id_held_since", _local(timezone.now() - datetime.timedelta(days=5)))
    page.fill("#id_arrested_at", _local(timezone.now() - datetime.timedelta(days=12)))
    page.fill("#id_arrest_place", "At home, Newark NJ")
    page.fill("#id_urgency_until", due.isoformat())
    page.fill("#id_urgency_reason", "Wife due to give birth")
    page.fill("#id_note", "Hotline call from his brother; arrested at home by ICE.")
    axe_check(page, "intake")
    screenshot(page, "intake", SHOTS, full_page=True)
    page.click("form.intake-form button[type=submit]")
    page.wait_for_url(f"{base}/cases/*/")


def _team_people_notes(page: Any, due: datetime.date) -> None:
    page.wait_for_selector("#team form")
    page.select_option("#team select[name=lead_attorney]", label="Dana Whitfield (Attorney)")
    page.click("#team button[type=submit]")
    page.wait_for_selector("#team >> text=Team saved.")
    page.click("#people-panel summary")
    page.fill("#id_relative_full_name", "Ingrid Lindqvist")
    page.select_option("#id_relative_relationship", "spouse")
    page.fill("#id_relative_phone", "(504) 555-0123")
    page.fill("#id_relative_language", "Swedish")
    page.check("#id_relative_may_contact")
    page.select_option("#id_relative_event_kind", "birth")
    page.fill("#id_relative_event_description", "Baby due")
    page.fill("#id_relative_event_on", due.isoformat())
    page.click("#people-panel button[type=submit]")
    page.wait_for_selector("#people-panel >> text=+15045550123")
    page.select_option("#id_note_kind", "call")
    page.fill("#id_note_body", "Called Ingrid: the midwife's letter is on its way.")
    page.click("#notes-panel button[type=submit]")
    page.wait_for_selector("#notes-panel >> text=Called Ingrid")


def _transfer(page: Any) -> None:
    page.click("text=Record a transfer")
    page.wait_for_selector("form.transfer")
    # The swapped-in form's search box listens only once htmx has processed it; a query typed
    # before that starts no search, and the choice never comes.
    page.wait_for_function(
        "() => { const box = document.querySelector('form.transfer input[name=facility_query]');"
        " return box && box['htmx-internal-data'] !== undefined"
        " && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'); }"
    )
    page.fill("form.transfer input[name=facility_query]", "Jena LA")
    page.click("label.facility-choice:has-text('CENTRAL LOUISIANA')")
    page.fill("input[name=started_at]", _local(timezone.now() - datetime.timedelta(hours=20)))
    page.select_option("select[name=source]", "locator")
    page.click("form.transfer button[type=submit]")
    page.wait_for_selector("text=D.N.J. → W.D. La.")


def _parole_and_denial(page: Any, due: datetime.date) -> None:
    panel = "#request-panel"
    page.click(f"{panel} summary:has-text('New request')")
    page.select_option(f"{panel} select[name=type]", "humanitarian-parole")
    page.fill(f"{panel} textarea[name=reason]", "His wife gives birth this week.")
    page.fill(f"{panel} input[name=requested_days]", "14")
    page.fill(f"{panel} input[name=urgency_until]", due.isoformat())
    page.click(f"{panel} button:has-text('Save draft')")
    sent = timezone.now() - datetime.timedelta(hours=3)
    page.fill(f"{panel} input[name=submitted_at]", _local(sent))
    page.click(f"{panel} button:has-text('Record as sent')")
    page.wait_for_selector(f"{panel} form.decision-form")
    page.fill(f"{panel} input[name=decided_at]", _local(sent + datetime.timedelta(minutes=29)))
    page.select_option(f"{panel} select[name=outcome]", "denied")
    page.click(f"{panel} button:has-text('Log decision')")
    page.wait_for_selector(f"{panel} >> text=29 minutes")
    step = page.locator(f"{panel} li.next-step[data-action=renewed-request]")
    step.locator("button").click()
    page.wait_for_selector(f"{panel} li.request >> text=Draft")


def _generate(page: Any, slug: str, title_word: str) -> str:
    """Generate a document in the documents panel and return its text."""
    from docx import Document

    panel = "#documents-panel"
    page.select_option(f"{panel} select[name=template]", slug)
    page.select_option(f"{panel} select[name=format]", "docx")
    page.click(f"{panel} form.generate button")
    page.wait_for_selector(f"{panel} .notice:has-text('{title_word}'), {panel} .alert")
    alert = page.locator(f"{panel} .alert")
    assert alert.count() == 0, alert.first.inner_text()
    href = page.locator(f"{panel} .notice a").first.get_attribute("href")
    body = page.request.get(urljoin(page.url, href)).body()
    document = Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _hearing(page: Any) -> None:
    panel = "#hearings-panel"
    page.click(f"{panel} summary")
    page.select_option(f"{panel} select[name=kind]", "master")
    when = timezone.localdate() + datetime.timedelta(days=9)
    page.fill(f"{panel} input[name=scheduled_at]", f"{when.isoformat()}T09:00")
    page.select_option(f"{panel} select[name=mode]", "video")
    page.fill(f"{panel} input[name=judge]", "R. Alvarez")
    page.click(f"{panel} button[type=submit]")
    page.wait_for_selector(f"{panel} >> text=Hearing saved.")


def _check_every_section(page: Any, name: str) -> None:
    for section in ("#team", "#request-panel", "#court-panel", "#documents-panel"):
        page.wait_for_selector(f"{section} h2")
    axe_check(page, name)


@pytest.fixture
def fresh_organisation() -> None:
    rows_the_migrations_load()
    reference_load()
    organisation = organisation_create(name="Gulf Coast Defenders", slug="gulf-coast")
    user_create(
        email="paralegal@gulf.example",
        organisation=organisation,
        role="paralegal",
        password=PASSWORD,
        full_name="Lee Paralegal",
    )
    user_create(
        email="dana@gulf.example",
        organisation=organisation,
        role="attorney",
        password=PASSWORD,
        full_name="Dana Whitfield",
    )


def test_first_half_of_the_story_from_an_empty_organisation(
    live_server: Any, fresh_organisation: None
) -> None:
    base = live_server.url
    due = timezone.localdate() + datetime.timedelta(days=2)
    with browser_context() as page:
        _sign_in(page, base, "paralegal@gulf.example")
        axe_check(page, "home (empty)")
        _intake(page, base, due)
        _team_people_notes(page, due)
        _transfer(page)
        _parole_and_denial(page, due)
        parole = _generate(page, "parole-request", "parole")
        habeas = _generate(page, "habeas-petition", "habeas")
        for text in (parole, habeas):
            assert "Tomás Herrera Lindqvist" in text or "TOMÁS HERRERA LINDQVIST" in text
            assert "denied" in text.lower()
        assert "WESTERN DISTRICT OF LOUISIANA" in habeas.upper()
        _hearing(page)
        _check_every_section(page, "case page")
        screenshot(page, "case-page", SHOTS, full_page=True)
        page.goto(f"{base}/")
        board = page.inner_text("main")
        for section in ("#urgent", "#custody-changes", "#decisions"):
            assert "Tomás Herrera Lindqvist" in page.inner_text(section), section
        assert "Humanitarian parole" in board or "parole" in board.lower()
        axe_check(page, "home")
        screenshot(page, "home", SHOTS)
        for path, name in (("/cases/", "case-list"), ("/deadlines/", "deadlines")):
            page.goto(base + path)
            axe_check(page, name)
            screenshot(page, name, SHOTS)
        page.goto(base + "/reports/agency-answers/")
        axe_check(page, "reports")
        screenshot(page, "reports", SHOTS)
    assert Path(__file__).exists()
