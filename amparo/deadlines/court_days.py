"""The clerk's calendar of one court: which days move a deadline, and which only warn.

Pure: no database, no clock. Fed. R. Civ. P. 6(a)(6) defines "legal holiday" as (A) the days
5 U.S.C. § 6103(a) sets aside, (B) "any day declared a holiday by the President or Congress",
and (C) "for periods that are measured after an event, any other day declared a holiday by the
state where the district court is located" (Fed. R. App. P. 26(a)(6) the same). Days the clerk's
office is inaccessible are Rule 6(a)(3)'s, not holidays: recorded closures and ``--closed``.

* **Per-district holidays**, computed from their source, never listed by hand:
  - E.D. La.: Mardi Gras, the Tuesday 47 days before Easter (``dateutil.easter``), a holiday
    the State declares (La. R.S. 1:55) on which the court's clerk's office closes: a legal
    holiday under 6(a)(6)(C) for periods measured after an event only.
  - D.D.C.: Inauguration Day, January 20 of each fourth year after 1965 (the 21st when the 20th
    is a Sunday), a legal public holiday Congress set for employees in the District of
    Columbia (5 U.S.C. § 6103(c)): a day "declared a holiday by ... Congress", 6(a)(6)(B).
* **Days the President closes executive departments** by executive order (Christmas Eve 2019
  and 2024, the national days of mourning of 2018-12-05 and 2025-01-09, ...). Whether such a
  day is "declared a holiday by the President" (6(a)(6)(B)) is unsettled: the orders close the
  departments and bring the day under 5 U.S.C. § 6103(b) and Exec. Order 11582 only "insofar as
  they relate to the pay and leave of employees" (e.g. Exec. Order 13900, 84 Fed. Reg. 69983
  (2019), § 3); they declare no holiday in terms, and courts publish their own notices, some
  saying that their own closure days are not Rule 6(a)(6) holidays (W.D. Ky., 2023 winter
  schedule). No appellate ruling was found. So Amparo counts the earlier date and warns
  (`presidential_closure`). They do close the immigration courts and the Board, which are
  executive agencies (§ 1 of each order): for EOIR counting they are not business days.
* **Other state holidays** in a published calendar (the ``holidays`` package's state calendars)
  are not counted, since the calendars mix commemorations with holidays; a last day on one
  warns that Rule 6(a)(6)(C) may make it a legal holiday (`state_calendar_holiday`).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

import holidays
from dateutil.easter import easter  # type: ignore[import-untyped]

MARDI_GRAS_SOURCE = (
    "Fed. R. Civ. P. 6(a)(6)(C); La. R.S. 1:55 (Mardi Gras); the E.D. La. clerk's office is "
    "closed on Mardi Gras"
)
INAUGURATION_SOURCE = "Fed. R. Civ. P. 6(a)(6)(B); 5 U.S.C. § 6103(c) (Inauguration Day)"
PRESIDENTIAL_SOURCE = (
    "Fed. R. Civ. P. 6(a)(6)(B) ('any day declared a holiday by the President'); the executive "
    "orders closing the departments reach 5 U.S.C. § 6103(b) only for pay and leave (e.g. Exec. "
    "Order 13900 § 3); no appellate ruling found"
)


@dataclass(frozen=True)
class CourtHoliday:
    name: str
    source: str
    after_event_only: bool  # 6(a)(6)(C): a state holiday counts only for periods measured after


def mardi_gras(year: int) -> datetime.date:
    """Shrove Tuesday: the day before Ash Wednesday, 46 days before Easter Sunday."""
    return easter(year) - datetime.timedelta(days=47)


def inauguration_day(year: int) -> datetime.date | None:
    """5 U.S.C. § 6103(c): January 20 of each fourth year after 1965; the 21st if a Sunday."""
    if year < 1965 or (year - 1965) % 4:
        return None
    day = datetime.date(year, 1, 20)
    return day + datetime.timedelta(days=1) if day.weekday() == 6 else day


def _mardi_gras(year: int) -> dict[datetime.date, CourtHoliday]:
    return {mardi_gras(year): CourtHoliday("Mardi Gras", MARDI_GRAS_SOURCE, True)}


def _inauguration(year: int) -> dict[datetime.date, CourtHoliday]:
    day = inauguration_day(year)
    if day is None:
        return {}
    return {day: CourtHoliday("Inauguration Day", INAUGURATION_SOURCE, False)}


# District courts (courts-db ids) -> the holidays their own calendar adds, each computed.
COURT_HOLIDAYS = {
    "laed": _mardi_gras,
    "dcd": _inauguration,
}


@functools.lru_cache(maxsize=256)
def court_holidays(court: str | None, year: int) -> dict[datetime.date, CourtHoliday]:
    """The per-district holidays of ``court`` (a district court id) in ``year``."""
    make = COURT_HOLIDAYS.get((court or "").lower())
    return make(year) if make else {}


def court_holiday(court: str | None, day: datetime.date) -> CourtHoliday | None:
    return court_holidays(court, day.year).get(day)


@functools.lru_cache(maxsize=64)
def _presidential(year: int) -> dict[datetime.date, str]:
    public = holidays.country_holidays("US", years=year, observed=True)
    government = holidays.country_holidays(
        "US", years=year, observed=True, categories=("government",)
    )
    return {day: str(name) for day, name in government.items() if day not in public}


def presidential_closure(day: datetime.date) -> str | None:
    """The name of a day the President closed the executive departments, or None."""
    return _presidential(day.year).get(day)


def state_of_court(court: str | None) -> str:
    """USPS code of a district court's state from its courts-db id ("laed" -> "LA")."""
    code = (court or "").lower()
    if code == "nmid":
        return "MP"
    if len(code) >= 3 and code.endswith("d"):
        return code[:2].upper()
    return ""


@functools.lru_cache(maxsize=128)
def _state_calendar(state: str, year: int) -> dict[datetime.date, str]:
    try:
        found = holidays.country_holidays("US", subdiv=state, years=year, observed=True)
    except NotImplementedError:
        return {}
    federal = holidays.country_holidays("US", years=year, observed=True)
    return {day: str(name) for day, name in found.items() if day not in federal}


def state_calendar_holiday(court: str | None, day: datetime.date) -> str | None:
    """A state holiday of the court's state in a published calendar, not counted (see above)."""
    state = state_of_court(court)
    if not state or court_holiday(court, day) is not None:
        return None
    return _state_calendar(state, day.year).get(day)
