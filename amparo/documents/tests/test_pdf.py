"""PDF copies: made with fpdf2 from the filled-in DOCX, with a clear refusal when no Unicode font
is available for text beyond Latin-1."""

from __future__ import annotations

from pathlib import Path

import pytest

from amparo.documents import pdf
from amparo.documents.builtin import Writer


def docx(*paragraphs: str) -> bytes:
    writer = Writer("Test")
    for text in paragraphs:
        writer.p(text)
    writer.rows([("Date", "Event"), ("2026-03-15", "Decision \u2014 denied")])
    return writer.bytes()


def test_without_a_unicode_font_latin_1_text_still_makes_a_pdf(
    monkeypatch: pytest.MonkeyPatch, settings: object
) -> None:
    monkeypatch.setattr(pdf, "FONT_DIRS", ())
    settings.AMPARO_PDF_FONT = ""  # type: ignore[attr-defined]
    assert pdf.font_set().family == "Times"
    data = pdf.docx_to_pdf(docx("Tomás \u2014 § 2241 \u201cquoted\u201d"), title="Test")
    assert data.startswith(b"%PDF-")


def test_without_a_unicode_font_other_scripts_are_refused_clearly(
    monkeypatch: pytest.MonkeyPatch, settings: object
) -> None:
    monkeypatch.setattr(pdf, "FONT_DIRS", ())
    settings.AMPARO_PDF_FONT = ""  # type: ignore[attr-defined]
    with pytest.raises(pdf.PdfUnavailable, match="AMPARO_PDF_FONT") as caught:
        pdf.docx_to_pdf(docx("Nguy\u1ec5n V\u0103n A"), title="Test")
    assert "Nguy" not in str(caught.value)  # never quotes the text


def test_a_configured_font_that_does_not_exist_is_reported(settings: object) -> None:
    settings.AMPARO_PDF_FONT = "/nonexistent/font.ttf"  # type: ignore[attr-defined]
    with pytest.raises(pdf.PdfUnavailable, match="readable TrueType"):
        pdf.font_set()


@pytest.mark.skipif(
    not any((d / pdf.DEJAVU[""]).is_file() for d in pdf.FONT_DIRS),
    reason="no DejaVu Serif on this machine",
)
def test_with_a_unicode_font_any_name_prints(settings: object) -> None:
    settings.AMPARO_PDF_FONT = ""  # type: ignore[attr-defined]
    fonts = pdf.font_set()
    assert fonts.family == "Body"
    assert all(Path(p).is_file() for p in fonts.files.values())
    assert pdf.docx_to_pdf(docx("Nguy\u1ec5n V\u0103n A"), title="Test").startswith(b"%PDF-")
