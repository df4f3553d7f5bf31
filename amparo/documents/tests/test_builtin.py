"""The built-in DOCX templates are built by code; the committed files match the builder."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx

from amparo.documents.builtin import TEMPLATES, docx_parts_equal
from amparo.documents.templating import unknown_fields

SLUGS = [
    "parole-request",
    "renewed-request",
    "habeas-petition",
    "tro-motion",
    "motion-to-enforce",
    "congressional-inquiry",
    "press-statement",
    "press-statement-es",
    "press-statement-ar",
    "family-letter",
    "family-letter-es",
    "family-letter-ar",
    "chronology",
]


def test_the_issue_s_slugs_are_all_built_in() -> None:
    assert list(TEMPLATES) == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_committed_template_matches_its_builder(slug: str) -> None:
    """Run `amparo documents build-templates` after changing builtin.py."""
    spec = TEMPLATES[slug]
    assert spec.path.is_file()
    assert docx_parts_equal(spec.path.read_bytes(), spec.build()), (
        f"{spec.path.name} is out of date: run `amparo documents build-templates`"
    )


def test_parts_comparison_sees_a_changed_template() -> None:
    assert not docx_parts_equal(
        TEMPLATES["chronology"].build(), TEMPLATES["press-statement"].build()
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_built_in_template_uses_only_declared_fields(slug: str) -> None:
    used = TEMPLATES[slug].fields()
    assert used
    assert unknown_fields(used) == []


def test_word_opens_every_template_with_its_title() -> None:
    for spec in TEMPLATES.values():
        document = open_docx(io.BytesIO(spec.data()))
        assert document.core_properties.title == spec.title


def test_privacy_waiver_sheet_asks_to_check_its_fields_against_the_form() -> None:
    """The ICE Form 60-001 field list is not confirmed against the current form: the sheet
    says so in words a user reads, never with the team's internal markers."""
    document = open_docx(io.BytesIO(TEMPLATES["congressional-inquiry"].data()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Check the fields below against the current ICE Form 60-001" in text


@pytest.mark.parametrize("slug", sorted(TEMPLATES))
def test_built_in_templates_show_no_internal_words(slug: str) -> None:
    document = open_docx(io.BytesIO(TEMPLATES[slug].data()))
    text = "\n".join(p.text for p in document.paragraphs)
    for word in ("UNVERIFIED", "DOMAIN.md", "immediate-custodian"):
        assert word not in text, (slug, word)


def test_court_papers_are_docx_only_and_letters_offer_pdf() -> None:
    assert not TEMPLATES["habeas-petition"].pdf
    assert not TEMPLATES["tro-motion"].pdf
    assert all(TEMPLATES[s].pdf for s in ("parole-request", "renewed-request", "chronology"))
