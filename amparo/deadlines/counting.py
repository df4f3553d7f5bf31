"""Counting days under Fed. R. Civ. P. 6 and under EOIR's rules, explaining every step.

Pure: no database, no clock. Used by ``deadlines.rules`` (the named rules and ``count``); the
days a period may not end on, and why, are ``deadlines.days``.

* **Federal** (Fed. R. Civ. P. 6(a); Fed. R. App. P. 26(a) says the same): exclude the trigger
  day (6(a)(1)(A)), count every day (6(a)(1)(B)), and if the last day is a Saturday, Sunday or
  legal holiday the period runs to the next day that is none of those (6(a)(1)(C)); the "next
  day" is found by continuing to count forward for a period measured after an event and
  backward for one measured before it (6(a)(5)). When the clerk's office is inaccessible on the
  last day, the time is extended to the first accessible day that is not a Saturday, Sunday or
  legal holiday (6(a)(3)(A)) — forward, also for a period counted backward (2009 committee note
  to Rule 6(a)(5): "If the clerk's office is inaccessible on August 31, then subdivision (a)(3)
  extends the filing deadline forward to the next accessible day ... no earlier than Tuesday,
  September 4"). Recorded closures are such days. After service by mail, by leaving with the
  clerk, or by other means consented to (Rule 5(b)(2)(C), (D), (F)), 3 days are added after
  the period would otherwise expire under Rule 6(a) (6(d)); not after electronic service
  (Rule 5(b)(2)(E)), which the 2016 amendment took out of 6(d).
* **EOIR** (immigration court and BIA): calendar days, a last day on a Saturday, Sunday, legal
  holiday or closure moves to the next business day (8 CFR 1003.38(b); BIA Practice Manual ch.
  3.1(b)).

Legal holidays are those of 5 U.S.C. § 6103(a) on their observed days (the ``holidays``
package, ``observed=True``, which carries Juneteenth from 2021, Pub. L. 117-17), plus the
court's own (``court_days``). Where the law leaves room Amparo takes the earlier date and says
so in a warning.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Literal

from django.utils.translation import gettext_noop

from amparo.core.phrases import Phrase, joined, phrase, phrase_plural
from amparo.deadlines import court_days
from amparo.deadlines.days import Calendar, show

Roll = Literal["forward", "backward", "none"]
SYSTEMS: tuple[str, ...] = ("federal", "eoir")
FRCP_6A = "Fed. R. Civ. P. 6(a)"
EOIR_COUNTING = "8 CFR 1003.38(b); BIA Practice Manual ch. 3.1(b)"
MAX_DAYS = 3650

# Fed. R. Civ. P. 5(b)(2) means of service after which 6(d) adds 3 days, and those it does not.
SERVICE_ADDS_DAYS = {
    "mail": gettext_noop("mailing it to the person's last known address, Rule 5(b)(2)(C)"),
    "clerk": gettext_noop("leaving it with the court clerk, Rule 5(b)(2)(D)"),
    "consented": gettext_noop("other means the person consented to in writing, Rule 5(b)(2)(F)"),
}
SERVICE_ADDS_NOTHING = {
    "electronic": gettext_noop(
        "electronic service, Rule 5(b)(2)(E) (taken out of Rule 6(d) in 2016)"
    ),
    "hand": gettext_noop(
        "handing it to the person or leaving it at their office or home, Rule 5(b)(2)(A)-(B)"
    ),
}
SERVICE_MEANS: tuple[str, ...] = (*SERVICE_ADDS_DAYS, *SERVICE_ADDS_NOTHING)


def check_system(system: str) -> None:
    if system not in SYSTEMS:
        raise ValueError(
            phrase("Unknown counting system %(system)s; use federal or eoir.", system=repr(system))
        )


def check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError(phrase("The number of days must be a whole number."))
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(
            phrase("The number of days must be between 1 and %(most)s.", most=MAX_DAYS)
        )


def trigger_step(trigger_on: datetime.date, system: str, what: str, *, backward: bool) -> Phrase:
    if system == "federal":
        rule: str = f"{FRCP_6A}(1)(A)"
    elif backward:
        rule = phrase("the event is day 0")
    else:
        rule = phrase("calendar days 'after' the event, %(source)s", source=EOIR_COUNTING)
    if what:
        return phrase(
            "Trigger: %(date)s, %(event)s. The trigger day is not counted (%(rule)s).",
            date=show(trigger_on),
            event=phrase(what),
            rule=rule,
        )
    return phrase(
        "Trigger: %(date)s. The trigger day is not counted (%(rule)s).",
        date=show(trigger_on),
        rule=rule,
    )


def count_calendar_days(
    trigger_on: datetime.date, days: int, *, backward: bool, system: str, steps: list[str]
) -> datetime.date:
    sign = -1 if backward else 1
    last = trigger_on + datetime.timedelta(days=sign * days)
    rule = f"{FRCP_6A}(1)(B)" if system == "federal" else phrase("calendar days, 8 CFR 1003.38(b)")
    if backward:
        steps.append(
            phrase_plural(
                "Count %(days)s calendar day back, weekends and holidays included (%(rule)s): "
                "day %(days)s is %(date)s.",
                "Count %(days)s calendar days back, weekends and holidays included (%(rule)s): "
                "day %(days)s is %(date)s.",
                number="days",
                days=days,
                rule=rule,
                date=show(last),
            )
        )
    else:
        steps.append(
            phrase_plural(
                "Count %(days)s calendar day forward, weekends and holidays included "
                "(%(rule)s): day %(days)s is %(date)s.",
                "Count %(days)s calendar days forward, weekends and holidays included "
                "(%(rule)s): day %(days)s is %(date)s.",
                number="days",
                days=days,
                rule=rule,
                date=show(last),
            )
        )
    return last


def count_business_days(
    trigger_on: datetime.date, days: int, *, backward: bool, cal: Calendar, steps: list[str]
) -> datetime.date:
    step = datetime.timedelta(days=-1 if backward else 1)
    day, counted, skipped = trigger_on, 0, []
    while counted < days:
        day += step
        reason = cal.skipped_in_business_count(day, backward=backward)
        if reason:
            skipped.append(phrase("%(date)s (%(reason)s)", date=day, reason=reason))
        else:
            counted += 1
    skipped_text = (
        phrase("skipped %(days)s", days=_listed(skipped)) if skipped else phrase("nothing to skip")
    )
    if backward:
        steps.append(
            phrase_plural(
                "Count %(days)s business day back, leaving out Saturdays, Sundays, legal "
                "holidays and court closures; %(skipped)s: day %(days)s is %(date)s.",
                "Count %(days)s business days back, leaving out Saturdays, Sundays, legal "
                "holidays and court closures; %(skipped)s: day %(days)s is %(date)s.",
                number="days",
                days=days,
                skipped=skipped_text,
                date=show(day),
            )
        )
    else:
        steps.append(
            phrase_plural(
                "Count %(days)s business day forward, leaving out Saturdays, Sundays, legal "
                "holidays and court closures; %(skipped)s: day %(days)s is %(date)s.",
                "Count %(days)s business days forward, leaving out Saturdays, Sundays, legal "
                "holidays and court closures; %(skipped)s: day %(days)s is %(date)s.",
                number="days",
                days=days,
                skipped=skipped_text,
                date=show(day),
            )
        )
    return day


def _walk(
    day: datetime.date, step: int, cal: Calendar, *, closed_too: bool
) -> tuple[datetime.date, list[str]]:
    """From ``day`` onwards (or back), the first day that may end a period, and what was passed."""
    delta = datetime.timedelta(days=step)
    passed: list[str] = []
    while True:
        why = cal.moves(day, moving_backward=step < 0)
        if why is None and closed_too and cal.inaccessible(day):
            why = phrase("a day the clerk's office is closed (inaccessible)")
        if why is None:
            return day, passed
        passed.append(phrase("%(date)s is %(reason)s", date=day, reason=why))
        day += delta


def _next_day_rule(system: str, *, moving_backward: bool, counted_backward: bool) -> Phrase:
    if system == "federal":
        if moving_backward:
            return phrase(
                "%(rule)s(5): counting backward, the next day is the one before", rule=FRCP_6A
            )
        return phrase(
            "%(rule)s(1)(C): the period runs to the next day that is not a Saturday, Sunday "
            "or legal holiday",
            rule=FRCP_6A,
        )
    if moving_backward and counted_backward:
        return phrase(
            "Counted back from an event; EOIR texts differ on which way a weekend last day "
            "moves, so Amparo takes the earlier business day"
        )
    if moving_backward:
        return phrase("Amparo takes the business day before (see the rule's note)")
    return phrase("8 CFR 1003.38(b): the time is extended to the next business day")


def roll(last: datetime.date, *, roll: Roll, cal: Calendar, steps: list[str]) -> datetime.date:
    """Move a last day that may not end the period, then apply Rule 6(a)(3) if the clerk's
    office is inaccessible on the day reached."""
    reason = cal.moves(last, moving_backward=roll == "backward")
    if reason is None and not cal.inaccessible(last):
        steps.append(
            phrase(
                "%(date)s is not a Saturday, Sunday, legal holiday or closure; it stands.",
                date=show(last),
            )
        )
        return last
    if roll == "none":
        what = reason or phrase("a day the clerk's office is closed")
        steps.append(
            phrase(
                "%(date)s is %(reason)s; this period is not moved (see the rule's note), so "
                "act before it.",
                date=last,
                reason=what,
            )
        )
        return last
    day = last
    if reason is not None:
        backward = roll == "backward"
        day, passed = _walk(last, -1 if backward else 1, cal, closed_too=False)
        rule = _next_day_rule(
            cal.system, moving_backward=backward, counted_backward=cal.counted_backward
        )
        steps.append(
            phrase(
                "%(reason)s → %(date)s%(also)s. %(rule)s.",
                reason=passed[0],
                date=show(day),
                also=_also(passed[1:]),
                rule=rule,
            )
        )
    if cal.inaccessible(day):
        day = _past_closure(day, cal=cal, steps=steps)
    return day


def _past_closure(day: datetime.date, *, cal: Calendar, steps: list[str]) -> datetime.date:
    """Fed. R. Civ. P. 6(a)(3): `day` the clerk's office is inaccessible (a court closure)
    moves to the first accessible day after it that is not a Saturday, Sunday or holiday."""
    start = day
    day, passed = _walk(day + datetime.timedelta(days=1), 1, cal, closed_too=True)
    direction = (
        phrase(
            " — forward, although the period was counted backward (2009 committee note to "
            "Rule 6(a)(5))"
        )
        if cal.counted_backward
        else ""
    )
    steps.append(
        phrase(
            "%(closed)s: the clerk's office is inaccessible (a court closure) → "
            "%(date)s%(also)s. %(rule)s(3)(A): the time for filing is extended to the first "
            "accessible day that is not a Saturday, Sunday or legal holiday%(direction)s.",
            closed=start,
            date=show(day),
            also=_also(passed),
            rule=FRCP_6A,
            direction=direction,
        )
    )
    return day


def _also(passed: list[str]) -> str:
    return phrase(" (%(days)s)", days=joined(passed, "; ")) if passed else ""


def _listed(texts: Sequence[str]) -> Phrase:
    return joined(texts, ", ")


def add_service_days(
    due: datetime.date, served_by: str, *, cal: Calendar, steps: list[str]
) -> datetime.date:
    """Fed. R. Civ. P. 6(d): 3 days after the period would otherwise expire under Rule 6(a)."""
    if served_by in SERVICE_ADDS_NOTHING:
        steps.append(
            phrase(
                "Served by %(means)s: Rule 6(d) adds no days.",
                means=phrase(SERVICE_ADDS_NOTHING[served_by]),
            )
        )
        return due
    extra = due + datetime.timedelta(days=3)
    steps.append(
        phrase(
            "Served by %(means)s: Rule 6(d) adds 3 days after the period would otherwise "
            "expire under Rule 6(a): %(due)s + 3 = %(date)s.",
            means=phrase(SERVICE_ADDS_DAYS[served_by]),
            due=show(due),
            date=show(extra),
        )
    )
    return roll(extra, roll="forward", cal=cal, steps=steps)


def final_day_warnings(day: datetime.date, cal: Calendar) -> None:
    """Warnings about the due day itself that do not move it."""
    if cal.system != "federal":
        return
    own = court_days.court_holiday(cal.court, day)
    if own is not None and own.after_event_only and cal.counted_backward:
        cal.warn(
            phrase(
                "%(date)s is %(holiday)s, a state holiday on which this court's clerk's office "
                "is closed. Rule 6(a)(6)(C) counts state holidays only for periods measured "
                "after an event, so this backward-counted day stands: file electronically that "
                "day or earlier.",
                date=day,
                holiday=own.name,
            )
        )
    state = court_days.state_calendar_holiday(cal.court, day)
    if state and not cal.counted_backward:
        cal.warn(
            phrase(
                "%(date)s is %(holiday)s in the State's published holiday calendar. If the State "
                "declares it a holiday, Rule 6(a)(6)(C) makes it a legal holiday and the period "
                "runs to the next day; Amparo does not count on it and keeps the earlier date.",
                date=day,
                holiday=state,
            )
        )
