"""Pure deadline rules: the named periods, how many days, counted how. No database, no clock.

Two counting systems (the steps themselves live in ``counting``):

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
from dataclasses import dataclass, field
from typing import Any, Literal

from amparo.core.phrases import Phrase, phrase, phrase_plural
from amparo.deadlines import counting
from amparo.deadlines.counting import (
    EOIR_COUNTING,
    FRCP_6A,
    MAX_DAYS,
    SERVICE_MEANS,
    SYSTEMS,
    WEEKDAYS,
    Roll,
    check_days,
    check_system,
    legal_holiday,
    show,
    trigger_step,
    weekday_name,
)

__all__ = [
    "EOIR_COUNTING",
    "FRCP_6A",
    "MAX_DAYS",
    "RULES",
    "SERVICE_MEANS",
    "SYSTEMS",
    "WEEKDAYS",
    "ComputedDeadline",
    "Rule",
    "UnknownRule",
    "compute",
    "count",
    "is_business_day",
    "legal_holiday",
    "non_working_reason",
    "period_days",
    "rule_for",
    "rules_counting_from_hearing",
    "show",
    "weekday_name",
]

System = Literal["federal", "eoir"]
HOLIDAY_SOURCE = (
    "5 U.S.C. § 6103(a), observed the Friday before a Saturday holiday (§ 6103(b)(1)) and the "
    "Monday after a Sunday holiday (Exec. Order 11582 § 3)"
)


class UnknownRule(KeyError):
    """No rule has this slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug

    def __str__(self) -> str:
        return self.explained()

    def explained(self) -> Phrase:
        return phrase(
            "Unknown deadline rule %(rule)s; known rules: %(known)s.",
            rule=repr(self.slug),
            known=", ".join(RULES),
        )


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
    # Counts from service of a paper, so Fed. R. Civ. P. 6(d) may add 3 days (--served-by).
    from_service: bool = False

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
    # Where the law leaves room and Amparo took the earlier date, or a day needs checking.
    warnings: list[str] = field(default_factory=list)

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
            "warnings": list(self.warnings),
        }


# --- the named rules -------------------------------------------------------------------------

