"""Writes to the audit trail. Callers run inside their own transaction, so a change and its
audit event commit together or not at all.

Each organisation has its own hash chain; events that belong to no organisation form the
"system" chain. Appending locks the chain (the organisation row, or the system chain's lock row)
so two writers cannot take the same sequence number.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.audit.middleware import current_origin
from amparo.audit.models import SYSTEM_CHAIN, AuditChainLock, AuditEvent
from amparo.core.records import filled_fields

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from amparo.accounts.models import User


def event_digest(*, previous_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((previous_hash + payload).encode()).hexdigest()


def chained_fields(event: AuditEvent) -> dict[str, Any]:
    """The fields the hash covers; `audit verify` recomputes from the same list."""
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
        "sequence": event.sequence,
    }


def _lock_chain(org_id: uuid.UUID | None) -> None:
    if org_id is not None:
        Organisation.objects.select_for_update().filter(id=org_id).first()
        return
    # The lock row is created by migration; get_or_create covers a database flushed by tests.
    AuditChainLock.objects.get_or_create(key=SYSTEM_CHAIN)
    AuditChainLock.objects.select_for_update().filter(key=SYSTEM_CHAIN).first()


@transaction.atomic
def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    organisation: Organisation | uuid.UUID | None,
    case_id: uuid.UUID | None = None,
    obj: Any = None,
    changed_fields: list[str] | None = None,
) -> AuditEvent:
    """Append one event to the organisation's hash chain (or the system chain)."""
    org_id = organisation.id if isinstance(organisation, Organisation) else organisation
    _lock_chain(org_id)
    last = (
        AuditEvent.objects.filter(organisation=org_id)
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    sequence, previous_hash = (last[0] + 1, last[1]) if last else (1, "")
    origin = current_origin.get()
    event = AuditEvent(
        organisation_id=org_id,
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        action=action,
        case_id=case_id,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        changed_fields=sorted(changed_fields or []),
        ip_address=origin.ip_address if origin else None,
        user_agent=origin.user_agent if origin else "",
        sequence=sequence,
        previous_hash=previous_hash,
        created_at=timezone.now(),
    )
    event.hash = event_digest(previous_hash=previous_hash, fields=chained_fields(event))
    event.save(force_insert=True)
    return event


@transaction.atomic
def audit_record_for_user(
    *,
    actor: User | None,
    action: str,
    subject: User | None,
    changed_fields: list[str] | None = None,
) -> list[AuditEvent]:
    """An event about a user's account (sign-in, sign-out, failed sign-in, MFA change), appended
    to the chain of each organisation the user belongs to, or to the system chain when the user is
    unknown or belongs to none."""
    org_ids: list[uuid.UUID | None] = []
    if subject is not None:
        org_ids = list(
            subject.memberships.order_by("created_at").values_list("organisation_id", flat=True)
        )
    return [
        audit_record(
            actor=actor,
            action=action,
            organisation=org_id,
            obj=subject,
            changed_fields=changed_fields,
        )
        for org_id in org_ids or [None]
    ]


def audit_read(
    *,
    actor: User | AnonymousUser | None,
    case: Any,
    obj: Any = None,
    action: str = "case.read",
) -> AuditEvent:
    """Record that `actor` read `case` (or `obj`, one of its records): every page and API read
    of a client's file is on record."""
    return audit_record(
        actor=actor,
        action=action,
        organisation=case.organisation_id,
        case_id=case.id,
        obj=case if obj is None else obj,
    )


def audit_case_write(
    actor: User | None,
    action: str,
    obj: Any,
    *,
    changed_fields: list[str] | None = None,
    case: Any = None,
) -> AuditEvent:
    """The event of a validated save of a case record (or of the case itself), in the caller's
    transaction. The case is `obj` itself when it is a case, else `obj.case`; pass `case` for a
    record that reaches its case another way (a decision through its request). The fields
    default to those a new record sets; pass `changed_fields` for an update."""
    if case is None:
        case = obj if obj._meta.label == "cases.Case" else obj.case
    return audit_record(
        actor=actor,
        action=action,
        organisation=case.organisation_id,
        case_id=case.pk,
        obj=obj,
        changed_fields=filled_fields(obj) if changed_fields is None else changed_fields,
    )
