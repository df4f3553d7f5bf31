"""Pure deadline rules: how many days, counted how, rolled where. No database, no clock.

Two counting systems:

- **federal** — Fed. R. Civ. P. 6(a)(1), which applies "in computing any time period specified in
  these rules, in any local rule or court order, or in any statute that does not specify a method
  of computing time" (Rule 6(a), first sentence): exclude the day of the event that triggers the
  period (6(a)(1)(A)); count every day, intermediate Saturdays, Sundays and legal holidays
  included (6(a)(1)(B) — since the 2009 amendments there is no longer a special rule that drops
  weekends from periods under 11 days); include the last day, but if it is a Saturday, Sunday or
  legal holiday the period runs to the next day that is none of those (6(a)(1)(C)). For a period
  counted back from an event, the "next day" is found by continuing to count backward
  (6(a)(5)). Fed. R. App. P. 26(a) says the same for the courts of appeals.
- **eoir** — immigration court and Board of Immigration Appeals: calendar days, only receipt
  counts (8 CFR 1003.38(c)), and a last day on a Saturday, Sunday or legal holiday moves to the
  next business day (8 CFR 1003.38(b); BIA Practice Manual ch. 3.1(b)).

Legal holidays (Fed. R. Civ. P. 6(a)(6)) are the days 5 U.S.C. § 6103(a) sets aside, on the day
they are observed: a holiday falling on a Saturday is observed the Friday before (5 U.S.C.
§ 6103(b)(1)) and one falling on a Sunday the Monday after (Exec. Order 11582 (1971), § 3) — the
`holidays` package's United States calendar with `observed=True`, which carries Juneteenth from
2021 (Pub. L. 117-17). Days declared a holiday by the President or Congress (6(a)(6)(B)) and days
a court is closed (6(a)(3), inaccessibility of the clerk's office) come in as `closures`; state
holidays (6(a)(6)(C)) are not modelled and must be added as closures of the court.

Amparo's own choices, where the law leaves room, always lean to the earlier date: a filing made
early is in time, one made late may be lost. They are named in each rule's `counting_note`.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any, Literal

import holidays

System = Literal["federal", "eoir"]
Roll = Literal["forward", "backward", "none"]
SYSTEMS: tuple[str, ...] = ("federal", "eoir")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

FRCP_6A = "Fed. R. Civ. P. 6(a)"
EOIR_COUNTING = "8 CFR 1003.38(b); BIA Practice Manual ch. 3.1(b)"
HOLIDAY_SOURCE = (
    "5 U.S.C. § 6103(a), observed the Friday before a Saturday holiday (§ 6103(b)(1)) and the "
    "Monday after a Sunday holiday (Exec. Order 11582 § 3)"
)

MAX_DAYS = 3650


class UnknownRule(KeyError):
    """No rule has this slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug

    def __str__(self) -> str:
        return f"Unknown deadline rule {self.slug!r}; known rules: {', '.join(RULES)}."


@dataclass(frozen=True)
class Rule:
    """A named deadline: its period, how it is counted, and the law that says so."""

    slug: str
    title: str
    days: int | None
    citation: str
    system: str = "federal"
    business: bool = False
    backward: bool = False
    # What starts the clock, in words ("service of the order to show cause").
    trigger: str = ""
    # Why this counting system applies, and any choice Amparo makes.
    counting_note: str = ""
    # Where a last day that is not a working day goes; None follows the counting direction.
    roll: Roll | None = None
    # A period the court chooses (habeas-return-extended): `days` must be given, at most this.
    max_days: int | None = None

    @property
    def court_chooses_days(self) -> bool:
        return self.max_days is not None


