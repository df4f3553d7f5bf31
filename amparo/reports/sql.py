"""SQL building blocks of the reports: time differences and distributions computed by the
database, never by looping over rows in Python.

Median and 90th percentile are defined as PostgreSQL's `percentile_cont`: sort the n values of
a group, take the position h = (n − 1) · p counting from 0, and interpolate linearly between the
values at floor(h) and floor(h) + 1. The median of 10, 20, 30, 40 is 25; the p90 of 10, 20, 30,
40, 50 is 46. PostgreSQL computes it with `percentile_cont`; SQLite, which has no such function,
with `ROW_NUMBER()` and `COUNT() OVER` windows to the same definition, so both databases agree.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import (
    CharField,
    F,
    FloatField,
    Func,
    OuterRef,
    QuerySet,
    Subquery,
    UUIDField,
)
from django.db.models.lookups import In
from django.utils import timezone


def _two(compiler: Any, func: Func) -> tuple[str, str, list[Any]]:
    start, end = (compiler.compile(e) for e in func.get_source_expressions())
    return start[0], end[0], [*end[1], *start[1]]


class MinutesBetween(Func):
    """Whole minutes from `start` to `end` (seconds rounded, then floored to the minute), as
    `Decision.turnaround_minutes` counts them; builtin date functions, no per-row Python."""

    output_field = FloatField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        start, end, params = _two(compiler, self)
        sql = f"(CAST(ROUND((julianday({end}) - julianday({start})) * 86400) AS INTEGER) / 60)"
        return sql, params

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        start, end, params = _two(compiler, self)
        return f"FLOOR(ROUND(EXTRACT(EPOCH FROM ({end} - {start}))) / 60)", params


class Unindexed(Func):
    """A column that SQLite must not reach through its index: `+column` there, the column
    itself elsewhere.

    Reports count many records of each of the user's cases. With the gate as
    `case_id IN (cases the user may read)`, SQLite walks every visible case through the
    `case_id` index and fetches its requests and decisions at scattered places: at 200,000
    decisions that took 70–80 s on a loaded machine. With `+case_id IN (…)` it reads the
    requests in their own order and checks each against the list of case ids, five times
    faster at 50,000 decisions and more as the file outgrows the page cache
    (docs/benchmarks.md). PostgreSQL plans the `IN` as a hash join already."""

    arity = 1
    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


def in_cases(column: str, cases: QuerySet[Any]) -> In:
    """`column IN cases` (a subquery of case ids from the gate), read without the column's
    index on SQLite (see `Unindexed`)."""
    return In(Unindexed(F(column), output_field=UUIDField()), cases)


def name_of(model: Any, key: str, joined: str) -> Any:
    """The `name` of the reference row (a field office, a request type) the column `key`
    points to; `joined` reaches the same name through the join ("request__request_type__name").

    On SQLite a look-up by primary key per row: joined, its planner starts from the small
    reference table and fetches each type's requests through the `request_type_id` index at
    scattered places, as it did from the cases (see `Unindexed`). Elsewhere the join."""
    if connection.vendor != "sqlite":
        return F(joined)
    return Subquery(model.objects.filter(pk=OuterRef(key)).values("name")[:1])


@functools.lru_cache(maxsize=4096)
def _month_bounds(zone_name: str, utc_month: str) -> tuple[str, str, str, str, str]:
    """For the UTC month 'YYYY-MM': the UTC instants (as SQLite stores them) at which that
    local month starts and the next one starts, and the labels of the previous, same and next
    months. Offsets are under a day, so a moment's local month is one of these three."""
    zone = zoneinfo.ZoneInfo(zone_name)
    year, month = int(utc_month[:4]), int(utc_month[5:7])
    nxt = (year + month // 12, month % 12 + 1)
    prv = (year - (month == 1), (month - 2) % 12 + 1)

    def start(y: int, m: int) -> str:
        local = datetime.datetime(y, m, 1, tzinfo=zone)
        return local.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")

    def label(y: int, m: int) -> str:
        return f"{y:04d}-{m:02d}"

    return (
        start(year, month),
        start(*nxt),
        label(*prv),
        utc_month,
        label(*nxt),
    )


def local_month(stored: str | None, zone_name: str) -> str | None:
    """'YYYY-MM' of a SQLite-stored UTC timestamp in the zone, daylight saving included.

    Registered on every SQLite connection as `amparo_local_month`; per row it costs a cached
    look-up and two string comparisons (the month's boundaries are computed once per zone and
    month with `zoneinfo`), so a million rows stay cheap.
    """
    if not stored:
        return None
    starts, next_starts, prev, same, nxt = _month_bounds(zone_name, stored[:7])
    if stored < starts:
        return prev
    if stored >= next_starts:
        return nxt
    return same


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: the report functions SQLite lacks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "amparo_local_month", 2, local_month, deterministic=True
        )


