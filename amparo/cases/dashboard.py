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
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from amparo.cases.models import Case, CaseAlert, LocatorCheck
from amparo.core.access import cases_visible_to, in_visible_cases
from amparo.core.paging import first_rows
from amparo.custody.models import Placement
from amparo.relief.models import Request, RequestType

if TYPE_CHECKING:
    from amparo.core.access import Actor
    from amparo.deadlines.models import Deadline

WINDOW = datetime.timedelta(hours=72)
RECENT = datetime.timedelta(hours=24)

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Row:
    """One line on the dashboard: what, about whom, when, and the case it opens."""

    case: Case
    what: str
    at: datetime.datetime | datetime.date | None
    detail: str = ""
    deadline: Deadline | None = None
    lost: bool = False  # a client whose location is unknown (never hidden without saying so)

    def as_json(self) -> dict[str, Any]:
        return {
            "case_id": str(self.case.id),
            "client": self.case.person.full_name,
            "what": self.what,
            "at": self.at.isoformat() if self.at else None,
            "detail": self.detail,
            "deadline_id": str(self.deadline.id) if self.deadline else None,
        }


SECTIONS = (
    "urgent_requests",
    "unanswered_requests",
    "deadlines_overdue",
    "deadlines_upcoming",
    "custody_changes",
    "decisions",
)


@dataclass(frozen=True)
class ActionBoard:
    urgent_requests: list[Row]
    unanswered_requests: list[Row]
    deadlines_overdue: list[Row]
    deadlines_upcoming: list[Row]
    custody_changes: list[Row]
    decisions: list[Row]
    # The sections that had more rows than ROWS (their count reads "50+").
    capped: frozenset[str] = frozenset()

    def as_json(self) -> dict[str, list[dict[str, Any]]]:
        return {name: [row.as_json() for row in getattr(self, name)] for name in SECTIONS}

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in SECTIONS)


# Each section reads its own table in the order of an index on what it filters and sorts by
# (see the models' Meta.indexes), and the access gate is a condition on the joined case: the
# database reads the first rows and stops, instead of gathering every visible case first
# (`case IN (…)`, 2.3 s at 100,000 cases). SQLite uses a partial index only for a condition
# written without parameters, so a list over several statuses is read one status at a time,
# each on an index that starts with the status, and merged here.
URGENT_STATUSES = ("draft", "submitted", "acknowledged")
WAITING_STATUSES = ("submitted", "acknowledged")
ROWS = 50
# What a row shows of its client (the page builds hundreds of rows: the rest is not read).
CLIENT = ("case__person__given_name", "case__person__family_name")
REQUEST = ("status", "urgency_until", "submitted_at", "created_at", *CLIENT)
REQUEST_TYPE = ("request_type__name", "request_type__overdue_after_hours")
# Unanswered requests are read oldest first this far, then kept when past their type's time.
WAITING_READ = 200


def _in_scope(user: Actor, records: QuerySet[M], mine: bool) -> QuerySet[M]:
    """Records of the open cases the user may read (and, with "mine", leads or works)."""
    records = in_visible_cases(user, records).exclude(case__status=Case.Status.CLOSED)
    return records.filter(_mine(user, "case__")) if mine and user.pk is not None else records


def _mine(user: Actor, prefix: str) -> Q:
    """Cases (reached by `prefix`) the user leads or works."""
    user_id = user.pk
    assert user_id is not None  # callers check: an anonymous user has no cases of their own
    on_team = Case.team.through.objects.filter(user_id=user_id).values("case_id")
    return Q(**{f"{prefix}lead_attorney_id": user_id}) | Q(**{f"{prefix}id__in": on_team})


def _by_status(
    user: Actor, mine: bool, statuses: tuple[str, ...], order: str, limit: int, **where: Any
) -> list[Request]:
    """The first `limit` requests of these statuses by `order`, one query a status."""
    found: list[Request] = []
    for status in statuses:
        requests = Request.objects.filter(status=status, **where)
        found += (
            _in_scope(user, requests, mine)
            .select_related("case__person", "request_type")
            .only(*REQUEST, *REQUEST_TYPE)
            .order_by(order, "created_at")[:limit]
        )
    found.sort(key=lambda r: (getattr(r, order), r.created_at))
    return found[:limit]


