"""Reads of the audit trail for the access-log page and the organisation's export. Callers pass a
case or organisation they loaded through `core.access` (`access_log_case_for`,
`organisation_administered_by`), which decides who may read the log."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from amparo.accounts.models import Organisation
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case

ACCESS_LOG_LIMIT = 1000


def case_access_log(case: Case, *, limit: int = ACCESS_LOG_LIMIT) -> list[AuditEvent]:
    """The newest events about one case: who read or changed it, when and from where."""
    return list(
        AuditEvent.objects.filter(organisation_id=case.organisation_id, case_id=case.id)
        .select_related("actor")
        .order_by("-sequence")[:limit]
    )


def organisation_log(
    organisation: Organisation, *, since: datetime.date | None = None
) -> Iterator[AuditEvent]:
    """The organisation's whole chain in order, streamed."""
    events = AuditEvent.objects.filter(organisation=organisation).select_related("actor")
    if since is not None:
        events = events.filter(created_at__date__gte=since)
    return events.order_by("sequence").iterator(chunk_size=2000)
