"""Date and time patterns for people to read, per language: English keeps Amparo's unambiguous
year-first form, Spanish and Arabic readers get day first. Used by the `shown` template filter
and by stored phrases (amparo/core/phrases.py)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

# kind → pattern (Django's date format characters), per language.
PATTERNS: dict[str, dict[str, str]] = {
    "en": {
        "day": "Y-m-d",
        "weekday": "D Y-m-d",
        "minute": "Y-m-d H:i",
        "zoned": "Y-m-d H:i T",
        "moment": "D Y-m-d H:i T",
        "second": "Y-m-d H:i:s T",
    },
    "es": {
        "day": "d/m/Y",
        "weekday": "D d/m/Y",
        "minute": "d/m/Y H:i",
        "zoned": "d/m/Y H:i T",
        "moment": "D d/m/Y H:i T",
        "second": "d/m/Y H:i:s T",
    },
}
PATTERNS["ar"] = PATTERNS["es"]  # day first, as Arabic readers write dates in figures


def pattern(kind: str, language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0]
    return PATTERNS.get(code, PATTERNS["en"])[kind]


def shown_text(value: datetime.date | datetime.datetime, kind: str = "day") -> str:
    return date_format(value, pattern(kind))


def shown_moment(value: datetime.datetime) -> str:
    """A moment inside a message: in the active (organisation's) time zone, in the reader's
    order, with the zone named — never the stored UTC."""
    return shown_text(timezone.localtime(value), "zoned")
