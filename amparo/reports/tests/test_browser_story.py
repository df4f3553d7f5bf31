"""In a real browser (Debian's Chromium, driven by Playwright), the second half of the story:
the parole request was denied in 29 minutes without reasons; an advocate prepares the inquiry to
the family's representative, is refused until the client's waiver names that office, records it,
sends the inquiry, logs the answer, adds the family's, two organisations' and the agency's
statements, publishes the public page with consent, and finds the case in the turnaround report.

`AMPARO_SCREENSHOTS=DIR` saves the screens at 1280 and 390 pixels wide.
"""

from __future__ import annotations

import datetime
import importlib
import os
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from amparo.accounts.models import User
from amparo.advocacy.congress import congress_import
from amparo.cases.tests.test_browser import browser_page  # noqa: F401  (the fixture)
from amparo.custody.models import Facility
from amparo.custody.reference import reference_load
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief.services import decision_record, request_create, request_submit
from amparo.sampledata.demo import DEMO_PASSWORD, demo_load

# The module sits under `reports` so that it runs after the other browser tests (pytest-django
# keeps their order): its flush at the end then harms nobody. A browser test before it flushed
# the rows the migrations wrote, so `_migration_rows` puts them back first.
pytestmark = [pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).parent.parent.parent / "advocacy" / "tests" / "data"
SHOTS = os.environ.get("AMPARO_SCREENSHOTS", "")
OPEN_DETAILS = "document.querySelectorAll('#advocacy-panel details').forEach(d => d.open = {open})"


def _migration_rows() -> None:
    from django.apps import apps

    for name in ("0002_default_request_types", "0005_default_policy_regimes"):
        importlib.import_module(f"amparo.relief.migrations.{name}").load(apps, None)


def _denied_case(users: Any, organisation: Any) -> Any:
    """The first half: held in Jena, parole asked for on Sunday, denied 29 minutes later."""
    from amparo.custody.services import placement_record

    person = PersonFactory(
        organisation=organisation, given_name="Tomás", family_name="Herrera Lindqvist"
    )
    case = CaseFactory(person=person, title="Herrera Lindqvist — advocacy", campaign="Winter")
    now = timezone.now()
    placement_record(
        actor=users["paralegal"],
        case=case,
        facility=Facility.objects.get(name__icontains="CENTRAL LOUISIANA"),
        started_at=now - datetime.timedelta(days=8),
        source="locator",
    )
    parole = request_create(
        actor=users["attorney"], case=case, request_type="humanitarian-parole", reason="Birth"
    )
    sent = now - datetime.timedelta(days=2)
    request_submit(actor=users["attorney"], request=parole, submitted_at=sent, channel="email")
    decision_record(
        actor=users["paralegal"],
        request=parole,
        outcome="denied",
        decided_at=sent + datetime.timedelta(minutes=29),
        reasons_given=False,
    )
    return case


def _shoot(page: Any, name: str) -> None:
    if not SHOTS:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _shoot_panel(page: Any, name: str) -> None:
    """The advocacy panel alone, every form opened."""
    if not SHOTS:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(OPEN_DETAILS.format(open="true"))
        page.locator("#advocacy-panel").screenshot(path=f"{SHOTS}/{name}-{width}.png")
    page.evaluate(OPEN_DETAILS.format(open="false"))
    page.set_viewport_size({"width": 1280, "height": 900})


def _form(page: Any, summary: str) -> Any:
    """Open the panel's <details> whose summary reads `summary` and return its form."""
    details = page.locator("#advocacy-panel details", has_text=summary).first
    details.locator("summary").click()
    return details.locator("form")


def _find_members(form: Any, *, zip_code: str = "", state: str = "", district: str = "") -> None:
    """Search the members of Congress inside a form (htmx swaps the member choice)."""
    chooser = form.locator("fieldset.member-choice")
    chooser.locator("input[name=zip]").fill(zip_code)
    chooser.locator("input[name=state]").fill(state)
    chooser.locator("input[name=district]").fill(district)
    chooser.locator("button", has_text="Find members").click()
    form.locator("fieldset.member-choice", has_text="the representative for district").wait_for(
        timeout=15000
    )


def _submit_and_wait(form: Any, page: Any, text: str, where: str = "#advocacy-panel") -> None:
    form.locator("button[type=submit]").click()
    try:
        page.locator(where, has_text=text).first.wait_for(timeout=15000)
    except Exception:
        print(page.inner_text("#advocacy-panel"))  # shown when the test fails
        raise


