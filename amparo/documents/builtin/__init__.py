"""The built-in templates: the registry of slugs here, the code that builds each DOCX in one module
per family (`parole`, `court`, `advocacy`, `records`), drawn with `writer.Writer`.

The DOCX files under `templates/documents/builtin/` are built by `amparo documents
build-templates` from those modules and committed, so staff can open them in Word and use
them as the starting point of their organisation's own versions. A test rebuilds them and fails
when a committed file differs from what the code builds.

Wording cites only sources listed in DOMAIN.md, except where a line says otherwise. Court papers
carry editable sections and drafting notes for the attorney; they are drafts, not advice.
"""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext, gettext_noop

from amparo.documents.builtin.advocacy import build_congressional_inquiry, build_press_statement
from amparo.documents.builtin.court import (
    build_habeas_petition,
    build_motion_to_enforce,
    build_tro_motion,
)
from amparo.documents.builtin.family import build_family_letter, build_press_statement_in
from amparo.documents.builtin.parole import build_parole_request, build_renewed_request
from amparo.documents.builtin.records import build_chronology
from amparo.documents.builtin.writer import BUILTIN_VERSION, Writer
from amparo.documents.templating import template_fields

__all__ = ["BUILTIN_DIR", "BUILTIN_VERSION", "TEMPLATES", "ShownTexts", "TemplateSpec", "Writer"]

BUILTIN_DIR = Path(__file__).resolve().parents[1] / "templates" / "documents" / "builtin"


class ShownTexts:
    """A built-in template's title and description on the screens, in the reader's language;
    the paper itself and the API keep `title` and `description` (English, as marked)."""

    title: str
    description: str

    @property
    def shown_title(self) -> str:
        return gettext(self.title)

    @property
    def shown_description(self) -> str:
        return gettext(self.description)


@dataclass(frozen=True)
class TemplateSpec(ShownTexts):
    slug: str
    title: str
    description: str
    build: Callable[[], bytes]
    pdf: bool  # letters and the chronology; court papers are edited in Word
    privileged: bool  # work product: hidden from advocacy staff
    # The language the paper is written in. Family-facing papers come in English, Spanish and
    # Arabic, each its own template ("<slug>-es", "<slug>-ar"); court filings stay in English.
    language: str = "en"
    variant_of: str = ""

    @property
    def path(self) -> Path:
        return BUILTIN_DIR / f"{self.slug}.docx"

    def data(self) -> bytes:
        return _read(self.path)

    def checksum(self) -> str:
        return hashlib.sha256(self.data()).hexdigest()

    def fields(self) -> set[str]:
        return template_fields(self.data())


@functools.cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


