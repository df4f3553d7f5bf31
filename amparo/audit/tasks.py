"""The sealer as a background task (django-tasks); `amparo db_worker` runs it."""

from __future__ import annotations

import datetime
import logging
import threading
import time

from django.utils import timezone
from django_tasks import task

from amparo.audit.sealing import SEAL_DELAY_SECONDS, audit_seal

logger = logging.getLogger("amparo.audit")
_queued_at = 0.0
_queue_lock = threading.Lock()


@task()
def seal_audit_trail() -> int:
    """Chain and hash the events recorded since the last run; returns how many."""
    return audit_seal()


def seal_soon() -> None:
    """Queue the sealer, at most once per SEAL_DELAY_SECONDS per process (after a commit)."""
    global _queued_at
    now = time.monotonic()
    with _queue_lock:
        if now - _queued_at < SEAL_DELAY_SECONDS:
            return
        _queued_at = now
    task = seal_audit_trail
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=SEAL_DELAY_SECONDS))
    try:
        task.enqueue()
    except Exception:
        # The event is already committed; the next run of the sealer or `audit verify` seals it.
        logger.exception("could not queue the audit sealer")
        with _queue_lock:
            _queued_at = 0.0
