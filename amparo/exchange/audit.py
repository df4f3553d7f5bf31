"""Audit events for bulk writes: many events appended to one chain in one statement.

An import writes thousands of rows in a few statements; appending its events one by one (a lock,
a read and an insert each) would cost more than the import itself. The events are chained
exactly as ``audit_record`` chains them, so ``amparo audit verify`` checks them like any other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.audit.middleware import current_origin
from amparo.audit.models import AuditEvent
from amparo.audit.services import chained_fields, event_digest


@dataclass(frozen=True)
class Entry:
    action: str
    case_id: uuid.UUID | None
    object_type: str
    object_id: str
    changed_fields: list[str]


@transaction.atomic
def audit_record_many(*, actor: Any, organisation_id: uuid.UUID, entries: list[Entry]) -> int:
    """Append `entries` to the organisation's chain, in order; returns how many."""
    if not entries:
        return 0
    Organisation.objects.select_for_update().filter(id=organisation_id).first()
    last = (
        AuditEvent.objects.filter(organisation=organisation_id)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    sequence, previous = (last[0], last[1]) if last else (0, "")
    origin = current_origin.get()
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    now = timezone.now()
    events = []
    for entry in entries:
        sequence += 1
        event = AuditEvent(
            organisation_id=organisation_id,
            actor_id=actor_id,
            action=entry.action,
            case_id=entry.case_id,
            object_type=entry.object_type,
            object_id=entry.object_id,
            changed_fields=sorted(entry.changed_fields),
            ip_address=origin.ip_address if origin else None,
            user_agent=origin.user_agent if origin else "",
            sequence=sequence,
            previous_hash=previous,
            created_at=now,
        )
        event.hash = previous = event_digest(previous_hash=previous, fields=chained_fields(event))
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=500)
    return len(events)
