"""Reads about deadlines. Every read for a person starts from `core.access`; the few system
reads (closures, the reminder job's candidates) are marked as such and never reach a view."""

from __future__ import annotations

import datetime
import hashlib
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.cases.models import Case
from amparo.core.access import case_for, case_item_for, cases_visible_to, in_visible_cases
from amparo.deadlines.models import CalendarFeed, CourtClosure, Deadline, DeadlineDigest

if TYPE_CHECKING:
    from amparo.core.access import Actor
    from amparo.courts.models import Court

# The dashboard and the digest look this far ahead.
UPCOMING = datetime.timedelta(hours=72)
# The warning goes out this long before a deadline's due moment.
WARNING_AHEAD = datetime.timedelta(hours=24)


def _parse_uuid(value: Any, field: str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError({field: _("Give an id (UUID).")}) from None


def _open() -> Q:
    return Q(done_at__isnull=True)


def _overdue(now: datetime.datetime, today: datetime.date) -> Q:
    """Open and past: past its due time, or (with no time) its due day is over."""
    return _open() & (Q(due_at__lt=now) | Q(due_at__isnull=True, due_on__lt=today))


def deadline_list(
    user: Actor,
    case: Any = None,
    assignee: Any = None,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
    overdue: bool | None = None,
    *,
    done: bool | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet[Deadline]:
    """Deadlines of the cases the user may see, earliest first.

    `case` (a Case or its id) must be visible to the user, or Http404 — the same answer for a
    case that does not exist. `assignee` is a user or a user id. `due_from` / `due_to` bound
    the due day (inclusive). `overdue=True` keeps open deadlines that are past; `False` leaves
    them out. `done` keeps only done (True) or open (False) deadlines.
    """
    deadlines = in_visible_cases(user, Deadline.objects.all())
    if case is not None:
        deadlines = deadlines.filter(case=case_for(user, getattr(case, "pk", case)))
    if assignee is not None:
        assignee_id = (
            assignee.pk if isinstance(assignee, User) else _parse_uuid(assignee, "assignee")
        )
        deadlines = deadlines.filter(assignee_id=assignee_id)
    due_day = Q(due_on__isnull=False)
    if due_from is not None:
        deadlines = deadlines.filter(
            (due_day & Q(due_on__gte=due_from)) | Q(due_on__isnull=True, due_at__date__gte=due_from)
        )
    if due_to is not None:
        deadlines = deadlines.filter(
            (due_day & Q(due_on__lte=due_to)) | Q(due_on__isnull=True, due_at__date__lte=due_to)
        )
    if overdue is not None:
        now = now or timezone.now()
        condition = _overdue(now, timezone.localdate(now))
        deadlines = deadlines.filter(condition) if overdue else deadlines.exclude(condition)
    if done is not None:
        deadlines = deadlines.filter(done_at__isnull=not done)
    return deadlines.select_related("case", "assignee", "done_by", "court_case").order_by(
        "due_on", "due_at", "created_at"
    )


def deadline_get(user: Actor, deadline_id: Any, *, write: bool = False) -> Deadline:
    """One deadline of a case the user may see (or change); Http404 otherwise."""
    found = case_item_for(user, Deadline, deadline_id, write=write)
    return Deadline.objects.select_related("case", "assignee", "done_by", "court_case").get(
        pk=found.pk
    )


def deadlines_for_member(user: Actor) -> QuerySet[Deadline]:
    """The user's own deadlines: assigned to them, or unassigned on a case they lead or work."""
    if not isinstance(user, User):
        return Deadline.objects.none()
    user_id = user.pk
    on_team = Case.team.through.objects.filter(user_id=user_id).values("case_id")
    return deadline_list(user).filter(
        Q(assignee_id=user_id)
        | Q(assignee__isnull=True, case__lead_attorney_id=user_id)
        | Q(assignee__isnull=True, case_id__in=on_team)
    )


# A list's badge counts this far and then says "100+": counting every overdue deadline of a
# national caseload was the page's slowest query, and no one reads an exact 7,750.
COUNT_CAP = 100


@dataclass(frozen=True)
class Dashboard:
    overdue: list[Any]
    upcoming: list[Any]
    now: datetime.datetime
    until: datetime.datetime
    # Counted up to COUNT_CAP; a list with more reads COUNT_CAP + 1 (see `count_shown`).
    overdue_total: int = 0
    upcoming_total: int = 0
    # Whether the list has rows beyond those given (the page offers to show more).
    overdue_more: bool = False
    upcoming_more: bool = False
    # Open deadlines due after `until`, soonest first: read only when asked (`later=True`).
    later: list[Any] = field(default_factory=list)
    later_total: int = 0
    later_more: bool = False


def count_shown(total: int) -> str:
    """A badge's count: exact up to COUNT_CAP, then "100+"."""
    if total > COUNT_CAP:
        return _("%(count)d+") % {"count": COUNT_CAP}
    return str(total)


def _order_key(row: Any) -> tuple[Any, ...]:
    """Earliest day first; on one day the all-day deadlines, then the timed ones by their
    time; then the oldest entered. A timed deadline's day is the day it shows on (its time in
    the active zone), so each half's SQL order (`due_at`, or `due_on`) agrees with this one."""
    values = row if isinstance(row, dict) else vars(row)
    due_at = values["due_at"]
    if due_at is None:
        return (values["due_on"], 0, values["created_at"])
    return (timezone.localdate(due_at), 1, due_at, values["created_at"])


def _all_rows(
    timed: QuerySet[Deadline], all_day: QuerySet[Deadline], fields: tuple[str, ...] | None
) -> list[Any]:
    """Every row of one list (no limit: the digest e-mail), from its two halves, merged."""
    halves: list[QuerySet[Any, Any]] = [timed, all_day]
    if fields is not None:
        halves = [half.values(*_needed(fields)) for half in halves]
    return sorted([*halves[0], *halves[1]], key=_order_key)


def _needed(fields: tuple[str, ...]) -> tuple[str, ...]:
    """The fields asked for and those the merge sorts by."""
    return tuple(dict.fromkeys((*fields, "due_on", "due_at", "created_at")))


# The halves of the lists: the list, the condition on the open deadlines' columns (`d` is the
# gated query below) and the order of the partial index the half reads, timed ones on
# `deadline_open_timed_idx`, all-day ones on `deadline_open_day_idx`. The later list (after the
# window, read when asked) starts where the upcoming one ends.
_TIMED, _ALL_DAY = 'd."due_at", d."created_at"', 'd."due_on", d."created_at"'
_HALVES: tuple[tuple[str, str, str], ...] = (
    ("overdue", 'd."due_at" IS NOT NULL AND d."due_at" < %s', _TIMED),
    ("overdue", 'd."due_at" IS NULL AND d."due_on" < %s', _ALL_DAY),
    ("upcoming", 'd."due_at" IS NOT NULL AND d."due_at" >= %s AND d."due_at" <= %s', _TIMED),
    ("upcoming", 'd."due_at" IS NULL AND d."due_on" >= %s AND d."due_on" <= %s', _ALL_DAY),
)
_LATER: tuple[tuple[str, str, str], ...] = (
    ("later", 'd."due_at" IS NOT NULL AND d."due_at" > %s', _TIMED),
    ("later", 'd."due_at" IS NULL AND d."due_on" > %s', _ALL_DAY),
)


def _first_rows(
    base: QuerySet[Any, dict[str, Any]],
    halves_read: tuple[tuple[str, str, str], ...],
    bounds: list[list[Any]],
    limit: int,
) -> tuple[dict[str, list[Any]], dict[str, int], dict[str, bool]]:
    """Each list's first `limit` rows (as dicts of `base`'s values), their totals counted up to
    COUNT_CAP, and whether rows were left out, in one statement whatever the caseload.

    `base` is the gated query of open deadlines, compiled once; each half of `halves_read`
    (with its `bounds`) reads its first `limit + 1` rows, and up to COUNT_CAP + 1 ids to count,
    in its index's order. Building, compiling and converting six querysets (four halves, two
    counts) was most of the page's time (docs/benchmarks.md); the gated query is written by the
    ORM, as every read of protected data is, and only the halves' ranges are written here."""
    lists: dict[str, list[Any]] = {name: [] for name, _where, _order in halves_read}
    totals = dict.fromkeys(lists, 0)
    more = dict.fromkeys(lists, False)
    if base.query.is_empty():  # the user sees no case: nothing to ask
        return lists, totals, more
    connection = connections[base.db]
    compiler = base.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [expression for expression, _sql, _alias in compiler.select[: compiler.col_count]]
    names = list(base.query.selected or ())
    # Rows first, counts after: PostgreSQL types each column of a UNION from its first arms.
    rows_sql, counts_sql, arguments = [], [], []
    blanks = ", ".join(["NULL"] * len(columns))
    for n, (_name, where, order) in enumerate(halves_read):
        inner = f"FROM ({sql}) d WHERE {where} ORDER BY {order}"
        rows_sql.append(f"SELECT {n}, 0, x.* FROM (SELECT * {inner} LIMIT {limit + 1}) x")
        counts_sql.append(
            f"SELECT {n + len(halves_read)}, COUNT(*), {blanks}"
            f" FROM (SELECT 1 {inner} LIMIT {COUNT_CAP + 1}) x"
        )
        arguments += [*params, *(_adapt(connection, value) for value in bounds[n])]
    statement = " UNION ALL ".join([*rows_sql, *counts_sql])
    with connection.cursor() as cursor:
        cursor.execute(statement, [*arguments, *arguments])  # the rows' arms, then the counts'
        fetched = cursor.fetchall()
    halves: list[list[Any]] = [[] for _ in halves_read]
    counts = [0] * len(halves_read)
    for arm, count, *values in fetched:
        if arm < len(halves_read):
            halves[arm].append(values)
        else:
            counts[arm - len(halves_read)] = count
    converters = compiler.get_converters(columns)
    for n, (name, _where, _order) in enumerate(halves_read):
        got = compiler.apply_converters(halves[n], converters) if converters else halves[n]
        lists[name] += [dict(zip(names, values, strict=True)) for values in got]
        totals[name] += counts[n]
    for name, rows in lists.items():
        rows.sort(key=_order_key)
        more[name] = len(rows) > limit
        lists[name] = rows[:limit]
        totals[name] = min(totals[name], COUNT_CAP + 1)
    return lists, totals, more


def _adapt(connection: Any, value: Any) -> Any:
    """A bound as the database takes it (SQLite keeps moments and days as text)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return connection.ops.adapt_datefield_value(value)


def deadline_dashboard(
    user: Actor,
    *,
    mine: bool = False,
    now: datetime.datetime | None = None,
    limit: int | None = None,
    fields: tuple[str, ...] | None = None,
    later: bool = False,
) -> Dashboard:
    """Open deadlines that are overdue, and those due in the next 72 hours (in the active zone);
    with `later`, also those due after that, soonest first (the deadlines page; the home page
    and the digest look no further than the window and do not ask).

    A deadline with only a day is in the window when that day is between today and the day the
    window ends. With `limit`, each list holds its first `limit` rows (earliest first), the
    totals count up to COUNT_CAP and `*_more` says whether rows were left out. With `fields`,
    each row is a dict of those values (a page of 100 rows built 400 model objects it never
    needed).

    Each list is read as two halves: timed deadlines by `due_at`, all-day ones by `due_on`,
    each on its own partial index of open deadlines, so a query reads its first rows and
    stops; an OR of the two could use neither index and read every open deadline.
    """
    now = now or timezone.now()
    until = now + UPCOMING
    today, last_day = timezone.localdate(now), timezone.localdate(until)
    # Whether a deadline has counting steps, without reading them (they load on demand).
    has_steps = ExpressionWrapper(~Q(steps=[]), output_field=BooleanField())
    base = (deadlines_for_member(user) if mine else deadline_list(user)).filter(_open())
    base = base.annotate(has_steps=has_steps)
    if limit is None:
        timed = base.filter(due_at__isnull=False).order_by("due_at", "created_at")
        all_day = base.filter(due_at__isnull=True).order_by("due_on", "created_at")
        overdue = _all_rows(timed.filter(due_at__lt=now), all_day.filter(due_on__lt=today), fields)
        upcoming = _all_rows(
            timed.filter(due_at__gte=now, due_at__lte=until),
            all_day.filter(due_on__gte=today, due_on__lte=last_day),
            fields,
        )
        after = (
            _all_rows(timed.filter(due_at__gt=until), all_day.filter(due_on__gt=last_day), fields)
            if later
            else []
        )
        return Dashboard(
            overdue,
            upcoming,
            now,
            until,
            len(overdue),
            len(upcoming),
            later=after,
            later_total=len(after),
        )
    read = base.order_by().values(*_needed(fields or ("id",)))
    bounds: list[list[Any]] = [[now], [today], [now, until], [today, last_day]]
    halves_read = _HALVES
    if later:  # in the same statement: the page's queries stay the same
        halves_read, bounds = (*_HALVES, *_LATER), [*bounds, [until], [last_day]]
    lists, totals, more = _first_rows(read, halves_read, bounds, limit)
    if fields is None:  # model objects: the rows found, read whole in one more query
        found = base.in_bulk([row["id"] for rows in lists.values() for row in rows])
        lists = {
            name: [found[row["id"]] for row in rows if row["id"] in found]
            for name, rows in lists.items()
        }
    return Dashboard(
        lists["overdue"],
        lists["upcoming"],
        now,
        until,
        totals["overdue"],
        totals["upcoming"],
        more["overdue"],
        more["upcoming"],
        later=lists.get("later", []),
        later_total=totals.get("later", 0),
        later_more=more.get("later", False),
    )


# --- calendar feeds ---------------------------------------------------------------------------


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def calendar_feed_by_token(raw: str) -> CalendarFeed | None:
    """The live feed a secret token opens (not revoked, owner active), or None."""
    if not raw.startswith("cal_"):
        return None
    return (
        CalendarFeed.objects.select_related("user", "case")
        .filter(token_digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def calendar_feeds_of(user: Actor) -> list[CalendarFeed]:
    """The user's live feeds, newest first; a feed for a case they can no longer see is left out.

    The user's own feeds are read first, and only the cases of case feeds go through the gate:
    most members have no feed, and building the gate as a subquery of every read was a tenth of
    the deadlines dashboard's time (docs/benchmarks.md)."""
    if not isinstance(user, User):
        return []
    feeds = list(
        CalendarFeed.objects.filter(user_id=user.pk, revoked_at__isnull=True).select_related("case")
    )
    case_ids = {feed.case_id for feed in feeds if feed.case_id is not None}
    if not case_ids:
        return feeds
    visible = set(cases_visible_to(user).filter(id__in=case_ids).values_list("id", flat=True))
    return [feed for feed in feeds if feed.case_id is None or feed.case_id in visible]


def calendar_feed_get(user: Actor, feed_id: Any) -> CalendarFeed:
    """One of the user's own live feeds; Http404 otherwise."""
    try:
        parsed = uuid.UUID(str(feed_id))
    except ValueError:
        raise Http404("No such feed.") from None
    feed = next((feed for feed in calendar_feeds_of(user) if feed.id == parsed), None)
    if feed is None:
        raise Http404("No such feed.")
    return feed


def calendar_feed_organisations(feed: CalendarFeed) -> list[uuid.UUID]:
    """The organisations whose audit trail records a read of the feed."""
    if feed.case is not None:
        return [feed.case.organisation_id]
    return sorted(set(feed.user.memberships.values_list("organisation_id", flat=True)), key=str)


def calendar_deadlines(feed: CalendarFeed) -> list[Deadline]:
    """Open deadlines a feed shows, read as its owner: Http404 when the owner lost the case."""
    if feed.case_id is not None:
        deadlines = deadline_list(feed.user, case=feed.case_id, done=False)
    else:
        deadlines = deadlines_for_member(feed.user).filter(_open())
    return list(deadlines[:1000])


# --- system reads (no acting user) ------------------------------------------------------------


def closure_dates(
    *, court: Court | None, start: datetime.date, end: datetime.date
) -> frozenset[datetime.date]:
    """Days between `start` and `end` on which the court (or every court) is closed.

    Reference data, not protected: closures belong to no organisation.
    """
    scope = Q(court__isnull=True)
    if court is not None:
        scope |= Q(court=court)
    return frozenset(
        CourtClosure.objects.filter(scope, on__gte=start, on__lte=end).values_list("on", flat=True)
    )


def due_moment(deadline: Deadline) -> datetime.datetime:
    """When the deadline falls due: its time, or the start of its day in the organisation's zone.

    Starting from the beginning of the day gives the team the whole day before to act.
    """
    if deadline.due_at is not None:
        return deadline.due_at
    assert deadline.due_on is not None  # deadline_has_due_date
    zone = zoneinfo.ZoneInfo(deadline.case.organisation.time_zone)
    return datetime.datetime.combine(deadline.due_on, datetime.time.min, tzinfo=zone)


def due_end(deadline: Deadline) -> datetime.datetime:
    """When the last moment to act has passed: its time, or the end of its day."""
    if deadline.due_at is not None:
        return deadline.due_at
    return due_moment(deadline) + datetime.timedelta(days=1)


def warning_due(deadline: Deadline, now: datetime.datetime) -> bool:
    """Open, not yet over, and within 24 hours of falling due."""
    if deadline.done_at is not None:
        return False
    return due_moment(deadline) - WARNING_AHEAD <= now < due_end(deadline)


def deadlines_needing_warning(now: datetime.datetime) -> list[Deadline]:
    """System read for the reminder job: open deadlines due within 24 hours, not yet warned."""
    # A window wide enough for any organisation's zone; warning_due() decides exactly.
    start, end = (
        (now - datetime.timedelta(days=2)).date(),
        (now + datetime.timedelta(days=3)).date(),
    )
    candidates = (
        Deadline.objects.filter(_open(), warning__isnull=True)
        .filter(
            Q(due_at__gte=now - datetime.timedelta(days=2), due_at__lte=now + WARNING_AHEAD)
            | Q(due_at__isnull=True, due_on__gte=start, due_on__lte=end)
        )
        .select_related("case__organisation")
    )
    return [d for d in candidates if warning_due(d, now)]


def members_needing_digest(on: datetime.date) -> list[uuid.UUID]:
    """System read for the reminder job: active members with an open deadline overdue or due
    within three days of `on` who have had no digest for `on`. The digest itself is read
    through `deadline_dashboard` as the member, so it shows only what they may see."""
    horizon = on + datetime.timedelta(days=3)
    rows = (
        Deadline.objects.filter(_open())
        .filter(Q(due_on__lte=horizon) | Q(due_on__isnull=True, due_at__date__lte=horizon))
        .values_list("assignee_id", "case__lead_attorney_id", "case_id")
    )
    members: set[uuid.UUID] = set()
    unassigned_cases: set[uuid.UUID] = set()
    for assignee_id, lead_id, case_id in rows:
        if assignee_id is not None:
            members.add(assignee_id)
            continue
        if lead_id is not None:
            members.add(lead_id)
        unassigned_cases.add(case_id)
    members.update(
        Case.team.through.objects.filter(case_id__in=unassigned_cases).values_list(
            "user_id", flat=True
        )
    )
    already = set(DeadlineDigest.objects.filter(on=on).values_list("user_id", flat=True))
    active = set(
        User.objects.filter(id__in=members - already, is_active=True).values_list("id", flat=True)
    )
    return sorted(active, key=str)