_HABEAS_COUNTING = (
    "28 U.S.C. § 2243 does not say how to count, so Fed. R. Civ. P. 6(a) applies (its first "
    "sentence reaches 'any statute that does not specify a method of computing time'; Fed. R. "
    "Civ. P. 81(a)(4) and Rules 1(b) and 12 of the Rules Governing Section 2254 Cases bring the "
    "civil rules to habeas). Since 2009 Rule 6(a) counts weekends and holidays inside short "
    "periods too, so 3 days are 3 calendar days."
)
_SERVICE_NOTE = (
    " Fed. R. Civ. P. 6(d) adds 3 days only where the paper was served by mail, left with the "
    "clerk, or served by other means consented to (Rule 5(b)(2)(C), (D), (F)); give the means "
    "with --served-by. Orders to show cause are often served electronically, which adds none."
)
_APPEAL_COUNTING = (
    "The notice of appeal is filed with the district clerk (Fed. R. App. P. 3(a)(1), 4(a)(1)); "
    "Fed. R. App. P. 26(a) counts the days as Fed. R. Civ. P. 6(a) does. Sixty days, not "
    "thirty, because the United States or its officer is a party: the ICE field office "
    "director, the DHS Secretary and the Attorney General are named in their official "
    "capacity (Fed. R. App. P. 4(a)(1)(B)(i)-(iii); 28 U.S.C. § 2107(b)). If no federal "
    "officer is a party (only a private warden), the time is 30 days (4(a)(1)(A)): check the "
    "caption. Tolling: a timely motion under Fed. R. Civ. P. 50(b), 52(b), 54 (fees, if the "
    "court orders under Rule 58), 59 (due 28 days after judgment, not extendable: Rule "
    "6(b)(2)) or 60 (filed within 28 days) restarts the time from the entry of the order "
    "disposing of the last such motion (Fed. R. App. P. 4(a)(4)(A)); use "
    "habeas-appeal-after-motion. The district court may extend the time on a motion filed "
    "within 30 days after it expires (4(a)(5))."
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
        counting_note=_HABEAS_COUNTING + _SERVICE_NOTE,
        from_service=True,
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
        + " The court allows the days, for good cause, up to twenty; give them with --days."
        + _SERVICE_NOTE,
        from_service=True,
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
        slug="habeas-appeal",
        title="Notice of appeal from the habeas judgment (a United States officer is a party)",
        days=60,
        citation="Fed. R. App. P. 4(a)(1)(B); 28 U.S.C. § 2107(b)",
        system="federal",
        trigger="entry of the judgment or order appealed from",
        counting_note=_APPEAL_COUNTING,
    ),
    Rule(
        slug="habeas-appeal-after-motion",
        title="Notice of appeal after a tolling motion was decided",
        days=60,
        citation="Fed. R. App. P. 4(a)(4)(A), 4(a)(1)(B); 28 U.S.C. § 2107(b)",
        system="federal",
        trigger="entry of the order disposing of the last timely Rule 50(b), 52(b), 54, 59 or "
        "60 motion",
        counting_note=_APPEAL_COUNTING,
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


# --- counting --------------------------------------------------------------------------------
# The calendar and the counting steps live in ``counting`` (Fed. R. Civ. P. 6, 8 CFR 1003.38).


def non_working_reason(
    day: datetime.date, closures: frozenset[datetime.date] = frozenset()
) -> str | None:
    """Why `day` is not a business day at the immigration court or the Board: a weekend, a
    legal holiday, a day the President closed the executive departments, or a closure."""
    calendar = counting.Calendar(system="eoir", closures=closures)
    return calendar.skipped_in_business_count(day, backward=False)


def is_business_day(day: datetime.date, closures: frozenset[datetime.date] = frozenset()) -> bool:
    return non_working_reason(day, closures) is None


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
    cal: counting.Calendar,
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
    cal: counting.Calendar,
) -> ComputedDeadline:
    steps.append(phrase("Computed date: %(date)s.", date=show(computed_on)))
    due_on = computed_on
    if court_set_on is not None:
        due_on = court_set_on
        if court_set_on == computed_on:
            steps.append(
                phrase(
                    "The court set %(date)s, the same day as the computed date.",
                    date=show(court_set_on),
                )
            )
        else:
            steps.append(_court_set_gap(court_set_on, computed_on))
        reason = cal.moves(court_set_on, moving_backward=False)
        if reason is None and court_set_on in cal.closures:
            reason = counting.COURT_CLOSED
        if reason:
            steps.append(
                phrase(
                    "Note: the court's date is %(reason)s; Amparo keeps the date as the court "
                    "set it.",
                    reason=reason,
                )
            )
    steps.extend(phrase("Warning: %(warning)s", warning=text) for text in cal.warnings)
    steps.append(phrase("Due: %(date)s.", date=show(due_on)))
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
        warnings=list(cal.warnings),
    )


def _court_set_gap(court_set_on: datetime.date, computed_on: datetime.date) -> Phrase:
    gap = abs((court_set_on - computed_on).days)
    if court_set_on > computed_on:
        return phrase_plural(
            "The court set %(date)s, %(days)s day later than the computed date; a date the "
            "court sets governs, and both are kept.",
            "The court set %(date)s, %(days)s days later than the computed date; a date the "
            "court sets governs, and both are kept.",
            number="days",
            date=show(court_set_on),
            days=gap,
        )
    return phrase_plural(
        "The court set %(date)s, %(days)s day earlier than the computed date; a date the court "
        "sets governs, and both are kept.",
        "The court set %(date)s, %(days)s days earlier than the computed date; a date the "
        "court sets governs, and both are kept.",
        number="days",
        date=show(court_set_on),
        days=gap,
    )