TEMPLATES: dict[str, TemplateSpec] = {
    spec.slug: spec
    for spec in (
        TemplateSpec(
            "parole-request",
            gettext_noop("Emergency humanitarian parole request"),
            gettext_noop(
                "Letter to the field office director of the current venue: INA § 212(d)(5)(A), the "
                "8 CFR 212.5(b) categories the assessment found, urgency date, requested duration "
                "and the enclosed evidence."
            ),
            build_parole_request,
            pdf=True,
            privileged=True,
        ),
        TemplateSpec(
            "renewed-request",
            gettext_noop("Renewed parole request"),
            gettext_noop(
                "Renewed request after a denial: the decision's time, turnaround and (absent) "
                "reasons, and what is new."
            ),
            build_renewed_request,
            pdf=True,
            privileged=True,
        ),
        TemplateSpec(
            "habeas-petition",
            gettext_noop("Petition for a writ of habeas corpus (28 U.S.C. § 2241)"),
            gettext_noop(
                "Caption with court and division, petitioner, respondents by role, custody facts "
                "and transfer history, claims as editable sections, verification under § 2242."
            ),
            build_habeas_petition,
            pdf=False,
            privileged=True,
        ),
        TemplateSpec(
            "tro-motion",
            gettext_noop("Emergency motion for a temporary restraining order"),
            gettext_noop(
                "Fed. R. Civ. P. 65(b) and 28 U.S.C. § 1651(a): no transfer out of the district, "
                "release or a prompt hearing."
            ),
            build_tro_motion,
            pdf=False,
            privileged=True,
        ),
        TemplateSpec(
            "motion-to-enforce",
            gettext_noop("Notice of non-compliance and motion to enforce a court order"),
            gettext_noop(
                "When the government has not released the client, held the bond hearing, returned "
                "the client or kept the client in the district as ordered: the order, its deadline "
                "and how it was counted (Fed. R. Civ. P. 6(a)(1)), what the record shows, and the "
                "relief asked."
            ),
            build_motion_to_enforce,
            pdf=False,
            privileged=True,
        ),
        TemplateSpec(
            "congressional-inquiry",
            gettext_noop("Congressional inquiry letter and privacy-waiver data sheet"),
            gettext_noop(
                "Letter to the Member's office asking for an inquiry to ICE's Office of "
                "Congressional Relations, with a data sheet pre-filled for ICE Form 60-001 (check "
                "its fields against the current form)."
            ),
            build_congressional_inquiry,
            pdf=True,
            privileged=True,
        ),
        TemplateSpec(
            "press-statement",
            gettext_noop("Press statement"),
            gettext_noop(
                "Public statement under the name the client consented to, with the family's and "
                "allies' statements they agreed to publicise."
            ),
            build_press_statement,
            pdf=True,
            privileged=False,
        ),
        *(
            TemplateSpec(
                f"press-statement-{language}",
                title,
                description,
                functools.partial(build_press_statement_in, language),
                pdf=language != "ar",  # the PDF writer does not shape Arabic script
                privileged=False,
                language=language,
                variant_of="press-statement",
            )
            for language, title, description in (
                (
                    "es",
                    "Comunicado de prensa",
                    gettext_noop("The press statement in Spanish, from its own Spanish template."),
                ),
                (
                    "ar",
                    "بيان صحفي",
                    gettext_noop("The press statement in Arabic, from its own Arabic template."),
                ),
            )
        ),
        TemplateSpec(
            "family-letter",
            gettext_noop("Letter to the family"),
            gettext_noop(
                "Where the case stands, in plain words for the family: where the client is held "
                "and since when, what was asked of ICE and its answer, what the family can do and "
                "whom to write to."
            ),
            functools.partial(build_family_letter, "en"),
            pdf=True,
            privileged=True,
        ),
        *(
            TemplateSpec(
                f"family-letter-{language}",
                title,
                description,
                functools.partial(build_family_letter, language),
                pdf=language != "ar",
                privileged=True,
                language=language,
                variant_of="family-letter",
            )
            for language, title, description in (
                (
                    "es",
                    "Carta a la familia",
                    gettext_noop(
                        "The letter to the family in Spanish, from its own Spanish template."
                    ),
                ),
                (
                    "ar",
                    "رسالة إلى العائلة",
                    gettext_noop(
                        "The letter to the family in Arabic, from its own Arabic template."
                    ),
                ),
            )
        ),
        TemplateSpec(
            "chronology",
            gettext_noop("Chronology"),
            gettext_noop("The case timeline as an exhibit (team notes left out)."),
            build_chronology,
            pdf=True,
            privileged=True,
        ),
    )
}


def write_builtin_templates(directory: Path = BUILTIN_DIR) -> list[Path]:
    """Build every built-in template into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in TEMPLATES.values():
        path = directory / f"{spec.slug}.docx"
        path.write_bytes(spec.build())
        written.append(path)
    _read.cache_clear()
    return written


def docx_parts_equal(first: bytes, second: bytes) -> bool:
    """Two DOCX packages hold the same parts with the same bytes (zip timestamps aside)."""
    a, b = zipfile.ZipFile(io.BytesIO(first)), zipfile.ZipFile(io.BytesIO(second))
    if sorted(a.namelist()) != sorted(b.namelist()):
        return False
    return all(a.read(name) == b.read(name) for name in a.namelist())
