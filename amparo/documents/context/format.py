"""How document fields print dates, durations, countries and places."""

from __future__ import annotations

import datetime
import zoneinfo

import pycountry
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import ngettext

from amparo.custody.rules import STATE_NAMES, title_case

# Dates written out in the document's language: its template is rendered with that language
# active (court filings and English letters always in English).
LONG_DATES = {"es": "j \\d\\e F \\d\\e Y", "ar": "j F Y"}
LONG_TIMES = {"es": "%(day)s, a las %(time)s %(zone)s", "ar": "%(day)s، الساعة %(time)s %(zone)s"}


def _language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def long_date(day: datetime.date | None) -> str | None:
    """March 18, 2026 (18 de marzo de 2026; 18 مارس 2026)."""
    if day is None:
        return None
    if _language() in LONG_DATES:
        return date_format(day, LONG_DATES[_language()])
    return f"{day:%B} {day.day}, {day.year}"


def long_datetime(moment: datetime.datetime | None, zone: zoneinfo.ZoneInfo) -> str | None:
    """Sunday, March 15, 2026 at 5:41 PM CDT, in `zone`."""
    if moment is None:
        return None
    local = moment.astimezone(zone)
    if _language() in LONG_TIMES:
        return LONG_TIMES[_language()] % {
            "day": date_format(local, "l ") + long_date(local.date()),  # type: ignore[operator]
            "time": f"{local:%H:%M}",
            "zone": local.tzname(),
        }
    hour = local.hour % 12 or 12
    return (
        f"{local:%A}, {long_date(local.date())} at {hour}:{local:%M} "
        f"{'AM' if local.hour < 12 else 'PM'} {local.tzname()}"
    )


def duration_words(minutes: int) -> str:
    """29 minutes; 3 hours 5 minutes; 2 days 4 hours."""

    def unit(value: int, word: str) -> str:
        return UNITS[word](value) % {"count": value}

    if minutes < 60:
        return unit(minutes, "minute")
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return unit(hours, "hour") + (f" {unit(rest, 'minute')}" if rest else "")
    days, hours = divmod(hours, 24)
    return unit(days, "day") + (f" {unit(hours, 'hour')}" if hours else "")


UNITS = {
    "minute": lambda n: ngettext("%(count)d minute", "%(count)d minutes", n),
    "hour": lambda n: ngettext("%(count)d hour", "%(count)d hours", n),
    "day": lambda n: ngettext("%(count)d day", "%(count)d days", n),
}


def days_words(days: int | None) -> str | None:
    if days is None:
        return None
    return UNITS["day"](days) % {"count": days}


def country_name(code: str) -> str | None:
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def place_name(city: str, state: str) -> str | None:
    """Jena, Louisiana."""
    city = title_case(city) if city.isupper() else city
    parts = [p for p in (city, STATE_NAMES.get(state, state)) if p]
    return ", ".join(parts) or None


def facility_name(name: str) -> str:
    return title_case(name) if name.isupper() else name
