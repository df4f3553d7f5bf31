"""Pages in English, Spanish and Arabic: the language follows the member's profile, then the
browser; Arabic reads right to left; no template string or catalogue entry ships untranslated."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.test import Client

from amparo.conftest import Cast
from amparo.core.i18n_scan import unmarked_strings

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("es", "ar")

# Templates still waiting for their strings to be marked. The list may only shrink: a template
# on it that has no unmarked string left fails the test until it is taken off.
NOT_YET_MARKED = frozenset(
    {
        "advocacy/public_case.html",
        "advocacy/public_manage.html",
        "audit/case_access_log.html",
        "cases/case_edit.html",
        "cases/case_list.html",
        "courts/_court_panel.html",
        "courts/_court_panel_loader.html",
        "custody/_custody_panel.html",
        "custody/_facility_rows.html",
        "custody/facility_detail.html",
        "custody/facility_list.html",
        "deadlines/_deadline_rows.html",
        "deadlines/calendar_feed_created.html",
        "deadlines/deadline_dashboard.html",
        "documents/_documents_panel.html",
        "documents/_documents_panel_loader.html",
        "documents/template_list.html",
        "relief/_request_panel.html",
        "relief/_request_panel_loader.html",
        "reports/agency_answers.html",
    }
)


def _templates() -> dict[str, Path]:
    root = Path(settings.BASE_DIR)
    found = {}
    for path in sorted(root.rglob("templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        name = path.relative_to(next(p for p in path.parents if p.name == "templates"))
        found[str(name)] = path
    return found


def _html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_an_arabic_browser_gets_a_right_to_left_page() -> None:
    html = _html(Client().get("/accounts/login/", headers={"accept-language": "ar"}))
    assert '<html lang="ar" dir="rtl">' in html
    assert "تسجيل الدخول" in html


def test_an_english_browser_gets_a_left_to_right_page() -> None:
    html = _html(Client().get("/accounts/login/", headers={"accept-language": "en-US,en"}))
    assert '<html lang="en" dir="ltr">' in html


def test_a_spanish_browser_gets_spanish_navigation(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    html = _html(client.get("/cases/", headers={"accept-language": "es-MX,es;q=0.9"}))
    assert '<html lang="es" dir="ltr">' in html
    for word in ("Casos", "Plazos", "Informes", "Cerrar sesión"):
        assert word in html


def test_the_profile_language_wins_over_the_browser(cast: Cast) -> None:
    cast.attorney.language = "ar"
    cast.attorney.save(update_fields=["language"])
    client = Client()
    client.force_login(cast.attorney)
    html = _html(client.get("/cases/", headers={"accept-language": "es"}))
    assert '<html lang="ar" dir="rtl">' in html


def test_the_language_switch_is_remembered_in_the_profile(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.paralegal)
    response = client.post("/accounts/language/", {"language": "es", "next": "/cases/"})
    assert response.status_code == 302
    assert response["Location"] == "/cases/"
    cast.paralegal.refresh_from_db()
    assert cast.paralegal.language == "es"
    # Another browser of the same member, asking for English, still gets Spanish.
    other = Client()
    other.force_login(cast.paralegal)
    assert "Casos" in _html(other.get("/cases/", headers={"accept-language": "en"}))


def test_a_visitor_can_switch_language_without_signing_in() -> None:
    client = Client()
    response = client.post("/accounts/language/", {"language": "ar", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert '<html lang="ar" dir="rtl">' in _html(client.get("/accounts/login/"))


def test_an_unknown_language_changes_nothing(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.paralegal)
    client.post("/accounts/language/", {"language": "xx", "next": "/cases/"})
    cast.paralegal.refresh_from_db()
    assert cast.paralegal.language == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert len(po) > 0
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert po.metadata["Language"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    source = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    compiled = polib.mofile(str(source.with_suffix(".mo")))
    wanted = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(source))}
    found = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid}
    assert found == wanted, "run `python scripts/messages.py compile`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_catalogues_hold_every_marked_string(tmp_path: Path) -> None:
    from scripts.messages import update

    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    update(tmp_path / "locale")
    for language in LANGUAGES:
        fresh = polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
        kept = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
        missing = {e.msgid for e in fresh} - {e.msgid for e in kept}
        assert not missing, f"{language}: run `python scripts/messages.py update`: {missing}"


def test_templates_mark_every_string_for_translation() -> None:
    templates = _templates()
    assert len(templates) > 20
    unmarked = [
        str(item)
        for name, path in templates.items()
        if name not in NOT_YET_MARKED
        for item in unmarked_strings(path, name)
    ]
    assert not unmarked, "mark these for translation:\n" + "\n".join(unmarked)
    finished = sorted(
        name
        for name in NOT_YET_MARKED & templates.keys()
        if not unmarked_strings(templates[name], name)
    )
    assert not finished, f"take these off NOT_YET_MARKED: {finished}"


def test_the_scanner_sees_an_unmarked_word(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<p title="Open the case">{% translate "Fine" %}</p>\n'
        "<p>{% blocktranslate %}Also {{ fine }}{% endblocktranslate %}</p>\n"
        '<a href="{% url "x" %}" class="{% if y %}on{% endif %}">Forgotten</a>\n'
    )
    found = [(u.line, u.text) for u in unmarked_strings(page, "page.html")]
    assert found == [(1, "Open the case"), (3, "Forgotten")]
