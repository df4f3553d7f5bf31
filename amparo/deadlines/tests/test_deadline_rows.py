"""The dashboard's rows are built in Python (`deadlines/templatetags/deadline_rows.py`); they
must say what the template they replaced said: the same links, labels, forms and choices."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation
from django.utils.html import escape

from amparo.conftest import Cast, signed_in
from amparo.core.phrases import Phrase
from amparo.deadlines.tests.helpers import make_deadline

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 7, 6, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')

# The row as `deadlines/_deadline_rows.html` wrote it before, with the counting steps now
# behind a link that loads them when the <details> opens.
TEMPLATE_ROW = (Path(__file__).parent / "deadline_row_before.html").read_text()


@pytest.mark.parametrize("role", ["attorney", "read_only"])
def test_a_row_says_what_the_template_said(cast: Cast, role: str) -> None:
    user = getattr(cast, role)
    deadline = make_deadline(
        cast.case,
        datetime.date(2025, 7, 7),
        title='Return to the <petition> & "order"',
        rule="habeas-return",
        citation="28 U.S.C. § 2243",
        court_set=True,
        computed_on=datetime.date(2025, 7, 9),
        steps=["Order served 2025-07-04", "Three days: 2025-07-07"],
        assignee=cast.paralegal,
    )
    timed = make_deadline(
        cast.case, None, title="Call back", due_at=NOW + datetime.timedelta(hours=5)
    )
    with time_machine.travel(NOW, tick=False):
        response = signed_in(user).get("/deadlines/?mine=")
    page = response.content.decode()
    context = response.context
    shown = re.findall(r'<tr id="deadline-.*?</tr>', TOKEN.sub("TOKEN", page), re.S)
    assert len(shown) == 2
    template = Template(TEMPLATE_ROW)
    for item in (deadline, timed):
        row_html = next(row for row in shown if f"deadline-{item.pk}" in row)
        expected = template.render(
            Context(
                {
                    "row": {"deadline": item, "can_write": role == "attorney"},
                    "members": context["members"],
                    "request": response.wsgi_request,
                    "csrf_token": "TOKEN",
                }
            )
        )
        assert str(parse_html(row_html)) == str(parse_html(TOKEN.sub("TOKEN", expected)))
    if role == "attorney":
        assert f'value="{cast.paralegal.pk}" selected' in page
        rows = "".join(re.findall(r'<tr id="deadline-.*?</tr>', page, re.S))
        assert len(re.findall(TOKEN, rows)) == 4 and len(set(re.findall(TOKEN, rows))) == 1


def test_the_counting_steps_open_in_place_or_as_a_page(cast: Cast) -> None:
    deadline = make_deadline(
        cast.case, datetime.date(2025, 7, 7), steps=["Order served", "Three days <later>"]
    )
    client = signed_in(cast.read_only)
    part = client.get(f"/deadlines/{deadline.pk}/steps/", headers={"HX-Request": "true"})
    assert part.status_code == 200
    assert parse_html(part.content.decode()) == parse_html(
        "<ol><li>Order served</li><li>Three days &lt;later&gt;</li></ol>"
    )
    whole = client.get(f"/deadlines/{deadline.pk}/steps/").content.decode()
    assert "<h1>How it was counted</h1>" in whole and "Three days &lt;later&gt;" in whole
    assert signed_in(cast.outsider).get(f"/deadlines/{deadline.pk}/steps/").status_code == 404


def test_a_rules_title_reads_in_the_readers_language_on_the_dashboard(cast: Cast) -> None:
    from amparo.deadlines.catalogue import RULES

    rule = RULES["habeas-return"]
    assert isinstance(rule.title, Phrase)
    make_deadline(cast.case, NOW.date(), title=str(rule.title), rule=rule.slug)
    with translation.override("es"):
        spanish = rule.title.translated()
    page = signed_in(cast.attorney).get("/deadlines/?mine=", HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert spanish != str(rule.title) and escape(spanish) in html
    assert f"{rule.slug} ·" not in html  # the rule's code is not the reader's word


def test_both_lists_share_what_their_rows_share(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One `Page` (URLs, token, words, member options) serves the overdue and the upcoming list,
    though each list is its own `{% include %}`."""
    from amparo.deadlines.templatetags import deadline_rows

    built: list[object] = []
    real = deadline_rows.Page.__init__

    def counted(self: deadline_rows.Page, context: Any, members: Any) -> None:
        built.append(self)
        real(self, context, members)

    monkeypatch.setattr(deadline_rows.Page, "__init__", counted)
    make_deadline(cast.case, datetime.date(2025, 7, 1), title="Late")
    make_deadline(cast.case, datetime.date(2025, 7, 7), title="Soon")
    with time_machine.travel(NOW, tick=False):
        page = signed_in(cast.attorney).get("/deadlines/").content.decode()
    assert "Late" in page and "Soon" in page
    assert len(built) == 1
    # One token serves every form of the page.
    assert len(set(TOKEN.findall(page.split('id="overdue"')[1].split('id="calendar"')[0]))) == 1
