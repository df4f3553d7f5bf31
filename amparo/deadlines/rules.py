"""Pure deadline rules: the named periods, how many days, counted how. No database, no clock.

Two counting systems (the steps themselves live in ``counting``, the named rules in
``catalogue``, the result and the words that tell it in ``computed``):

- **federal** — Fed. R. Civ. P. 6(a), which applies "in computing any time period specified in
  these rules, in any local rule or court order, or in any statute that does not specify a method
  of computing time" (Rule 6(a), first sentence); Fed. R. App. P. 26(a) says the same for the
  courts of appeals. A last day on a Saturday, Sunday or legal holiday runs to the next day
  (6(a)(1)(C)), counting on in the period's own direction (6(a)(5)); a last day on which the
  clerk's office is inaccessible is extended to the first accessible day, forward even for a
  backward-counted period (6(a)(3); 2009 committee note). Rule 6(d) adds 3 days after service by
  mail, by leaving with the clerk or by other consented means, for rules that count from
  service.
- **eoir** — immigration court and Board of Immigration Appeals: calendar days, only receipt
  counts (8 CFR 1003.38(c)), and a last day on a Saturday, Sunday or legal holiday moves to the
  next business day (8 CFR 1003.38(b); BIA Practice Manual ch. 3.1(b)).

Legal holidays (Fed. R. Civ. P. 6(a)(6)) are the days 5 U.S.C. § 6103(a) sets aside, on their
observed days, plus each court's own (``court_days``: Mardi Gras in the E.D. La., Inauguration
Day in the D.D.C.). Days the President closes the executive departments are unsettled under
6(a)(6)(B): the earlier date is counted and a warning says why. Recorded court closures and
``--closed`` days are Rule 6(a)(3) closures.

Amparo's own choices, where the law leaves room, always lean to the earlier date: a filing made
early is in time, one made late may be lost. They are named in each rule's `counting_note` and
in the result's warnings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from amparo.core.phrases import phrase
from amparo.deadlines import counting
from amparo.deadlines.catalogue import HEARING_RULES, RULES, Rule, UnknownRule
from amparo.deadlines.computed import ComputedDeadline, count_step, finish, phrased, rule_step
from amparo.deadlines.counting import (
    EOIR_COUNTING,
    FRCP_6A,
    Roll,
    check_days,
    check_system,
    trigger_step,
)
from amparo.deadlines.days import Calendar, show

# --- counting --------------------------------------------------------------------------------
# The calendar and the counting steps live in ``counting`` (Fed. R. Civ. P. 6, 8 CFR 1003.38).


def non_working_reason(
    day: datetime.date, closures: frozenset[datetime.date] = frozenset()
) -> str | None:
    """Why `day` is not a business day at the immigration court or the Board: a weekend, a
    legal holiday, a day the President closed the executive departments, or a closure."""
    calendar = Calendar(system="eoir", closures=closures)
    return calendar.skipped_in_business_count(day, backward=False)


@dataclass(frozen=True)
class Options:
    """What a count needs besides the period: the court, its closures, the means of service."""

    closures: frozenset[datetime.date] = frozenset()
    # A district court id (courts-db, e.g. "laed"): its own holidays count (court_days).
    court: str | None = None
    # How the paper that starts the clock was served (Fed. R. Civ. P. 6(d)); None: not asked.
    served_by: str | None = None


def _count(
    trigger_on: datetime.date,
    days: int,
    *,
    business: bool,
    backward: bool,
    system: str,
    roll: Roll | None,
    options: Options,
    cal: Calendar,
    steps: list[str],
) -> datetime.date:
    check_system(system)
    check_days(days)
    if business:
        last = counting.count_business_days(
            trigger_on, days, backward=backward, cal=cal, steps=steps
        )
        steps.append(
            phrase("%(date)s is a business day by construction; nothing to move.", date=show(last))
        )
    else:
        last = counting.count_calendar_days(
            trigger_on, days, backward=backward, system=system, steps=steps
        )
        if roll is None:
            roll = "backward" if backward else "forward"
        last = counting.roll(last, roll=roll, cal=cal, steps=steps)
    if options.served_by is not None:
        last = counting.add_service_days(last, options.served_by, cal=cal, steps=steps)
    counting.final_day_warnings(last, cal)
    return last


def _check_service(served_by: str | None, *, from_service: bool, system: str, what: str) -> None:
    if served_by is None:
        return
    if served_by not in counting.SERVICE_MEANS:
        raise ValueError(
            phrase(
                "Unknown means of service %(means)s; use %(known)s.",
                means=repr(served_by),
                known=", ".join(counting.SERVICE_MEANS),
            )
        )
    if system != "federal" or not from_service:
        raise ValueError(
            phrase(
                "%(rule)s does not count from service under the Federal Rules, so Fed. R. Civ. "
                "P. 6(d) does not apply.",
                rule=what,
            )
        )


def count(
    trigger_on: datetime.date,
    days: int,
    *,
    business: bool = False,
    backward: bool = False,
    system: str = "federal",
    closures: frozenset[datetime.date] = frozenset(),
    court: str | None = None,
    served_by: str | None = None,
) -> ComputedDeadline:
    """Count `days` from `trigger_on` under a counting system, explaining every step.

    ``court`` (a district court id) adds that court's own holidays; ``served_by`` (mail, clerk,
    consented, electronic, hand) applies Fed. R. Civ. P. 6(d) to a forward federal count.
    Raises ValueError for an unknown system, a number of days outside 1..3650, or a means of
    service that does not fit.
    """
    check_system(system)
    _check_service(served_by, from_service=not backward, system=system, what="This count")
    unit = "business" if business else "calendar"
    direction = "before" if backward else "after"
    citation: str = FRCP_6A if system == "federal" else EOIR_COUNTING
    if business:
        citation = phrase("business days, as in 8 CFR 1003.19(i)(2)")
    steps: list[str] = [
        count_step(days, business=business, backward=backward, system=system, citation=citation),
        trigger_step(trigger_on, system, "", backward=backward),
    ]
    options = Options(closures=closures, court=court, served_by=served_by)
    cal = Calendar(system=system, closures=closures, court=court, counted_backward=backward)
    computed = _count(
        trigger_on,
        days,
        business=business,
        backward=backward,
        system=system,
        roll=None,
        options=options,
        cal=cal,
        steps=steps,
    )
    return finish(
        rule="count",
        title=f"{days} {unit} days {direction} {trigger_on.isoformat()}",
        trigger_on=trigger_on,
        computed_on=computed,
        court_set_on=None,
        citation=citation,
        steps=steps,
        days=days,
        system=system,
        business=business,
        backward=backward,
        cal=cal,
    )


def rules_counting_from_hearing(kind: str) -> tuple[Rule, ...]:
    """The rules whose clock starts on a hearing of this kind (none for most kinds)."""
    return tuple(rule_for(slug) for slug in HEARING_RULES.get(kind, ()))


def rule_for(slug: str) -> Rule:
    """The rule with this slug; UnknownRule (a KeyError) otherwise."""
    found = RULES.get(slug)
    if found is None:
        raise UnknownRule(slug)
    return found


def period_days(rule: Rule, days: int | None) -> int:
    """The number of days to count: fixed by the rule, or chosen by the court within its limit."""
    if rule.court_chooses_days:
        assert rule.max_days is not None
        if days is None:
            raise ValueError(
                phrase(
                    "%(rule)s needs the number of days the court allowed (at most %(most)s).",
                    rule=rule.slug,
                    most=rule.max_days,
                )
            )
        check_days(days)
        if days > rule.max_days:
            raise ValueError(
                phrase(
                    "%(rule)s: the court may allow at most %(most)s days (%(citation)s); "
                    "%(given)s given. Enter a later date the court set as the court-set date "
                    "instead.",
                    rule=rule.slug,
                    most=rule.max_days,
                    citation=rule.citation,
                    given=days,
                )
            )
        return days
    assert rule.days is not None
    if days is not None and days != rule.days:
        raise ValueError(
            phrase(
                "%(rule)s is %(days)s days by law (%(citation)s); a different date the court set "
                "goes in as the court-set date.",
                rule=rule.slug,
                days=rule.days,
                citation=rule.citation,
            )
        )
    return rule.days


def compute(
    rule: str,
    trigger_on: datetime.date,
    *,
    days: int | None = None,
    court_set_on: datetime.date | None = None,
    closures: frozenset[datetime.date] = frozenset(),
    court: str | None = None,
    served_by: str | None = None,
) -> ComputedDeadline:
    """Apply a named rule to a trigger date.

    A date the court sets (`court_set_on`) always becomes the due date; the computed date is
    kept beside it. ``court`` adds the court's own holidays; ``served_by`` applies Fed. R.
    Civ. P. 6(d) to a rule that counts from service. Raises UnknownRule for an unknown slug
    and ValueError when `days` is missing or not allowed, or the means of service does not fit.
    """
    found = rule_for(rule)
    period = period_days(found, days)
    _check_service(served_by, from_service=found.from_service, system=found.system, what=found.slug)
    steps: list[str] = [
        rule_step(found, period),
        phrase("Counting: %(note)s", note=phrased(found.counting_note)),
        trigger_step(trigger_on, found.system, found.trigger, backward=found.backward),
    ]
    options = Options(closures=closures, court=court, served_by=served_by)
    cal = Calendar(
        system=found.system, closures=closures, court=court, counted_backward=found.backward
    )
    computed = _count(
        trigger_on,
        period,
        business=found.business,
        backward=found.backward,
        system=found.system,
        roll=found.roll,
        options=options,
        cal=cal,
        steps=steps,
    )
    return finish(
        rule=found.slug,
        title=found.title,
        trigger_on=trigger_on,
        computed_on=computed,
        court_set_on=court_set_on,
        citation=found.citation,
        steps=steps,
        days=period,
        system=found.system,
        business=found.business,
        backward=found.backward,
        cal=cal,
    )
