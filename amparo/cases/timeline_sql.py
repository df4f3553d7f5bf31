"""The timeline's SQL: what each kind of record reads and how its rows belong to the case, a
page's keys, and the one statement that reads a page.

The chronology reads each kind with one plain SQL statement written from the models' tables and
columns (`kind_rows`); a page reads every kind's chosen rows with its keys in one statement
(`read_page`). The readers in `cases.timeline` turn these rows into items. Apart from them
because the statements were tuned for speed on SQLite and PostgreSQL, and tests count them and
check their plans: here they read as the SQL they write.
"""

from __future__ import annotations

import datetime
import functools
import uuid
import zoneinfo
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection

from amparo.advocacy.models import Inquiry, Statement
from amparo.cases.models import Arrest, Case, Note
from amparo.core.rawsql import db_id as _db_id
from amparo.core.rawsql import prepared_cursor
from amparo.courts.models import CourtCase, Filing, Hearing, Order
from amparo.custody.models import Placement
from amparo.documents.models import Document
from amparo.people.models import LifeEvent
from amparo.relief.models import Decision, Request

# What each kind's reader reads, in its order (`a__b`: `b` of the row that `a` points at).
READ_COLUMNS: dict[str, tuple[str, ...]] = {
    "arrest": ("id", "arrested_at", "agency", "place", "circumstances"),
    "placement": (
        "id", "started_at", "source", "facility__name", "facility__city", "facility__state"
    ),
    "request": (
        "id", "submitted_at", "created_at", "channel", "addressed_to", "reason",
        "request_type__name",
    ),
    "decision": (
        "id", "decided_at", "submitted_at", "outcome", "reasons_given", "reasons",
        "request__request_type__name",
    ),
    "court-case": ("id", "filed_at", "created_at", "kind", "docket_number", "court__name"),
    "filing": ("id", "filed_at", "title"),
    "hearing": ("id", "starts_at", "purpose", "judge"),
    "order": ("id", "issued_at", "kind", "summary"),
    "inquiry": ("id", "sent_at", "created_at", "recipient", "waiver__signed_on"),
    "inquiry-response": ("id", "response_at", "recipient", "outcome"),
    "statement": ("id", "said_at", "author_name", "kind", "text"),
    "document": ("id", "created_at", "kind", "title", "version", "content_type", "privileged"),
    "note": ("id", "created_at", "body", "privileged"),
    "life-event": ("id", "occurred_on", "expected_on", "description"),
}  # fmt: skip


@dataclass(frozen=True)
class Window:
    """How a source reads: every row of the case (the chronology), or the rows a page read
    (`read`: its chosen rows of every kind, `read_page`)."""

    case: Case
    privileged: bool
    tz: zoneinfo.ZoneInfo
    before: tuple[datetime.datetime, str, uuid.UUID] | None = None
    read: dict[str, list[Any]] | None = None  # a page's rows, read for every kind at once


@dataclass(frozen=True)
class KeySource:
    """How one kind of record gives its page keys (moment, kind, id), as plain SQL: the same
    rows as its reader's query, written once instead of compiled by the ORM on every page (a
    profile of the case page found most of its time compiling the 13-arm UNION)."""

    kind: str
    model: type[Any]
    moment: tuple[str, ...]  # columns; the first that is not null
    via_court_case: bool = False  # the row belongs to the case through its court case
    via_request: bool = False  # through its request
    via_person: bool = False  # through its client (life events)
    privileged: bool = False  # has a `privileged` column hidden from some roles
    extra: str = ""  # a further condition on the row, `r.` its alias


KEY_SOURCES = (
    KeySource("arrest", Arrest, ("arrested_at",)),
    KeySource("placement", Placement, ("started_at",)),
    KeySource("request", Request, ("submitted_at", "created_at")),
    KeySource("decision", Decision, ("decided_at",), via_request=True),
    KeySource("court-case", CourtCase, ("filed_at", "created_at")),
    KeySource("filing", Filing, ("filed_at",), via_court_case=True),
    KeySource("hearing", Hearing, ("starts_at",), via_court_case=True),
    KeySource("order", Order, ("issued_at",), via_court_case=True),
    KeySource("inquiry", Inquiry, ("sent_at", "created_at")),
    KeySource("inquiry-response", Inquiry, ("response_at",), extra="r.response_at IS NOT NULL"),
    KeySource("statement", Statement, ("said_at",)),
    KeySource("document", Document, ("created_at",), privileged=True),
    KeySource("note", Note, ("created_at",), privileged=True),
)


# Life events give no page keys (a handful per client, dated by day in the organisation's zone:
# read whole and cut in Python), but are read as the other kinds are.
LIFE_EVENTS = KeySource("life-event", LifeEvent, ("occurred_on",), via_person=True)
_KEY_SOURCE = {source.kind: source for source in (*KEY_SOURCES, LIFE_EVENTS)}


