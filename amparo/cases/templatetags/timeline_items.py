"""`{% timeline_items timeline %}`: the items of a timeline page, built in Python.

A page of 50 items cost about 600 template variable lookups (14 ms of a long case's page on a
loaded machine). Each item here is one `str.format`, every value escaped with `html.escape` as
the template's autoescape does; a test compares it with the template it replaced.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from amparo.core.templatetags.dates import pattern

register = template.Library()

ITEM = (
    '\n<li class="kind-{kind}{hidden}">\n  <time datetime="{iso}">{shown}</time>\n'
    '  <span class="kind">{kind_label}</span>\n  <span class="summary">{summary}</span>\n'
    "  {badge}\n  {detail}\n</li>\n"
)


@register.simple_tag
def timeline_items(items: list[Any]) -> SafeString:
    if not items:
        # Outside f-strings: xgettext does not read the words inside them.
        empty = html.escape(gettext("Nothing recorded yet."))
        return mark_safe('\n<li class="muted">' + empty + "</li>\n")
    privileged = html.escape(gettext("privileged"))
    badge = '<span class="badge">' + privileged + "</span>"
    moment, day = pattern("moment"), pattern("weekday")
    out = []
    for item in items:
        # `|shown` shows the moment in the active zone; the attribute keeps it as stored.
        shown = date_filter(timezone.localtime(item.at), day if item.date_only else moment)
        detail = ""
        if item.detail and not item.summary_is_detail:
            detail = f'<p class="detail">{html.escape(str(item.detail))}</p>'
        out.append(
            ITEM.format(
                kind=html.escape(item.kind),
                kind_label=html.escape(item.kind_label),
                hidden=" privileged" if item.privileged else "",
                iso=html.escape(item.at.isoformat()),
                shown=html.escape(shown),
                summary=html.escape(str(item.summary)),
                badge=badge if item.privileged else "",
                detail=detail,
            )
        )
    return mark_safe("".join(out))  # every value was escaped just above
