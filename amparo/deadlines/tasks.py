"""Background tasks (django-tasks): thin wrappers over the reminder services, and the sweep that
queues them.

Arguments are strings so every backend can store them. `amparo deadlines remind` queues them;
the database backend's worker (`amparo db_worker`) runs them, tests run them at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django_tasks import task

from amparo.deadlines import reminders
from amparo.deadlines.selectors import deadlines_needing_warning, members_needing_digest


@task()
def send_deadline_warning(deadline_id: str) -> bool:
    """The 24-hour warning for one deadline; True when an email went out."""
    return reminders.deadline_warning_send(deadline_id=deadline_id)


@task()
def send_daily_digest(user_id: str, on: str) -> bool:
    """One member's digest for the day `on` (YYYY-MM-DD); True when an email went out."""
    return reminders.digest_send(user_id=user_id, on=datetime.date.fromisoformat(on))


@dataclass(frozen=True)
class Enqueued:
    warnings: int
    digests: int


def reminders_enqueue(*, now: datetime.datetime | None = None) -> Enqueued:
    """Queue a warning task for each deadline due within 24 hours and not yet warned, and a
    digest task for each member who has not had today's. Safe to run as often as wanted: the
    tasks record what they send and never send twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    warnings = [str(d.pk) for d in deadlines_needing_warning(now)]
    members = [str(user_id) for user_id in members_needing_digest(today)]
    for deadline_id in warnings:
        send_deadline_warning.enqueue(deadline_id=deadline_id)
    for user_id in members:
        send_daily_digest.enqueue(user_id=user_id, on=today.isoformat())
    return Enqueued(warnings=len(warnings), digests=len(members))
