"""Recomputes the audit hash chains (`amparo audit verify`).

A chain is intact when its positions run 1, 2, 3… without a gap, each event names the hash of the
one before it, and each event's hash matches every one of its columns. Changing a row breaks its
own hash; recomputing that hash breaks the link of the next event; deleting a row leaves a gap.
Only cutting off the newest sealed events leaves no trace inside the database, which is why
verify reports each chain's head (position and hash) and the sealer logs every head it makes,
for the operator to keep elsewhere. Events not yet sealed are reported as the unsealed tail.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from amparo.accounts.models import Organisation
from amparo.audit.hashing import event_hash
from amparo.audit.models import SYSTEM_CHAIN, AuditEvent


@dataclass(frozen=True)
class ChainReport:
    """The result of recomputing one chain."""

    chain: str  # organisation slug, or "system"
    events: int
    head_sequence: int  # the head's position in the chain
    head_hash: str
    broken_sequence: int | None = None  # the position of the first broken link
    broken_event_id: uuid.UUID | None = None
    problem: str = ""
    unsealed: int = 0

    @property
    def intact(self) -> bool:
        return self.broken_sequence is None


def _problem(event: AuditEvent, expected_position: int, previous_hash: str) -> str:
    position = event.position or 0
    if position != expected_position:
        return (
            f"position {position} follows {expected_position - 1}: "
            f"{position - expected_position} event(s) missing"
        )
    if event.previous_hash != previous_hash:
        return "does not link to the hash of the event before it"
    if event.hash != event_hash(event):
        return "its contents no longer match its hash"
    return ""


def chain_verify(organisation: Organisation | None) -> ChainReport:
    """Recompute one chain and name its first broken link, if any."""
    name = organisation.slug if organisation is not None else SYSTEM_CHAIN
    chain = AuditEvent.objects.filter(organisation=organisation)
    unsealed = chain.filter(position__isnull=True).count()
    events = chain.filter(position__isnull=False).order_by("position").iterator(chunk_size=2000)
    expected, previous_hash, count = 1, "", 0
    for event in events:
        count += 1
        problem = _problem(event, expected, previous_hash)
        if problem:
            return ChainReport(
                name,
                count,
                expected - 1,
                previous_hash,
                broken_sequence=event.position,
                broken_event_id=event.id,
                problem=problem,
                unsealed=unsealed,
            )
        expected, previous_hash = (event.position or 0) + 1, event.hash
    return ChainReport(name, count, expected - 1, previous_hash, unsealed=unsealed)


def chains_verify(organisation: Organisation | None = None) -> list[ChainReport]:
    """Every chain (each organisation's and the system chain), or only one organisation's."""
    if organisation is not None:
        return [chain_verify(organisation)]
    return [chain_verify(org) for org in Organisation.objects.order_by("slug")] + [
        chain_verify(None)
    ]
