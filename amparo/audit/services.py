"""Writes to the audit trail. Callers run inside their own transaction, so a change and its
audit event commit together or not at all.

Recording an event is one plain INSERT: it takes the next number of a database-wide sequence
inside the statement (and hands it back with RETURNING) and reads or locks no other row, so a
request never waits on another request's transaction to be on record, and a page's read is on
record in one round trip. The sealer (`amparo.audit.sealing`) chains and hashes events a few
seconds later.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import PositiveBigIntegerField
from django.db.models.expressions import RawSQL
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


def _next_sequence() -> RawSQL:
    """The event's number as an expression its INSERT computes (`AuditEvent.sequence` hands it
    back): the case page on PostgreSQL spent a round trip on `SELECT nextval(…)` before the
    INSERT, and one more each on the transaction's BEGIN and COMMIT around the two."""
    if connection.vendor == "postgresql":
        # nextval never waits on another transaction.
        return RawSQL("nextval(%s)", [POSTGRES_SEQUENCE], PositiveBigIntegerField())
    # SQLite: a writing statement holds the database's one write lock from its start, so no
    # other writer can take the same number before this INSERT commits (a caller's transaction,
    # begun IMMEDIATE, holds the lock until then).
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    return RawSQL(
        f"(SELECT COALESCE(MAX(sequence), 0) + 1 FROM {table})", [], PositiveBigIntegerField()
    )


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    organisation: Organisation | uuid.UUID | None,
    case_id: uuid.UUID | None = None,
    obj: Any = None,
    changed_fields: list[str] | None = None,
) -> AuditEvent:
    """Append one event for the organisation's chain (or the system chain); sealed later.

    One INSERT, in the caller's transaction or on its own (it needs no transaction of its own:
    the statement reads nothing else); the sealer is woken once the event has committed."""
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