def _count_step(days: int, *, business: bool, backward: bool, system: str, citation: str) -> Phrase:
    """The first step of a bare count: how many days, which way, under which system."""
    counted = (
        phrase("federal counting")
        if system == "federal"
        else phrase("immigration court / BIA counting")
    )
    values: dict[str, Any] = {"days": days, "system": counted, "citation": citation}
    if business and backward:
        return phrase_plural(
            "Count: %(days)s business day before the trigger, %(system)s (%(citation)s).",
            "Count: %(days)s business days before the trigger, %(system)s (%(citation)s).",
            number="days",
            **values,
        )
    if business:
        return phrase_plural(
            "Count: %(days)s business day after the trigger, %(system)s (%(citation)s).",
            "Count: %(days)s business days after the trigger, %(system)s (%(citation)s).",
            number="days",
            **values,
        )
    if backward:
        return phrase_plural(
            "Count: %(days)s calendar day before the trigger, %(system)s (%(citation)s).",
            "Count: %(days)s calendar days before the trigger, %(system)s (%(citation)s).",
            number="days",
            **values,
        )
    return phrase_plural(
        "Count: %(days)s calendar day after the trigger, %(system)s (%(citation)s).",
        "Count: %(days)s calendar days after the trigger, %(system)s (%(citation)s).",
        number="days",
        **values,
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
        _count_step(days, business=business, backward=backward, system=system, citation=citation),
        trigger_step(trigger_on, system, "", backward=backward),
    ]
    options = Options(closures=closures, court=court, served_by=served_by)
    cal = counting.Calendar(
        system=system, closures=closures, court=court, counted_backward=backward
    )
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
        cal=cal,
    )


# Deadlines that count from an immigration-court hearing, by the hearing's kind. Only the
# custody hearings have one: the immigration judge decides custody orally at the bond (custody
# redetermination) hearing, and the 30-day appeal to the Board runs from that oral decision
# (8 CFR 1003.38(b), 1236.1(d)(3)(i); Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025)), so the
# hearing day is the trigger. Master and individual calendar hearings have none for a detained
# client: the Immigration Court Practice Manual fixes filing deadlines counted back from a
# hearing only for non-detained respondents and leaves detained ones to the deadlines the court
# sets (ICPM ch. 3.1(b)(i)(B), (ii)(B)); those are entered as court-set dates.
HEARING_RULES: dict[str, tuple[str, ...]] = {
    "bond": ("bia-bond-appeal",),
    "custody-redetermination": ("bia-bond-appeal",),
}


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


def _rule_step(rule: Rule, period: int) -> Phrase:
    """The first step of a named rule: its title, period, direction, trigger and source."""
    values: dict[str, Any] = {
        "rule": rule.slug,
        "title": phrase(rule.title),
        "days": period,
        "trigger": phrase(rule.trigger) if rule.trigger else phrase("the trigger"),
        "citation": rule.citation,
    }
    if rule.business and rule.backward:
        return phrase_plural(
            "Rule %(rule)s: %(title)s — %(days)s business day before %(trigger)s (%(citation)s).",
            "Rule %(rule)s: %(title)s — %(days)s business days before %(trigger)s (%(citation)s).",
            number="days",
            **values,
        )
    if rule.business:
        return phrase_plural(
            "Rule %(rule)s: %(title)s — %(days)s business day after %(trigger)s (%(citation)s).",
            "Rule %(rule)s: %(title)s — %(days)s business days after %(trigger)s (%(citation)s).",
            number="days",
            **values,
        )
    if rule.backward:
        return phrase_plural(
            "Rule %(rule)s: %(title)s — %(days)s calendar day before %(trigger)s (%(citation)s).",
            "Rule %(rule)s: %(title)s — %(days)s calendar days before %(trigger)s (%(citation)s).",
            number="days",
            **values,
        )
    return phrase_plural(
        "Rule %(rule)s: %(title)s — %(days)s calendar day after %(trigger)s (%(citation)s).",
        "Rule %(rule)s: %(title)s — %(days)s calendar days after %(trigger)s (%(citation)s).",
        number="days",
        **values,
    )


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
        _rule_step(found, period),
        phrase("Counting: %(note)s", note=phrase(found.counting_note)),
        trigger_step(trigger_on, found.system, found.trigger, backward=found.backward),
    ]
    options = Options(closures=closures, court=court, served_by=served_by)
    cal = counting.Calendar(
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
        cal=cal,
    )


