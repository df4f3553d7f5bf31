"""PDF copies of generated letters and chronologies, drawn with fpdf2 (pure Python).

The PDF is made from the filled-in DOCX itself (paragraphs, lists and tables in order), so an
organisation's own template gives the same text in both formats. Layout is plain: Word remains
the place to polish a document.

Fonts: fpdf2's built-in Times covers Latin-1 only. Amparo uses a Unicode TrueType font when one
is available: `AMPARO_PDF_FONT` (and optionally `AMPARO_PDF_FONT_BOLD`, `AMPARO_PDF_FONT_ITALIC`)
in settings, else DejaVu Serif where the system has it. Without one, a document whose text
needs more than Latin-1 is refused with a clear message instead of printing wrong letters.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/dejavu-serif-fonts"),
    Path("/Library/Fonts"),
)
DEJAVU = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf"}

# Typographic punctuation the built-in font lacks, in plain Latin-1 form.
_LATIN1 = str.maketrans(
    {
        "\u2014": "--",
        "\u2013": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u2060": "",
    }
)
MM_PER_PT = 0.3528


class PdfUnavailable(ValueError):
    """PDF cannot be made for this document here (message safe to show; it never quotes text)."""


@dataclass(frozen=True)
class FontSet:
    family: str
    files: dict[str, Path]  # style ("", "B", "I", "BI") → TTF; empty for the built-in font


def font_set() -> FontSet:
    configured = getattr(settings, "AMPARO_PDF_FONT", "")
    if configured:
        regular = Path(configured)
        if not regular.is_file():
            raise PdfUnavailable("AMPARO_PDF_FONT does not name a readable TrueType font file.")
        bold = Path(getattr(settings, "AMPARO_PDF_FONT_BOLD", "") or regular)
        italic = Path(getattr(settings, "AMPARO_PDF_FONT_ITALIC", "") or regular)
        return FontSet("Body", {"": regular, "B": bold, "I": italic, "BI": bold})
    for directory in FONT_DIRS:
        regular = directory / DEJAVU[""]
        if regular.is_file():
            bold = directory / DEJAVU["B"]
            italic = directory / DEJAVU["I"]
            bold = bold if bold.is_file() else regular
            italic = italic if italic.is_file() else regular
            return FontSet("Body", {"": regular, "B": bold, "I": italic, "BI": bold})
    return FontSet("Times", {})


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.font_family, "", 9)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def _clean(text: str, unicode_font: bool) -> str:
    if unicode_font:
        return text
    text = text.translate(_LATIN1)
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        raise PdfUnavailable(
            "This document contains characters outside Latin-1 and no Unicode font is set up "
            "for PDF: set AMPARO_PDF_FONT to a TrueType font (e.g. DejaVu Serif), or use DOCX."
        ) from None
    return text


def _markdown_safe(text: str) -> str:
    # fpdf2's markdown treats doubled markers as formatting; a text never needs them.
    for marker in ("**", "__", "--", "~~"):
        text = text.replace(marker, marker[0])
    return text


def _paragraph(pdf: _Pdf, paragraph: Paragraph, fonts: FontSet, counter: list[int]) -> None:
    xml = paragraph._p.xml
    if 'w:type="page"' in xml and not paragraph.text.strip():
        pdf.add_page()
        return
    unicode_font = bool(fonts.files)
    style = paragraph.style.name if paragraph.style is not None else ""
    prefix = ""
    if style.startswith("List Number"):
        counter[0] += 1
        prefix = f"{counter[0]}. "
    elif style.startswith("List Bullet"):
        prefix = "\u2022 " if unicode_font else "- "
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text]
    fmt = paragraph.paragraph_format
    after = fmt.space_after.pt * MM_PER_PT if fmt.space_after is not None else 2.0
    if not runs:
        pdf.ln(max(after, 3.0))
        return
    alignments = {
        WD_ALIGN_PARAGRAPH.CENTER: "C",
        WD_ALIGN_PARAGRAPH.RIGHT: "R",
        WD_ALIGN_PARAGRAPH.JUSTIFY: "J",
    }
    align = alignments.get(paragraph.alignment, "L") if paragraph.alignment is not None else "L"
    indent = fmt.left_indent.mm if fmt.left_indent is not None else 0.0
    if style.startswith("List"):
        indent = max(indent, 6.0)
    styles = {(bold, italic) for _text, bold, italic in runs}
    if len(styles) == 1:
        bold, italic = styles.pop()
        pdf.set_font(fonts.family, ("B" if bold else "") + ("I" if italic else ""), 11)
        text = _clean(prefix + "".join(t for t, _b, _i in runs), unicode_font)
        markdown = False
    else:
        pdf.set_font(fonts.family, "", 11)
        parts = [prefix]
        for text, bold, italic in runs:
            piece = _markdown_safe(text)
            if bold:
                piece = f"**{piece}**"
            if italic:
                piece = f"__{piece}__"
            parts.append(piece)
        text = _clean("".join(parts), unicode_font)
        markdown = True
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(
        pdf.epw - indent,
        5.5,
        text,
        align=align,
        markdown=markdown,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(after)


def _table(pdf: _Pdf, table: Table, fonts: FontSet) -> None:
    unicode_font = bool(fonts.files)
    pdf.set_font(fonts.family, "", 10)
    columns = max((len(row.cells) for row in table.rows), default=0)
    if not columns:
        return
    widths = (35, 65) if columns == 2 else tuple(100 // columns for _ in range(columns))
    with pdf.table(col_widths=widths, text_align="LEFT", first_row_as_headings=True) as out:
        for row in table.rows:
            cells = out.row()
            for cell in row.cells:
                cells.cell(_clean(cell.text, unicode_font))
    pdf.ln(3)


def docx_to_pdf(data: bytes, *, title: str) -> bytes:
    """A PDF with the text of the DOCX `data`. Raises PdfUnavailable (see the module doc)."""
    fonts = font_set()
    pdf = _Pdf(format="Letter")
    pdf.set_margins(25.4, 25.4, 25.4)
    pdf.set_auto_page_break(True, margin=22)
    for style, path in fonts.files.items():
        pdf.add_font(fonts.family, style, str(path))
    pdf.set_font(fonts.family, "", 11)
    pdf.set_title(_clean(title, bool(fonts.files)))
    pdf.set_creator("Amparo")
    pdf.add_page()
    counter = [0]
    document = open_docx(io.BytesIO(data))
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            _paragraph(pdf, block, fonts, counter)
        else:
            _table(pdf, block, fonts)
    return bytes(pdf.output())
