"""The deadlines dashboard: a user's open deadlines that are overdue, those due in the next 72
hours and, when asked, those due after that — for the deadlines page, the home page and the
daily digest.

Apart from the other reads because of how it reads them: each list in two halves, timed
deadlines by `due_at` and all-day ones by `due_on`, each on its own partial index, and a page's
first rows and capped counts of every half in one statement (docs/benchmarks.md). The rows
come through `selectors.deadline_list` and `selectors.deadlines_for_member`, so the gate of
`core.access` decides what is on the board.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.deadlines.models import Deadline
from amparo.deadlines.selectors import deadline_list, deadlines_for_member, is_open

if TYPE_CHECKING:
    from amparo.core.access import Actor

# The dashboard and the digest look this far ahead.
UPCOMING = datetime.timedelta(hours=72)

# A list's badge counts this far and then says "100+": counting every overdue deadline of a
# national caseload was the page's slowest query, and no one reads an exact 7,750.
COUNT_CAP = 100


@dataclass(frozen=True)
class Dashboard:
    """The board's lists, their totals and whether each has rows beyond those given."""

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
    statement, arguments = _union_all(
        connection, sql, params, halves_read, bounds, limit=limit, width=len(columns)
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*arguments, *arguments])  # the rows' arms, then the counts'
        fetched = cursor.fetchall()
    halves, counts = _arms(fetched, len(halves_read))
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


def _union_all(
    connection: Any,
    sql: str,
    params: Any,
    halves_read: tuple[tuple[str, str, str], ...],
    bounds: list[list[Any]],
    *,
    limit: int,
    width: int,
) -> tuple[str, list[Any]]:
    """The one statement: an arm of rows for each half, then an arm counting each half (its
    `width` columns left blank), and the arguments of one set of arms."""
    # Rows first, counts after: PostgreSQL types each column of a UNION from its first arms.
    rows_sql, counts_sql, arguments = [], [], []
    blanks = ", ".join(["NULL"] * width)
    for n, (_name, where, order) in enumerate(halves_read):
        inner = f"FROM ({sql}) d WHERE {where} ORDER BY {order}"
        rows_sql.append(f"SELECT {n}, 0, x.* FROM (SELECT * {inner} LIMIT {limit + 1}) x")
        counts_sql.append(
            f"SELECT {n + len(halves_read)}, COUNT(*), {blanks}"
            f" FROM (SELECT 1 {inner} LIMIT {COUNT_CAP + 1}) x"
        )
        arguments += [*params, *(_adapt(connection, value) for value in bounds[n])]
    return " UNION ALL ".join([*rows_sql, *counts_sql]), arguments


def _arms(fetched: list[Any], count_of_halves: int) -> tuple[list[list[Any]], list[int]]:
    """The fetched rows sorted back to their halves, and each half's count."""
    halves: list[list[Any]] = [[] for _ in range(count_of_halves)]
    counts = [0] * count_of_halves
    for arm, count, *values in fetched:
        if arm < count_of_halves:
            halves[arm].append(values)
        else:
            counts[arm - count_of_halves] = count
    return halves, counts


def _adapt(connection: Any, value: Any) -> Any:
    """A bound as the database takes it (SQLite keeps moments and days as text)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return connection.ops.adapt_datefield_value(value)


@dataclass(frozen=True)
class _Window:
    """The 72 hours the board looks ahead, and the days (in the active zone) they fall on."""

    now: datetime.datetime
    until: datetime.datetime
    today: datetime.date
    last_day: datetime.date


def _window(now: datetime.datetime) -> _Window:
    until = now + UPCOMING
    return _Window(now, until, timezone.localdate(now), timezone.localdate(until))


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
    window = _window(now or timezone.now())
    base = _open_deadlines(user, mine=mine)
    if limit is None:
        return _whole_board(base, window, fields=fields, later=later)
    return _first_page(base, window, limit=limit, fields=fields, later=later)


def _open_deadlines(user: Actor, *, mine: bool) -> QuerySet[Deadline]:
    """The open deadlines the user may see (with `mine`, their own ones)."""
    # Whether a deadline has counting steps, without reading them (they load on demand).
    has_steps = ExpressionWrapper(~Q(steps=[]), output_field=BooleanField())
    base = (deadlines_for_member(user) if mine else deadline_list(user)).filter(is_open())
    return base.annotate(has_steps=has_steps)


def _whole_board(
    base: QuerySet[Deadline],
    window: _Window,
    *,
    fields: tuple[str, ...] | None,
    later: bool,
) -> Dashboard:
    """Every row of each list, with no limit (the digest e-mail)."""
    now, until, today, last_day = window.now, window.until, window.today, window.last_day
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


def _first_page(
    base: QuerySet[Deadline],
    window: _Window,
    *,
    limit: int,
    fields: tuple[str, ...] | None,
    later: bool,
) -> Dashboard:
    """Each list's first `limit` rows and its capped total, all in one statement."""
    now, until, today, last_day = window.now, window.until, window.today, window.last_day
    read = base.order_by().values(*_needed(fields or ("id",)))
    bounds: list[list[Any]] = [[now], [today], [now, until], [today, last_day]]
    halves_read = _HALVES
    if later:  # in the same statement: the page's queries stay the same
        halves_read, bounds = (*_HALVES, *_LATER), [*bounds, [until], [last_day]]
    lists, totals, more = _first_rows(read, halves_read, bounds, limit)
    if fields is None:  # model objects: the rows found, read whole in one more query
        lists = _as_models(base, lists)
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


def _as_models(base: QuerySet[Deadline], lists: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The rows found as whole deadlines, read in one query; a row gone since drops out."""
    found = base.in_bulk([row["id"] for rows in lists.values() for row in rows])
    return {
        name: [found[row["id"]] for row in rows if row["id"] in found]
        for name, rows in lists.items()
    }
