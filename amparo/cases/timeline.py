"""The case timeline: one small function per kind of record, each reading only what a page needs.

A page is the newest items before a cursor (moment, kind, id): every source asks the database for
at most `size + 1` rows after the cursor, newest first, so a page costs the same whatever the
size of the case. `case_timeline` is the whole timeline, oldest first, for the chronology.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import QuerySet, UUIDField
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from amparo.advocacy.models import Inquiry, Statement
from amparo.cases.models import Arrest, Case, Note
from amparo.core.access import can_see_privileged
from amparo.core.paging import DEFAULT_PAGE_SIZE, decode_cursor, encode_cursor
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
    """How a source reads: everything (the chronology), or only the rows a page chose
    (`chosen`: ids by kind; the page's keys come from `KEY_SOURCES`)."""

    case: Case
    privileged: bool
    tz: zoneinfo.ZoneInfo
    before: tuple[datetime.datetime, str, uuid.UUID] | None = None
    chosen: dict[str, list[uuid.UUID]] | None = None

    def cut(self, rows: QuerySet[Any], moment: str, kind: str) -> QuerySet[Any]:
        if self.chosen is not None:
            ids = self.chosen.get(kind)
            return rows.filter(id__in=ids) if ids else rows.none()
        return rows


def _arrests(w: Window) -> list[TimelineItem]:
    rows = w.cut(Arrest.objects.filter(case=w.case), "arrested_at", "arrest")
    return [
        TimelineItem(
            a.arrested_at,
            "arrest",
            _("Arrested by %(agency)s: %(place)s")
            % {"agency": a.get_agency_display(), "place": a.place},
            a.id,
            detail=a.circumstances,
        )
        for a in rows
    ]


def _placements(w: Window) -> list[TimelineItem]:
    rows = w.cut(
        Placement.objects.filter(case=w.case).select_related("facility"), "started_at", "placement"
    )
    items = []
    for placement in rows:
        f = placement.facility
        where = f"{f.name}, {f.city.title()}, {f.state}".strip(", ")
        summary = _("Held at %(where)s (source: %(source)s)") % {
            "where": where,
            "source": placement.get_source_display(),
        }
        items.append(TimelineItem(placement.started_at, "placement", summary, placement.id))
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
    if w.chosen is not None:
        return _chosen_requests(w)
    rows = Request.objects.filter(case=w.case).select_related("request_type")
    items = []
    for r in rows.annotate(at=Coalesce("submitted_at", "created_at")):
        summary = _request_summary(
            r.request_type.shown_name,
            bool(r.submitted_at),
            r.get_channel_display().lower(),
            r.addressed_to,
        )
        items.append(TimelineItem(r.at, "request", summary, r.id, detail=r.reason))
    return items


def _decisions(w: Window) -> list[TimelineItem]:
    rows = Decision.objects.filter(request__case=w.case).select_related("request__request_type")
    items = []
    for d in w.cut(rows, "decided_at", "decision"):
        reasons = _("reasons given") if d.reasons_given else _("no reasons given")
        summary = ngettext(
            "%(type)s request %(outcome)s %(minutes)d minute after submission; %(reasons)s",
            "%(type)s request %(outcome)s %(minutes)d minutes after submission; %(reasons)s",
            d.turnaround_minutes or 0,
        ) % {
            "type": d.request.request_type.shown_name,
            "outcome": d.get_outcome_display().lower(),
            "minutes": d.turnaround_minutes or 0,
            "reasons": reasons,
        }
        items.append(TimelineItem(d.decided_at, "decision", summary, d.id, detail=d.reasons))
    return items


def _court_cases(w: Window) -> list[TimelineItem]:
    rows = CourtCase.objects.filter(case=w.case).select_related("court")
    items = []
    for c in w.cut(rows.annotate(at=Coalesce("filed_at", "created_at")), "at", "court-case"):
        if c.filed_at:
            summary = _("%(kind)s filed in %(court)s, %(docket)s") % {
                "kind": c.get_kind_display(),
                "court": c.court.name,
                "docket": c.docket_number,
            }
        else:
            summary = _("%(kind)s drafted for %(court)s") % {
                "kind": c.get_kind_display(),
                "court": c.court.name,
            }
        items.append(TimelineItem(c.at, "court-case", summary, c.id))
    return items


def _filings(w: Window) -> list[TimelineItem]:
    rows = w.cut(Filing.objects.filter(court_case__case=w.case), "filed_at", "filing")
    return [
        TimelineItem(f.filed_at, "filing", _("Filed: %(title)s") % {"title": f.title}, f.id)
        for f in rows
    ]


def _hearings(w: Window) -> list[TimelineItem]:
    rows = w.cut(Hearing.objects.filter(court_case__case=w.case), "starts_at", "hearing")
    return [
        TimelineItem(
            h.starts_at,
            "hearing",
            (_("Hearing: %(purpose)s before %(judge)s") if h.judge else _("Hearing: %(purpose)s"))
            % {"purpose": h.purpose or _("scheduled"), "judge": h.judge},
            h.id,
        )
        for h in rows
    ]


def _orders(w: Window) -> list[TimelineItem]:
    rows = w.cut(Order.objects.filter(court_case__case=w.case), "issued_at", "order")
    return [
        TimelineItem(
            o.issued_at,
            "order",
            _("Order: %(kind)s") % {"kind": o.get_kind_display()},
            o.id,
            detail=o.summary,
        )
        for o in rows
    ]


def _inquiries(w: Window) -> list[TimelineItem]:
    rows = Inquiry.objects.filter(case=w.case).select_related("office", "waiver")
    items = []
    for i in w.cut(rows.annotate(at=Coalesce("sent_at", "created_at")), "at", "inquiry"):
        if i.sent_at:
            summary = _("Congressional inquiry sent via %(recipient)s") % {"recipient": i.recipient}
        else:
            waiver = (
                _("privacy waiver signed")
                if i.waiver_signed_on
                else _("waiting for signed ICE Form 60-001 privacy waiver")
            )
            summary = _("Congressional inquiry with %(recipient)s in preparation (%(waiver)s)") % {
                "recipient": i.recipient,
                "waiver": waiver,
            }
        items.append(TimelineItem(i.at, "inquiry", summary, i.id))
    return items


def _inquiry_responses(w: Window) -> list[TimelineItem]:
    rows = Inquiry.objects.filter(case=w.case, response_at__isnull=False).select_related("office")
    return [
        TimelineItem(
            i.response_at,
            "inquiry-response",
            _("Reply from %(recipient)s: %(outcome)s")
            % {"recipient": i.recipient, "outcome": i.get_outcome_display()},
            i.id,
        )
        for i in w.cut(rows, "response_at", "inquiry-response")
    ]


def _statement_summary(kind: str, author: str) -> str:
    said = (
        _("%(author)s declined to comment")
        if kind == Statement.Kind.DECLINED_TO_COMMENT
        else _("%(author)s issued a %(kind)s")
    )
    return said % {"author": author, "kind": str(_label(Statement, "kind", kind)).lower()}


def _statements(w: Window) -> list[TimelineItem]:
    if w.chosen is not None:
        rows = _chosen(w, "statement", Statement, ("id", "said_at", "author_name", "kind", "text"))
        return [
            TimelineItem(_moment(at), "statement", _statement_summary(kind, author), _uuid(id_),
                         detail=text)
            for id_, at, author, kind, text in rows
        ]  # fmt: skip
    return [
        TimelineItem(
            s.said_at, "statement", _statement_summary(s.kind, s.author_name), s.id, detail=s.text
        )
        for s in Statement.objects.filter(case=w.case)
    ]


def _life_events(w: Window) -> list[TimelineItem]:
    # A handful per client, dated by day: read them all and cut in Python.
    items = []
    for event in LifeEvent.objects.filter(person_id=w.case.person_id):
        day = event.occurred_on or event.expected_on
        assert day is not None  # life_event_has_a_date
        at = datetime.datetime.combine(day, datetime.time.min, tzinfo=w.tz)
        summary = (
            event.description
            if event.occurred_on
            else _("%(event)s (expected)") % {"event": event.description}
        )
        items.append(TimelineItem(at, "life-event", summary, event.id, date_only=True))
    if w.before is not None:
        bound = (w.before[0], w.before[1], str(w.before[2]))
        items = [i for i in items if i.key < bound]
    return items


def _documents(w: Window) -> list[TimelineItem]:
    rows = Document.objects.filter(case=w.case)
    if not w.privileged:
        rows = rows.filter(privileged=False)
    items = []
    for d in w.cut(rows, "created_at", "document"):
        summary = (
            _("Generated %(title)s v%(version)s (%(extension)s)")
            if d.kind == Document.Kind.GENERATED
            else _("Uploaded %(title)s v%(version)s (%(extension)s)")
        ) % {"title": d.shown_title, "version": d.version, "extension": d.extension.upper()}
        items.append(TimelineItem(d.created_at, "document", summary, d.id, privileged=d.privileged))
    return items


def _notes(w: Window) -> list[TimelineItem]:
    if w.chosen is not None:
        chosen = _chosen(w, "note", Note, ("id", "created_at", "body", "privileged"))
        return [
            TimelineItem(_moment(at), "note", body[:200], _uuid(id_), privileged=bool(hidden),
                         detail=body, summary_is_detail=True)
            for id_, at, body, hidden in chosen
        ]  # fmt: skip
    rows = Note.objects.filter(case=w.case)
    if not w.privileged:
        rows = rows.filter(privileged=False)
    return [
        TimelineItem(
            n.created_at,
            "note",
            n.body[:200],
            n.id,
            privileged=n.privileged,
            detail=n.body,
            summary_is_detail=True,
        )
        for n in rows
    ]


# A long case is mostly notes, statements and requests: a page reads its chosen rows of those
# with plain SQL (no queryset to compile, no model objects), as the page keys are read.


def _chosen(w: Window, kind: str, model: type[Any], columns: tuple[str, ...]) -> list[Any]:
    """The columns of the page's chosen rows of `kind`, of this case only."""
    ids = (w.chosen or {}).get(kind)
    if not ids:
        return []
    quote = connection.ops.quote_name
    selected = ", ".join(f"r.{quote(model._meta.get_field(c).column)}" for c in columns)
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {selected} FROM {quote(model._meta.db_table)} r "
        f"WHERE r.case_id = %s AND r.id IN ({marks})"
    )
    if "privileged" in columns and not w.privileged:
        sql += " AND NOT r.privileged"  # the keys left these out already; never show them
    with connection.cursor() as cursor:
        cursor.execute(sql, [_db_id(w.case.pk), *(_db_id(i) for i in ids)])
        return list(cursor.fetchall())


