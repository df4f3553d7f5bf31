"""The request lifecycle and the flags derived from dates (issue 4), as pure rules."""

from __future__ import annotations

import datetime
import itertools
import zoneinfo

import pytest

from amparo.relief import rules

STATUSES = list(rules.REQUEST_TRANSITIONS)
ALLOWED = {
    ("draft", "submitted"),
    ("draft", "withdrawn"),
    ("draft", "moot"),
    ("submitted", "acknowledged"),
    ("submitted", "decided"),
    ("submitted", "withdrawn"),
    ("submitted", "moot"),
    ("acknowledged", "decided"),
    ("acknowledged", "withdrawn"),
    ("acknowledged", "moot"),
}
NEW_ORLEANS = zoneinfo.ZoneInfo("America/Chicago")


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_every_transition_is_allowed_or_refused_with_a_reason(current: str, target: str) -> None:
    """draft → submitted → (acknowledged) → decided, or withdrawn / moot while open (issue 4)."""
    refusal = rules.transition_refusal(current, target)
    if (current, target) in ALLOWED:
        assert refusal is None
    else:
        assert refusal is not None
        assert current.split("-")[0] in refusal


def test_refusal_says_what_the_request_is_and_what_could_move() -> None:
    message = rules.transition_refusal("decided", "submitted")
    assert message == (
        "This request is a decided request; only a draft request can be submitted. It is closed."
    )
    assert rules.transition_refusal("draft", "decided") == (
        "This request is a draft; only a submitted or acknowledged request can be decided."
    )


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ("granted", "decided"),
        ("denied", "decided"),
        ("partly-granted", "decided"),
        ("no-response", "decided"),
        ("withdrawn", "withdrawn"),
        ("moot", "moot"),
    ],
)
def test_a_decision_closes_the_request(outcome: str, status: str) -> None:
    assert rules.status_after_decision(outcome) == status


def test_times_are_kept_to_the_minute_and_turnaround_is_whole_minutes() -> None:
    """The story: sent 17:12, denied 17:41 the same Sunday evening → 29 minutes."""
    sent = rules.to_the_minute(datetime.datetime(2025, 3, 9, 17, 12, 59, 999, tzinfo=NEW_ORLEANS))
    denied = rules.to_the_minute(datetime.datetime(2025, 3, 9, 17, 41, 3, tzinfo=NEW_ORLEANS))
    assert sent == datetime.datetime(2025, 3, 9, 17, 12, tzinfo=NEW_ORLEANS)
    assert rules.turnaround_minutes(sent, denied) == 29


def test_turnaround_is_the_same_whatever_zone_each_time_was_typed_in() -> None:
    """17:12 in New Orleans on 2025-03-09 (CDT, UTC-5) is 22:12 UTC; 17:41 CDT is 22:41 UTC."""
    sent = datetime.datetime(2025, 3, 9, 17, 12, tzinfo=NEW_ORLEANS)
    denied = datetime.datetime(2025, 3, 9, 22, 41, tzinfo=datetime.UTC)
    assert rules.turnaround_minutes(sent, denied) == 29


def test_countdown_to_the_urgency_date() -> None:
    due = datetime.date(2025, 3, 18)
    assert rules.days_until(due, datetime.date(2025, 3, 9)) == 9
    assert rules.days_until(due, due) == 0
    assert not rules.past_urgency(due, due)  # the birth may happen that day: still live
    assert rules.past_urgency(due, datetime.date(2025, 3, 19))
    assert not rules.past_urgency(None, datetime.date(2030, 1, 1))


def test_overdue_only_while_waiting_and_only_after_the_threshold() -> None:
    sent = datetime.datetime(2025, 3, 9, 22, 12, tzinfo=datetime.UTC)
    later = sent + datetime.timedelta(hours=72)
    assert rules.is_overdue(status="submitted", submitted_at=sent, now=later, threshold_hours=72)
    assert rules.is_overdue(status="acknowledged", submitted_at=sent, now=later, threshold_hours=72)
    assert not rules.is_overdue(
        status="submitted",
        submitted_at=sent,
        now=later - datetime.timedelta(minutes=1),
        threshold_hours=72,
    )
    for status in ("draft", "decided", "withdrawn", "moot"):
        assert not rules.is_overdue(status=status, submitted_at=sent, now=later, threshold_hours=72)


def test_refusal_of_a_move_reads_in_spanish_and_arabic_for_a_team_working_in_them() -> None:
    from django.utils import translation

    with translation.override("es"):
        assert rules.transition_refusal("decided", "submitted") == (
            "Esta solicitud es una solicitud resuelta; solo una solicitud en borrador puede ser "
            "presentada. Está cerrada."
        )
    with translation.override("ar"):
        assert "طلب تم البتّ فيه" in (rules.transition_refusal("decided", "submitted") or "")
