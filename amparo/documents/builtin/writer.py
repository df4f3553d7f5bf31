"""The writer the built-in templates are drawn with: a small layer over python-docx that keeps each
piece of text, and so each Jinja tag, in one run (a tag split across runs would not render), and
the letter pieces more than one family shares."""

from __future__ import annotations

import datetime
import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

# Bump when the wording of a built-in template changes; recorded on every generated document.
BUILTIN_VERSION = "2026.1"
_FIXED_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

Run = str | tuple[str, str]
# What follows w:bidi in a paragraph's properties (ECMA-376 § 17.3.1.26): Word wants the order.
PPR_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)  # text, or (text, "b" / "i" / "bi")


class Writer:
    """A small layer over python-docx: one run per piece of text, so no Jinja tag is split."""

    def __init__(self, title: str, *, language: str = "en") -> None:
        self.doc: DocxDocument = new_docx()
        # Arabic paragraphs run right to left (w:bidi) with right-to-left runs (w:rtl).
        self.rtl = language == "ar"
        normal = self.doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        for section in self.doc.sections:
            section.top_margin = section.bottom_margin = Inches(1)
            section.left_margin = section.right_margin = Inches(1)
        props = self.doc.core_properties
        props.title = title
        props.author = "Amparo"
        props.last_modified_by = "Amparo"
        props.comments = f"Amparo built-in template {BUILTIN_VERSION}"
        props.created = props.modified = _FIXED_TIME
        props.revision = 1

    def p(
        self,
        *runs: Run,
        align: str = "left",
        style: str | None = None,
        after: int = 8,
        indent: float | None = None,
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        paragraph.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        paragraph.paragraph_format.space_after = Pt(after)
        if indent is not None:
            paragraph.paragraph_format.left_indent = Inches(indent)
        if self.rtl:
            if align == "left":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph._p.get_or_add_pPr().insert_element_before(
                OxmlElement("w:bidi"), *PPR_AFTER_BIDI
            )
        for run in runs:
            text, marks = (run, "") if isinstance(run, str) else run
            added = paragraph.add_run(text)
            added.bold = "b" in marks or None
            added.italic = "i" in marks or None
            if self.rtl:
                added._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
        return paragraph

    def center(self, text: str, *, bold: bool = True, after: int = 0) -> Paragraph:
        return self.p((text, "b") if bold else text, align="center", after=after)

    def heading(self, text: str, *, center: bool = False) -> Paragraph:
        return self.p((text, "b"), align="center" if center else "left", after=6)

    def tag(self, tag: str) -> Paragraph:
        """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it vanishes on render."""
        return self.p(tag, after=0)

    def bullet(self, *runs: Run) -> Paragraph:
        return self.p(*runs, style="List Bullet", after=2)

    def numbered(self, *runs: Run) -> Paragraph:
        return self.p(*runs, style="List Number", align="justify")

    def note(self, text: str) -> Paragraph:
        return self.p((f"[Drafting note: {text} Delete this note before filing.]", "i"))

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def rows(self, rows: list[tuple[str, str]], *, header: tuple[str, str] | None = None) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for left, right in ([header] if header else []) + rows:
            cells = table.add_row().cells
            cells[0].text = left
            cells[1].text = right
            cells[0].width = Inches(2.3)
            cells[1].width = Inches(4.2)
        if header:
            for cell in table.rows[0].cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def letterhead(w: Writer) -> None:
    w.p(("{{ organisation.name }}", "b"), after=0)
    w.p("{{ attorney.email }}", after=12)
    w.p("{{ today }}", after=12)


def signature(w: Writer) -> None:
    w.p("Sincerely,", after=24)
    w.p("{{ attorney.name }}", after=0)
    w.p("{{ organisation.name }}", after=0)
    w.p("{{ attorney.email }}", after=12)


def client_block(w: Writer, *lines: tuple[str, str]) -> None:
    for label, value in lines:
        w.p((f"{label}: ", "b"), value, after=0, indent=0.5)
    w.p("", after=6)


def family(w: Writer) -> None:
    w.tag("{%p if family %}")
    w.p("{{ client.given_name }}'s family:", after=2)
    w.tag("{%p for relative in family %}")
    w.bullet(
        "{{ relative.name }}, {{ relative.relationship }}"
        "{% if relative.us_citizen %}, a United States citizen{% endif %}"
    )
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")
    w.tag("{%p if life_events %}")
    w.tag("{%p for event in life_events %}")
    w.bullet(
        "{{ event.description }}: {{ event.date }}{% if event.expected %} (expected){% endif %}"
    )
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")


def enclosures(w: Writer) -> None:
    w.tag("{%p if evidence %}")
    w.p(("Enclosures", "b"), after=2)
    w.tag("{%p for item in evidence %}")
    w.bullet("{{ item.title }} ({{ item.kind }})")
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")
