"""What an uploaded file is, judged from its bytes (the `filetype` package), never its name.

Only PDF, DOCX, JPEG and PNG are accepted, up to `AMPARO_UPLOAD_MAX_BYTES` (20 MB unless set).
The type the client claims (the upload's content type, or for a generic one the file's
extension) must match what the bytes are; otherwise the upload is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

ALLOWED: dict[str, tuple[str, str]] = {  # content type → (extension, name)
    PDF: ("pdf", "PDF document"),
    DOCX: ("docx", "Word document (DOCX)"),
    JPEG: ("jpg", "JPEG image"),
    PNG: ("png", "PNG image"),
}
_ALIASES = {"image/jpg": JPEG, "image/pjpeg": JPEG, "application/x-pdf": PDF}
_BY_EXTENSION = {"pdf": PDF, "docx": DOCX, "jpg": JPEG, "jpeg": JPEG, "png": PNG}
_GENERIC = {"", "application/octet-stream", "binary/octet-stream", "application/zip"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class UploadLike(Protocol):
    name: str | None
    size: int | None
    content_type: str | None

    def chunks(self, chunk_size: int | None = None) -> object: ...


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    content_type: str
    checksum: str

    @property
    def extension(self) -> str:
        return ALLOWED[self.content_type][0]


def max_upload_bytes() -> int:
    return int(getattr(settings, "AMPARO_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def claimed_type(name: str, content_type: str) -> str:
    """The type the uploader says the file is: its content type, or, when that is generic,
    what its extension says."""
    declared = (content_type or "").split(";")[0].strip().lower()
    declared = _ALIASES.get(declared, declared)
    if declared not in _GENERIC:
        return declared
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _BY_EXTENSION.get(extension, declared)


def sniffed_type(data: bytes) -> str | None:
    kind = filetype.guess(data[:8192])
    return _ALIASES.get(kind.mime, kind.mime) if kind is not None else None


def check_upload(upload: UploadLike, *, allowed: frozenset[str] | None = None) -> CheckedFile:
    """Read and check an upload. Raises ValidationError on `file` for a file that is empty, too
    large, of a type not accepted, or whose bytes are not the type it claims. Messages never
    repeat the file's name (it may carry a client's name)."""
    allowed = allowed or frozenset(ALLOWED)
    names = ", ".join(ALLOWED[t][1] for t in ALLOWED if t in allowed)
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than the limit of %(limit)s.")
                % {"limit": _megabytes(limit)}
            }
        )
    chunks = []
    total = 0
    for chunk in upload.chunks():  # type: ignore[attr-defined]
        total += len(chunk)
        if total > limit:
            raise ValidationError(
                {
                    "file": _("The file is larger than the limit of %(limit)s.")
                    % {"limit": _megabytes(limit)}
                }
            )
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    claimed = claimed_type(upload.name or "", upload.content_type or "")
    if claimed not in allowed:
        raise ValidationError(
            {"file": _("Only these files are accepted: %(names)s.") % {"names": names}}
        )
    actual = sniffed_type(data)
    if actual != claimed:
        if actual in ALLOWED:
            message = _(
                "The file claims to be a %(claimed)s, but its contents are a %(actual)s. "
                "Nothing was stored."
            ) % {"claimed": ALLOWED[claimed][1], "actual": ALLOWED[actual][1]}
        else:
            message = _(
                "The file claims to be a %(claimed)s, but its contents are not a file type "
                "Amparo accepts. Nothing was stored."
            ) % {"claimed": ALLOWED[claimed][1]}
        raise ValidationError({"file": message})
    return CheckedFile(data, actual, hashlib.sha256(data).hexdigest())
