"""Document files become visible only when their row commits.

A service writes the bytes under a staging name (`incoming/<final name>`) and gives the row the
final name; when the transaction commits, the file moves to the final name. If the transaction
rolls back, or the process dies first, only a staged file is left, never a file in the document
store without its row: `amparo documents cleanup` removes staged files older than an hour that no
row names, and finishes a move a crash interrupted between commit and move.

Reads fall back to the staged name, so the transaction that wrote a row (and only it, until the
commit) can read the file back before it moves.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

logger = logging.getLogger("amparo.documents")

STAGING = "incoming/"


class StagedReads:
    """Storage mixin: a name not yet moved is read from its staging name."""

    def _resolve(self, name: str) -> str:
        storage: Any = super()
        if not storage.exists(name) and storage.exists(STAGING + name):
            return STAGING + name
        return name

    def _open(self, name: str, mode: str = "rb") -> File:
        storage: Any = super()
        return storage._open(self._resolve(name), mode)

    def size(self, name: str) -> int:
        storage: Any = super()
        return storage.size(self._resolve(name))


class DocumentStorage(StagedReads, FileSystemStorage):
    """The filesystem under MEDIA_ROOT (the default)."""


def _publish(storage: Storage, staged: str, final: str) -> None:
    if isinstance(storage, FileSystemStorage):
        target = storage.path(final)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(storage.path(staged), target)  # atomic on one filesystem
        return
    with storage.open(staged, "rb") as handle:
        storage.save(final, handle)
    storage.delete(staged)


def store_on_commit(file: FieldFile, name: str, data: bytes) -> str:
    """Stage `data` for `file`'s row, name the row's file by its final name, and move the bytes
    there when the transaction commits. Returns the staged name (delete it if the row fails)."""
    final = file.field.generate_filename(file.instance, name)
    staged = file.storage.save(STAGING + final, ContentFile(data))
    file.name = final
    storage = file.storage
    transaction.on_commit(lambda: _publish(storage, staged, final))
    return staged


def discard(file: FieldFile, staged: str) -> None:
    file.storage.delete(staged)


@dataclass
class Cleanup:
    finished: list[str] = field(default_factory=list)  # moves a crash interrupted
    removed: list[str] = field(default_factory=list)  # staged files no row names
    waiting: list[str] = field(default_factory=list)  # too young: their transaction may be open
    orphans: list[str] = field(default_factory=list)  # store files no row names (older versions)


def _walk(storage: Storage, top: str) -> Iterator[str]:
    try:
        dirs, files = storage.listdir(top)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{top}{name}"
    for sub in dirs:
        yield from _walk(storage, f"{top}{sub}/")


def cleanup(
    storage: Storage,
    named: set[str],
    *,
    older_than: datetime.timedelta = datetime.timedelta(hours=1),
    delete_orphans: bool = False,
) -> Cleanup:
    """Tidy the store. `named` is every file name a row holds."""
    report = Cleanup()
    cutoff = timezone.now() - older_than
    for staged in _walk(storage, STAGING):
        final = staged.removeprefix(STAGING)
        if final in named:
            if storage.exists(final):
                storage.delete(staged)
            else:
                _publish(storage, staged, final)
            report.finished.append(final)
        elif storage.get_modified_time(staged) <= cutoff:
            storage.delete(staged)
            report.removed.append(staged)
        else:
            report.waiting.append(staged)
    for top in ("cases/", "templates/"):
        for name in _walk(storage, top):
            if name not in named and storage.get_modified_time(name) <= cutoff:
                report.orphans.append(name)
                if delete_orphans:
                    storage.delete(name)
    return report


def documents_cleanup(
    *, older_than: datetime.timedelta = datetime.timedelta(hours=1), delete_orphans: bool = False
) -> Cleanup:
    """`amparo documents cleanup`: tidy the default storage against every document and template
    row."""
    from django.core.files.storage import default_storage

    from amparo.documents.models import Document, DocumentTemplate

    named = set(Document.objects.values_list("file", flat=True))
    named |= set(DocumentTemplate.objects.values_list("file", flat=True))
    return cleanup(default_storage, named, older_than=older_than, delete_orphans=delete_orphans)
