"""`{% deadline_rows rows %}`: the deadlines dashboard's rows, built in Python.

The dashboard shows up to 100 rows; the template language resolved about 12,500 variables,
called `reverse()` four times and made a CSRF token twice per row (17–21× the trivial page at
10,000 cases). Here each row is one `str.format` over plain values (the selector's dicts),
each escaped as autoescape does; the URLs come from one `reverse` each with the id put in, the
member options are rendered once per page with the row's choice marked, and one token serves
every form of the page. The counting steps load when their `<details>` opens (`deadlines:steps`),
and the link inside it shows them without JavaScript. `cases/_assignee_form.html` stays the
form's template after an assignment; a test checks that both say the same.
"""

from __future__ import annotations

import datetime
import html
import uuid
from collections.abc import Iterable
from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from amparo.core.access import WRITER_ROLES, role_in
from amparo.core.templatetags.dates import pattern
from amparo.deadlines.models import title_shown

register = template.Library()

# The values a row shows, read by the dashboard's selector as plain dicts.
FIELDS = (
    *("id", "due_at", "due_on", "court_set", "computed_on", "title", "rule", "citation", "texts"),
    *("has_steps", "case_id", "case__title", "case__organisation_id", "assignee_id"),
    *("assignee__full_name", "assignee__email"),
)
_ID = uuid.UUID(int=0)
ROW = (
    '<tr id="deadline-{}">\n  <td class="mono">{}{}</td>\n  <td>{}{}{}</td>\n'
    '  <td><a href="{}">{}</a></td>\n  <td>{}</td>\n  <td>{}</td>\n</tr>\n'
)
ASSIGN = (
    '<form method="post" action="{0}" hx-post="{0}" hx-trigger="change" hx-target="this"'
    ' hx-swap="outerHTML" class="assign">\n  {1}\n'
    '  <label class="visually-hidden" for="assign-{2}">{3}</label>\n'
    '  <select name="assignee" id="assign-{2}">\n    <option value="">{4}</option>\n    {5}\n'
    '  </select>\n  <noscript><input type="hidden" name="next" value="{6}">'
    '<button type="submit" class="secondary">{7}</button></noscript>\n</form>'
)
DONE = (
    '<form method="post" action="{}" data-confirm="{}">\n  {}<input type="hidden" name="next"'
    ' value="{}">\n  <button type="submit">{}</button>\n</form>'
)
STEPS = (
    '<details hx-get="{0}" hx-trigger="toggle once" hx-target="find .steps"'
    ' hx-swap="innerHTML"><summary>{1}</summary>'
    '<div class="steps" aria-live="polite"><a href="{0}">{2}</a></div></details>'
)


def _e(value: Any) -> str:
    """Escaped exactly as the template's autoescape did (Django's `escape` is `html.escape`)."""
    return html.escape(str(value))


class Page:
    """What every row of one page shares: URL patterns, the token, the words, the options."""

    def __init__(self, context: Any, members: Iterable[Any]) -> None:
        request = context["request"]
        self.user = request.user
        self.next = _e(request.get_full_path())
        self.token = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(get_token(request))}">'
        )
        names = ("cases:detail", "cases:deadline-assign", "deadlines:done", "deadlines:steps")
        self.urls = {name: _e(reverse(name, args=[_ID])) for name in names}
        self.members = list(members)
        self.options = "\n    ".join(
            f'<option value="{_e(m.id)}">{_e(m.full_name)}</option>' for m in self.members
        )
        self.writes: dict[Any, bool] = {}
        # Many rows share a rule's title and a due day: each is translated and formatted once.
        self.titles: dict[tuple[str, str, str], str] = {}
        self.dues: dict[Any, str] = {}
        self.confirm = gettext("Mark “%(title)s” done? It leaves the dashboard and the calendar.")
        self.words = {
            key: _e(word)
            for key, word in {
                "assigned": gettext("Assigned to"),
                "nobody": gettext("— nobody —"),
                "assign": gettext("Assign"),
                "done": gettext("Mark done"),
                "counted": gettext("How it was counted"),
                "show": gettext("Show the steps"),
                "court-set": gettext("court-set"),
                "court": gettext("The court set this date"),
            }.items()
        }

    def url(self, name: str, object_id: str) -> str:
        return self.urls[name].replace(str(_ID), object_id)

    def title(self, row: dict[str, Any]) -> str:
        saved = row["texts"].get("title") if isinstance(row["texts"], dict) else None
        key = (row["title"], row["rule"], repr(saved))
        if key not in self.titles:
            self.titles[key] = title_shown(row["title"], row["rule"], row["texts"])
        return self.titles[key]

    def due(self, row: dict[str, Any]) -> str:
        key = row["due_at"] or row["due_on"]
        if key not in self.dues:
            self.dues[key] = _due(row)
        return self.dues[key]

    def can_write(self, organisation_id: Any) -> bool:
        if organisation_id not in self.writes:
            self.writes[organisation_id] = role_in(self.user, organisation_id) in WRITER_ROLES
        return self.writes[organisation_id]

    def options_for(self, selected: Any) -> str:
        if selected is None:
            return self.options
        chosen = f'value="{selected}">'
        return self.options.replace(chosen, f'value="{selected}" selected>', 1)


