"""Background tasks (django-tasks): thin wrappers over the reminder services.

Arguments are strings so every backend can store them. `amparo deadlines remind` queues them;
the database backend's worker (`amparo db_worker`) runs them, tests run them at once.
"""

from __future__ import annotations

import datetime

from django_tasks import task

from amparo.deadlines import services


@task()
def send_deadline_warning(deadline_id: str) -> bool:
    """The 24-hour warning for one deadline; True when an email went out."""
    return services.deadline_warning_send(deadline_id=deadline_id)


@task()
def send_daily_digest(user_id: str, on: str) -> bool:
    """One member's digest for the day `on` (YYYY-MM-DD); True when an email went out."""
    return services.digest_send(user_id=user_id, on=datetime.date.fromisoformat(on))
