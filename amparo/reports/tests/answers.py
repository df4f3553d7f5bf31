"""A request sent and, after a given time, answered: the row every report counts."""

from __future__ import annotations

import datetime

from amparo.conftest import Cast
from amparo.relief.models import Request
from amparo.relief.services import decision_record, request_submit


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