def _due(row: dict[str, Any]) -> str:
    due_at: datetime.datetime | None = row["due_at"]
    if due_at is not None:
        local = timezone.localtime(due_at)
        shown = date_filter(local, pattern("moment"))
        return f'<time datetime="{local.isoformat()}">{_e(shown)}</time>'
    due_on: datetime.date = row["due_on"]
    shown = date_filter(due_on, pattern("weekday"))
    return f'<time datetime="{due_on.isoformat()}">{_e(shown)}</time>'


def _court_set(row: dict[str, Any], page: Page) -> str:
    if not row["court_set"]:
        return ""
    title = page.words["court"]
    if row["computed_on"]:
        title = _e(
            gettext("The court set this date; the rule gives %(computed)s")
            % {"computed": date_filter(row["computed_on"], pattern("day"))}
        )
    return f' <span class="badge" title="{title}">{page.words["court-set"]}</span>'


def _assignee(row: dict[str, Any], page: Page, writable: bool, row_id: str) -> str:
    if writable and page.members:
        return ASSIGN.format(
            page.url("cases:deadline-assign", row_id),
            page.token,
            row_id,
            page.words["assigned"],
            page.words["nobody"],
            page.options_for(row["assignee_id"]),
            page.next,
            page.words["assign"],
        )
    if row["assignee_id"] is None:
        return "—"
    return _e(row["assignee__full_name"] or row["assignee__email"])


def _done(page: Page, writable: bool, row_id: str, title: str) -> str:
    if not writable:
        return ""
    confirm = page.confirm % {"title": title}
    url = page.url("deadlines:done", row_id)
    return DONE.format(url, _e(confirm), page.token, page.next, page.words["done"])


def deadline_row(row: dict[str, Any], page: Page) -> str:
    """One `<tr>` of the dashboard, as `deadlines/_deadline_rows.html` wrote it; every value
    is escaped on its way in (`format_html` per piece was a third of the page's time)."""
    writable = page.can_write(row["case__organisation_id"])
    row_id, title = str(row["id"]), page.title(row)
    rule = ""
    if row["citation"]:
        rule = f'<br><span class="muted">{_e(row["citation"])}</span>'
    steps = ""
    if row["has_steps"]:
        url = page.url("deadlines:steps", row_id)
        steps = STEPS.format(url, page.words["counted"], page.words["show"])
    return ROW.format(
        row_id,
        page.due(row),
        _court_set(row, page),
        _e(title),
        rule,
        steps,
        page.url("cases:detail", str(row["case_id"])),
        _e(row["case__title"]),
        _assignee(row, page, writable, row_id),
        _done(page, writable, row_id, title),
    )


@register.simple_tag(takes_context=True)
def deadline_rows(context: Any, rows: list[dict[str, Any]], members: Iterable[Any]) -> SafeString:
    # The page's second list shares the first one's. Each `{% include %}` renders with a fresh
    # render state of its own, so the page's is the outermost one (the first list's was built
    # twice, its URLs reversed and its words translated again).
    shared = context.render_context.dicts[0]
    page = shared.get(Page)
    if page is None:
        page = shared[Page] = Page(context, members)
    # Every value was escaped on its way into the row.
    return mark_safe("".join(deadline_row(row, page) for row in rows))
