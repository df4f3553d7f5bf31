"""Reads for the escalation engine (`relief.rules.escalation`): a case's records gathered into
`rules.CaseFacts` (the latest decision per request type, the venue, the waiver, the tags, the
actions already under way), and what the engine makes of them: the next steps and the detention
clock.

Apart from `relief.selectors` because it is one question asked of many apps' records (advocacy,
courts, custody, deadlines) for the pure rules, where the selectors read the ledger itself.
Functions taking a `Case` expect one the caller has already loaded through
`core.access.case_for`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from amparo.advocacy.models import Inquiry
from amparo.advocacy.selectors import waiver_facts
from amparo.cases.facts import fact_sheet
from amparo.cases.models import Case
from amparo.core.access import case_for
from amparo.courts.models import CourtCase
from amparo.deadlines.models import Deadline
from amparo.relief import rules
from amparo.relief.models import Request
from amparo.relief.request_types import type_name_phrase
from amparo.relief.selectors import VenueFacts, case_zone, facility_venue

if TYPE_CHECKING:
    import zoneinfo

    from amparo.core.access import Actor

# Case tags a team sets when it learns a transfer or a removal is imminent (Case.tags).
TRANSFER_IMMINENT_TAG = "transfer-imminent"
REMOVAL_IMMINENT_TAG = "removal-imminent"

# A task created by taking a next step carries this in Deadline.source_event.
NEXT_STEP_SOURCE = "Next step {action}: "


def case_facts(case: Case, *, now: datetime.datetime | None = None) -> rules.CaseFacts:
    """Everything the escalation engine needs, read from the case's records."""
    zone = case_zone(case)
    now = now or timezone.now()
    latest = _latest_decisions(case, zone)
    sheet = fact_sheet(case, now=now)
    placement = sheet.placement
    venue = facility_venue(placement.facility) if placement else VenueFacts(None, None, None)
    tags = {str(t).lower() for t in case.tags or []}
    closures = _closures_around(d.decided_on for d in latest)
    waived, unwaived = waiver_facts(case)
    return rules.CaseFacts(
        closures=closures,
        today=now.astimezone(zone).date(),
        decisions=tuple(latest),
        waiver_signed=waived,
        offices_without_waiver=unwaived,
        detained=placement is not None,
        court=venue.court,
        field_office=venue.field_office_name,
        transfer_imminent=TRANSFER_IMMINENT_TAG in tags,
        removal_imminent=REMOVAL_IMMINENT_TAG in tags,
        immigration_status=case.person.immigration_status,
        detention_basis=case.detention_basis or None,
        district=venue.court.id if venue.court else None,
        circuit=venue.circuit,
        detained_since=sheet.detained_since,
        removal_period_began_on=case.removal_period_began_on,
        in_progress=_actions_in_progress(case),
    )


def _latest_decisions(case: Case, zone: zoneinfo.ZoneInfo) -> list[rules.DecisionFacts]:
    """The latest decision per request type (its escalation key), newest first."""
    latest: dict[str, rules.DecisionFacts] = {}
    requests = (
        Request.objects.filter(case=case, decision__isnull=False)
        .select_related("request_type", "decision")
        .order_by("-decision__decided_at")
    )
    for request in requests:
        key = request.request_type.escalation_key
        if key in latest:
            continue
        decision = request.decision
        latest[key] = rules.DecisionFacts(
            request_type=key,
            outcome=decision.outcome,
            decided_at=decision.decided_at,
            decided_on=decision.decided_at.astimezone(zone).date(),
            type_name=type_name_phrase(request.request_type.name),
            seeks_release=request.request_type.seeks_release,
            urgency_until=request.urgency_until,
            request_id=str(request.id),
        )
    return list(latest.values())


def _closures_around(decided_on: Iterable[datetime.date]) -> frozenset[datetime.date]:
    """Closures of every court around the decisions' dates, so next steps and the deadlines
    created from them agree (the deadlines app applies the same closures)."""
    from amparo.deadlines.selectors import closure_dates

    decided = list(decided_on)
    if not decided:
        return frozenset()
    return closure_dates(
        court=None, start=min(decided), end=max(decided) + datetime.timedelta(days=120)
    )


def _actions_in_progress(case: Case) -> frozenset[str]:
    by_request_type = {s.request_type: s.slug for s in rules.ACTIONS.values() if s.request_type}
    by_court_kind = {s.court_case_kind: s.slug for s in rules.ACTIONS.values() if s.court_case_kind}
    actions: set[str] = set()
    open_types = Request.objects.filter(case=case, status__in=rules.OPEN_STATUSES).values_list(
        "request_type__slug", flat=True
    )
    actions |= {by_request_type[t] for t in open_types if t in by_request_type}
    kinds = (
        CourtCase.objects.filter(case=case).exclude(status="closed").values_list("kind", flat=True)
    )
    actions |= {by_court_kind[k] for k in kinds if k in by_court_kind}
    if Inquiry.objects.filter(case=case).exists():
        actions.add("congressional-inquiry")
    open_tasks = Deadline.objects.filter(case=case, done_at__isnull=True).values_list(
        "source_event", "rule"
    )
    for source_event, rule in open_tasks:
        for spec in rules.ACTIONS.values():
            started = source_event.startswith(NEXT_STEP_SOURCE.format(action=spec.slug))
            if started or (spec.deadline_rule and rule == spec.deadline_rule):
                actions.add(spec.slug)
    return frozenset(actions)


def detention_clock(case: Case, *, now: datetime.datetime | None = None) -> rules.DetentionClock:
    """Days detained and what the length of detention calls for, for a case the caller loaded
    through core.access; no days while no placement is current."""
    return rules.facts_clock(case_facts(case, now=now))


def case_next_steps(user: Actor, case_id: Any) -> tuple[Case, list[rules.NextStep]]:
    """The next steps of a case the user may see."""
    case = case_for(user, case_id)
    return case, rules.next_steps(case_facts(case))
