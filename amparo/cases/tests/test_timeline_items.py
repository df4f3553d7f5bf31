"""The timeline's items are built in Python (`cases/templatetags/timeline_items.py`); they must
say what the template they replaced said (`timeline_items_before.html` next to this file)."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import timezone, translation

from amparo.cases.templatetags.timeline_items import timeline_items
from amparo.cases.timeline import TimelineItem, TimelinePage

BEFORE = (Path(__file__).parent / "timeline_items_before.html").read_text()
AT = datetime.datetime(2026, 3, 18, 14, 5, tzinfo=datetime.UTC)
ITEMS = [
    TimelineItem(AT, "note", 'Call <family> & "lawyer"', uuid.uuid4(), privileged=True,
                 detail="Long body", summary_is_detail=True),
    TimelineItem(AT, "statement", "ICE declined to comment", uuid.uuid4(), detail="No <comment>"),
    TimelineItem(datetime.datetime(2026, 3, 1, tzinfo=zoneinfo.ZoneInfo("America/Chicago")),
                 "life-event", "Birth of a child (expected)", uuid.uuid4(), date_only=True),
    # Another day and hour: the day's words are formatted once a day, the clock once an item.
    TimelineItem(AT - datetime.timedelta(days=3, hours=7), "note", "Earlier call", uuid.uuid4()),
]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("items", [ITEMS, []])
def test_items_say_what_the_template_said(language: str, items: list[TimelineItem]) -> None:
    body = BEFORE.split("{% if timeline.next_cursor %}")[0] + "{% endif %}"
    body = body.replace("{% endfor %}{% endif %}", "{% endfor %}")
    with translation.override(language), timezone.override("America/New_York"):
        expected = Template(body).render(Context({"timeline": TimelinePage(items, None)}))
        built = timeline_items(items)
    assert str(parse_html(built)) == str(parse_html(expected))


def test_each_kind_is_named_in_the_readers_language() -> None:
    with translation.override("es"):
        built = timeline_items(ITEMS[2:])
    assert '<span class="kind">acontecimiento familiar</span>' in built
    assert 'class="kind-life-event"' in built  # the code stays for the page's styles
