"""The letter to the family and the press statement in Spanish and Arabic, each from its own
template: key phrases in the language, the client's data filled in, dates and the agency's
answer written in that language, Arabic paragraphs right to left. Court filings stay English."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from docx import Document as open_docx

from amparo.cases.models import Case
from amparo.documents.services import document_generate
from amparo.documents.tests.conftest import demo_user
from amparo.documents.tests.test_generate import text_of

pytestmark = pytest.mark.django_db

PHRASES = {
    ("family-letter", "es"): [
        "Estimada familia:",
        "está bajo detención migratoria",
        "parole humanitario",
        "denegada",
        "Atentamente,",
    ],
    ("family-letter", "ar"): [
        "العائلة الكريمة،",
        "محتجز لدى سلطات الهجرة",
        "مرفوض",
        "مع خالص التحية،",
    ],
    ("press-statement", "es"): [
        "PARA DIFUSIÓN INMEDIATA",
        "pide a ICE que libere a Tomás H.",
        "La solicitud fue denegada 29 minutos después",
        "sin que se diera ningún motivo",
    ],
    ("press-statement", "ar"): [
        "للنشر الفوري",
        "بالإفراج عن Tomás H.",
        "29 دقيقة",
        "مرفوض",
        "دون إبداء أي سبب",
    ],
}
MONTHS = {
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
}


@pytest.mark.parametrize(("template", "language"), sorted(PHRASES))
def test_a_family_facing_paper_is_generated_in_spanish_and_arabic(
    story_ready: Case, template: str, language: str
) -> None:
    document = document_generate(
        actor=demo_user("attorney"), case=story_ready, template=template, language=language
    )
    assert document.template_slug == f"{template}-{language}"
    text = text_of(document)
    for phrase in PHRASES[(template, language)]:
        assert phrase in text, (phrase, text)
    # The client's data is filled in, and the dates are written in the paper's language.
    assert "Tomás" in text and "{{" not in text
    assert "Jena" in text or template == "press-statement"
    assert any(month in text for month in MONTHS[language]), text
    assert "denied" not in text and " at " not in text


def test_an_arabic_paper_runs_right_to_left(story_ready: Case) -> None:
    document = document_generate(
        actor=demo_user("attorney"), case=story_ready, template="family-letter", language="ar"
    )
    with document.file.open("rb") as handle:
        word = open_docx(io.BytesIO(handle.read()))
    written = [p for p in word.paragraphs if p.text.strip()]
    assert written and all(
        p._p.pPr is not None
        and p._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
        is not None
        for p in written
    )


def test_court_filings_stay_in_english_whatever_the_screen_language(story_ready: Case) -> None:
    with pytest.raises(ValidationError) as refused:
        document_generate(
            actor=demo_user("attorney"),
            case=story_ready,
            template="habeas-petition",
            language="es",
        )
    assert "language" in refused.value.message_dict
    # A member reading Amparo in Spanish still gets an English petition and parole letter.
    with translation.override("es"):
        letter = document_generate(
            actor=demo_user("attorney"), case=story_ready, template="parole-request"
        )
    text = text_of(letter)
    assert "denied" in text and "denegada" not in text


def test_the_panel_offers_the_language_of_the_paper(story_ready: Case) -> None:
    from django.test import Client

    client = Client()
    client.force_login(demo_user("attorney"))
    response = client.post(
        f"/cases/{story_ready.id}/documents/generate/",
        {"template": "press-statement", "format": "docx", "language": "ar"},
    )
    assert response.status_code == 200
    assert "بيان صحفي" in response.content.decode()
    panel = client.get(f"/cases/{story_ready.id}/documents/").content.decode()
    assert '<option value="ar" lang="ar">' in panel
    # The variants are chosen by language, not listed as templates of their own.
    assert 'value="press-statement-ar"' not in panel


def test_the_api_generates_a_paper_in_spanish(story_ready: Case, api_for: object) -> None:
    response = api_for(demo_user("attorney")).post(  # type: ignore[operator]
        f"/api/v1/cases/{story_ready.id}/documents",
        {"template": "family-letter", "format": "docx", "language": "es"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Carta a la familia"
