"""Pages in English, Spanish and Arabic: the language follows the member's profile, then the
browser; Arabic reads right to left; no template string or catalogue entry ships untranslated."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import ngettext

from amparo.conftest import Cast, signed_in
from amparo.core.i18n_scan import unmarked_strings

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("es", "ar")


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
        str(item) for name, path in templates.items() for item in unmarked_strings(path, name)
    ]
    assert not unmarked, "mark these for translation:\n" + "\n".join(unmarked)


def test_the_scanner_sees_an_unmarked_word(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<p title="Open the case">{% translate "Fine" %}</p>\n'
        "<p>{% blocktranslate %}Also {{ fine }}{% endblocktranslate %}</p>\n"
        '<a href="{% url "x" %}" class="{% if y %}on{% endif %}">Forgotten</a>\n'
    )
    found = [(u.line, u.text) for u in unmarked_strings(page, "page.html")]
    assert found == [(1, "Open the case"), (3, "Forgotten")]


def test_an_api_error_message_follows_the_request_language_and_the_code_stays_english() -> None:
    response = Client().get("/api/v1/cases", headers={"accept-language": "es"})
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "unauthenticated"
    assert error["message"] == "Envíe un token de acceso (bearer) válido."


def test_an_api_validation_message_reads_in_arabic(cast: Cast, api_for: Any) -> None:
    response = api_for(cast.attorney).get(
        "/api/v1/cases/00000000-0000-0000-0000-000000000000", headers={"accept-language": "ar"}
    )
    assert response.status_code == 404
    assert response.json()["error"] == {"code": "not_found", "message": "غير موجود.", "fields": {}}


def test_a_model_choice_label_reads_in_arabic(cast: Cast) -> None:
    from amparo.relief.models import Request

    with translation.override("ar"):
        assert str(Request.Status.WITHDRAWN.label) == "مسحوب"
        assert str(Request.Channel.FAX.label) == "فاكس"
    # And on a page: the case list's status filter offers the case statuses in Arabic.
    html = _html(signed_in(cast.attorney).get("/cases/", headers={"accept-language": "ar"}))
    assert ">نشطة</option>" in html and ">Active</option>" not in html


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("es", 1, "1 minuto"),
        ("es", 5, "5 minutos"),
        ("ar", 2, "2 دقيقتان"),
        ("ar", 7, "7 دقائق"),
        ("ar", 11, "11 دقيقة"),
    ],
)
def test_a_plural_takes_the_form_the_language_needs(
    language: str, count: int, expected: str
) -> None:
    with translation.override(language):
        text = ngettext("%(minutes)s minute", "%(minutes)s minutes", count) % {"minutes": count}
    assert text == expected


def test_the_days_detained_count_is_plural_in_the_custody_panel(cast: Cast) -> None:
    from amparo.custody.models import Facility, Placement

    facility = Facility.objects.filter(state="LA").first()
    assert facility is not None
    Placement.objects.create(
        case=cast.case,
        facility=facility,
        started_at=timezone.now() - datetime.timedelta(days=3, hours=1),
        observed_at=timezone.now(),
        source=Placement.Source.FAMILY,
    )
    client = signed_in(cast.attorney)
    html = _html(client.get(f"/cases/{cast.case.id}/custody/", headers={"accept-language": "es"}))
    assert re.search(r"<strong>\d+</strong> días detenido", html)


def test_a_family_chooses_the_public_page_language_on_the_link(cast: Cast) -> None:
    from amparo.advocacy.services import publication_create

    publication = publication_create(
        actor=cast.attorney,
        case=cast.case,
        name_as_consented="Tomás H.",
        consent_on=timezone.localdate(),
        summary="Free Tomás.",
    )
    url = f"/public/{publication.slug}/"
    visitor = Client()
    arabic = _html(visitor.get(url + "?lang=ar", headers={"accept-language": "en"}))
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "نُشر بالموافقة" in arabic and "Free Tomás." in arabic
    spanish = _html(visitor.get(url + "?lang=es"))
    assert '<html lang="es" dir="ltr">' in spanish and "Publicado con consentimiento" in spanish
    # The page offers the other languages as links, and its own as the current one.
    assert 'href="?lang=ar"' in spanish and 'aria-current="page">Español<' in spanish
    # An unknown choice falls back to the browser's language; a staff profile plays no part.
    assert '<html lang="en" dir="ltr">' in _html(visitor.get(url + "?lang=xx"))
    cast.attorney.language = "ar"
    cast.attorney.save(update_fields=["language"])
    staff = signed_in(cast.attorney)
    assert '<html lang="es" dir="ltr">' in _html(staff.get(url + "?lang=es"))
    # The page where the team publishes gives the family a link in each language.
    manage = _html(signed_in(cast.attorney).get(f"/cases/{cast.case.id}/publication/"))
    assert f"{url}?lang=es" in manage and f"{url}?lang=ar" in manage


READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-confirm")


def _english_only(language: str) -> set[str]:
    """Whole English texts of the catalogue whose translation differs: the words a page in
    `language` must not show as an element's text."""
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    return {
        e.msgid
        for e in po
        if not e.msgid_plural
        and e.msgstr != e.msgid
        and "%" not in e.msgid
        and "<" not in e.msgid
        and len(e.msgid) > 3
    }


def test_every_main_page_reads_in_spanish(cast: Cast) -> None:
    from amparo.custody.models import Facility, Placement

    facility = Facility.objects.filter(state="LA").first()
    assert facility is not None
    Placement.objects.create(
        case=cast.case,
        facility=facility,
        started_at=timezone.now() - datetime.timedelta(days=3),
        observed_at=timezone.now(),
        source=Placement.Source.LOCATOR,
    )
    case = cast.case.id
    pages = {
        "/": "Requiere acción",
        "/cases/": "Casos",
        f"/cases/{case}/": "Resumen",
        f"/cases/{case}/edit/": "Editar caso",
        f"/cases/{case}/custody/": "Detenido en",
        f"/cases/{case}/requests/": "Solicitudes y decisiones",
        f"/cases/{case}/court/": "Causas judiciales y plazos",
        f"/cases/{case}/documents/": "Documentos",
        f"/cases/{case}/publication/": "Página pública",
        f"/audit/cases/{case}/": "Registro de accesos",
        "/cases/new/": "Nuevo cliente",
        "/deadlines/": "Plazos",
        "/facilities/": "Centros de detención",
        f"/facilities/{facility.id}/": "Tribunal de hábeas corpus",
        "/reports/": "Informes",
        "/reports/agency-answers/": "Cómo responden las oficinas",
        "/documents/templates/": "Plantillas de documentos",
    }
    english = _english_only("es")
    client = signed_in(cast.admin)
    left = {}
    for url, spanish in pages.items():
        html = _html(client.get(url, headers={"accept-language": "es"}))
        assert spanish in html, url
        text = re.sub(r"\s+", " ", html)
        found = sorted(
            w
            for w in english
            if f">{w}<" in text or any(f'{a}="{w}"' in text for a in READ_ATTRIBUTES)
        )
        if found:
            left[url] = found
    assert not left, f"English left on Spanish pages: {left}"
