"""Audit events for bulk writes: many events recorded in a few INSERTs.

An import writes thousands of rows in a few statements; recording its events one by one would
cost more than the import itself. The events are recorded as ``audit_record`` records one (a
row with the next numbers of the database-wide sequence, no hash yet), and the sealer chains
and hashes them like any other, so ``amparo audit verify`` checks them too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Max

from amparo.audit.middleware import current_origin
from amparo.audit.models import AuditEvent
from amparo.audit.services import POSTGRES_SEQUENCE
from amparo.core.bulk import TableWriter
from amparo.core.ids import new_id


@dataclass(frozen=True)
class Entry:
    action: str
    case_id: uuid.UUID | None
    object_type: str
    object_id: str
    changed_fields: list[str]


def sequences(count: int) -> list[int]:
    """`count` new sequence numbers of the audit chain, ascending, taken at once."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", [POSTGRES_SEQUENCE, count]
            )
            return sorted(int(row[0]) for row in cursor.fetchall())
    # SQLite: the transaction began IMMEDIATE and holds the one write lock (as audit_record).
    last = AuditEvent.objects.aggregate(last=Max("sequence"))["last"] or 0
    return list(range(last + 1, last + count + 1))


COLUMNS: tuple[str, ...] = (
    "id",
    "organisation_id",
    "actor_id",
    "action",
    "case_id",
    "object_type",
    "object_id",
)
COLUMNS += ("changed_fields", "ip_address", "user_agent", "sequence")


def audit_rows(*, actor: Any, organisation_id: uuid.UUID, entries: list[Entry]) -> TableWriter:
    """The events of `entries` as rows to insert, numbered from the database-wide sequence;
    the caller flushes them in its transaction and seals soon after it commits."""
    origin = current_origin.get()
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    writer = TableWriter(AuditEvent, COLUMNS)
    ip_address = origin.ip_address if origin else None
    user_agent = origin.user_agent if origin else ""
    for entry, sequence in zip(entries, sequences(len(entries)), strict=True):
        writer.add(
            new_id(),
            organisation_id,
            actor_id,
            entry.action,
            entry.case_id,
            entry.object_type,
            entry.object_id,
            sorted(entry.changed_fields),
            ip_address,
            user_agent,
            sequence,
        )
    return writer
