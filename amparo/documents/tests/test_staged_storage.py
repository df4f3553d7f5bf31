"""An upload's file becomes visible only when its row commits; a crash or rollback leaves only a
staged file, which `amparo documents cleanup` removes (or moves, if its row did commit)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from amparo.conftest import Cast
from amparo.documents.models import Document
from amparo.documents.services import document_upload
from amparo.documents.storage import STAGING, documents_cleanup
from amparo.documents.tests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def _upload(cast: Cast) -> Document:
    return document_upload(
        actor=cast.paralegal,
        case=cast.case,
        upload=SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="medical-letter",
    )


def _files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_a_committed_upload_moves_to_its_final_name(
    cast: Cast, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        document = _upload(cast)
    assert _files() == {document.file.name}
    with document.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES


def test_before_the_commit_only_a_staged_file_exists_and_the_writer_can_read_it(
    cast: Cast,
) -> None:
    document = _upload(cast)  # the test's transaction never commits
    assert _files() == {STAGING + document.file.name}
    with document.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    assert document.file.size == len(PDF_BYTES)


def test_a_rolled_back_upload_leaves_no_file_in_the_store_and_cleanup_removes_it(
    cast: Cast,
) -> None:
    with pytest.raises(Rollback), transaction.atomic():
        document = _upload(cast)
        raise Rollback
    assert not Document.objects.filter(pk=document.pk).exists()
    assert _files() == {STAGING + document.file.name}

    young = documents_cleanup()
    assert young.waiting and not young.removed  # its transaction might still be open

    out = io.StringIO()
    call_command("documents", "cleanup", "--minutes", "0", stdout=out)
    assert "removed 1" in out.getvalue()
    assert _files() == set()


def test_cleanup_finishes_a_move_a_crash_interrupted_after_the_commit(cast: Cast) -> None:
    document = _upload(cast)  # as if the process died between the commit and the move
    report = documents_cleanup()
    assert report.finished == [document.file.name]
    assert _files() == {document.file.name}


def test_cleanup_reports_old_files_no_row_names(cast: Cast) -> None:
    stray = Path(settings.MEDIA_ROOT) / "cases" / "x" / "y" / "v1.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF_BYTES)
    os.utime(stray, (0, 0))
    report = documents_cleanup(delete_orphans=False)
    assert report.orphans == ["cases/x/y/v1.pdf"] and stray.exists()
    documents_cleanup(delete_orphans=True)
    assert not stray.exists()
