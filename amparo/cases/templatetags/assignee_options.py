"""`{% assignee_options members d.assignee_id %}`: the member `<option>`s of an assignee select.

The deadlines dashboard shows up to 200 rows, each with a select of every member of the
organisation; the template language rendered every option of every row one lookup at a time
(most of the page's time in a profile at 10,000 cases). Here each row's options are one
`format_html_join`, escaping every value as the template did.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def assignee_options(members: Any, selected: Any) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((m.id, " selected" if m.id == selected else "", m.full_name) for m in members),
    )