def test_the_second_half_of_the_story_through_the_ui(live_server: Any, browser_page: Any) -> None:  # noqa: F811
    _migration_rows()
    reference_load()
    demo = demo_load(generated_cases=0)
    congress_import(path=DATA / "legislators-current.yaml")
    organisation = demo.story_case.organisation
    users = {
        role: User.objects.get(email=f"{role}@amparo.example") for role in ("attorney", "paralegal")
    }
    case = _denied_case(users, organisation)
    zone = zoneinfo.ZoneInfo(organisation.time_zone)

    def local(**ago: float) -> str:
        return (
            (timezone.now() - datetime.timedelta(**ago)).astimezone(zone).strftime("%Y-%m-%dT%H:%M")
        )

    page = browser_page

    # The other panels of the case page are not under test; loading them all at once would
    # contend for the test's in-memory SQLite database ("database table is locked").
    def only_advocacy(route: Any) -> None:
        request = route.request
        if request.resource_type in {"xhr", "fetch"} and "/advocacy/" not in request.url:
            route.abort()
        else:
            route.continue_()

    page.route("**/cases/*/*/", only_advocacy)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "advocate@amparo.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(f"{live_server.url}/cases/{case.id}/")
    page.locator("#advocacy-panel", has_text="Privacy waivers").wait_for()

    # The inquiry to the family's representative is refused until a waiver names her office.
    # The family's ZIP Code gives the state; the district narrows it to the representative.
    form = _form(page, "Prepare an inquiry")
    _find_members(form, zip_code="07505", district="9")
    form.locator("select[name=office]").select_option(label="Rep. Marisol Quintero (NJ-9)")
    form.locator("textarea[name=asked_for]").fill("Ask ICE for a custody review and parole.")
    _submit_and_wait(form, page, "it cannot be sent yet")
    send = page.locator("#advocacy-panel article.inquiry form")
    send.locator("input[name=sent_at]").fill(local(hours=1))
    send.locator("select[name=channel]").select_option("email")
    _submit_and_wait(send, page, "Consent is given for a named recipient", "#advocacy-panel .error")

    form = _form(page, "Record a signed waiver")
    _find_members(form, state="NJ", district="9")
    form.locator("select[name=member]").select_option(label="Rep. Marisol Quintero (NJ-9)")
    form.locator("input[name=signed_on]").fill(timezone.localdate().isoformat())
    form.locator("select[name=signed_by]").select_option("client")
    form.locator("textarea[name=scope]").fill("His detention, custody and parole requests.")
    _submit_and_wait(form, page, "Rep. Marisol Quintero", "#advocacy-panel ul.waivers li")

    send = page.locator("#advocacy-panel article.inquiry form")
    send.locator("input[name=sent_at]").fill(local(hours=1))
    send.locator("select[name=channel]").select_option("email")
    _submit_and_wait(send, page, "Log the response")

    form = _form(page, "Log a follow-up")
    form.locator("input[name=at]").fill(local(minutes=40))
    form.locator("textarea[name=note]").fill("Called the caseworker, R. Diaz.")
    _submit_and_wait(form, page, "Called the caseworker, R. Diaz.", "#advocacy-panel ul.follow-ups")

    form = _form(page, "Log the response")
    form.locator("input[name=response_at]").fill(local(minutes=10))
    form.locator("select[name=outcome]").select_option("custody-review")
    form.locator("textarea[name=summary]").fill("ICE agreed to review his custody.")
    _submit_and_wait(form, page, "ICE agreed to review his custody.")

    statements = [
        ("family", "Ana Herrera", "press-release", "All we ask is that he can be here.", True),
        ("organisation", "Center for Constitutional Rights", "press-release", "Free him.", True),
        ("organisation", "ADC", "letter", "We urge his release on parole.", True),
        ("agency", "ICE", "declined-to-comment", "", True),
    ]
    for author_kind, author, kind, text, consent in statements:
        answers_denial = author == "Ana Herrera"
        form = _form(page, "Add a statement")
        form.locator("select[name=author_kind]").select_option(author_kind)
        form.locator("input[name=author_name]").fill(author)
        form.locator("select[name=kind]").select_option(kind)
        form.locator("input[name=said_at]").fill(local(minutes=30))
        form.locator("textarea[name=text]").fill(text)
        if consent:
            form.locator("input[name=publicity_consent]").check()
        if answers_denial:  # the family answers the denial in 29 minutes
            form.locator("fieldset.answers-choice label", has_text="denied").locator(
                "input"
            ).check()
        _submit_and_wait(form, page, author, "#advocacy-panel ul.statements li")
    family = page.locator("#advocacy-panel ul.statements li", has_text="Ana Herrera").first
    assert "Answers: Decision: Humanitarian parole denied" in family.inner_text()
    _shoot_panel(page, "advocacy-panel")

    page.goto(f"{live_server.url}/cases/{case.id}/publication/")
    page.fill("input[name=name_as_consented]", "Tomás H.")
    page.fill("input[name=consent_on]", timezone.localdate().isoformat())
    page.fill("input[name=consent_given_by]", "the client, by phone")
    page.fill("textarea[name=summary]", "A father held far from his family.")
    page.check("input[name=confirm]")
    _shoot(page, "public-manage-publish")
    page.click("form:has(input[value=publish]) button[type=submit]")
    page.locator("form.unpublish").wait_for()
    _shoot(page, "public-manage-published")
    page.click("a[href^='/public/']")
    public = page.inner_text("main")
    assert "Tomás H." in public and "Herrera Lindqvist" not in public
    assert "All we ask is that he can be here." in public and "Free him." in public
    assert "Declined to comment" in public
    assert "In answer to: a decision (" in public
    _shoot(page, "public-page")

    page.goto(f"{live_server.url}/reports/turnaround/?field_office=NOL")
    row = page.locator("table.report-table tbody tr", has_text="New Orleans Field Office")
    assert "29 min" in row.inner_text()
    assert "Humanitarian parole" in row.inner_text()
    _shoot(page, "report-turnaround")
    page.goto(f"{live_server.url}/reports/congressional/")
    assert "Rep. Marisol Quintero (NJ-9)" in page.inner_text("table.report-table")
    page.goto(f"{live_server.url}/campaigns/?name=Winter")
    assert "Center for Constitutional Rights" in page.inner_text("main")
    _shoot(page, "campaign")
