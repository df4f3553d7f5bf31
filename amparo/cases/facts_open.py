"""What is open on a batch of cases and who works on them: the open requests and the earliest
urgency date among them, the next deadline, the team. Read only when a fact sheet is first asked
(`CaseFactSheet.open_requests` and the like), for every sheet of the batch at once; the case page
shows none of it. Apart from `cases.facts` as the one lazy part of a sheet.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection

from amparo.cases.models import Case
from amparo.core.rawsql import db_day, db_id, db_uuid
from amparo.deadlines.models import Deadline
from amparo.relief.models import Request, RequestStatus

if TYPE_CHECKING:
    from amparo.accounts.models import User


# A request is open while the agency may still answer it, or while the team has yet to send it.
OPEN_REQUEST_STATUSES = (RequestStatus.DRAFT, RequestStatus.SUBMITTED, RequestStatus.ACKNOWLEDGED)


@dataclass(frozen=True)
class WhatIsOpen:
    open_requests: int
    urgency_until: datetime.date | None
    next_deadline: Deadline | None
    team: tuple[User, ...]


class OpenFacts:
    """The open requests, urgency, next deadline and team of a batch of cases, read for all of
    them the first time any sheet is asked, in at most three queries: one plain SQL statement
    for the counts and the next deadline's id (a profile of the case page found the fact sheet's
    time in Django compiling a queryset per fact, each for one row), the deadlines, the teams."""

    def __init__(self, ids: list[uuid.UUID]) -> None:
        self.ids = ids
        self.found: dict[uuid.UUID, WhatIsOpen] | None = None

    def of(self, case_id: uuid.UUID) -> WhatIsOpen:
        if self.found is None:
            self.found = _open_facts(self.ids)
        return self.found[case_id]


def _open_facts(ids: list[uuid.UUID]) -> dict[uuid.UUID, WhatIsOpen]:
    """Per case: how many requests are open and the earliest urgency date among them, the
    earliest open deadline with a due day (by due day, then time, then creation), the team."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return quote(model._meta.db_table)

    statuses = ", ".join(["%s"] * len(OPEN_REQUEST_STATUSES))
    open_request = f"FROM {table(Request)} r WHERE r.case_id = c.id AND r.status IN ({statuses})"
    sql = (
        f"SELECT c.id, (SELECT COUNT(*) {open_request}), (SELECT MIN(r.urgency_until) "
        f"{open_request}), (SELECT d.id FROM {table(Deadline)} d WHERE d.case_id = c.id AND "
        "d.done_at IS NULL AND d.due_on IS NOT NULL ORDER BY d.due_on, d.due_at, d.created_at "
        f"LIMIT 1) FROM {table(Case)} c WHERE c.id IN ({', '.join(['%s'] * len(ids))})"
    )
    statuses_params = [str(status) for status in OPEN_REQUEST_STATUSES]
    params = [*statuses_params, *statuses_params, *(db_id(case_id) for case_id in ids)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    deadline_ids = [db_uuid(row[3]) for row in rows if row[3] is not None]
    deadlines = Deadline.objects.in_bulk(deadline_ids) if deadline_ids else {}
    teams = _teams(ids)
    return {
        db_uuid(case_id): WhatIsOpen(
            int(open_requests or 0),
            db_day(urgency_until) if urgency_until is not None else None,
            deadlines.get(db_uuid(deadline_id)) if deadline_id is not None else None,
            tuple(sorted(teams.get(db_uuid(case_id), []), key=lambda u: (u.full_name, u.email))),
        )
        for case_id, open_requests, urgency_until, deadline_id in rows
    }


def _teams(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[User]]:
    team: dict[uuid.UUID, list[User]] = {}
    for membership in Case.team.through.objects.filter(case_id__in=ids).select_related("user"):
        team.setdefault(membership.case_id, []).append(membership.user)
    return team
