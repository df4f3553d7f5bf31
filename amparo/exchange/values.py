"""Reading one cell as the value a column means: dates as people and Excel write them,
A-numbers with dashes, countries by code or by English or Spanish name, choices by value or
label. Each reader raises ``ValueError`` with a reason in the user's words that never repeats a
client identifier.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import gettext
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _

from amparo.people.identifiers import normalise_a_number

# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIAL = re.compile(r"^\d{4,5}(\.\d+)?$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


@functools.lru_cache(maxsize=65536)  # a file repeats the same few choices and countries
def fold(text: str) -> str:
    """`text` as values are compared: case and accents folded, punctuation a space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def read_date(text: str) -> datetime.date:
    """2026-03-01, 3/1/2026 (US order), or an Excel day number stored as text (46082)."""
    value = text.strip()
    if _SERIAL.match(value):
        serial = float(value)
        if 20000 <= serial <= 80000:  # 1954 to 2119: no plausible date is outside
            return EXCEL_EPOCH + datetime.timedelta(days=int(serial))
    us = _US_DATE.match(value)
    try:
        if us:
            month, day, year = (int(g) for g in us.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day)
        return datetime.date.fromisoformat(value[:10] if len(value) > 10 else value)
    except ValueError:
        pass
    raise ValueError(_("not a date (write YYYY-MM-DD, e.g. 2026-03-01)"))


def read_datetime(text: str, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """A date and time; without an offset it is read in the organisation's zone, and a date
    alone is midnight of that day."""
    value = text.strip()
    if _SERIAL.match(value) and "." in value:
        serial = float(value)
        day = EXCEL_EPOCH + datetime.timedelta(days=int(serial))
        seconds = round((serial - int(serial)) * 86400)
        naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
            seconds=seconds
        )
        return naive.replace(tzinfo=zone)
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        parsed = _date_and_time(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def _date_and_time(value: str) -> datetime.datetime:
    day_text, _sep, time_text = value.partition(" ")
    day = read_date(day_text)
    if not time_text:
        return datetime.datetime.combine(day, datetime.time())
    match = _TIME.match(time_text.strip())
    if not match:
        raise ValueError(_("not a date and time (write YYYY-MM-DD HH:MM, e.g. 2026-03-01 18:05)"))
    hour, minute = int(match.group(1)), int(match.group(2))
    meridian = (match.group(4) or "").lower()
    if meridian == "pm" and hour < 12:
        hour += 12
    if meridian == "am" and hour == 12:
        hour = 0
    try:
        return datetime.datetime.combine(day, datetime.time(hour, minute, int(match.group(3) or 0)))
    except ValueError:
        raise ValueError(_("not a valid time of day")) from None


def read_a_number(text: str) -> str:
    try:
        return normalise_a_number(text)
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from None


@functools.cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                names.setdefault(fold(name), code)
                names.setdefault(fold(spanish.gettext(name)), code)
        names[fold(country.alpha_3)] = code
    # The names people write that ISO spells otherwise (English and Spanish).
    for name, code in {
        "usa": "US",
        "united states of america": "US",
        "eeuu": "US",
        "ee uu": "US",
        "estados unidos de america": "US",
        "venezuela": "VE",
        "bolivia": "BO",
        "russia": "RU",
        "rusia": "RU",
        "iran": "IR",
        "syria": "SY",
        "siria": "SY",
        "south korea": "KR",
        "corea del sur": "KR",
        "vietnam": "VN",
        "laos": "LA",
        "moldova": "MD",
        "tanzania": "TZ",
        "congo": "CG",
        "dr congo": "CD",
        "democratic republic of the congo": "CD",
        "republica democratica del congo": "CD",
        "ivory coast": "CI",
        "costa de marfil": "CI",
        "holanda": "NL",
        "reino unido": "GB",
        "uk": "GB",
        "great britain": "GB",
    }.items():
        names[name] = code
    return names


@functools.lru_cache(maxsize=4096)  # a file names the same few countries again and again
def read_country(text: str) -> str:
    """ISO 3166-1 alpha-2 code of a country written as MX, MEX, Mexico or México."""
    value = text.strip()
    if len(value) == 2 and pycountry.countries.get(alpha_2=value.upper()):
        return value.upper()
    code = _country_names().get(fold(value))
    if code is None:
        raise ValueError(_("not a country Amparo knows (write its name or ISO code, e.g. MX)"))
    return code


def read_choice(
    text: str, choices: Iterable[tuple[str, str | StrPromise]], extra: dict[str, str]
) -> str:
    """A choice by its value or its label, in any case, in English or in the reader's
    language (a file typed in English imports whatever the screen's language); `extra` maps
    other spellings."""
    choices = choices if isinstance(choices, list) else list(choices)
    found = _spellings(choices).get(fold(text))
    if found is not None:
        return found
    wanted = fold(text)
    if wanted in extra:
        return extra[wanted]
    allowed = ", ".join(value for value, _label in choices if value)
    raise ValueError(_("not one of: %(allowed)s") % {"allowed": allowed})


# The active language while a whole file is read (`one_language`): asking Django for it per
# cell (an asgiref Local) was a sixth of checking a file (profiled).
_LANGUAGE: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


@contextlib.contextmanager
def one_language() -> Iterator[None]:
    """While a file is read: the choices are spelled in the language active at its start."""
    token = _LANGUAGE.set(translation.get_language())
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


# The spellings of each list of choices in each language, worked out once: translating every
# label for every cell was most of the time spent checking a file (profiled). Found first by
# the list itself (the columns pass the same constant for every row), then by its values.
_SPELLINGS: dict[tuple[Any, ...], dict[str, str]] = {}
_BY_LIST: dict[tuple[int, str | None], tuple[list[Any], dict[str, str]]] = {}


def _spellings(choices: list[tuple[str, str | StrPromise]]) -> dict[str, str]:
    language = _LANGUAGE.get() or translation.get_language()
    kept = _BY_LIST.get((id(choices), language))
    if kept is not None and kept[0] is choices:
        return kept[1]
    key = (*(value for value, _label in choices), language)
    found = _SPELLINGS.get(key)
    if found is None:
        found = {}
        for value, label in choices:  # the first choice a spelling names wins
            with translation.override("en"):
                english = str(label)
            for spelling in (value, str(label), english):
                found.setdefault(fold(spelling), value)
        _SPELLINGS[key] = found
    _BY_LIST[(id(choices), language)] = (choices, found)
    return found


def read_bool(text: str) -> bool:
    wanted = fold(text)
    if wanted in {"yes", "y", "true", "1", "si", "x"}:
        return True
    if wanted in {"no", "n", "false", "0"}:
        return False
    raise ValueError(_("not yes or no"))


def read_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|]", text) if part.strip()]
