"""Pure rules for court orders the government must obey: what shows compliance with each kind,
and where an order stands on a given day. No database, no clock: callers pass the day.

A deadline "within N days" of an order is counted under Fed. R. Civ. P. 6(a)(1), which reaches
any period "in any ... court order" (deadline rule `court-order-compliance`); a date the order
sets governs. An order not to transfer has no deadline: it is broken by any transfer after it.
"""

from __future__ import annotations

import datetime
from typing import Literal

from amparo.core.phrases import Phrase, phrase
from amparo.deadlines.rules import non_working_reason

Status = Literal["complied", "complied-late", "pending", "overdue", "violated", "in-force", "none"]

# What Amparo takes as showing compliance, by kind, in the words the order-page shows. Saved
# with the order in English; `shown_by` reads the saved text in the reader's language.
SHOWN_BY: dict[str, Phrase] = {
    "release": phrase(
        "The client's release is recorded (the current placement ends without a new one)."
    ),
    "bond-hearing": phrase(
        "A bond hearing is recorded on the court case, or an immigration judge's "
        "bond decision is recorded."
    ),
    "return": phrase("A placement begins at a facility in the ordering court's district."),
    "no-transfer": phrase("No transfer to another facility is recorded after the order."),
}

# The document the team drafts when the government has not obeyed in time.
ENFORCE_TEMPLATE = "motion-to-enforce"

STATUS_WORDS: dict[str, Phrase] = {
    "complied": phrase("complied"),
    "complied-late": phrase("complied late"),
    "pending": phrase("due"),
    "overdue": phrase("overdue"),
    "violated": phrase("violated"),
    "in-force": phrase("in force"),
    "none": phrase("nothing to watch"),
}


def shown_by(compliance: str, saved: str) -> str:
    """What shows compliance, as saved with an order: Amparo's own words for its kind read in
    the reader's language; words the team wrote, as written."""
    ours = SHOWN_BY.get(compliance)
    return ours.translated() if ours is not None and saved == ours else saved


def compliance_status(
    *,
    compliance: str,
    due_on: datetime.date | None,
    complied_on: datetime.date | None,
    violated: bool,
    today: datetime.date,
    due_at: datetime.datetime | None = None,
    complied_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Status:
    """Where an order stands. A deadline in days is met on its last day (6(a)(1)(C) includes
    it); the day after, the order is overdue until compliance is recorded. A deadline in hours
    (`due_at`, 6(a)(2)) is overdue the moment it passes."""
    if not compliance:
        return "none"
    if violated:
        return "violated"
    if compliance == "no-transfer":
        return "in-force"
    if due_at is not None:
        if complied_at is not None:
            return "complied-late" if complied_at > due_at else "complied"
        return "overdue" if now is not None and now > due_at else "pending"
    if complied_on is not None:
        late = due_on is not None and complied_on > due_on
        return "complied-late" if late else "complied"
    if due_on is not None and today > due_on:
        return "overdue"
    return "pending"


def hours_due(
    entered_at: datetime.datetime, hours: int, closures: frozenset[datetime.date] = frozenset()
) -> tuple[datetime.datetime, list[str]]:
    """Fed. R. Civ. P. 6(a)(2): count from the moment of the order, every hour included; if the
    period would end on a Saturday, Sunday, legal holiday (or a day the court is closed,
    6(a)(3)), it runs to the same time on the next day that is none of those. `entered_at` is in
    the court's (or the organisation's) zone, so the day is read where the order runs."""
    # Real hours: counted in UTC, so a change of clocks neither adds nor loses one.
    end = (entered_at.astimezone(datetime.UTC) + datetime.timedelta(hours=hours)).astimezone(
        entered_at.tzinfo
    )
    steps: list[str] = [
        phrase(
            "Count %(hours)s hours from %(start)s, every hour included "
            "(Fed. R. Civ. P. 6(a)(2)(A)-(B)): %(end)s.",
            hours=hours,
            start=f"{entered_at:%Y-%m-%d %H:%M %Z}",
            end=f"{end:%Y-%m-%d %H:%M %Z}",
        )
    ]
    while (reason := non_working_reason(end.date(), closures)) is not None:
        later = end + datetime.timedelta(days=1)
        steps.append(
            phrase(
                "%(day)s is %(reason)s: the period runs to the same time on the next day "
                "(Fed. R. Civ. P. 6(a)(2)(C)), %(later)s.",
                day=end.date(),
                reason=reason,
                later=f"{later:%Y-%m-%d %H:%M %Z}",
            )
        )
        end = later
    return end, steps


def needs_enforcement(status: Status) -> bool:
    return status in ("overdue", "violated")
