"""The case timeline: one small function per kind of record, each reading only what a page needs.

A page is the newest items before a cursor (moment, kind, id): every source asks the database for
at most `size + 1` rows after the cursor, newest first, so a page costs the same whatever the
size of the case. `case_timeline` is the whole timeline, oldest first, for the chronology.
"""

from __future__ import annotations

import datetime
import functools
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from amparo.advocacy.models import Inquiry, Statement
from amparo.cases.models import Arrest, Case, Note
from amparo.core.access import can_see_privileged
from amparo.core.paging import DEFAULT_PAGE_SIZE, decode_cursor, encode_cursor
from amparo.core.rawsql import db_day as _day
from amparo.core.rawsql import db_id as _db_id
from amparo.core.rawsql import db_moment as _moment
from amparo.core.rawsql import db_uuid as _uuid
from amparo.core.rawsql import prepared_cursor
from amparo.courts.models import CourtCase, Filing, Hearing, Order
from amparo.custody.models import Placement
from amparo.documents.models import Document
from amparo.people.models import LifeEvent
from amparo.relief.models import Decision, Request
from amparo.relief.request_types import shown_type_name

if TYPE_CHECKING:
    from amparo.core.access import Actor


# What each kind of item is called on screen (the kind itself is a stable code: CSS classes,
# page keys and the chronology's leave-out list use it).
KIND_LABELS = {
    "arrest": pgettext_lazy("timeline", "arrest"),
    "placement": pgettext_lazy("timeline", "placement"),
    "request": pgettext_lazy("timeline", "request"),
    "decision": pgettext_lazy("timeline", "decision"),
    "court-case": pgettext_lazy("timeline", "court case"),
    "filing": pgettext_lazy("timeline", "filing"),
    "hearing": pgettext_lazy("timeline", "hearing"),
    "order": pgettext_lazy("timeline", "order"),
    "inquiry": pgettext_lazy("timeline", "inquiry"),
    "inquiry-response": pgettext_lazy("timeline", "reply"),
    "statement": pgettext_lazy("timeline", "statement"),
    "life-event": pgettext_lazy("timeline", "life event"),
    "document": pgettext_lazy("timeline", "document"),
    "note": pgettext_lazy("timeline", "note"),
}


@dataclass(frozen=True)
class TimelineItem:
    at: datetime.datetime
    kind: str
    summary: str
    object_id: uuid.UUID
    privileged: bool = False
    date_only: bool = False
    detail: str = field(default="", compare=False)
    # The summary already is the detail (a note's first 200 characters): the case page shows no
    # detail under it; the chronology prints the detail in full.
    summary_is_detail: bool = field(default=False, compare=False)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def key(self) -> tuple[datetime.datetime, str, str]:
        return (self.at, self.kind, str(self.object_id))


@dataclass(frozen=True)
class TimelinePage:
    items: list[TimelineItem]  # newest first
    next_cursor: str | None  # the page of older items, or None when there is none


@dataclass(frozen=True)
class Window:
    """How a source reads: every row of the case (the chronology), or the rows a page read
    (`read`: its chosen rows of every kind, `_read_page`)."""

    case: Case
    privileged: bool
    tz: zoneinfo.ZoneInfo
    before: tuple[datetime.datetime, str, uuid.UUID] | None = None
    read: dict[str, list[Any]] | None = None  # a page's rows, read for every kind at once


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


# Each kind reads its rows with one plain SQL statement written from the models' tables and
# columns (`_rows`): a profile of a long case's page found most of each reader's time in Django
# compiling a queryset for a handful of rows; a page reads every kind's chosen rows in one
# statement with its keys (`_read_page`). One reader per kind turns rows into items for the page
# and the chronology alike, so the two cannot say different things.


def _arrests(w: Window) -> list[TimelineItem]:
    return [
        TimelineItem(
            _moment(at),
            "arrest",
            _("Arrested by %(agency)s: %(place)s")
            % {"agency": _shown(Arrest, "agency", agency), "place": place},
            _uuid(id_),
            detail=circumstances,
        )
        for id_, at, agency, place, circumstances in _rows(w, "arrest")
    ]


