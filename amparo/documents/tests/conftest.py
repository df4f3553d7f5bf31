"""Fixtures for the documents tests: a temporary MEDIA_ROOT for every test here, and the demo's
story case (Herrera Lindqvist) as the acceptance fixture."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from amparo.accounts.models import User
from amparo.cases.models import Case
from amparo.sampledata.demo import DEMO_DOMAIN, demo_load


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Files are written under a fresh directory per test, never under var/media."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def story(db: None) -> Case:
    """The demo story case: arrest in New Jersey, transfer to Jena (W.D. La.), parole request
    denied 29 minutes after it was sent, without reasons."""
    return demo_load(generated_cases=0).story_case


@pytest.fixture
def unconsented(story: Case) -> Case:
    """The story after the client withdrew consent to publicity: no live public page."""
    from amparo.advocacy.services import publication_withdraw

    for publication in story.publications.filter(withdrawn_at__isnull=True):
        publication_withdraw(actor=demo_user("attorney"), publication=publication)
    return story


def demo_user(role: str) -> User:
    return User.objects.get(email=f"{role}@{DEMO_DOMAIN}")


@pytest.fixture
def story_ready(story: Case) -> Case:
    """The story with what only some templates need: the client's consent to publicity (press
    statement), an uploaded medical letter (enclosures) and a 212.5(b) assessment."""
    from amparo.advocacy.services import publication_create
    from amparo.documents.services import document_upload
    from amparo.relief.models import Request
    from amparo.relief.services import assessment_record

    attorney = demo_user("attorney")
    if not story.publications.filter(withdrawn_at__isnull=True).exists():
        publication_create(
            actor=attorney,
            case=story,
            name_as_consented="Tomás H.",
            consent_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    document_upload(
        actor=attorney,
        case=story,
        upload=SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="medical-letter",
        title="Obstetrician's letter",
    )
    parole = Request.objects.get(case=story, request_type__slug="humanitarian-parole")
    assessment_record(
        actor=attorney,
        request=parole,
        factors={
            "212.5(b)(5)": {
                "applies": True,
                "evidence": "His U.S.-citizen wife is due to give birth within two weeks.",
            }
        },
    )
    return story


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Letter from the obstetrician")
    return bytes(pdf.output())


def _png() -> bytes:
    # A 1x1 PNG.
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )


def _docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Declaration of Ana Herrera")
    document.save(out)
    return out.getvalue()


PDF_BYTES = _pdf()
PNG_BYTES = _png()
DOCX_BYTES = _docx()