class MonthOf(Func):
    """'YYYY-MM' of a timestamp in the organisation's time zone (the active one, which the
    middleware sets to the organisation's), daylight saving included, on both databases:
    PostgreSQL with AT TIME ZONE, SQLite with `amparo_local_month` (see `local_month`)."""

    output_field = CharField()
    arity = 1

    def _zone(self) -> str:
        return timezone.get_current_timezone_name()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"amparo_local_month({sql}, %s)", [*params, self._zone()]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"to_char({sql} AT TIME ZONE %s, 'YYYY-MM')", [*params, self._zone()]


@dataclass(frozen=True)
class Distribution:
    """Count, median, p90, min and max of `value` per group, and extra SQL aggregates over the
    base rows (e.g. "SUM(CASE WHEN b.outcome = 'denied' THEN 1 ELSE 0 END)")."""

    groups: tuple[str, ...]
    value: str
    extras: tuple[tuple[str, str], ...] = ()


def _percentile_sqlite(p: float) -> str:
    at = f"CAST((x.n - 1) * {p} AS INTEGER)"
    low = f"MAX(CASE WHEN x.v IS NOT NULL AND x.rn = {at} THEN x.v END)"
    high = f"MAX(CASE WHEN x.v IS NOT NULL AND x.rn = {at} + 1 THEN x.v END)"
    frac = f"((MAX(x.n) - 1) * {p} - CAST((MAX(x.n) - 1) * {p} AS INTEGER))"
    return f"({low} + {frac} * (COALESCE({high}, {low}) - {low}))"


def distribution_rows(base: QuerySet[Any], spec: Distribution) -> list[dict[str, Any]]:
    """Run the distribution over a `.values(...)` queryset (the access gate and filters are in
    it); one SQL statement, rows as dicts ordered by the groups. Extras name base columns as
    `{t}.column`."""
    sql, params = base.order_by().query.sql_with_params()
    return distribution_of(sql, list(params), spec)