def _belongs(source: KeySource, w: Window) -> tuple[list[str], list[Any]]:
    """The conditions (and their parameters) that a row of `source` is one of the case's that
    this window may show: the keys and the readers use the same ones."""
    quote = connection.ops.quote_name
    if source.via_court_case:
        owner = f"r.court_case_id IN (SELECT id FROM {quote(CourtCase._meta.db_table)} WHERE "
        owner += "case_id = %s)"
    elif source.via_request:
        owner = f"r.request_id IN (SELECT id FROM {quote(Request._meta.db_table)} WHERE "
        owner += "case_id = %s)"
    elif source.via_person:
        owner = "r.person_id = %s"
    else:
        owner = "r.case_id = %s"
    conditions, params = [owner], [_db_id(w.case.person_id if source.via_person else w.case.pk)]
    if source.extra:
        conditions.append(source.extra)
    if source.privileged and not w.privileged:
        conditions.append("NOT r.privileged")
    return conditions, params


def kind_rows(w: Window, kind: str) -> list[Any]:
    """`READ_COLUMNS` of the case's rows of `kind`: the same rows as the kind's page keys
    (`KEY_SOURCES`: how a row belongs to the case, and privileged rows never for a role that may
    not read them). A page's rows were read for every kind at once (`read_page`); the
    chronology reads each kind by itself."""
    if w.read is not None:
        return w.read.get(kind, [])
    selected, joins, sql_where, params = _select(w, kind, READ_COLUMNS[kind])
    sql = f"SELECT {', '.join(e for e, _f in selected)} {joins} WHERE {sql_where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _select(
    w: Window, kind: str, columns: tuple[str, ...]
) -> tuple[list[tuple[str, Any]], str, str, list[Any]]:
    """The parts of one kind's SELECT: each column's expression and field, the FROM with its
    joins, the conditions and their parameters. A column `a__b` reads `b` of the row its
    foreign key `a` points at (LEFT JOIN: a missing one reads as null)."""
    selected, tables = _columns(kind, columns, connection.vendor)
    conditions, params = _belongs(_KEY_SOURCE[kind], w)
    return list(selected), tables, " AND ".join(conditions), params


@functools.cache
def _columns(
    kind: str, columns: tuple[str, ...], vendor: str
) -> tuple[tuple[tuple[str, Any], ...], str]:
    """`_select`'s columns and FROM, which depend only on the models: written once a process
    (a profile of the case page found a fifth of the timeline's time writing them)."""
    source = _KEY_SOURCE[kind]
    quote = connection.ops.quote_name
    joins: dict[str, tuple[str, Any, str]] = {}  # path -> alias, model, its JOIN
    selected = []
    for column in columns:
        *path, name = column.split("__")
        alias, model = "r", source.model
        for depth in range(len(path)):
            key = "__".join(path[: depth + 1])
            if key not in joins:
                link = model._meta.get_field(path[depth])
                target, joined = link.related_model, f"j{len(joins)}"
                joins[key] = (joined, target, (
                    f"LEFT JOIN {quote(target._meta.db_table)} {joined} "
                    f"ON {joined}.{quote(target._meta.pk.column)} = {alias}.{quote(link.column)}"
                ))  # fmt: skip
            alias, model = joins[key][0], joins[key][1]
        field = model._meta.get_field(name)
        selected.append((f"{alias}.{quote(field.column)}", field))
    tables = f"FROM {quote(source.model._meta.db_table)} r " + "".join(
        f"{join} " for _alias, _model, join in joins.values()
    )
    return tuple(selected), tables


def read_page(w: Window, size: int) -> dict[str, list[Any]]:
    """A page's rows in ONE statement: the newest `size` keys before the cursor over every
    source (`_keys_sql`) as a materialized CTE, which each kind's arm of a UNION ALL reads its
    rows by (`READ_COLUMNS`, `_union`), with every life event of the client (a handful, cut in
    Python). A profile of the case page on PostgreSQL found the ratio to the trivial page
    following its round trips; the keys and the rows were two. Only rows the keys chose are
    read, and the keys chose only rows of the case this window may show (`_belongs`), so the
    arms need no condition of their own. The rows come back per kind in the reader's order."""
    if w.before is None:  # the first page: the same statement for every case
        sql = _first_page_sql(connection.vendor, w.privileged, size)
        params = [_db_id(w.case.pk)] * len(KEY_SOURCES)
    else:
        keys, params = _keys_sql(w, size)
        sql = _page_sql(keys, connection.vendor)
    params.append(_db_id(w.case.person_id))  # the life events' arm
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    _heads, orders = _union(PAGE_KINDS, connection.vendor)
    read: dict[str, list[Any]] = {kind: [] for kind in PAGE_KINDS}
    for kind, *values in rows:
        read[kind].append(tuple(values[i] for i in orders[kind]))
    return read