def _chosen_requests(w: Window) -> list[TimelineItem]:
    ids = (w.chosen or {}).get("request")
    if not ids:
        return []
    quote = connection.ops.quote_name
    model: type[Any] = Request
    columns = ("id", "submitted_at", "created_at", "channel", "addressed_to", "reason")
    selected = ", ".join(f"r.{quote(model._meta.get_field(c).column)}" for c in columns)
    kind = model._meta.get_field("request_type")
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {selected}, t.name FROM {quote(model._meta.db_table)} r "
        f"JOIN {quote(kind.related_model._meta.db_table)} t ON t.id = r.{quote(kind.column)} "
        f"WHERE r.case_id = %s AND r.id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_db_id(w.case.pk), *(_db_id(i) for i in ids)])
        rows = cursor.fetchall()
    items = []
    for id_, submitted_at, created_at, channel, addressed_to, reason, label in rows:
        channel_shown = str(_label(Request, "channel", channel)).lower()
        summary = _request_summary(
            shown_type_name(label), bool(submitted_at), channel_shown, addressed_to
        )
        at = _moment(submitted_at or created_at)
        items.append(TimelineItem(at, "request", summary, _uuid(id_), detail=reason))
    return items


def _label(model: type[Any], name: str, value: str) -> Any:
    return dict(model._meta.get_field(name).flatchoices).get(value, value)


