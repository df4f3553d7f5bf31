"""Writes to the audit trail. Callers run inside their own transaction, so a change and its
audit event commit together or not at all.

Recording an event is a plain INSERT: it takes the next number of a database-wide sequence and
reads or locks no other row, so a request never waits on another request's transaction to be
on record. The sealer (`amparo.audit.sealing`) chains and hashes events a few seconds later.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.audit.middleware import current_origin
from amparo.audit.models import AuditEvent
from amparo.core.records import filled_fields

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from amparo.accounts.models import User

# PostgreSQL sequence created by migration 0004; nextval never waits on another transaction.
POSTGRES_SEQUENCE = "audit_event_sequence"


def _next_sequence() -> int:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [POSTGRES_SEQUENCE])
            return int(cursor.fetchone()[0])
    # SQLite: the transaction began IMMEDIATE, so it already holds the database's one write
    # lock; no other writer can take the same number before this one commits.
    return (AuditEvent.objects.aggregate(last=Max("sequence"))["last"] or 0) + 1


@transaction.atomic(savepoint=False)  # the caller's transaction, or its own: no savepoint
def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    organisation: Organisation | uuid.UUID | None,
    case_id: uuid.UUID | None = None,
    obj: Any = None,
    changed_fields: list[str] | None = None,
) -> AuditEvent:
    """Append one event for the organisation's chain (or the system chain); sealed later."""
    from amparo.audit.sealing import seal_soon

    org_id = organisation.id if isinstance(organisation, Organisation) else organisation
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
        sequence=_next_sequence(),
        created_at=timezone.now(),
    )
    event.save(force_insert=True)
    transaction.on_commit(seal_soon)
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
