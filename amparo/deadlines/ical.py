"""iCalendar (RFC 5545) rendering of deadlines for Outlook, Google Calendar and the like.

A feed leaves Amparo for a third-party calendar service, so events carry the deadline, its
rule and a link to the case, never a client's name or A-number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.core.dateformats import shown_text
from amparo.core.phrases import read
from amparo.deadlines.models import Deadline

PRODID = "-//Amparo//Deadlines//EN"


def _description(deadline: Deadline, case_url: str) -> str:
    lines = []
    if deadline.rule:
        lines.append(
            _("Rule: %(rule)s (%(citation)s)")
            % {"rule": deadline.rule, "citation": deadline.citation}
        )
    if deadline.court_set and deadline.computed_on and deadline.computed_on != deadline.due_on:
        lines.append(
            _("Set by the court; the rule gives %(day)s.")
            % {"day": shown_text(deadline.computed_on, "day")}
        )
    if deadline.source_event:
        lines.append(_("Triggered by: %(event)s") % {"event": deadline.shown_source_event})
    lines.append(_("Case: %(url)s") % {"url": case_url})
    if deadline.steps:
        lines.append("")
        lines.extend(f"- {read(step)}" for step in deadline.steps)
    return "\n".join(lines)


def calendar_bytes(deadlines: Iterable[Deadline], *, name: str) -> bytes:
    """One VCALENDAR with an event per deadline: all-day on the due day, or at the due time,
    with a reminder a day before. Its words are in the active language (the feed owner's)."""
    base = getattr(settings, "AMPARO_BASE_URL", "").rstrip("/")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for deadline in deadlines:
        event = icalendar.Event()
        event.add("uid", f"deadline-{deadline.pk}@amparo")
        event.add("dtstamp", stamp)
        event.add("last-modified", deadline.updated_at)
        summary = (
            _("%(title)s [court-set]") % {"title": deadline.shown_title}
            if deadline.court_set
            else deadline.shown_title
        )
        event.add("summary", summary)
        if deadline.due_at is not None:
            event.add("dtstart", deadline.due_at.astimezone(datetime.UTC))
            event.add("dtend", deadline.due_at.astimezone(datetime.UTC))
        else:
            assert deadline.due_on is not None
            event.add("dtstart", deadline.due_on)
            event.add("dtend", deadline.due_on + datetime.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        case_url = f"{base}/cases/{deadline.case_id}/"
        event.add("description", _description(deadline, case_url))
        if base:
            event.add("url", case_url)
        event.add("categories", [_("Amparo deadline")])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("Due tomorrow: %(title)s") % {"title": deadline.shown_title})
        alarm.add("trigger", datetime.timedelta(days=-1))
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