@dataclass(frozen=True)
class ComputedDeadline:
    """The result of counting, with every step that produced it."""

    rule: str
    trigger_on: datetime.date
    due_on: datetime.date
    computed_on: datetime.date
    court_set_on: datetime.date | None
    citation: str
    steps: list[str] = field(default_factory=list)
    title: str = ""
    days: int = 0
    system: str = "federal"
    business: bool = False
    backward: bool = False

    @property
    def court_set(self) -> bool:
        return self.court_set_on is not None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the `amparo deadline --json` shape plus the counting parameters."""
        return {
            "rule": self.rule,
            "trigger_on": self.trigger_on.isoformat(),
            "due_on": self.due_on.isoformat(),
            "citation": self.citation,
            "steps": list(self.steps),
            "title": self.title,
            "computed_on": self.computed_on.isoformat(),
            "court_set_on": self.court_set_on.isoformat() if self.court_set_on else None,
            "days": self.days,
            "system": self.system,
            "business": self.business,
            "backward": self.backward,
        }


# --- the named rules -------------------------------------------------------------------------

_HABEAS_COUNTING = (
    "28 U.S.C. § 2243 does not say how to count, so Fed. R. Civ. P. 6(a) applies (its first "
    "sentence reaches 'any statute that does not specify a method of computing time'; Fed. R. "
    "Civ. P. 81(a)(4) and Rules 1(b) and 12 of the Rules Governing Section 2254 Cases bring the "
    "civil rules to habeas). Since 2009 Rule 6(a) counts weekends and holidays inside short "
    "periods too, so 3 days are 3 calendar days."
)
_EOIR_COUNTING = (
    "Filed with the immigration court or the Board, so EOIR counting applies: calendar days, the "
    "filing counts when received (8 CFR 1003.38(c)), a last day on a weekend or legal holiday "
    "moves to the next business day (8 CFR 1003.38(b); BIA Practice Manual ch. 3.1(b))."
)

_RULE_LIST = [
    Rule(
        slug="habeas-return",
        title="Return to the order to show cause",
        days=3,
        citation="28 U.S.C. § 2243",
        system="federal",
        trigger="service of the writ or order to show cause",
        counting_note=_HABEAS_COUNTING,
    ),
    Rule(
        slug="habeas-return-extended",
        title="Return to the order to show cause (time allowed by the court)",
        days=None,
        max_days=20,
        citation="28 U.S.C. § 2243 ('additional time, not exceeding twenty days')",
        system="federal",
        trigger="service of the writ or order to show cause",
        counting_note=_HABEAS_COUNTING
        + " The court allows the days, for good cause, up to twenty; give them with --days.",
    ),
    Rule(
        slug="habeas-hearing",
        title="Habeas hearing (latest day without more time for good cause)",
        days=5,
        citation="28 U.S.C. § 2243 ('not more than five days after the return')",
        system="federal",
        trigger="the return",
        counting_note=_HABEAS_COUNTING,
    ),
    Rule(
        slug="tro-expiry",
        title="Temporary restraining order expires",
        days=14,
        citation="Fed. R. Civ. P. 65(b)(2)",
        system="federal",
        trigger="entry of a TRO issued without notice",
        counting_note=(
            "Rule 65(b)(2): a TRO issued without notice expires at the time after entry, not "
            "over 14 days, that the court sets, unless extended once for good cause. Amparo "
            "counts 14 days under Rule 6(a)(1)(A)-(B) but never moves an expiry past a weekend "
            "or holiday: the protection may lapse on that day, so the team must act before it. "
            "Enter the expiry stated in the order as the court-set date."
        ),
        roll="none",
    ),
    Rule(
        slug="bia-bond-appeal",
        title="Appeal of the immigration judge's bond decision to the BIA (Form EOIR-26)",
        days=30,
        citation="8 CFR 1003.38(b), 1236.1(d)(3)(i)",
        system="eoir",
        trigger="the oral bond decision, or the mailing or electronic service of a written one",
        counting_note=_EOIR_COUNTING
        + " For an oral ruling the clock runs from the ruling even if a memorandum is mailed "
        "later (Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025)).",
    ),
    Rule(
        slug="ice-custody-appeal",
        # Only the (d)(2) decision on the release conditions of someone already released may
        # go straight to the BIA; other ICE custody decisions go to an IJ first (1236.1(d)(1)).
        title="Appeal to the BIA of DHS's decision on release conditions, 8 CFR 1236.1(d)(2)",
        days=10,
        citation="8 CFR 1236.1(d)(3)(ii); BIA Practice Manual ch. 7.3(a)(2)(B)",
        system="eoir",
        trigger="DHS's decision on an application to amend release conditions",
        counting_note=_EOIR_COUNTING,
    ),
    Rule(
        slug="dhs-auto-stay-notice",
        title="DHS notice of intent to appeal a release order (Form EOIR-43), automatic stay",
        days=1,
        citation="8 CFR 1003.19(i)(2); BIA Practice Manual ch. 6.1",
        system="eoir",
        business=True,
        trigger="the immigration judge's custody order",
        counting_note=(
            "The regulation gives one business day: Saturdays, Sundays, legal holidays and "
            "court closures are skipped. Without a timely EOIR-43 there is no automatic stay."
        ),
    ),
    Rule(
        slug="dhs-auto-stay-appeal",
        title="DHS appeal to keep the automatic stay (the stay lapses without it)",
        days=10,
        citation="8 CFR 1003.19(i)(2), 1003.6(c)(1); BIA Practice Manual ch. 6.1",
        system="eoir",
        business=True,
        trigger="the immigration judge's custody order",
        counting_note=(
            "Ten business days: Saturdays, Sundays, legal holidays and court closures are "
            "skipped. If DHS files no appeal by then the automatic stay lapses."
        ),
    ),
    Rule(
        slug="motion-to-reconsider",
        title="Motion to reconsider",
        days=30,
        citation="INA § 240(c)(6)(B); 8 CFR 1003.2(b)(2) (BIA), 1003.23(b)(1) (immigration court)",
        system="eoir",
        trigger="the final administrative order (its mailing or service)",
        counting_note=_EOIR_COUNTING,
    ),
    Rule(
        slug="motion-to-reopen",
        title="Motion to reopen",
        days=90,
        citation=(
            "INA § 240(c)(7)(C)(i); 8 CFR 1003.2(c)(2) (BIA), 1003.23(b)(1) (immigration court)"
        ),
        system="eoir",
        trigger="the final administrative order of removal",
        counting_note=_EOIR_COUNTING,
    ),
    Rule(
        slug="petition-for-review",
        title="Petition for review in the court of appeals",
        days=30,
        citation="8 U.S.C. § 1252(b)(1)",
        system="federal",
        trigger="the final order of removal",
        counting_note=(
            "Filed in a federal court of appeals, so federal counting applies: Fed. R. App. P. "
            "26(a)(1), which mirrors Fed. R. Civ. P. 6(a)(1) and reaches statutes that do not "
            "specify a method. The 30 days run from the BIA's order, not its receipt; a motion "
            "to reopen or reconsider does not stop them."
        ),
    ),
    Rule(
        slug="bond-after-release",
        title="Ask an immigration judge to change release terms (released persons)",
        days=7,
        citation="8 CFR 1236.1(d)(1); Matter of Aguilar-Aquino, 24 I&N Dec. 747 (BIA 2009)",
        system="eoir",
        trigger="release from DHS custody",
        counting_note=(
            "Seven calendar days under EOIR counting. The limit decides whether the immigration "
            "judge has jurisdiction at all (Aguilar-Aquino), and 8 CFR 1236.1(d)(1) has no "
            "weekend clause of its own, so Amparo moves a last day on a weekend or holiday to "
            "the business day before, never after."
        ),
        roll="backward",
    ),
]

RULES: dict[str, Rule] = {rule.slug: rule for rule in _RULE_LIST}

# Words the `amparo deadline` command uses for itself; no rule may take them.
RESERVED_WORDS = frozenset({"count", "list"})
assert not RESERVED_WORDS & RULES.keys()


# --- calendar --------------------------------------------------------------------------------


def weekday_name(day: datetime.date) -> str:
    return WEEKDAYS[day.weekday()]


def show(day: datetime.date) -> str:
    """'2025-07-07 (Monday)'."""
    return f"{day.isoformat()} ({weekday_name(day)})"


@functools.lru_cache(maxsize=64)
def _federal_holidays(year: int) -> dict[datetime.date, str]:
    # The federal calendar (no state): § 6103(a) holidays with their observed days. A year's
    # calendar also holds the Friday, Dec 31, on which the next New Year's Day is observed.
    # The "government" category adds the days the President closed federal offices by
    # executive order (e.g. 2024-12-24, 2025-01-09 national day of mourning, 2025-12-24/26):
    # "any day declared a holiday by the President" is a legal holiday, Fed. R. Civ. P.
    # 6(a)(6)(B). Inauguration Day (5 U.S.C. § 6103(c), D.C. area only) is not in it: record
    # it as a court closure for the courts it closes.
    public = holidays.country_holidays("US", years=year, observed=True)
    government = holidays.country_holidays(
        "US", years=year, observed=True, categories=("government",)
    )
    days = {day: str(name) for day, name in government.items()}
    days.update({day: str(name) for day, name in public.items()})  # § 6103 names win
    return days


def legal_holiday(day: datetime.date) -> str | None:
    """The name of the federal legal holiday observed on `day`, or None."""
    return _federal_holidays(day.year).get(day)


def non_working_reason(day: datetime.date, closures: frozenset[datetime.date]) -> str | None:
    """Why `day` is not a day to file on: a weekend, a legal holiday or a court closure."""
    if day.weekday() == 5:
        return "a Saturday"
    if day.weekday() == 6:
        return "a Sunday"
    name = legal_holiday(day)
    if name:
        return f"{name}, a legal holiday"
    if day in closures:
        return "a day the court is closed"
    return None


# --- counting --------------------------------------------------------------------------------


def _check_system(system: str) -> None:
    if system not in SYSTEMS:
        raise ValueError(f"Unknown counting system {system!r}; use federal or eoir.")


def _check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError("The number of days must be a whole number.")
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"The number of days must be between 1 and {MAX_DAYS}.")


def _trigger_step(trigger_on: datetime.date, system: str, what: str, *, backward: bool) -> str:
    event = f", {what}" if what else ""
    if system == "federal":
        rule = f"{FRCP_6A}(1)(A)"
    elif backward:
        rule = "the event is day 0"
    else:
        rule = f"calendar days 'after' the event, {EOIR_COUNTING}"
    return f"Trigger: {show(trigger_on)}{event}. The trigger day is not counted ({rule})."


def _count_calendar_days(
    trigger_on: datetime.date, days: int, *, backward: bool, system: str, steps: list[str]
) -> datetime.date:
    sign = -1 if backward else 1
    last = trigger_on + datetime.timedelta(days=sign * days)
    where = "back" if backward else "forward"
    rule = f"{FRCP_6A}(1)(B)" if system == "federal" else "calendar days, 8 CFR 1003.38(b)"
    steps.append(
        f"Count {days} calendar day{'s' if days != 1 else ''} {where}, weekends and holidays "
        f"included ({rule}): day {days} is {show(last)}."
    )
    return last


def _count_business_days(
    trigger_on: datetime.date,
    days: int,
    *,
    backward: bool,
    closures: frozenset[datetime.date],
    steps: list[str],
) -> datetime.date:
    step = datetime.timedelta(days=-1 if backward else 1)
    day, counted, skipped = trigger_on, 0, []
    while counted < days:
        day += step
        reason = non_working_reason(day, closures)
        if reason:
            skipped.append(f"{day.isoformat()} ({reason})")
        else:
            counted += 1
    where = "back" if backward else "forward"
    skipped_text = f"; skipped {', '.join(skipped)}" if skipped else "; nothing to skip"
    steps.append(
        f"Count {days} business day{'s' if days != 1 else ''} {where}, leaving out Saturdays, "
        f"Sundays, legal holidays and court closures{skipped_text}: day {days} is {show(day)}."
    )
    return day


def _roll(
    last: datetime.date,
    *,
    roll: Roll,
    system: str,
    closures: frozenset[datetime.date],
    steps: list[str],
    counted_backward: bool,
) -> datetime.date:
    reason = non_working_reason(last, closures)
    if reason is None:
        steps.append(
            f"{show(last)} is not a Saturday, Sunday, legal holiday or closure; it stands."
        )
        return last
    if roll == "none":
        steps.append(
            f"{last.isoformat()} is {reason}; this period is not moved (see the rule's note), so "
            f"act before it."
        )
        return last
    step = datetime.timedelta(days=-1 if roll == "backward" else 1)
    day, passed = last + step, []
    while (why := non_working_reason(day, closures)) is not None:
        passed.append(f"{day.isoformat()} is {why}")
        day += step
    also = f" ({'; '.join(passed)})" if passed else ""
    if system == "federal":
        authority = (
            f"{FRCP_6A}(5): counting backward, the next day is the one before"
            if roll == "backward"
            else f"{FRCP_6A}(1)(C): the period runs to the next day that is not a Saturday, "
            f"Sunday or legal holiday"
        )
        if reason == "a day the court is closed":
            authority += f"; {FRCP_6A}(3) and (6)(B) for closures"
    elif roll == "backward" and counted_backward:
        authority = (
            "Counted back from an event; EOIR texts differ on which way a weekend last day "
            "moves, so Amparo takes the earlier business day"
        )
    elif roll == "backward":
        authority = "Amparo takes the business day before (see the rule's note)"
    else:
        authority = "8 CFR 1003.38(b): the time is extended to the next business day"
    steps.append(f"{last.isoformat()} is {reason} → {show(day)}{also}. {authority}.")
    return day


def _count(
    trigger_on: datetime.date,
    days: int,
    *,
    business: bool,
    backward: bool,
    system: str,
    closures: frozenset[datetime.date],
    roll: Roll | None,
    steps: list[str],
) -> datetime.date:
    _check_system(system)
    _check_days(days)
    if business:
        last = _count_business_days(
            trigger_on, days, backward=backward, closures=closures, steps=steps
        )
        steps.append(f"{show(last)} is a business day by construction; nothing to move.")
        return last
    last = _count_calendar_days(trigger_on, days, backward=backward, system=system, steps=steps)
    if roll is None:
        roll = "backward" if backward else "forward"
    return _roll(
        last,
        roll=roll,
        system=system,
        closures=closures,
        steps=steps,
        counted_backward=backward,
    )


def _finish(
    *,
    rule: str,
    title: str,
    trigger_on: datetime.date,
    computed_on: datetime.date,
    court_set_on: datetime.date | None,
    citation: str,
    steps: list[str],
    days: int,
    system: str,
    business: bool,
    backward: bool,
    closures: frozenset[datetime.date],
) -> ComputedDeadline:
    steps.append(f"Computed date: {show(computed_on)}.")
    due_on = computed_on
    if court_set_on is not None:
        due_on = court_set_on
        if court_set_on == computed_on:
            steps.append(f"The court set {show(court_set_on)}, the same day as the computed date.")
        else:
            gap = abs((court_set_on - computed_on).days)
            relation = "later" if court_set_on > computed_on else "earlier"
            steps.append(
                f"The court set {show(court_set_on)}, {gap} day{'s' if gap != 1 else ''} "
                f"{relation} than the computed date; a date the court sets governs, and both "
                f"are kept."
            )
        reason = non_working_reason(court_set_on, closures)
        if reason:
            steps.append(
                f"Note: the court's date is {reason}; Amparo keeps the date as the court set it."
            )
    steps.append(f"Due: {show(due_on)}.")
    return ComputedDeadline(
        rule=rule,
        trigger_on=trigger_on,
        due_on=due_on,
        computed_on=computed_on,
        court_set_on=court_set_on,
        citation=citation,
        steps=steps,
        title=title,
        days=days,
        system=system,
        business=business,
        backward=backward,
    )


def count(
    trigger_on: datetime.date,
    days: int,
    *,
    business: bool = False,
    backward: bool = False,
    system: str = "federal",
    closures: frozenset[datetime.date] = frozenset(),
) -> ComputedDeadline:
    """Count `days` from `trigger_on` under a counting system, explaining every step.

    Raises ValueError for an unknown system or a number of days outside 1..3650.
    """
    _check_system(system)
    unit = "business" if business else "calendar"
    direction = "before" if backward else "after"
    citation = FRCP_6A if system == "federal" else EOIR_COUNTING
    if business:
        citation = "business days, as in 8 CFR 1003.19(i)(2)"
    steps = [
        f"Count: {days} {unit} day{'s' if days != 1 else ''} {direction} the trigger, "
        f"{'federal' if system == 'federal' else 'immigration court / BIA'} counting "
        f"({citation}).",
        _trigger_step(trigger_on, system, "", backward=backward),
    ]
    computed = _count(
        trigger_on,
        days,
        business=business,
        backward=backward,
        system=system,
        closures=closures,
        roll=None,
        steps=steps,
    )
    return _finish(
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
        closures=closures,
    )


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
                f"{rule.slug} needs the number of days the court allowed (at most {rule.max_days})."
            )
        _check_days(days)
        if days > rule.max_days:
            raise ValueError(
                f"{rule.slug}: the court may allow at most {rule.max_days} days "
                f"({rule.citation}); {days} given. Enter a later date the court set as the "
                f"court-set date instead."
            )
        return days
    assert rule.days is not None
    if days is not None and days != rule.days:
        raise ValueError(
            f"{rule.slug} is {rule.days} days by law ({rule.citation}); a different date the "
            f"court set goes in as the court-set date."
        )
    return rule.days


def compute(
    rule: str,
    trigger_on: datetime.date,
    *,
    days: int | None = None,
    court_set_on: datetime.date | None = None,
    closures: frozenset[datetime.date] = frozenset(),
) -> ComputedDeadline:
    """Apply a named rule to a trigger date.

    A date the court sets (`court_set_on`) always becomes the due date; the computed date is
    kept beside it. Raises UnknownRule for an unknown slug and ValueError when `days` is missing
    or not allowed for the rule.
    """
    found = rule_for(rule)
    period = period_days(found, days)
    unit = "business" if found.business else "calendar"
    direction = "before" if found.backward else "after"
    steps = [
        f"Rule {found.slug}: {found.title} — {period} {unit} day{'s' if period != 1 else ''} "
        f"{direction} {found.trigger or 'the trigger'} ({found.citation}).",
        f"Counting: {found.counting_note}",
        _trigger_step(trigger_on, found.system, found.trigger, backward=found.backward),
    ]
    computed = _count(
        trigger_on,
        period,
        business=found.business,
        backward=found.backward,
        system=found.system,
        closures=closures,
        roll=found.roll,
        steps=steps,
    )
    return _finish(
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
        closures=closures,
    )
