"""`{% assignee_options members d.assignee_id %}`: the member `<option>`s of an assignee select.

The deadlines dashboard shows up to 200 rows, each with a select of every member of the
organisation; the template language rendered every option of every row one lookup at a time,
and `format_html` per option still cost about 150 µs (its lazy-string wrappers). Each value
here is escaped with `html.escape`, which is what Django's `escape` calls, and the row's options
are joined once.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def assignee_options(members: Any, selected: Any) -> SafeString:
    options = (
        '<option value="{}"{}>{}</option>'.format(
            html.escape(str(m.id)),
            " selected" if m.id == selected else "",
            html.escape(str(m.full_name)),
        )
        for m in members
    )
    # Every value was escaped just above, exactly as the template's autoescape does.
    return mark_safe("".join(options))