def _urgent(user: Actor, mine: bool, now: datetime.datetime) -> list[Row]:
    last_day = timezone.localdate(now + WINDOW)
    found = _by_status(
        user, mine, URGENT_STATUSES, "urgency_until", ROWS + 1, urgency_until__lte=last_day
    )
    return [
        Row(r.case, r.request_type.shown_name, r.urgency_until, r.get_status_display())
        for r in found
    ]


def _unanswered(user: Actor, mine: bool, now: datetime.datetime) -> list[Row]:
    from amparo.relief.selectors import overdue_hours

    # The oldest WAITING_READ sent requests as bare values (one query a status), kept when past
    # their type's time; then only the rows shown are read whole (400 rows were built for 50).
    pending: list[Any] = []  # (id, submitted_at, created_at, request_type_id)
    for status in WAITING_STATUSES:
        pending += (
            _in_scope(user, Request.objects.filter(status=status), mine)
            .order_by("submitted_at", "created_at")
            .values_list("id", "submitted_at", "created_at", "request_type_id")[:WAITING_READ]
        )
    pending.sort(key=lambda r: (r[1], r[2]))
    pending = pending[:WAITING_READ]
    types = {t.id: t for t in RequestType.objects.filter(id__in={r[3] for r in pending})}
    late = [
        request_id
        for request_id, sent, _created, type_id in pending
        if now - sent >= datetime.timedelta(hours=overdue_hours(types[type_id]))
    ][: ROWS + 1]
    found = {
        r.id: r
        for r in _in_scope(user, Request.objects.filter(id__in=late), mine)
        .select_related("case__person", "request_type")
        .only(*REQUEST, *REQUEST_TYPE)
    }
    return [
        Row(found[i].case, found[i].request_type.shown_name, found[i].submitted_at)
        for i in late
        if i in found  # a case closed or hidden between the two reads drops out, not a 500
    ]


def _deadlines(
    user: Actor, mine: bool, now: datetime.datetime
) -> tuple[list[Row], list[Row], set[str]]:
    from amparo.deadlines.dashboard import deadline_dashboard

    board = deadline_dashboard(user, mine=mine, now=now, limit=ROWS)
    # The rows name the client: one query for all of them, not one a row.
    prefetch_related_objects([d.case for d in (*board.overdue, *board.upcoming)], "person")

    def rows(items: list[Deadline]) -> list[Row]:
        return [Row(d.case, d.shown_title, d.due_at or d.due_on, d.citation, d) for d in items]

    capped = {"deadlines_overdue"} if board.overdue_more else set()
    capped |= {"deadlines_upcoming"} if board.upcoming_more else set()
    return rows(board.overdue), rows(board.upcoming), capped


def _custody(user: Actor, mine: bool, now: datetime.datetime) -> tuple[list[Row], bool]:
    from amparo.cases.selectors import locator_recheck_due

    since = now - RECENT
    # A transfer is a placement that follows another of the same case; a client's first
    # placement (intake, an import) is where they were found, not a move.
    earlier = Placement.objects.filter(
        case_id=OuterRef("case_id"), started_at__lt=OuterRef("started_at")
    )
    moved = Placement.objects.filter(Exists(earlier), created_at__gte=since)
    placements = _in_scope(user, moved, mine)
    rows = [
        Row(p.case, _("Now held at %(facility)s") % {"facility": p.facility.name}, p.created_at)
        for p in placements.select_related("case__person", "facility")
        .only("created_at", "facility__name", *CLIENT)
        .order_by("-created_at")[: ROWS + 1]
    ]
    capped = len(rows) > ROWS
    rows = rows[:ROWS]
    alerts = CaseAlert.objects.filter(created_at__gte=since, resolved_at__isnull=True)
    changes = [
        Row(a.case, capfirst(a.shown_message), a.created_at)
        for a in _in_scope(user, alerts, mine)
        .select_related("case__person")
        .only("created_at", "message", "data", *CLIENT)
        .order_by("-created_at")[: ROWS + 1]
    ]
    capped = capped or len(changes) > ROWS
    rows += changes[:ROWS]
    last_check = LocatorCheck.objects.filter(case_id=OuterRef("pk")).order_by("-checked_at")
    unknown = (
        _cases(user, mine)
        .filter(location_unknown_since__isnull=False)
        .annotate(last_check=Subquery(last_check.values("checked_at")[:1]))
        .select_related("person", "organisation")
        .order_by("-location_unknown_since")
    )
    # Not cut: every client still lost whose re-check is due stays on the page. These are the
    # clients unknown right now (a passing state), not the caseload; their last check comes
    # in the same query, not one query a client.
    for case in unknown:
        assert case.location_unknown_since is not None
        due = locator_recheck_due(case, last_check=case.last_check)
        if case.location_unknown_since >= since or due <= now:
            rows.append(
                Row(
                    case,
                    _("Location unknown"),
                    case.location_unknown_since,
                    _recheck(due, now),
                    lost=True,
                )
            )
    return sorted(rows, key=lambda row: row.at or now, reverse=True), capped


