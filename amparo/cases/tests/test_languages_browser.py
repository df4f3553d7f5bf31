"""The main screens in Spanish, Arabic and English in a real browser: the case list, the case
page, the intake form, the family's public page, the deadlines dashboard, the access log and a
facility's venue notes.
Arabic pages read right to left and never scroll sideways, at desktop and phone widths (a
regression test for the skip link that sat at left:-999px); the header stays on one line at
1280 px; axe-core finds no critical or serious violation in any language; the header's language
switch is kept across pages and across sign-ins. Screenshots go to docs/screenshots/ when
AMPARO_SCREENSHOTS=1.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

import pytest
from django.utils import timezone

from amparo.accounts.models import User
from amparo.accounts.services import organisation_create, user_create
from amparo.advocacy.services import publication_create
from amparo.cases.models import Case
from amparo.cases.tests.browser import axe_check, browser_context, rows_the_migrations_load
from amparo.cases.tests.browser import screenshot as _screenshot
from amparo.custody.models import Facility, Placement
from amparo.custody.reference import reference_load
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief.services import request_create, request_submit

pytestmark = [pytest.mark.django_db(transaction=True)]

PASSWORD = "languages-password-2026"
SHOTS = os.environ.get("AMPARO_SCREENSHOTS") == "1"
WIDTHS = (1280, 390)


@pytest.fixture
def held_client() -> dict[str, Any]:
    rows_the_migrations_load()
    reference_load()
    organisation = organisation_create(name="Gulf Coast Defenders", slug="gulf-coast")
    attorney = user_create(
        email="dana@gulf.example",
        organisation=organisation,
        role="attorney",
        password=PASSWORD,
        full_name="Dana Whitfield",
    )
    person = PersonFactory(
        organisation=organisation, given_name="Tomás", family_name="Herrera Lindqvist"
    )
    case = CaseFactory(person=person, title="Herrera Lindqvist — custody", status="active")
    case.lead_attorney = attorney
    case.save(update_fields=["lead_attorney"])
    jena = Facility.objects.get(name__icontains="CENTRAL LOUISIANA", state="LA")
    Placement.objects.create(
        case=case,
        facility=jena,
        started_at=timezone.now() - datetime.timedelta(days=12),
        observed_at=timezone.now(),
        source=Placement.Source.LOCATOR,
    )
    parole = request_create(
        actor=attorney, case=case, request_type="humanitarian-parole", reason="Medical grounds."
    )
    request_submit(
        actor=attorney,
        request=parole,
        submitted_at=timezone.now() - datetime.timedelta(days=4),
        channel="email",
    )
    publication = publication_create(
        actor=attorney,
        case=case,
        name_as_consented="Tomás H.",
        consent_on=timezone.localdate(),
        summary="Tomás is a father of two, held far from his family in Louisiana.",
    )
    return {"attorney": attorney, "case": case, "slug": publication.slug, "facility": jena.id}


def _sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", "dana@gulf.example")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _switch(page: Any, language: str) -> None:
    page.select_option("#language-choice", language)
    with page.expect_navigation():
        page.click(".language-switch button")
    # The navigation seen may be an earlier one of the page's own; wait for the switched page
    # itself, or the next goto cancels the switch while it is still on its way.
    page.wait_for_function("code => document.documentElement.lang === code", arg=language)


def _no_sideways_scroll(page: Any, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)
        wide = page.evaluate("document.documentElement.scrollWidth")
        seen = page.evaluate("document.documentElement.clientWidth")
        assert wide <= seen + 1, f"{name} at {width}px scrolls sideways: {wide}px for {seen}px"
    page.set_viewport_size({"width": 1280, "height": 900})


def _header_on_one_line(page: Any, name: str) -> None:
    """At 1280 px the header's links, the member and the language switch sit on one line, even
    with Spanish's longer words."""
    page.set_viewport_size({"width": 1280, "height": 900})
    boxes = page.evaluate(
        "[...document.querySelectorAll('.topbar .site-nav > a, .topbar .signout > *, "
        ".topbar .language-switch > *')].map(e => e.getBoundingClientRect())"
        ".filter(r => r.height > 0).map(r => [Math.round(r.top + r.height / 2), r.height])"
    )
    middles = [middle for middle, _height in boxes]
    assert middles and max(middles) - min(middles) <= 6, f"{name}: the header wraps ({boxes})"
    # A link whose words broke onto two lines is twice a line's height.
    assert max(height for _middle, height in boxes) <= 40, f"{name}: a header link wraps"


