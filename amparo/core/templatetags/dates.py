"""`{{ value|shown:"day" }}`: a date or time for people to read, in the active language's order.

English keeps Amparo's unambiguous year-first form (2026-03-18); Spanish and Arabic readers get
day first (18/03/2026), the order they write. Weekday names come from Django's catalogues. Machine
values (`<time datetime=…>`, CSV, JSON) keep ISO 8601 and never pass through this filter.
"""

from __future__ import annotations

import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language

register = template.Library()

# kind → pattern (Django's date format characters), per language.
PATTERNS: dict[str, dict[str, str]] = {
    "en": {
        "day": "Y-m-d",
        "weekday": "D Y-m-d",
        "minute": "Y-m-d H:i",
        "zoned": "Y-m-d H:i T",
        "moment": "D Y-m-d H:i T",
    },
    "es": {
        "day": "d/m/Y",
        "weekday": "D d/m/Y",
        "minute": "d/m/Y H:i",
        "zoned": "d/m/Y H:i T",
        "moment": "D d/m/Y H:i T",
    },
}
PATTERNS["ar"] = PATTERNS["es"]  # day first, as Arabic readers write dates in figures


def pattern(kind: str, language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0]
    return PATTERNS.get(code, PATTERNS["en"])[kind]


@register.filter(expects_localtime=True)
def shown(value: datetime.date | datetime.datetime | None, kind: str = "day") -> str:
    if value in (None, ""):
        return ""
    return date_filter(value, pattern(kind))
