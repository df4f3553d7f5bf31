"""`{% case_rows rows %}`: the case list's rows, built in Python.

A page has 50 rows of ten values each; the template language resolved them one lookup at a time
(about half of the list's time in a profile at 10,000 cases). Each row here is one
`str.format`, every value escaped as `format_html` and the template did.
"""

from __future__ import annotations

import html
import uuid
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from amparo.cases.models import Case

register = template.Library()

_PLACEHOLDER = uuid.UUID(int=0)
ROW = (
    '<tr>\n  <td><a href="{}">{}</a></td>\n  <td class="mono">{}</td>\n  <td>{}</td>\n'
    '  <td>{}</td>\n  <td class="num">{}</td>\n  <td>{}</td>\n'
    '  <td><span class="status status-{}">{}</span></td>\n  <td>{}</td>\n</tr>\n'
)
# The columns' names, in the order of ROW's cells: on a phone each row is a card and each
# cell shows its column's name above it (data-label).
LABELS = (
    gettext_noop("Client"),
    gettext_noop("A-number"),
    gettext_noop("Case"),
    gettext_noop("Held at"),
    gettext_noop("Days"),
    gettext_noop("Field office"),
    gettext_noop("Status"),
    gettext_noop("Opened"),
)


def _labelled_row() -> str:
    """ROW with each cell's column name, in the reader's language, in data-label."""
    first, *cells = ROW.split("<td")
    names = [escape(gettext(label)).replace("{", "{{").replace("}", "}}") for label in LABELS]
    return first + "".join(
        f'<td data-label="{name}"{rest}' for name, rest in zip(names, cells, strict=True)
    )


def _cells(
    row: dict[str, Any], detail: tuple[str, str], statuses: dict[str, str], not_held: str
) -> tuple[str, ...]:
    """The row's cells, each escaped as `format_html` and the template did (`html.escape`, the
    function behind them, one call per value the team typed; a number or a date needs none)."""
    held_at = row["held_at"]
    if held_at is None:
        held, days, office = not_held, "", ""
    else:
        held = f"{_escape(held_at.name)}, {_escape(held_at.state)}"
        days = "" if row["days_detained"] is None else str(row["days_detained"])
        office = _escape(held_at.field_office or "")
    opened = row["opened_on"].isoformat() if row["opened_on"] else ""
    status = _escape(row["status"])
    return (
        f"{detail[0]}{_escape(str(row['id']))}{detail[1]}",
        _escape(row["client"]),
        _escape(row["a_number"] or "—"),
        _escape(row["title"]),
        held,
        days,
        office,
        status,
        statuses.get(row["status"], status),
        opened,
    )


@register.simple_tag
def case_rows(rows: list[dict[str, Any]]) -> SafeString:
    """Rows as the view gives them: id, client, a_number, title, status, opened_on, held_at,
    days_detained."""
    before, after = reverse("cases:detail", args=[_PLACEHOLDER]).split(str(_PLACEHOLDER))
    detail = (_escape(before), _escape(after))
    # The status names and the "not held" cell, translated once a page rather than once a row.
    statuses = {value: _escape(str(label)) for value, label in Case.Status.choices}
    not_held = f'<span class="muted">{_escape(gettext("not detained / unknown"))}</span>'
    row_html = _labelled_row()
    return mark_safe(
        "".join(row_html.format(*_cells(row, detail, statuses, not_held)) for row in rows)
    )


def _escape(value: Any) -> str:
    """`conditional_escape` of a value that is not marked safe, without its lazy-string wrapper
    (550 calls a page)."""
    return html.escape(str(value))
