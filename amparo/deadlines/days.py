"""Which days a period may not end on, and why: Saturdays and Sundays, the legal holidays of
5 U.S.C. § 6103(a) on their observed days (the ``holidays`` package, ``observed=True``, which
carries Juneteenth from 2021, Pub. L. 117-17), each court's own (``court_days``), the days the
President closes the executive departments, and recorded court closures (Fed. R. Civ. P.
6(a)(3), 6(a)(6); 8 CFR 1003.38(b)). `Calendar` holds them for one count and collects its
warnings; ``counting`` walks it. Pure: no database, no clock.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

import holidays
from django.utils.translation import gettext_noop

from amparo.core.phrases import Phrase, phrase
from amparo.deadlines import court_days

# Translated when read by Django's own catalogue, which has the weekday names.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The § 6103(a) holidays as the ``holidays`` package names them, so a step reads them in the
# reader's language.
HOLIDAY_NAMES = (
    gettext_noop("New Year's Day"),
    gettext_noop("Martin Luther King Jr. Day"),
    gettext_noop("Washington's Birthday"),
    gettext_noop("Memorial Day"),
    gettext_noop("Juneteenth National Independence Day"),
    gettext_noop("Independence Day"),
    gettext_noop("Labor Day"),
    gettext_noop("Columbus Day"),
    gettext_noop("Veterans Day"),
    gettext_noop("Thanksgiving Day"),
    gettext_noop("Christmas Day"),
    gettext_noop("%(holiday)s (observed)"),
)


def weekday_name(day: datetime.date) -> str:
    return WEEKDAYS[day.weekday()]


def show(day: datetime.date) -> Phrase:
    """'2025-07-07 (Monday)'; '07/07/2025 (lunes)' read in Spanish."""
    return phrase("%(date)s (%(weekday)s)", date=day, weekday=phrase(weekday_name(day)))


def holiday_name(name: str) -> Phrase:
    observed = " (observed)"
    if name.endswith(observed):
        return phrase("%(holiday)s (observed)", holiday=phrase(name.removesuffix(observed)))
    return phrase(name)


@functools.lru_cache(maxsize=64)
def _federal_holidays(year: int) -> dict[datetime.date, str]:
    # § 6103(a) holidays on their observed days; a year's calendar also holds the Friday,
    # Dec 31, on which the next New Year's Day is observed.
    public = holidays.country_holidays("US", years=year, observed=True)
    return {day: str(name) for day, name in public.items()}


def legal_holiday(day: datetime.date) -> Phrase | None:
    """The name of the § 6103(a) legal holiday observed on `day`, or None."""
    name = _federal_holidays(day.year).get(day)
    return None if name is None else holiday_name(name)


@dataclass
class Calendar:
    """The days of one count: the system, the court, its closures, and the warnings raised."""

    system: str = "federal"
    closures: frozenset[datetime.date] = frozenset()
    court: str | None = None
    counted_backward: bool = False
    warnings: list[str] = field(default_factory=list)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def moves(self, day: datetime.date, *, moving_backward: bool) -> str | None:
        """Why the period may not end on ``day`` (6(a)(1)(C), 8 CFR 1003.38(b)), or None."""
        if day.weekday() == 5:
            return phrase("a Saturday")
        if day.weekday() == 6:
            return phrase("a Sunday")
        if name := legal_holiday(day):
            return phrase("%(holiday)s, a legal holiday", holiday=name)
        own = court_days.court_holiday(self.court, day) if self.system == "federal" else None
        if own is not None and not (own.after_event_only and self.counted_backward):
            return phrase(
                "%(holiday)s, a legal holiday of this court (%(source)s)",
                holiday=own.name,
                source=own.source,
            )
        if closure := court_days.presidential_closure(day):
            return self._presidential(day, closure, moving_backward=moving_backward)
        if self.system == "eoir" and day in self.closures:
            return COURT_CLOSED
        return None

    def _presidential(self, day: datetime.date, name: str, *, moving_backward: bool) -> str | None:
        if self.system == "eoir":
            return phrase(
                "%(closure)s, a day the President closed the executive departments, the "
                "immigration courts and the Board among them",
                closure=name,
            )
        treated = (
            phrase("a legal holiday, moving earlier")
            if moving_backward
            else phrase("an ordinary day")
        )
        self.warn(
            phrase(
                "%(date)s (%(closure)s) is a day the President closed the executive "
                "departments; whether it is a legal holiday under Rule 6(a)(6)(B) is unsettled "
                "(%(source)s). Amparo counts it as %(treated)s, which gives the earlier date; "
                "if the clerk's office was closed, record the closure.",
                date=day,
                closure=name,
                source=court_days.PRESIDENTIAL_SOURCE,
                treated=treated,
            )
        )
        if not moving_backward:
            return None
        return phrase("%(closure)s (counted as a holiday: the earlier date)", closure=name)

    def inaccessible(self, day: datetime.date) -> bool:
        """Rule 6(a)(3): the clerk's office is inaccessible (a recorded closure)."""
        return self.system == "federal" and day in self.closures

    def skipped_in_business_count(self, day: datetime.date, *, backward: bool) -> str | None:
        reason = self.moves(day, moving_backward=backward)
        if reason is None and day in self.closures:
            return COURT_CLOSED
        return reason


COURT_CLOSED = phrase("a day the court is closed")