def _moment(value: Any) -> datetime.datetime:
    if isinstance(value, str):  # SQLite gives the text it stored
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):  # SQLite keeps UTC without its zone
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


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


def _arm(source: KeySource, w: Window) -> tuple[str, list[Any]]:
    """`SELECT at, k, id` of one source's rows of the case before the cursor."""
    quote = connection.ops.quote_name
    table = quote(source.model._meta.db_table)
    columns = [f"r.{quote(source.model._meta.get_field(c).column)}" for c in source.moment]
    moment = columns[0] if len(columns) == 1 else f"COALESCE({', '.join(columns)})"
    if source.via_court_case:
        owner = f"r.court_case_id IN (SELECT id FROM {quote(CourtCase._meta.db_table)} WHERE "
        owner += "case_id = %s)"
    elif source.via_request:
        owner = f"r.request_id IN (SELECT id FROM {quote(Request._meta.db_table)} WHERE "
        owner += "case_id = %s)"
    else:
        owner = "r.case_id = %s"
    conditions, params = [owner], [_db_id(w.case.pk)]
    if source.extra:
        conditions.append(source.extra)
    if source.privileged and not w.privileged:
        conditions.append("NOT r.privileged")
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
        f"WHERE {' AND '.join(conditions)}"
    )
    return sql, params