def distribution_of(sql: str, params: list[Any], spec: Distribution) -> list[dict[str, Any]]:
    """`distribution_rows` over the rows of a hand-written SELECT."""
    value = spec.value

    def cols(t: str) -> str:
        return "".join(f"{t}.{g}, " for g in spec.groups)

    def extras(t: str) -> str:
        return "".join(f", {e.format(t=t)} AS {alias}" for alias, e in spec.extras)

    grouping = f"GROUP BY {cols('x').rstrip(', ')}" if spec.groups else ""
    order = f"ORDER BY {', '.join(spec.groups)}" if spec.groups else ""
    if connection.vendor == "postgresql":
        query = (
            f"SELECT {cols('x')}COUNT(x.{value}) AS count, "
            f"percentile_cont(0.5) WITHIN GROUP (ORDER BY x.{value}) AS median, "
            f"percentile_cont(0.9) WITHIN GROUP (ORDER BY x.{value}) AS p90, "
            f"MIN(x.{value}) AS min, MAX(x.{value}) AS max{extras('x')} "
            f"FROM ({sql}) x {grouping} {order}"
        )
    else:
        by_group = f"PARTITION BY {cols('b').rstrip(', ')}" if spec.groups else ""
        query = (
            f"WITH x AS (SELECT b.*, b.{value} AS v, "
            f"ROW_NUMBER() OVER (PARTITION BY {cols('b')}(b.{value} IS NULL) "
            f"ORDER BY b.{value}) - 1 AS rn, "
            f"COUNT(b.{value}) OVER ({by_group}) AS n FROM ({sql}) b) "
            f"SELECT {cols('x')}COUNT(x.v) AS count, "
            f"{_percentile_sqlite(0.5)} AS median, {_percentile_sqlite(0.9)} AS p90, "
            f"MIN(x.v) AS min, MAX(x.v) AS max{extras('x')} FROM x {grouping} {order}"
        )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def where_of(rows: QuerySet[Any]) -> tuple[str, list[Any]]:
    """The WHERE clause of a queryset over one table (the gate and the filters), with its
    parameters, to be used again inside hand-written statements over the same table."""
    query = rows.query
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = compiler.compile(query.where)
    except FullResultSet:
        return "1 = 1", []
    except EmptyResultSet:
        return "1 = 0", []
    return sql or "1 = 1", list(params)


def grouped_distribution(
    rows: QuerySet[Any],
    *,
    groups: tuple[str, ...],
    value: str,
    counted: str = "",
    extras: tuple[tuple[str, str], ...] = (),
) -> list[dict[str, Any]]:
    """Count, median, p90, min and max of the column `value` (over the rows where the SQL
    condition `counted` holds) per group of `groups` columns, with extra aggregates, over the
    rows of one table that `rows` selects; one statement, rows as dicts.

    Made for `ReportedRequest`, whose indexes hold each report's groups followed by the value
    in order. PostgreSQL groups and takes `percentile_cont`. SQLite first counts each group,
    then reads the value at the percentile's two positions with `ORDER BY value LIMIT 2
    OFFSET h` along the index, so nothing is sorted: a window's `ROW_NUMBER()` sorted a
    million rows for 12 s on the loaded machine (docs/benchmarks.md)."""
    table = connection.ops.quote_name(rows.model._meta.db_table)
    where, params = where_of(rows)
    v = f"CASE WHEN {counted} THEN {value} END" if counted else value
    names = ", ".join(groups)
    more = "".join(f", {sql} AS {alias}" for alias, sql in extras)
    if connection.vendor == "postgresql":
        query = (
            f"SELECT {names}, COUNT({v}) AS count, "
            f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {v}) AS median, "
            f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {v}) AS p90, "
            f"MIN({v}) AS min, MAX({v}) AS max{more} "
            f"FROM {table} WHERE {where} GROUP BY {names}"
        )
        arguments = params
    else:
        query = (
            f"SELECT {names}, COUNT({v}) AS count, MIN({v}) AS min, MAX({v}) AS max{more} "
            f"FROM {table} WHERE {where} GROUP BY {names}"
        )
        arguments = params
    with connection.cursor() as cursor:
        cursor.execute(query, arguments)
        columns = [column[0] for column in cursor.description]
        found = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    if connection.vendor != "postgresql":
        _percentiles_by_offset(found, table, where, params, groups, value, counted)
    return found


PERCENTILES = (("median", 0.5), ("p90", 0.9))
# The least and greatest value are percentile_cont(0) and (1): the first and last position.
EXTREMES = (("min", 0.0), ("max", 1.0))
OFFSETS_PER_STATEMENT = 200  # SQLite allows 500 terms in a compound SELECT


