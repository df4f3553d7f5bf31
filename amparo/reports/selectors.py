"""Reports across all of an organisation's cases: how each office answers.

Reads only through `core.access`, so a report never counts another organisation's cases.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from amparo.core.access import cases_visible_to
from amparo.relief.models import Decision, Request

if TYPE_CHECKING:
    from amparo.core.access import Actor


@dataclass
class OfficeAnswers:
    """How one office (or court) answered the requests sent to it."""

    office: str
    request_type: str
    submitted: int = 0
    decided: int = 0
    granted: int = 0
    partly_granted: int = 0
    denied: int = 0
    no_response: int = 0
    pending: int = 0
    reasons_given: int = 0
    denied_without_reasons: int = 0
    turnarounds: list[int] = field(default_factory=list, repr=False)

    @property
    def median_turnaround_minutes(self) -> int | None:
        return int(statistics.median(self.turnarounds)) if self.turnarounds else None

    def as_dict(self) -> dict[str, object]:
        return {
            "office": self.office,
            "request_type": self.request_type,
            "submitted": self.submitted,
            "decided": self.decided,
            "pending": self.pending,
            "granted": self.granted,
            "partly_granted": self.partly_granted,
            "denied": self.denied,
            "no_response": self.no_response,
            "reasons_given": self.reasons_given,
            "denied_without_reasons": self.denied_without_reasons,
            "median_turnaround_minutes": self.median_turnaround_minutes,
        }


def agency_answers(
    user: Actor, *, since: datetime.date | None = None, until: datetime.date | None = None
) -> list[OfficeAnswers]:
    """Submitted requests grouped by addressee office and type, with outcomes and turnaround.

    Two queries whatever the number of cases.
    """
    requests = (
        Request.objects.filter(
            case__in=cases_visible_to(user).values("id"), submitted_at__isnull=False
        )
        .select_related("request_type", "field_office")
        .only(
            "id",
            "status",
            "submitted_at",
            "addressed_to",
            "request_type__name",
            "field_office__name",
            "field_office__code",
        )
    )
    if since:
        requests = requests.filter(submitted_at__date__gte=since)
    if until:
        requests = requests.filter(submitted_at__date__lte=until)
    rows = list(requests)
    decisions = {
        d.request_id: d
        for d in Decision.objects.filter(request_id__in=[r.id for r in rows]).only(
            "request_id", "outcome", "reasons_given", "decided_at", "submitted_at"
        )
    }
    groups: dict[tuple[str, str], OfficeAnswers] = {}
    for request in rows:
        office = (
            request.field_office.name
            if request.field_office
            else request.addressed_to or "Unknown office"
        )
        key = (office, request.request_type.name)
        group = groups.setdefault(
            key, OfficeAnswers(office=office, request_type=request.request_type.name)
        )
        group.submitted += 1
        if request.status in {Request.Status.SUBMITTED, Request.Status.ACKNOWLEDGED}:
            group.pending += 1
        decision = decisions.get(request.id)
        if decision is None or decision.outcome in {
            Decision.Outcome.WITHDRAWN,
            Decision.Outcome.MOOT,
        }:
            continue
        group.decided += 1
        outcome = decision.outcome
        if outcome == Decision.Outcome.GRANTED:
            group.granted += 1
        elif outcome == Decision.Outcome.PARTLY_GRANTED:
            group.partly_granted += 1
        elif outcome == Decision.Outcome.DENIED:
            group.denied += 1
        elif outcome == Decision.Outcome.NO_RESPONSE:
            group.no_response += 1
        if decision.reasons_given:
            group.reasons_given += 1
        elif outcome == Decision.Outcome.DENIED:
            group.denied_without_reasons += 1
        if outcome != Decision.Outcome.NO_RESPONSE:
            group.turnarounds.append(decision.turnaround_minutes)
    return sorted(groups.values(), key=lambda g: (-g.submitted, g.office, g.request_type))
