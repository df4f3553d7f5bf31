"""Exactly-once POSTs: the first answer to a request sent with an ``Idempotency-Key`` is kept for
24 hours and replayed for every repeat, so a client that retries after a lost connection creates
nothing twice. The same key with another body is refused (the client reused a key by mistake).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from amparo.exchange.models import IdempotentResponse

KEEP_FOR = datetime.timedelta(hours=24)
# A first request that never finished (the process died) stops blocking its key after this.
ABANDONED_AFTER = datetime.timedelta(minutes=2)
MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class Begun:
    """What to do with a request: run it (``record`` is kept for its answer), replay a kept
    answer, or refuse it (``refusal`` is ``mismatch`` or ``in_progress``)."""

    record: IdempotentResponse | None = None
    replay: IdempotentResponse | None = None
    refusal: str = ""


def _digest(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def idempotency_begin(*, user: Any, key: str, method: str, path: str, body: bytes) -> Begun:
    """Look the key up for this user; claim it when it is new (or expired, or abandoned)."""
    digest = _digest(method, path, body)
    now = timezone.now()
    for _attempt in range(2):
        kept = IdempotentResponse.objects.filter(user=user, key=key).first()
        if kept is not None:
            stale = kept.created_at < now - KEEP_FOR
            abandoned = kept.status is None and kept.created_at < now - ABANDONED_AFTER
            if not (stale or abandoned):
                if kept.body_digest != digest:
                    return Begun(refusal="mismatch")
                if kept.status is None:
                    return Begun(refusal="in_progress")
                return Begun(replay=kept)
            kept.delete()
        try:
            with transaction.atomic():
                record = IdempotentResponse.objects.create(
                    user=user, key=key, method=method, path=path, body_digest=digest, created_at=now
                )
            return Begun(record=record)
        except IntegrityError:  # another request claimed the key between the read and the write
            continue
    return Begun(refusal="in_progress")


def idempotency_finish(
    *, record: IdempotentResponse, status: int, content_type: str, body: bytes
) -> None:
    """Keep the answer to replay; a server error is not kept, so a retry runs again."""
    if status >= 500:
        IdempotentResponse.objects.filter(pk=record.pk).delete()
        return
    IdempotentResponse.objects.filter(pk=record.pk).update(
        status=status, content_type=content_type[:100], body=body
    )


def idempotency_purge() -> int:
    """Drop answers older than 24 hours; returns how many."""
    deleted, _ = IdempotentResponse.objects.filter(
        created_at__lt=timezone.now() - KEEP_FOR
    ).delete()
    return deleted