_ID_FIELD: UUIDField[uuid.UUID, uuid.UUID] = UUIDField()


def _db_id(value: uuid.UUID) -> Any:
    return _ID_FIELD.get_db_prep_value(value, connection)


def _page_keys(w: Window, size: int) -> list[tuple[datetime.datetime, str, uuid.UUID]]:
    """The newest `size` keys before the cursor over every source, in one statement."""
    arms = [_arm(source, w) for source in KEY_SOURCES]
    sql = " UNION ALL ".join(f"SELECT * FROM ({arm}) AS a{i}" for i, (arm, _) in enumerate(arms))
    params = [p for _, arm_params in arms for p in arm_params]
    sql += f" ORDER BY at DESC, k DESC, id DESC LIMIT {int(size)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(_moment(at), str(kind), _uuid(object_id)) for at, kind, object_id in rows]


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
    """The `size` newest items before `cursor`, newest first, in a fixed number of queries: one
    UNION ALL picks the page's keys from every source, then one query per kind on the page
    loads just those rows."""
    before = _parse_cursor(cursor) if cursor else None
    collect = _window(user, case, before=before)
    picked = _page_keys(collect, size + 1)
    lives = _life_events(collect)
    keys = sorted(
        [(at, kind, str(object_id)) for at, kind, object_id in picked]
        + [item.key for item in lives],
        reverse=True,
    )[: size + 1]
    more = len(keys) > size
    keys = keys[:size]
    chosen: dict[str, list[uuid.UUID]] = {}
    for _key, kind, object_id in keys:
        chosen.setdefault(kind, []).append(uuid.UUID(object_id))
    show = replace(collect, before=None, chosen=chosen)
    items = [
        item for source in SOURCES if KIND_OF_SOURCE[source] in chosen for item in source(show)
    ]
    items += [item for item in lives if item.key in set(keys)]
    items.sort(key=lambda item: item.key, reverse=True)
    if not more:
        return TimelinePage(items, None)
    last = items[-1]
    return TimelinePage(items, encode_cursor([last.at.isoformat(), last.kind, last.object_id]))