def _placements(w: Window) -> list[TimelineItem]:
    items = []
    for id_, at, source, name, city, state in _rows(w, "placement"):
        where = f"{name}, {city.title()}, {state}".strip(", ")
        summary = _("Held at %(where)s (source: %(source)s)") % {
            "where": where,
            "source": _shown(Placement, "source", source),
        }
        items.append(TimelineItem(_moment(at), "placement", summary, _uuid(id_)))
    return items


def _request_summary(label: str, submitted: bool, channel: str, addressed_to: str) -> str:
    if not submitted:
        return _("%(type)s request drafted") % {"type": label}
    if addressed_to:
        return _("%(type)s request submitted to %(to)s by %(channel)s") % {
            "type": label,
            "to": addressed_to,
            "channel": channel,
        }
    return _("%(type)s request submitted by %(channel)s") % {"type": label, "channel": channel}


def _requests(w: Window) -> list[TimelineItem]:
    items = []
    for id_, submitted_at, created_at, channel, addressed_to, reason, name in _rows(w, "request"):
        summary = _request_summary(
            shown_type_name(name),
            bool(submitted_at),
            _shown(Request, "channel", channel).lower(),
            addressed_to,
        )
        at = _moment(submitted_at or created_at)
        items.append(TimelineItem(at, "request", summary, _uuid(id_), detail=reason))
    return items


