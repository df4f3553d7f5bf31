"""The request lifecycle and the flags derived from its dates (issue 4): pure, no clock."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

# draft → submitted → (acknowledged) → decided, or withdrawn / moot from any open status.
REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted", "withdrawn", "moot"}),
    "submitted": frozenset({"acknowledged", "decided", "withdrawn", "moot"}),
    "acknowledged": frozenset({"decided", "withdrawn", "moot"}),
    "decided": frozenset(),
    "withdrawn": frozenset(),
    "moot": frozenset(),
}
OPEN_STATUSES = frozenset({"draft", "submitted", "acknowledged"})
PENDING_STATUSES = frozenset({"submitted", "acknowledged"})

_VERBS = {
    "submitted": pgettext_lazy("request action", "submitted"),
    "acknowledged": pgettext_lazy("request action", "marked acknowledged"),
    "decided": pgettext_lazy("request action", "decided"),
    "withdrawn": pgettext_lazy("request action", "withdrawn"),
    "moot": pgettext_lazy("request action", "marked moot"),
}
# What the request is now, and the request a move may start from, as whole phrases per status.
_STATUS_PHRASES = {
    "draft": gettext_lazy("a draft"),
    "submitted": gettext_lazy("a submitted request"),
    "acknowledged": gettext_lazy("an acknowledged request"),
    "decided": gettext_lazy("a decided request"),
    "withdrawn": gettext_lazy("a withdrawn request"),
    "moot": gettext_lazy("a moot request"),
}
_SOURCE_WORDS = {
    "draft": pgettext_lazy("request state", "draft"),
    "submitted": pgettext_lazy("request state", "submitted"),
    "acknowledged": pgettext_lazy("request state", "acknowledged"),
}


def _status_phrase(status: str) -> str:
    return str(_STATUS_PHRASES.get(status, status))


def transition_refusal(current: str, target: str) -> str | None:
    """Why a request in `current` may not move to `target`, or None when it may."""
    if target in REQUEST_TRANSITIONS.get(current, frozenset()):
        return None
    sources = [s for s, targets in REQUEST_TRANSITIONS.items() if target in targets]
    verb = str(_VERBS.get(target, target))
    if not sources:
        return gettext("This request is %(status)s; no request goes back to %(state)s.") % {
            "status": _status_phrase(current),
            "state": str(_SOURCE_WORDS.get(target, target)),
        }
    allowed = gettext(" or ").join(str(_SOURCE_WORDS.get(s, s)) for s in sources)
    refusal = gettext("This request is %(status)s; only a %(allowed)s request can be %(verb)s.") % {
        "status": _status_phrase(current),
        "allowed": allowed,
        "verb": verb,
    }
    if not REQUEST_TRANSITIONS.get(current):
        refusal += gettext(" It is closed.")
    return refusal


def status_after_decision(outcome: str) -> str:
    """A recorded decision closes the request; withdrawn and moot keep their own status."""
    return {"withdrawn": "withdrawn", "moot": "moot"}.get(outcome, "decided")


def to_the_minute(value: datetime.datetime) -> datetime.datetime:
    """The ledger records submissions and decisions to the minute (issue 4), so the
    turnaround is a whole number of minutes between the two entries."""
    return value.replace(second=0, microsecond=0)


def turnaround_minutes(submitted_at: datetime.datetime, decided_at: datetime.datetime) -> int:
    return int((decided_at - submitted_at).total_seconds() // 60)


def days_until(urgency_until: datetime.date, today: datetime.date) -> int:
    """Countdown to the urgency date (a birth, a funeral, surgery): 0 on the day itself."""
    return (urgency_until - today).days


def past_urgency(urgency_until: datetime.date | None, today: datetime.date) -> bool:
    """After the urgency date the request can no longer do what it asked: it is moot."""
    return urgency_until is not None and today > urgency_until


def is_overdue(
    *,
    status: str,
    submitted_at: datetime.datetime | None,
    now: datetime.datetime,
    threshold_hours: int,
) -> bool:
    """A submitted request with no answer after the threshold is overdue (a practice flag)."""
    if status not in PENDING_STATUSES or submitted_at is None:
        return False
    return now - submitted_at >= datetime.timedelta(hours=threshold_hours)