def _percentiles_by_offset(
    found: list[dict[str, Any]],
    table: str,
    where: str,
    params: list[Any],
    groups: tuple[str, ...],
    value: str,
    counted: str,
    wanted_percentiles: tuple[tuple[str, float], ...] = PERCENTILES,
) -> None:
    """SQLite: each group's median and p90 (or `wanted_percentiles`) from the two values at
    positions floor(h) and floor(h) + 1 of its sorted values (h = (n − 1) · p, as
    `percentile_cont`), each read with `ORDER BY value LIMIT 2 OFFSET …` along the index that
    holds the group's values in order, from whichever end is nearer (`_window`). SQLite takes
    no column in an OFFSET, so the offsets come from the groups' counts (integers computed
    here)."""
    also = f" AND {counted}" if counted else ""
    same = "".join(f" AND {g} = %s" for g in groups)

    def one(direction: str) -> str:
        return (
            f"SELECT %s, MIN(v), MAX(v) FROM (SELECT {value} AS v FROM {table} "
            f"WHERE {where}{also} AND {value} IS NOT NULL{same} "
            f"ORDER BY {value} {direction} LIMIT %s OFFSET %s)"
        )

    wanted: list[tuple[int, str, float, str, list[Any]]] = []
    for i, row in enumerate(found):
        for name, p in wanted_percentiles:
            row[name] = None
            n = row["count"]
            if n:
                h = (n - 1) * p
                keys = [row[g] for g in groups]
                limit, offset, direction = _window(int(h), n)
                arguments = [len(wanted), *params, *keys, limit, offset]
                wanted.append((i, name, h - int(h), one(direction), arguments))
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), OFFSETS_PER_STATEMENT):
            chunk = wanted[start : start + OFFSETS_PER_STATEMENT]
            cursor.execute(
                " UNION ALL ".join(sql for *_, sql, _args in chunk),
                [a for *_, args in chunk for a in args],
            )
            for number, low, high in cursor.fetchall():
                i, name, fraction, _sql, _args = wanted[number]
                found[i][name] = low + fraction * (high - low)


def distribution_of_counted(
    found: list[dict[str, Any]],
    rows: QuerySet[Any],
    *,
    groups: tuple[str, ...],
    value: str,
) -> None:
    """Give each row of `found` (a group of `groups` columns with its `count` of values, known
    from elsewhere: a summary) the median, p90, min and max of the column `value` over the rows
    of one table that `rows` selects, in that group. PostgreSQL: one grouped statement, as
    `grouped_distribution`; SQLite: the reads along the index of `_percentiles_by_offset`,
    the least and greatest value at the first and last position, so the rows are not counted
    again."""
    table = connection.ops.quote_name(rows.model._meta.db_table)
    where, params = where_of(rows)
    if connection.vendor != "postgresql":
        wanted = (*PERCENTILES, *EXTREMES)
        _percentiles_by_offset(found, table, where, params, groups, value, "", wanted)
        return
    names = ", ".join(groups)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {names}, percentile_cont(0.5) WITHIN GROUP (ORDER BY {value}), "
            f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {value}), MIN({value}), "
            f"MAX({value}) FROM {table} WHERE {where} GROUP BY {names}",
            params,
        )
        values = {tuple(r[: len(groups)]): r[len(groups) :] for r in cursor.fetchall()}
    for row in found:
        stats = values.get(tuple(row[g] for g in groups), (None, None, None, None))
        row.update(zip(("median", "p90", "min", "max"), stats, strict=True))


def _window(k: int, n: int) -> tuple[int, int, str]:
    """LIMIT, OFFSET and direction that read the values at ascending positions k and k + 1
    (k alone when it is the last) of n sorted values, walking from the nearer end: an OFFSET
    is walked row by row, so the p90 read from the top walks a tenth of the group, not nine
    tenths (turnaround at a million rows: docs/benchmarks.md)."""
    if k < n // 2:
        return 2, k, "ASC"
    if k + 1 < n:
        return 2, n - 2 - k, "DESC"
    return 1, 0, "DESC"