def _cases(user: Actor, mine: bool) -> QuerySet[Case]:
    cases = cases_visible_to(user).exclude(status=Case.Status.CLOSED)
    return cases.filter(_mine(user, "")) if mine and user.pk is not None else cases


def _recheck(due: datetime.datetime, now: datetime.datetime) -> str:
    from django.utils.translation import gettext as _

    if due <= now:
        return _("Search the detainee locator again now.")
    return _("Search the detainee locator again at %(time)s.") % {
        "time": timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
    }


def _decisions(user: Actor, mine: bool, now: datetime.datetime) -> list[Row]:
    # Read from the request's side so that the gate applies to its case; the database starts
    # from the decisions' index on decided_at.
    decided = Request.objects.filter(decision__decided_at__gte=now - RECENT)
    found = (
        _in_scope(user, decided, mine)
        .select_related("decision", "case__person", "request_type")
        .only("decision__decided_at", "decision__outcome", "request_type__name", *CLIENT)
        .order_by("-decision__decided_at")[: ROWS + 1]
    )
    return [
        Row(
            r.case,
            f"{r.request_type.shown_name}: {r.decision.get_outcome_display()}",
            r.decision.decided_at,
        )
        for r in found
    ]


def action_dashboard(
    user: Actor, *, mine: bool = False, now: datetime.datetime | None = None
) -> ActionBoard:
    """Each section's first ROWS rows; a section with more is named in `capped` (one row more
    is read to know it)."""
    now = now or timezone.now()
    overdue, upcoming, capped = _deadlines(user, mine, now)
    custody, custody_capped = _custody(user, mine, now)
    if custody_capped:
        capped.add("custody_changes")
    cut = {}
    for name, rows in (
        ("urgent_requests", _urgent(user, mine, now)),
        ("unanswered_requests", _unanswered(user, mine, now)),
        ("decisions", _decisions(user, mine, now)),
    ):
        if len(rows) > ROWS:
            capped.add(name)
        cut[name] = rows[:ROWS]
    return ActionBoard(
        urgent_requests=cut["urgent_requests"],
        unanswered_requests=cut["unanswered_requests"],
        deadlines_overdue=overdue,
        deadlines_upcoming=upcoming,
        custody_changes=custody,
        decisions=cut["decisions"],
        capped=frozenset(capped),
    )


# The home page is a digest: each section shows its FIRST most pressing rows and a link that
# shows the rest (up to ROWS; every custody row, so no lost client is hidden). The API keeps ROWS.
FIRST = 10
# The page's name for each section (its anchor and `?more=` value).
SECTION_IDS = {
    "urgent": "urgent_requests",
    "unanswered": "unanswered_requests",
    "overdue": "deadlines_overdue",
    "due-soon": "deadlines_upcoming",
    "custody-changes": "custody_changes",
    "decisions": "decisions",
}


@dataclass(frozen=True)
class Shown:
    """One section as the home page shows it."""

    rows: list[Row]
    count: str  # exact, or "50+" past the section's cap
    more: bool  # rows beyond those shown: the page offers "Show more"
    lost_not_shown: int  # clients whose location is unknown among the rows not shown


def digest(board: ActionBoard, expanded: str | None) -> dict[str, Shown]:
    """Each section's rows for the page (by its field's name): the first FIRST, or all of the
    one whose page name is `expanded`."""
    shown = {}
    for section_id, name in SECTION_IDS.items():
        rows: list[Row] = getattr(board, name)
        capped = name in board.capped
        kept, more = first_rows(rows, None if section_id == expanded else FIRST)
        count = len(rows) if name == "custody_changes" else min(len(rows), ROWS)
        shown[name] = Shown(
            rows=kept,
            count=_("%(count)d+") % {"count": count} if capped else str(count),
            more=more,
            lost_not_shown=sum(1 for row in rows[len(kept) :] if row.lost),
        )
    return shown
