"""`{{ value|shown:"day" }}`: a date or time for people to read, in the active language's order.

English keeps Amparo's unambiguous year-first form (2026-03-18); Spanish and Arabic readers get
day first (18/03/2026), the order they write. Weekday names come from Django's catalogues. Machine
values (`<time datetime=…>`, CSV, JSON) keep ISO 8601 and never pass through this filter.
"""

from __future__ import annotations

import datetime

from django import template
from django.template.defaultfilters import date as date_filter

from amparo.core.dateformats import PATTERNS, pattern

register = template.Library()
__all__ = ["PATTERNS", "pattern", "shown"]


@register.filter(expects_localtime=True)
def shown(value: datetime.date | datetime.datetime | None, kind: str = "day") -> str:
    if value in (None, ""):
        return ""
    return date_filter(value, pattern(kind))
