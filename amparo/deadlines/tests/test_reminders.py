"""Reminders: one 24-hour warning email per deadline, one digest per member a day, queued by
`amparo deadlines remind` and run as django-tasks tasks (immediately in tests)."""

from __future__ import annotations

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from amparo.conftest import Cast
from amparo.deadlines.models import DeadlineDigest, DeadlineWarning
from amparo.deadlines.reminders import deadline_warning_send
from amparo.deadlines.tasks import reminders_enqueue
from amparo.deadlines.tests.helpers import make_deadline

pytestmark = pytest.mark.django_db

NY = zoneinfo.ZoneInfo("America/New_York")
D = datetime.date
# Sunday 2025-07-06, 10:00 in New York: deadlines due Monday 07-07 are within 24 hours of the
# start of their day.
NOW = datetime.datetime(2025, 7, 6, 10, 0, tzinfo=NY)


def remind() -> str:
    out = io.StringIO()
    call_command("deadlines", "remind", stdout=out)
    return out.getvalue()


def warnings_sent() -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.subject.startswith("Due ")]


def digests_sent() -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.subject.startswith("Deadlines for ")]


def test_one_warning_email_per_deadline_and_never_twice(cast: Cast) -> None:
    return_due = make_deadline(
        cast.case, D(2025, 7, 7), title="Return to the order to show cause", assignee=cast.attorney
    )
    hearing = make_deadline(
        cast.case, D(2025, 7, 7), title="Habeas hearing", assignee=cast.paralegal
    )
    make_deadline(cast.case, D(2025, 7, 20), title="Far away", assignee=cast.attorney)
    make_deadline(
        cast.case,
        D(2025, 7, 7),
        title="Already filed",
        assignee=cast.attorney,
        done_at=NOW - datetime.timedelta(days=1),
    )
    with time_machine.travel(NOW, tick=False):
        out = remind()
        assert "queued 2 warnings" in out
        warnings = warnings_sent()
        assert len(warnings) == 2
        by_subject = {m.subject: m for m in warnings}
        assert by_subject["Due Mon 2025-07-07: Return to the order to show cause"].to == [
            cast.attorney.email
        ]
        assert by_subject["Due Mon 2025-07-07: Habeas hearing"].to == [cast.paralegal.email]
        assert DeadlineWarning.objects.filter(deadline__in=[return_due, hearing]).count() == 2
        # A second run, and a direct second call of the task's service, send nothing more.
        assert "queued 0 warnings" in remind()
        assert deadline_warning_send(deadline_id=return_due.pk) is False
        assert len(warnings_sent()) == 2


def test_warning_carries_no_client_name_or_a_number(cast: Cast) -> None:
    make_deadline(
        cast.case,
        D(2025, 7, 7),
        title="Return to the order to show cause",
        rule="habeas-return",
        citation="28 U.S.C. § 2243",
        steps=["Due: 2025-07-07 (Monday)."],
        assignee=cast.attorney,
    )
    person = cast.case.person
    # Names no word of the warning can contain by chance (a random one once matched its text).
    person.given_name, person.family_name = "Xiomara", "Quispehuaman"
    person.save(update_fields=["given_name", "family_name"])
    with time_machine.travel(NOW, tick=False):
        remind()
    (warning,) = warnings_sent()
    names = (person.given_name, person.family_name, person.a_number, cast.case.title)
    for secret in filter(None, names):
        assert secret not in str(warning.body) and secret not in str(warning.subject)
    assert f"/cases/{cast.case.id}/" in warning.body
    assert "28 U.S.C. § 2243" in warning.body


def test_warning_goes_to_the_lead_attorney_when_nobody_is_assigned(cast: Cast) -> None:
    cast.case.lead_attorney = cast.attorney
    cast.case.save(update_fields=["lead_attorney"])
    make_deadline(cast.case, D(2025, 7, 7))
    with time_machine.travel(NOW, tick=False):
        remind()
    (warning,) = warnings_sent()
    assert warning.to == [cast.attorney.email]


def test_no_warning_before_the_window_or_after_the_day(cast: Cast) -> None:
    make_deadline(cast.case, D(2025, 7, 7), assignee=cast.attorney)
    with time_machine.travel(datetime.datetime(2025, 7, 5, 23, 0, tzinfo=NY), tick=False):
        remind()
    assert warnings_sent() == []
    with time_machine.travel(datetime.datetime(2025, 7, 8, 0, 30, tzinfo=NY), tick=False):
        remind()
    assert warnings_sent() == []
    assert not DeadlineWarning.objects.exists()


def test_timed_deadline_is_warned_24_hours_before_its_time(cast: Cast) -> None:
    due_at = datetime.datetime(2025, 7, 8, 9, 0, tzinfo=NY)
    make_deadline(cast.case, None, due_at=due_at, title="Hearing", assignee=cast.attorney)
    with time_machine.travel(due_at - datetime.timedelta(hours=25), tick=False):
        assert reminders_enqueue().warnings == 0
    with time_machine.travel(due_at - datetime.timedelta(hours=23), tick=False):
        assert reminders_enqueue().warnings == 1
    assert len(warnings_sent()) == 1


def test_daily_digest_once_a_day_for_each_member_with_something_due(cast: Cast) -> None:
    make_deadline(cast.case, D(2025, 7, 1), title="Overdue thing", assignee=cast.attorney)
    make_deadline(cast.case, D(2025, 7, 8), title="Soon thing", assignee=cast.attorney)
    make_deadline(cast.outsider_case, D(2025, 7, 8), title="Other org", assignee=cast.outsider)
    with time_machine.travel(NOW, tick=False):
        remind()
        remind()
    digests = digests_sent()
    assert sorted(m.to[0] for m in digests) == sorted([cast.attorney.email, cast.outsider.email])
    mine = next(m for m in digests if m.to == [cast.attorney.email])
    assert "Overdue thing" in mine.body and "Soon thing" in mine.body
    assert "Other org" not in mine.body
    assert DeadlineDigest.objects.filter(on=D(2025, 7, 6)).count() == 2
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        remind()
    assert len(digests_sent()) == 4


def test_database_refuses_a_second_digest_for_the_same_member_and_day(cast: Cast) -> None:
    from django.db import IntegrityError, transaction

    DeadlineDigest.objects.create(user=cast.attorney, on=D(2025, 7, 6), sent_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineDigest.objects.create(user=cast.attorney, on=D(2025, 7, 6), sent_at=NOW)
    DeadlineDigest.objects.create(user=cast.attorney, on=D(2025, 7, 7), sent_at=NOW)
    assert DeadlineDigest.objects.filter(user=cast.attorney).count() == 2
