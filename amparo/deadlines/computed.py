"""The result of a count, told step by step: `ComputedDeadline`, the first step of a bare count
or of a named rule, and the closing steps (the computed date, a date the court set beside it,
the warnings, the due date).

Apart from ``rules`` because it is the wording of the explanation, not the counting: ``rules``
decides which days to count and ``counting`` walks them; this module says what was done, in
phrases each reader reads in their own language. A date the court sets governs and the computed
date is kept beside it. Pure: no database, no clock.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from amparo.core.phrases import Phrase, phrase, phrase_plural
from amparo.deadlines.catalogue import Rule
from amparo.deadlines.days import COURT_CLOSED, Calendar, show


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


def finish(
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
    cal: Calendar,
) -> ComputedDeadline:
    """The result of a count: its closing steps appended to `steps`, and a date the court set
    (if any) as the due date, the computed date kept beside it."""
    steps.append(phrase("Computed date: %(date)s.", date=show(computed_on)))
    due_on = computed_on
    if court_set_on is not None:
        due_on = court_set_on
        steps.extend(_court_set_steps(court_set_on, computed_on, cal))
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


def _court_set_steps(
    court_set_on: datetime.date, computed_on: datetime.date, cal: Calendar
) -> list[Phrase]:
    """How the court's date stands to the computed one, and a note when the court set a day
    the count would have moved off (it is kept as the court set it)."""
    if court_set_on == computed_on:
        said = [
            phrase(
                "The court set %(date)s, the same day as the computed date.",
                date=show(court_set_on),
            )
        ]
    else:
        said = [_court_set_gap(court_set_on, computed_on)]
    reason = cal.moves(court_set_on, moving_backward=False)
    if reason is None and court_set_on in cal.closures:
        reason = COURT_CLOSED
    if reason:
        said.append(
            phrase(
                "Note: the court's date is %(reason)s; Amparo keeps the date as the court set it.",
                reason=reason,
            )
        )
    return said


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


def count_step(days: int, *, business: bool, backward: bool, system: str, citation: str) -> Phrase:
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


def phrased(text: str) -> Phrase:
    """A catalogue text kept as the phrase it was marked with (so each part translates)."""
    return text if isinstance(text, Phrase) else phrase(text)


def rule_step(rule: Rule, period: int) -> Phrase:
    """The first step of a named rule: its title, period, direction, trigger and source."""
    values: dict[str, Any] = {
        "rule": rule.slug,
        "title": phrased(rule.title),
        "days": period,
        "trigger": phrased(rule.trigger) if rule.trigger else phrase("the trigger"),
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