def _decisions(w: Window) -> list[TimelineItem]:
    items = []
    for id_, decided_at, submitted_at, outcome, reasons_given, reasons, name in _rows(
        w, "decision"
    ):
        at = _moment(decided_at)
        # Decision.turnaround_minutes, from the row's own two moments.
        minutes = int((at - _moment(submitted_at)).total_seconds() // 60)
        summary = ngettext(
            "%(type)s request %(outcome)s %(minutes)d minute after submission; %(reasons)s",
            "%(type)s request %(outcome)s %(minutes)d minutes after submission; %(reasons)s",
            minutes or 0,
        ) % {
            "type": shown_type_name(name),
            "outcome": _shown(Decision, "outcome", outcome).lower(),
            "minutes": minutes or 0,
            "reasons": _("reasons given") if reasons_given else _("no reasons given"),
        }
        items.append(TimelineItem(at, "decision", summary, _uuid(id_), detail=reasons))
    return items


def _court_cases(w: Window) -> list[TimelineItem]:
    items = []
    for id_, filed_at, created_at, kind, docket, court in _rows(w, "court-case"):
        if filed_at:
            summary = _("%(kind)s filed in %(court)s, %(docket)s") % {
                "kind": _shown(CourtCase, "kind", kind),
                "court": court,
                "docket": docket,
            }
        else:
            summary = _("%(kind)s drafted for %(court)s") % {
                "kind": _shown(CourtCase, "kind", kind),
                "court": court,
            }
        at = _moment(filed_at or created_at)
        items.append(TimelineItem(at, "court-case", summary, _uuid(id_)))
    return items


def _filings(w: Window) -> list[TimelineItem]:
    return [
        TimelineItem(_moment(at), "filing", _("Filed: %(title)s") % {"title": title}, _uuid(id_))
        for id_, at, title in _rows(w, "filing")
    ]


def _hearings(w: Window) -> list[TimelineItem]:
    return [
        TimelineItem(
            _moment(at),
            "hearing",
            (_("Hearing: %(purpose)s before %(judge)s") if judge else _("Hearing: %(purpose)s"))
            % {"purpose": purpose or _("scheduled"), "judge": judge},
            _uuid(id_),
        )
        for id_, at, purpose, judge in _rows(w, "hearing")
    ]


def _orders(w: Window) -> list[TimelineItem]:
    return [
        TimelineItem(
            _moment(at),
            "order",
            _("Order: %(kind)s") % {"kind": _shown(Order, "kind", kind)},
            _uuid(id_),
            detail=summary,
        )
        for id_, at, kind, summary in _rows(w, "order")
    ]


def _inquiries(w: Window) -> list[TimelineItem]:
    items = []
    for id_, sent_at, created_at, recipient, waiver_signed_on in _rows(w, "inquiry"):
        if sent_at:
            summary = _("Congressional inquiry sent via %(recipient)s") % {"recipient": recipient}
        else:
            waiver = (
                _("privacy waiver signed")
                if waiver_signed_on
                else _("waiting for signed ICE Form 60-001 privacy waiver")
            )
            summary = _("Congressional inquiry with %(recipient)s in preparation (%(waiver)s)") % {
                "recipient": recipient,
                "waiver": waiver,
            }
        items.append(TimelineItem(_moment(sent_at or created_at), "inquiry", summary, _uuid(id_)))
    return items


def _inquiry_responses(w: Window) -> list[TimelineItem]:
    return [
        TimelineItem(
            _moment(at),
            "inquiry-response",
            _("Reply from %(recipient)s: %(outcome)s")
            % {"recipient": recipient, "outcome": _shown(Inquiry, "outcome", outcome)},
            _uuid(id_),
        )
        for id_, at, recipient, outcome in _rows(w, "inquiry-response")
    ]


def _statement_summary(kind: str, author: str) -> str:
    said = (
        _("%(author)s declined to comment")
        if kind == Statement.Kind.DECLINED_TO_COMMENT
        else _("%(author)s issued a %(kind)s")
    )
    return said % {"author": author, "kind": str(_label(Statement, "kind", kind)).lower()}


def _statements(w: Window) -> list[TimelineItem]:
    # A long case has many statements of one author and kind ("ICE declined to comment"):
    # each summary is translated once.
    summaries: dict[tuple[str, str], str] = {}
    items = []
    for id_, at, author, kind, text in _rows(w, "statement"):
        summary = summaries.get((kind, author))
        if summary is None:
            summary = summaries[kind, author] = _statement_summary(kind, author)
        items.append(TimelineItem(_moment(at), "statement", summary, _uuid(id_), detail=text))
    return items


def _life_events(w: Window) -> list[TimelineItem]:
    # A handful per client, dated by day: read them all and cut in Python (a page read them
    # with its other rows, `_read_page`).
    items = []
    for id_, occurred_on, expected_on, description in _rows(w, "life-event"):
        day = _day(occurred_on or expected_on)  # life_event_has_a_date
        at = datetime.datetime.combine(day, datetime.time.min, tzinfo=w.tz)
        summary = description if occurred_on else _("%(event)s (expected)") % {"event": description}
        items.append(TimelineItem(at, "life-event", summary, _uuid(id_), date_only=True))
    if w.before is not None:
        bound = (w.before[0], w.before[1], str(w.before[2]))
        items = [i for i in items if i.key < bound]
    return items


def _documents(w: Window) -> list[TimelineItem]:
    items = []
    for id_, at, kind, title, version, content_type, hidden in _rows(w, "document"):
        # Not saved: only for the model's own rules of a shown title and an extension.
        document = Document(kind=kind, title=title, content_type=content_type)
        summary = (
            _("Generated %(title)s v%(version)s (%(extension)s)")
            if kind == Document.Kind.GENERATED
            else _("Uploaded %(title)s v%(version)s (%(extension)s)")
        ) % {
            "title": document.shown_title,
            "version": version,
            "extension": document.extension.upper(),
        }
        items.append(
            TimelineItem(_moment(at), "document", summary, _uuid(id_), privileged=bool(hidden))
        )
    return items


def _notes(w: Window) -> list[TimelineItem]:
    return [
        TimelineItem(_moment(at), "note", body[:200], _uuid(id_), privileged=bool(hidden),
                     detail=body, summary_is_detail=True)
        for id_, at, body, hidden in _rows(w, "note")
    ]  # fmt: skip


def _rows(w: Window, kind: str) -> list[Any]:
    """`READ_COLUMNS` of the case's rows of `kind`: the same rows as the kind's page keys
    (`KEY_SOURCES`: how a row belongs to the case, and privileged rows never for a role that may
    not read them). A page's rows were read for every kind at once (`_read_page`); the
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


def _read_page(w: Window, size: int) -> dict[str, list[Any]]:
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
    """`_read_page`'s statement around the statement of its keys."""
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
    """`_read_page`'s arms for these kinds, each `SELECT 'kind', slots FROM …` without its
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


def _label(model: type[Any], name: str, value: str) -> Any:
    return dict(model._meta.get_field(name).flatchoices).get(value, value)


def _shown(model: type[Any], name: str, value: str) -> str:
    """A choice as `get_<name>_display()` shows it."""
    return str(_label(model, name, value))


# Every source but life events (a handful per client, read whole and cut in Python).
SOURCES: tuple[Callable[[Window], list[TimelineItem]], ...] = (
    _arrests,
    _placements,
    _requests,
    _decisions,
    _court_cases,
    _filings,
    _hearings,
    _orders,
    _inquiries,
    _inquiry_responses,
    _statements,
    _documents,
    _notes,
)


KIND_OF_SOURCE: dict[Callable[[Window], list[TimelineItem]], str] = {
    _arrests: "arrest",
    _placements: "placement",
    _requests: "request",
    _decisions: "decision",
    _court_cases: "court-case",
    _filings: "filing",
    _hearings: "hearing",
    _orders: "order",
    _inquiries: "inquiry",
    _inquiry_responses: "inquiry-response",
    _statements: "statement",
    _documents: "document",
    _notes: "note",
}


def _window(user: Actor, case: Case, **kwargs: Any) -> Window:
    tz = zoneinfo.ZoneInfo(case.organisation.time_zone)
    return Window(case, can_see_privileged(user, case), tz, **kwargs)


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
    """`_read_page`'s statement of a first page, written once a process: only the case's id
    (and its client's) change."""
    w = Window(cast(Case, _AnyCase()), privileged, zoneinfo.ZoneInfo("UTC"))
    keys, params = _keys_sql(w, size)
    assert params == [_db_id(_AnyCase.pk)] * len(KEY_SOURCES)  # each arm: the case's id alone
    return _page_sql(keys, vendor)


class _AnyCase:
    """A case for writing a statement's text, which holds its id only as a parameter."""

    pk = uuid.UUID(int=0)


def case_timeline(user: Actor, case: Case) -> list[TimelineItem]:
    """Every dated item of the case, oldest first. Privileged notes and documents are left out
    for users who may not see privileged material."""
    window = _window(user, case)
    items = [item for source in SOURCES for item in source(window)] + _life_events(window)
    items.sort(key=lambda item: (item.at, item.kind))
    return items


def _parse_cursor(cursor: str) -> tuple[datetime.datetime, str, uuid.UUID]:
    from django.core.exceptions import ValidationError

    at, kind, object_id = decode_cursor(cursor, 3)
    try:
        return datetime.datetime.fromisoformat(at), kind, uuid.UUID(object_id)
    except ValueError:
        raise ValidationError({"cursor": _("This cursor is not one Amparo gave.")}) from None


def case_timeline_page(
    user: Actor, case: Case, *, cursor: str | None = None, size: int = DEFAULT_PAGE_SIZE
) -> TimelinePage:
    """The `size` newest items before `cursor`, newest first, in one query (`_read_page`): the
    newest keys of every source, their rows, and the client's life events (a handful, dated by
    day: they are cut in Python, and may push some of the rows read off the page)."""
    before = _parse_cursor(cursor) if cursor else None
    collect = _window(user, case, before=before)
    show = replace(collect, before=None, read=_read_page(collect, size + 1))
    read = [item for source in SOURCES for item in source(show)]  # one item a key
    lives = _life_events(replace(collect, read=show.read))
    keys = sorted([item.key for item in read] + [item.key for item in lives], reverse=True)
    keys = keys[: size + 1]
    more = len(keys) > size
    shown = {(kind, object_id) for _at, kind, object_id in keys[:size]}
    items = [item for item in read + lives if (item.kind, str(item.object_id)) in shown]
    items.sort(key=lambda item: item.key, reverse=True)
    if not more:
        return TimelinePage(items, None)
    last = items[-1]
    return TimelinePage(items, encode_cursor([last.at.isoformat(), last.kind, last.object_id]))