# --- detention and court-order rules ---------------------------------------------------------
# Periods that end rather than filing deadlines: counted in calendar days from the day after the
# trigger and never moved off a weekend or holiday (`roll="none"`), since the law gives no
# extension and the team must act before the day.

_AGENCY_PERIOD = (
    "Neither the statute nor the regulation says how to count; Amparo counts calendar days from "
    "the day after the trigger, as Fed. R. Civ. P. 6(a)(1) would, and never moves the day: it "
    "is when a period ends, not a filing deadline."
)

_DETENTION_RULES = [
    Rule(
        slug="removal-period-end",
        title="Removal period ends (90 days after it began)",
        days=90,
        citation="INA § 241(a)(1)(A)-(B), 8 U.S.C. § 1231(a)(1)(A)-(B)",
        trigger="the start of the removal period: the order became administratively final, a "
        "court's stay of removal ended, or release from non-immigration custody (the latest)",
        counting_note=_AGENCY_PERIOD
        + " The period is extended while the person fails to cooperate with removal "
        "(INA § 241(a)(1)(C)).",
        roll="none",
    ),
    Rule(
        slug="post-order-review-90",
        title="Post-order custody review due before the removal period expires",
        days=90,
        citation="8 CFR 241.4(k)(1)(i), (h)",
        trigger="the start of the removal period",
        counting_note=_AGENCY_PERIOD
        + " The review must come before the 90-day removal period ends; the detainee is to get "
        "about 30 days' notice of it to submit documents (8 CFR 241.4(h)(2)).",
        roll="none",
    ),
    Rule(
        slug="post-order-review-180",
        title="Headquarters post-order custody review (three months after the removal period)",
        days=180,
        citation="8 CFR 241.4(k)(2)(ii); 8 CFR 241.13",
        trigger="the start of the removal period",
        counting_note=_AGENCY_PERIOD
        + " Three months after the 90-day period is counted as 90 more days; ICE's own "
        "guidance reviews post-order custody under 8 CFR 241.13 at 180 days.",
        roll="none",
    ),
    Rule(
        slug="zadvydas-six-months",
        title="Presumptively reasonable post-order detention ends (six months)",
        days=180,
        citation="Zadvydas v. Davis, 533 U.S. 678, 701 (2001); Clark v. Martinez, 543 U.S. 371 "
        "(2005)",
        trigger="the start of the removal period",
        counting_note=_AGENCY_PERIOD
        + " Zadvydas speaks of six months including the removal period; Amparo counts 180 days, "
        "which is never later than six calendar months.",
        roll="none",
    ),
    Rule(
        slug="dhs-auto-stay-lapse",
        title="DHS's automatic stay of the release order lapses (90 days after its appeal)",
        days=90,
        citation="8 CFR 1003.6(c)(4); 71 FR 57873 (Oct. 2, 2006, effective Nov. 1, 2006)",
        system="eoir",
        trigger="DHS's notice of appeal of the custody order filed with the Board",
        counting_note="Calendar days: the regulation counts business days only where it says so. "
        "The stay lapses 90 days after DHS files its appeal if the Board has not acted, unless "
        "the period is extended under 8 CFR 1003.6(c)(4)-(5) or the Board grants DHS a "
        "discretionary stay (8 CFR 1003.19(i)(1)); check the Board's docket. A lapse is not a "
        "filing deadline, so the day is never moved.",
        roll="none",
    ),
    Rule(
        slug="court-order-compliance",
        title="Compliance with the court's order due",
        days=None,
        max_days=365,
        citation="The court's order; Fed. R. Civ. P. 6(a)(1)",
        trigger="entry of the order",
        counting_note="A period in days set by a court order is counted under Fed. R. Civ. P. "
        "6(a)(1) (its first sentence reaches 'any ... court order'): the day of the order is "
        "not counted, every day is, and a last day on a Saturday, Sunday or legal holiday runs "
        "to the next day that is none of those. An order that sets a date, or says how to count, "
        "governs: enter that date as the court-set date.",
    ),
]
RULES.update({rule.slug: rule for rule in _DETENTION_RULES})
