"""An upload's file appears under its name only when its row commits: a crash or a rollback
leaves no privileged file with no row and no audit event. Written against the service alone,
so it runs unchanged on the code before uploads were staged (where it failed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from amparo.conftest import Cast
from amparo.documents.models import Document
from amparo.documents.services import document_upload
from amparo.documents.tests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def test_a_rolled_back_upload_leaves_no_file_under_its_name(cast: Cast) -> None:
    with pytest.raises(Rollback), transaction.atomic():
        document = document_upload(
            actor=cast.paralegal,
            case=cast.case,
            upload=SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf"),
            kind="medical-letter",
        )
        raise Rollback
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
