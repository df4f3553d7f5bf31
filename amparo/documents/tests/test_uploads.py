"""Evidence uploads: the type is read from the bytes, the size is limited, storage paths carry
ids only, and every upload is a new version on the record."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from amparo.audit.models import AuditEvent
from amparo.conftest import Cast
from amparo.documents.models import Document
from amparo.documents.services import document_upload
from amparo.documents.tests.conftest import DOCX_BYTES, PDF_BYTES, PNG_BYTES
from amparo.documents.uploads import claimed_type, sniffed_type

pytestmark = pytest.mark.django_db


def upload(cast: Cast, name: str, data: bytes, content_type: str, **kwargs: object) -> Document:
    return document_upload(
        actor=cast.paralegal,
        case=cast.case,
        upload=SimpleUploadedFile(name, data, content_type=content_type),
        **{"kind": "medical-letter", **kwargs},  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF_BYTES, "application/pdf"),
        (PNG_BYTES, "image/png"),
        (DOCX_BYTES, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, "image/jpeg"),
        (b"just some text", None),
    ],
)
def test_type_is_read_from_the_bytes(data: bytes, expected: str | None) -> None:
    assert sniffed_type(data) == expected


def test_claimed_type_falls_back_to_the_extension_only_for_generic_types() -> None:
    assert claimed_type("scan.PDF", "application/octet-stream") == "application/pdf"
    assert claimed_type("scan.pdf", "image/png") == "image/png"
    assert claimed_type("photo.jpeg", "") == "image/jpeg"
    assert claimed_type("photo", "image/jpg") == "image/jpeg"


def test_an_upload_is_stored_with_its_real_type_checksum_and_version(cast: Cast) -> None:
    first = upload(cast, "Ruiz birth certificate.pdf", PDF_BYTES, "application/pdf")
    second = upload(cast, "again.pdf", PDF_BYTES, "application/pdf")
    assert (first.kind, first.evidence_kind) == ("evidence", "medical-letter")
    assert first.title == "Medical letter"
    assert (first.version, second.version) == (1, 2)
    assert first.content_type == "application/pdf"
    assert first.size == len(PDF_BYTES)
    assert first.privileged is True
    # The uploaded name (which may carry a client's name) is not used for storage.
    assert first.file.name == f"cases/{cast.case.id}/{first.id}/v1.pdf"
    assert "Ruiz" not in first.file.name
    assert AuditEvent.objects.filter(action="document.upload", case_id=cast.case.id).count() == 2


def test_bytes_that_do_not_match_the_claimed_type_are_refused(cast: Cast) -> None:
    """A PNG sent as a PDF (by content type, or by name) is refused; nothing is stored."""
    with pytest.raises(ValidationError) as caught:
        upload(cast, "letter.pdf", PNG_BYTES, "application/pdf")
    message = caught.value.message_dict["file"][0]
    assert "claims to be a PDF document" in message and "PNG image" in message
    with pytest.raises(ValidationError):
        upload(cast, "letter.pdf", PNG_BYTES, "application/octet-stream")
    assert not Document.objects.filter(case=cast.case).exists()


def test_a_file_type_outside_the_allow_list_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Only these files are accepted"):
        upload(cast, "notes.txt", b"plain text", "text/plain")
    with pytest.raises(ValidationError, match="not a file type Amparo accepts"):
        upload(cast, "notes.pdf", b"plain text pretending", "application/pdf")


def test_an_empty_file_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="empty"):
        upload(cast, "empty.pdf", b"", "application/pdf")


def test_the_size_limit_comes_from_settings(cast: Cast, settings: object) -> None:
    settings.AMPARO_UPLOAD_MAX_BYTES = 1024  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="larger than the limit"):
        upload(cast, "big.pdf", PDF_BYTES + b"\x00" * 2048, "application/pdf")


def test_an_unknown_kind_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        upload(cast, "x.pdf", PDF_BYTES, "application/pdf", kind="tax-return")
    assert "kind" in caught.value.message_dict


def test_kinds_other_than_evidence_carry_no_evidence_kind(cast: Cast) -> None:
    document = upload(
        cast, "x.docx", DOCX_BYTES, "", kind="court-paper", title="Order to show cause"
    )
    assert (document.kind, document.evidence_kind, document.title) == (
        "court-paper",
        "",
        "Order to show cause",
    )
