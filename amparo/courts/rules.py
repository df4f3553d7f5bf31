"""Pure rules for court orders the government must obey: what shows compliance with each kind,
and where an order stands on a given day. No database, no clock: callers pass the day.

A deadline "within N days" of an order is counted under Fed. R. Civ. P. 6(a)(1), which reaches
any period "in any ... court order" (deadline rule `court-order-compliance`); a date the order
sets governs. An order not to transfer has no deadline: it is broken by any transfer after it.
"""

from __future__ import annotations

import datetime
from typing import Literal

Status = Literal["complied", "complied-late", "pending", "overdue", "violated", "in-force", "none"]

# What Amparo takes as showing compliance, by kind, in the words the order-page shows.
SHOWN_BY: dict[str, str] = {
    "release": "The client's release is recorded (the current placement ends without a new one).",
    "bond-hearing": "A bond hearing is recorded on the court case, or an immigration judge's "
    "bond decision is recorded.",
    "return": "A placement begins at a facility in the ordering court's district.",
    "no-transfer": "No transfer to another facility is recorded after the order.",
}

# The document the team drafts when the government has not obeyed in time.
ENFORCE_TEMPLATE = "motion-to-enforce"

STATUS_WORDS: dict[str, str] = {
    "complied": "complied",
    "complied-late": "complied late",
    "pending": "due",
    "overdue": "overdue",
    "violated": "violated",
    "in-force": "in force",
    "none": "nothing to watch",
}


def compliance_status(
    *,
    compliance: str,
    due_on: datetime.date | None,
    complied_on: datetime.date | None,
    violated: bool,
    today: datetime.date,
) -> Status:
    """Where an order stands. A deadline is met on its last day (6(a)(1)(C) includes it); the day
    after, the order is overdue until compliance is recorded."""
    if not compliance:
        return "none"
    if violated:
        return "violated"
    if compliance == "no-transfer":
        return "in-force"
    if complied_on is not None:
        late = due_on is not None and complied_on > due_on
        return "complied-late" if late else "complied"
    if due_on is not None and today > due_on:
        return "overdue"
    return "pending"


def needs_enforcement(status: Status) -> bool:
    return status in ("overdue", "violated")
