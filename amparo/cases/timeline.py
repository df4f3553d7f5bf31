"""The case timeline: one small function per kind of record, each reading only what a page needs.

A page is the newest items before a cursor (moment, kind, id): every source asks the database for
at most `size + 1` rows after the cursor, newest first, so a page costs the same whatever the
size of the case. `case_timeline` is the whole timeline, oldest first, for the chronology.

Here the readers, which turn a kind's rows into items; the SQL that reads the rows, a page's
keys and its one statement is `cases.timeline_sql`.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from amparo.advocacy.models import Inquiry, Statement
from amparo.cases.models import Arrest, Case
from amparo.cases.timeline_sql import Window, kind_rows, read_page
from amparo.core.access import can_see_privileged
from amparo.core.paging import DEFAULT_PAGE_SIZE, decode_cursor, encode_cursor
from amparo.core.rawsql import db_day as _day
from amparo.core.rawsql import db_moment as _moment
from amparo.core.rawsql import db_uuid as _uuid
from amparo.courts.models import CourtCase, Order
from amparo.custody.models import Placement
from amparo.documents.models import Document
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


# Each kind reads its rows with one plain SQL statement written from the models' tables and
# columns (`timeline_sql.kind_rows`): a profile of a long case's page found most of each reader's
# time in Django compiling a queryset for a handful of rows; a page reads every kind's chosen rows
# in one statement with its keys (`timeline_sql.read_page`). One reader per kind turns rows into
# items for the page and the chronology alike, so the two cannot say different things.


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
        for id_, at, agency, place, circumstances in kind_rows(w, "arrest")
    ]


def _placements(w: Window) -> list[TimelineItem]:
    items = []
    for id_, at, source, name, city, state in kind_rows(w, "placement"):
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
    for id_, submitted_at, created_at, channel, addressed_to, reason, name in kind_rows(
        w, "request"
    ):
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
    for id_, decided_at, submitted_at, outcome, reasons_given, reasons, name in kind_rows(
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
    for id_, filed_at, created_at, kind, docket, court in kind_rows(w, "court-case"):
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
        for id_, at, title in kind_rows(w, "filing")
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
        for id_, at, purpose, judge in kind_rows(w, "hearing")
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
        for id_, at, kind, summary in kind_rows(w, "order")
    ]


def _inquiries(w: Window) -> list[TimelineItem]:
    items = []
    for id_, sent_at, created_at, recipient, waiver_signed_on in kind_rows(w, "inquiry"):
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
        for id_, at, recipient, outcome in kind_rows(w, "inquiry-response")
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
    for id_, at, author, kind, text in kind_rows(w, "statement"):
        summary = summaries.get((kind, author))
        if summary is None:
            summary = summaries[kind, author] = _statement_summary(kind, author)
        items.append(TimelineItem(_moment(at), "statement", summary, _uuid(id_), detail=text))
    return items


def _life_events(w: Window) -> list[TimelineItem]:
    # A handful per client, dated by day: read them all and cut in Python (a page read them
    # with its other rows, `timeline_sql.read_page`).
    items = []
    for id_, occurred_on, expected_on, description in kind_rows(w, "life-event"):
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
    for id_, at, kind, title, version, content_type, hidden in kind_rows(w, "document"):
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
        for id_, at, body, hidden in kind_rows(w, "note")
    ]  # fmt: skip


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


def _window(user: Actor, case: Case, **kwargs: Any) -> Window:
    tz = zoneinfo.ZoneInfo(case.organisation.time_zone)
    return Window(case, can_see_privileged(user, case), tz, **kwargs)


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
    """The `size` newest items before `cursor`, newest first, in one query (`read_page`): the
    newest keys of every source, their rows, and the client's life events (a handful, dated by
    day: they are cut in Python, and may push some of the rows read off the page)."""
    before = _parse_cursor(cursor) if cursor else None
    collect = _window(user, case, before=before)
    show = replace(collect, before=None, read=read_page(collect, size + 1))
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