def _screens(base: str, held: dict[str, Any]) -> dict[str, str]:
    case: Case = held["case"]
    return {
        "case-list": f"{base}/cases/",
        "case": f"{base}/cases/{case.id}/",
        "intake": f"{base}/cases/new/",
        "public-page": f"{base}/public/{held['slug']}/",
        "deadlines": f"{base}/deadlines/",
        "access-log": f"{base}/audit/cases/{case.id}/",
        "facility": f"{base}/facilities/{held['facility']}/",
    }


# A word of each screen in each language, read from the rendered page.
WORDS = {
    "en": {
        "case-list": "Cases",
        "case": "Days detained",
        "intake": "Take in",
        "public-page": "Published with consent",
        "deadlines": "Deadlines",
        "access-log": "Access log",
        "facility": "Immediate custodian: Warden",
    },
    "es": {
        "case-list": "Casos",
        "case": "Días detenido",
        "intake": "Registrar ingreso",
        "public-page": "Publicado con consentimiento",
        "deadlines": "Plazos",
        "access-log": "Registro de accesos",
        "facility": "Custodio inmediato: Warden",
    },
    "ar": {
        "case-list": "القضايا",
        "case": "أيام الاحتجاز",
        "intake": "تسجيل العميل",
        "public-page": "نُشر بالموافقة",
        "deadlines": "المواعيد النهائية",
        "access-log": "سجل الوصول",
        "facility": "الحارس المباشر",
    },
}


# A built-in request type's stored (English) name, shown in the reader's language.
REQUEST_TYPE = {
    "en": "Humanitarian parole",
    "es": "Parole humanitario",
    "ar": "الإفراج المشروط لأسباب إنسانية (parole)",
}


def _check_screens(page: Any, base: str, held: dict[str, Any], language: str) -> None:
    for name, url in _screens(base, held).items():
        page.goto(url + (f"?lang={language}" if name == "public-page" else ""))
        page.wait_for_load_state("networkidle")
        html = page.locator("html")
        assert html.get_attribute("lang") == language, name
        assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr"), name
        assert WORDS[language][name] in page.content(), f"{name} is not in {language}"
        if name == "case":  # the built-in request type, in the requests panel and timeline
            page.wait_for_selector("#requests ol.requests li")
            assert REQUEST_TYPE[language] in page.content(), f"request type not in {language}"
        axe_check(page, f"{name} ({language})")
        if name != "public-page":
            _header_on_one_line(page, f"{name} ({language})")
        _no_sideways_scroll(page, f"{name} ({language})")
        _screenshot(page, f"languages-{language}-{name}", SHOTS, full_page=name != "case")


def test_main_screens_read_in_spanish_and_arabic_and_the_switch_is_kept(
    live_server: Any, held_client: dict[str, Any]
) -> None:
    base = live_server.url
    with browser_context() as page:
        # A visitor picks Spanish on the sign-in page; it holds after signing in.
        page.goto(f"{base}/accounts/login/")
        _switch(page, "es")
        assert page.locator("html").get_attribute("lang") == "es"
        _sign_in(page, base)
        assert page.locator("html").get_attribute("lang") == "es"
        _check_screens(page, base, held_client, "es")
        # Signed in, the switch to Arabic is kept in the profile and on every page.
        page.goto(f"{base}/cases/")
        _switch(page, "ar")
        _check_screens(page, base, held_client, "ar")
    attorney = User.objects.get(pk=held_client["attorney"].pk)
    assert attorney.language == "ar"
    with browser_context() as page:
        # Another browser, with no cookie: signing in brings the profile's Arabic back.
        _sign_in(page, base)
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.goto(f"{base}/cases/")
        assert page.locator("html").get_attribute("lang") == "ar"
        # Back to English: the same screens, the screenshots beside the Spanish and Arabic ones.
        _switch(page, "en")
        _check_screens(page, base, held_client, "en")
