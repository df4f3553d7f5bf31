"""What an audit event's hash covers. The sealer and `audit verify` both compute it from here."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from amparo.audit.models import AuditEvent

# Every column but `hash` itself. A test compares this with the model, so a column added later
# cannot silently escape the hash.
HASHED_COLUMNS = (
    "id",
    "created_at",
    "organisation",
    "actor",
    "action",
    "case_id",
    "object_type",
    "object_id",
    "changed_fields",
    "ip_address",
    "user_agent",
    "sequence",
    "position",
    "previous_hash",
    "hash_version",
)


def event_digest(*, previous_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((previous_hash + payload).encode()).hexdigest()


def _legacy_fields(event: AuditEvent) -> dict[str, Any]:
    # Version 1 (events sealed before migration 0004) hashed these; its "sequence" was the
    # chain position. Their user agent is not covered: that is what version 2 fixed.
    return {
        "id": str(event.id),
        "organisation": str(event.organisation_id or ""),
        "actor": str(event.actor_id or ""),
        "action": event.action,
        "case_id": str(event.case_id or ""),
        "object_type": event.object_type,
        "object_id": event.object_id,
        "changed_fields": sorted(event.changed_fields),
        "ip_address": event.ip_address or "",
        "created_at": event.created_at.isoformat(),
        "sequence": event.position,
    }


def chained_fields(event: AuditEvent) -> dict[str, Any]:
    """The values the hash covers, as text that reads the same on SQLite and PostgreSQL."""
    if event.hash_version == 1:
        return _legacy_fields(event)
    values: dict[str, Any] = {}
    for name in HASHED_COLUMNS:
        field = AuditEvent._meta.get_field(name)
        value = getattr(event, field.attname)  # type: ignore[union-attr]
        if name == "created_at":
            value = value.isoformat()
        elif name in ("organisation", "actor", "case_id", "id", "ip_address"):
            value = str(value or "")
        values[name] = value
    return values


def event_hash(event: AuditEvent) -> str:
    return event_digest(previous_hash=event.previous_hash, fields=chained_fields(event))
