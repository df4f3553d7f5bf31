"""A request sent and, after a given time, answered: the row every report counts."""

from __future__ import annotations

import datetime

from amparo.accounts.models import User
from amparo.cases.models import Case
from amparo.conftest import Cast
from amparo.custody.models import FieldOffice
from amparo.relief.models import Request
from amparo.relief.services import decision_record, request_create, request_submit


def request_to_office(case: Case, office: FieldOffice, *, actor: User | None = None) -> Request:
    """A draft humanitarian-parole request of `case`, addressed to `office`."""
    request = request_create(
        actor=actor, case=case, request_type="humanitarian-parole", reason="Birth"
    )
    Request.objects.filter(pk=request.pk).update(field_office=office, addressed_to=office.name)
    request.refresh_from_db()
    return request


def sent_and_answered(
    cast: Cast,
    request: Request,
    *,
    sent_at: datetime.datetime,
    after: datetime.timedelta | None,
    outcome: str,
    reasons_given: bool,
) -> None:
    """Submit `request` by email at `sent_at` and, unless `after` is None (no answer yet),
    record the decision `after` later."""
    request_submit(actor=cast.attorney, request=request, submitted_at=sent_at, channel="email")
    if after is not None:
        decision_record(
            actor=cast.attorney,
            request=request,
            outcome=outcome,
            decided_at=sent_at + after,
            reasons_given=reasons_given,
        )
