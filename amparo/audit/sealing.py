"""The sealer: gives recorded events their place in their chain and the hash that links them.

Events are recorded without reading or locking anything (`audit_record`). The sealer takes the
unsealed events in the order they were recorded, as far as they have committed, and for each
chain (an organisation's, or the system chain) sets `position` (1, 2, 3… without a gap),
`previous_hash` (the hash of the event before it in the chain) and `hash` (of every other
column). An event that commits after a later-numbered one was sealed is simply sealed next: the
chain records the order of sealing, which is what verification checks.

One sealer works at a time (it locks the sealer row); each batch is one short transaction, so
on SQLite the write lock is held for milliseconds, never for a request.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
import uuid
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from amparo.audit.hashing import event_hash
from amparo.audit.models import SYSTEM_CHAIN, AuditChainLock, AuditEvent

logger = logging.getLogger("amparo.audit")

SEAL_BATCH = 500
# Each process queues the sealer at most this often, to run this long after it was queued, so
# an event is sealed within about twice this many seconds (plus the worker's polling).
SEAL_DELAY_SECONDS = 2.0

_queued_at = 0.0
_queue_lock = threading.Lock()
# Set in a server worker (`amparo serve`) that seals in its own background thread.
_wake: threading.Event | None = None

_SEAL_SQL = (
    "UPDATE audit_auditevent SET position = %s, previous_hash = %s, hash = %s "
    "WHERE id = %s AND position IS NULL"
)


def _chain_head(org_id: uuid.UUID | None) -> tuple[int, str]:
    head = (
        AuditEvent.objects.filter(organisation=org_id, position__isnull=False)
        .order_by("-position")
        .values_list("position", "hash")
        .first()
    )
    return (head[0] or 0, head[1]) if head else (0, "")


def _db_id(value: uuid.UUID) -> Any:
    assert AuditEvent._meta.pk is not None
    return AuditEvent._meta.pk.get_db_prep_value(value, connection)


@transaction.atomic
def _seal_batch() -> int:
    AuditChainLock.objects.get_or_create(key=SYSTEM_CHAIN)
    AuditChainLock.objects.select_for_update().filter(key=SYSTEM_CHAIN).first()
    batch = list(AuditEvent.objects.filter(position__isnull=True).order_by("sequence")[:SEAL_BATCH])
    heads: dict[uuid.UUID | None, tuple[int, str]] = {}
    rows: list[tuple[Any, ...]] = []
    for event in batch:
        if event.organisation_id not in heads:
            heads[event.organisation_id] = _chain_head(event.organisation_id)
        position, previous_hash = heads[event.organisation_id]
        event.position, event.previous_hash = position + 1, previous_hash
        event.hash = event_hash(event)
        heads[event.organisation_id] = (event.position, event.hash)
        rows.append((event.position, event.previous_hash, event.hash, _db_id(event.id)))
    with connection.cursor() as cursor:
        cursor.executemany(_SEAL_SQL, rows)
    for org_id, (position, head_hash) in heads.items():
        # The log leaves the database: a record of each head that a later truncation cannot
        # take back (see docs/architecture.md).
        logger.info("audit sealed chain=%s head=%s:%s", org_id or SYSTEM_CHAIN, position, head_hash)
    return len(rows)


def audit_seal(*, max_batches: int = 1000) -> int:
    """Seal every event committed so far; returns how many were sealed."""
    sealed = 0
    for _ in range(max_batches):
        count = _seal_batch()
        sealed += count
        if count < SEAL_BATCH:
            break
    return sealed


@task()
def seal_audit_trail() -> int:
    """The sealer as a background task (django-tasks; `amparo db_worker` runs it)."""
    return audit_seal()


def unsealed_tail() -> tuple[int, datetime.datetime | None]:
    """How many committed events wait for the sealer, and when the oldest was recorded."""
    waiting = AuditEvent.objects.filter(position__isnull=True)
    oldest = waiting.order_by("sequence").values_list("created_at", flat=True).first()
    return waiting.count(), oldest


def _sealer_loop(wake: threading.Event) -> None:
    while True:
        wake.wait()
        time.sleep(SEAL_DELAY_SECONDS)  # gather what the next moments record into one batch
        wake.clear()
        try:
            audit_seal()
        except Exception:
            # Nothing is lost: the events wait, committed, for the next run.
            logger.exception("the audit sealer failed; it will try again")
        finally:
            connection.close()


def start_sealer_thread() -> None:
    """Seal in a background thread of this process, woken by each commit that recorded events."""
    global _wake
    if _wake is not None:
        return
    _wake = threading.Event()
    _wake.set()  # seal whatever an earlier run left behind
    threading.Thread(target=_sealer_loop, args=(_wake,), name="audit-sealer", daemon=True).start()


def seal_soon() -> None:
    """After a commit that recorded events: wake this process's sealer thread, or else queue the
    sealer task, at most once per SEAL_DELAY_SECONDS per process."""
    global _queued_at
    if _wake is not None:
        _wake.set()
        return
    now = time.monotonic()
    with _queue_lock:
        if now - _queued_at < SEAL_DELAY_SECONDS:
            return
        _queued_at = now
    queued = seal_audit_trail
    if queued.get_backend().supports_defer:
        delay = datetime.timedelta(seconds=SEAL_DELAY_SECONDS)
        queued = queued.using(run_after=timezone.now() + delay)
    try:
        queued.enqueue()
    except Exception:
        # The event is already committed; the next run of the sealer or `audit verify` seals it.
        logger.exception("could not queue the audit sealer")
        with _queue_lock:
            _queued_at = 0.0
