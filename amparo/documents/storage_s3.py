"""S3-compatible document storage with staged uploads (see amparo/documents/storage.py)."""

from __future__ import annotations

from storages.backends.s3 import S3Storage

from amparo.documents.storage import StagedReads


class S3DocumentStorage(StagedReads, S3Storage):
    """Private objects in AMPARO_S3_BUCKET; a staged upload moves by copy and delete."""
