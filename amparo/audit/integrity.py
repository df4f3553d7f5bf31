"""Recomputes the audit hash chains (`amparo audit verify`).

A chain is intact when its sequence numbers run 1, 2, 3… without a gap, each event names the
hash of the one before it, and each event's hash matches its own contents. Changing a row breaks
its own hash; recomputing that hash breaks the link of the next event; deleting a row leaves a
gap. Only cutting off the newest events leaves no trace inside the database, which is why verify
reports each chain's head (sequence and hash) for the operator to record elsewhere.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from amparo.accounts.models import Organisation
from amparo.audit.models import SYSTEM_CHAIN, AuditEvent
from amparo.audit.services import chained_fields, event_digest


@dataclass(frozen=True)
class ChainReport:
    """The result of recomputing one chain."""

    chain: str  # organisation slug, or "system"
    events: int
    head_sequence: int
    head_hash: str
    broken_sequence: int | None = None
    broken_event_id: uuid.UUID | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_sequence is None


def chain_verify(organisation: Organisation | None) -> ChainReport:
    """Recompute one chain and name its first broken link, if any."""
    name = organisation.slug if organisation is not None else SYSTEM_CHAIN
    events = AuditEvent.objects.filter(organisation=organisation).order_by("sequence").iterator()
    expected_sequence, previous_hash, count = 1, "", 0
    for event in events:
        count += 1
        problem = ""
        if event.sequence != expected_sequence:
            problem = (
                f"sequence {event.sequence} follows {expected_sequence - 1}: "
                f"{event.sequence - expected_sequence} event(s) missing"
            )
        elif event.previous_hash != previous_hash:
            problem = "does not link to the hash of the event before it"
        elif event.hash != event_digest(
            previous_hash=event.previous_hash, fields=chained_fields(event)
        ):
            problem = "its contents no longer match its hash"
        if problem:
            return ChainReport(
                name,
                count,
                expected_sequence - 1,
                previous_hash,
                broken_sequence=event.sequence,
                broken_event_id=event.id,
                problem=problem,
            )
        expected_sequence, previous_hash = event.sequence + 1, event.hash
    return ChainReport(name, count, expected_sequence - 1, previous_hash)


def chains_verify(organisation: Organisation | None = None) -> list[ChainReport]:
    """Every chain (each organisation's and the system chain), or only one organisation's."""
    if organisation is not None:
        return [chain_verify(organisation)]
    return [chain_verify(org) for org in Organisation.objects.order_by("slug")] + [
        chain_verify(None)
    ]
