"""What needs action now: the home page and `GET /api/v1/dashboard`.

A selector module: every read starts from `core.access`. Sections, for the user's organisations
("mine": the cases the user leads or works, and the deadlines that are theirs):

- requests whose urgency date is within 72 hours or past, still open;
- requests sent and unanswered past the time their type expects;
- deadlines overdue and due in the next 72 hours;
- transfers, venue changes and clients whose location became unknown in the last 24 hours
  (and every client still unknown whose locator re-check is due);
- decisions received in the last 24 hours.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from amparo.cases.models import Case, CaseAlert
from amparo.core.access import cases_visible_to, in_visible_cases
from amparo.custody.models import Placement
from amparo.relief.models import Decision, Request

if TYPE_CHECKING:
    from amparo.core.access import Actor
    from amparo.deadlines.models import Deadline

WINDOW = datetime.timedelta(hours=72)
RECENT = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class Row:
    """One line on the dashboard: what, about whom, when, and the case it opens."""

    case: Case
    what: str
    at: datetime.datetime | datetime.date | None
    detail: str = ""
    deadline: Deadline | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "case_id": str(self.case.id),
            "client": self.case.person.full_name,
            "what": self.what,
            "at": self.at.isoformat() if self.at else None,
            "detail": self.detail,
            "deadline_id": str(self.deadline.id) if self.deadline else None,
        }


@dataclass(frozen=True)
class ActionBoard:
    urgent_requests: list[Row]
    unanswered_requests: list[Row]
    deadlines_overdue: list[Row]
    deadlines_upcoming: list[Row]
    custody_changes: list[Row]
    decisions: list[Row]

    def as_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            name: [row.as_json() for row in getattr(self, name)]
            for name in self.__dataclass_fields__
        }

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


def _scope(user: Actor, mine: bool) -> QuerySet[Case]:
    cases = cases_visible_to(user).exclude(status=Case.Status.CLOSED)
    if mine and user.pk is not None:
        on_team = Case.team.through.objects.filter(user_id=user.pk).values("case_id")
        cases = cases.filter(Q(lead_attorney_id=user.pk) | Q(id__in=on_team))
    return cases


def _requests(user: Actor, cases: QuerySet[Case]) -> QuerySet[Request]:
    return (
        in_visible_cases(user, Request.objects.all())
        .filter(case__in=cases.values("id"))
        .select_related("case__person", "request_type", "case__organisation")
    )


def _urgent(user: Actor, cases: QuerySet[Case], now: datetime.datetime) -> list[Row]:
    last_day = timezone.localdate(now + WINDOW)
    found = _requests(user, cases).filter(
        status__in=["draft", "submitted", "acknowledged"], urgency_until__lte=last_day
    )
    return [
        Row(r.case, r.request_type.shown_name, r.urgency_until, r.get_status_display())
        for r in found.order_by("urgency_until")[:50]
    ]


def _unanswered(user: Actor, cases: QuerySet[Case], now: datetime.datetime) -> list[Row]:
    from amparo.relief.selectors import overdue_hours

    rows = []
    pending = _requests(user, cases).filter(status__in=["submitted", "acknowledged"])
    for request in pending.order_by("submitted_at")[:200]:
        hours = overdue_hours(request.request_type)
        assert request.submitted_at is not None  # a sent request has its time
        if now - request.submitted_at >= datetime.timedelta(hours=hours):
            rows.append(Row(request.case, request.request_type.shown_name, request.submitted_at))
    return rows[:50]


def _deadlines(user: Actor, mine: bool, now: datetime.datetime) -> tuple[list[Row], list[Row]]:
    from amparo.deadlines.selectors import deadline_dashboard

    board = deadline_dashboard(user, mine=mine, now=now, limit=50)

    def rows(items: list[Deadline]) -> list[Row]:
        return [Row(d.case, d.shown_title, d.due_at or d.due_on, d.citation, d) for d in items]

    return rows(board.overdue), rows(board.upcoming)


def _custody(user: Actor, cases: QuerySet[Case], now: datetime.datetime) -> list[Row]:
    from amparo.cases.selectors import locator_recheck_due

    since = now - RECENT
    ids = cases.values("id")
    rows = [
        Row(p.case, _("Now held at %(facility)s") % {"facility": p.facility.name}, p.created_at)
        for p in in_visible_cases(user, Placement.objects.all())
        .filter(case__in=ids, created_at__gte=since)
        .select_related("case__person", "facility")[:50]
    ]
    rows += [
        Row(a.case, capfirst(a.shown_message), a.created_at)
        for a in in_visible_cases(user, CaseAlert.objects.all())
        .filter(case__in=ids, created_at__gte=since, resolved_at__isnull=True)
        .select_related("case__person")[:50]
    ]
    for case in cases.filter(location_unknown_since__isnull=False).select_related(
        "person", "organisation"
    ):
        assert case.location_unknown_since is not None
        due = locator_recheck_due(case)
        if case.location_unknown_since >= since or due <= now:
            rows.append(
                Row(case, _("Location unknown"), case.location_unknown_since, _recheck(due, now))
            )
    return sorted(rows, key=lambda row: row.at or now, reverse=True)


def _recheck(due: datetime.datetime, now: datetime.datetime) -> str:
    from django.utils.translation import gettext as _

    if due <= now:
        return _("Search the detainee locator again now.")
    return _("Search the detainee locator again at %(time)s.") % {
        "time": timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
    }


def _decisions(user: Actor, cases: QuerySet[Case], now: datetime.datetime) -> list[Row]:
    found = (
        Decision.objects.filter(
            request__in=_requests(user, cases).values("id"), decided_at__gte=now - RECENT
        )
        .select_related("request__case__person", "request__request_type")
        .order_by("-decided_at")[:50]
    )
    return [
        Row(
            d.request.case,
            f"{d.request.request_type.shown_name}: {d.get_outcome_display()}",
            d.decided_at,
        )
        for d in found
    ]


def action_dashboard(
    user: Actor, *, mine: bool = False, now: datetime.datetime | None = None
) -> ActionBoard:
    now = now or timezone.now()
    cases = _scope(user, mine)
    overdue, upcoming = _deadlines(user, mine, now)
    return ActionBoard(
        urgent_requests=_urgent(user, cases, now),
        unanswered_requests=_unanswered(user, cases, now),
        deadlines_overdue=overdue,
        deadlines_upcoming=upcoming,
        custody_changes=_custody(user, cases, now),
        decisions=_decisions(user, cases, now),
    )