# Every kind a page reads, in the readers' order: the keys' kinds and the life events.
PAGE_KINDS = tuple(READ_COLUMNS)


def _page_sql(keys: str, vendor: str) -> str:
    """`read_page`'s statement around the statement of its keys."""
    heads, _orders = _union(PAGE_KINDS, vendor)
    arms = [
        f"{head} WHERE r.person_id = %s"
        if kind == "life-event"
        else f"{head} WHERE r.id IN (SELECT id FROM page_keys WHERE k = '{kind}')"
        for kind, head in zip(PAGE_KINDS, heads, strict=True)
    ]
    return f"WITH page_keys AS MATERIALIZED ({keys}) " + " UNION ALL ".join(arms)


@functools.lru_cache(maxsize=512)
def _union(
    kinds: tuple[str, ...], vendor: str
) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """`read_page`'s arms for these kinds, each `SELECT 'kind', slots FROM …` without its
    conditions, and each kind's slots in its reader's order. Each arm puts its columns in slots
    by database type (the others null, cast to the slot's type so PostgreSQL can unite them).
    The same for every page with these kinds: written once a process (a profile of the case
    page found a quarter of the timeline's time writing it)."""
    slots: list[str] = []  # each slot's column type
    arms = []
    orders: dict[str, tuple[int, ...]] = {}
    for kind in kinds:
        selected, tables = _columns(kind, READ_COLUMNS[kind], vendor)
        placed: dict[int, str] = {}
        order = []
        for expression, column in selected:
            db_type = str(column.cast_db_type(connection))
            slot = next((i for i, t in enumerate(slots) if t == db_type and i not in placed), None)
            if slot is None:
                slots.append(db_type)
                slot = len(slots) - 1
            placed[slot] = expression
            order.append(slot)
        arms.append((kind, placed, tables))
        orders[kind] = tuple(order)
    heads = tuple(
        f"SELECT '{kind}', "
        + ", ".join(placed.get(i, f"CAST(NULL AS {t})") for i, t in enumerate(slots))
        + f" {tables}"
        for kind, placed, tables in arms
    )
    return heads, orders


def _arm(source: KeySource, w: Window, size: int) -> tuple[str, list[Any]]:
    """`SELECT at, k, id` of one source's newest `size` rows of the case before the cursor: the
    page takes at most `size` from any one source, so the UNION sorts at most `size` rows a
    source however long the case (the order within a source is the page's, `k` being fixed)."""
    quote = connection.ops.quote_name
    table = quote(source.model._meta.db_table)
    columns = [f"r.{quote(source.model._meta.get_field(c).column)}" for c in source.moment]
    moment = columns[0] if len(columns) == 1 else f"COALESCE({', '.join(columns)})"
    conditions, params = _belongs(source, w)
    if w.before is not None:
        at, cursor_kind, cursor_id = w.before
        when = connection.ops.adapt_datetimefield_value(at)
        if source.kind < cursor_kind:
            conditions.append(f"{moment} <= %s")
            params.append(when)
        elif source.kind > cursor_kind:
            conditions.append(f"{moment} < %s")
            params.append(when)
        else:
            conditions.append(f"({moment} < %s OR ({moment} = %s AND r.id < %s))")
            params += [when, when, _db_id(cursor_id)]
    sql = (
        f"SELECT {moment} AS at, '{source.kind}' AS k, r.id AS id FROM {table} r "
        f"WHERE {' AND '.join(conditions)} ORDER BY at DESC, id DESC LIMIT {int(size)}"
    )
    return sql, params


def _keys_sql(w: Window, size: int) -> tuple[str, list[Any]]:
    arms = [_arm(source, w, size) for source in KEY_SOURCES]
    sql = " UNION ALL ".join(f"SELECT * FROM ({arm}) AS a{i}" for i, (arm, _) in enumerate(arms))
    params = [p for _, arm_params in arms for p in arm_params]
    return sql + f" ORDER BY at DESC, k DESC, id DESC LIMIT {int(size)}", params


@functools.cache
def _first_page_sql(vendor: str, privileged: bool, size: int) -> str:
    """`read_page`'s statement of a first page, written once a process: only the case's id
    (and its client's) change."""
    w = Window(cast(Case, _AnyCase()), privileged, zoneinfo.ZoneInfo("UTC"))
    keys, params = _keys_sql(w, size)
    assert params == [_db_id(_AnyCase.pk)] * len(KEY_SOURCES)  # each arm: the case's id alone
    return _page_sql(keys, vendor)


class _AnyCase:
    """A case for writing a statement's text, which holds its id only as a parameter."""

    pk = uuid.UUID(int=0)
