"""The reminder task runs through Redis and a real RQ worker, as in production
(AMPARO_TASK_BACKEND=rq). Skipped with a notice when no Redis answers, unless REQUIRE_REDIS=1."""

from __future__ import annotations

import datetime
import os

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from amparo.conftest import Cast
from amparo.deadlines.models import DeadlineWarning
from amparo.deadlines.tests.helpers import make_deadline

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
QUEUE = "default"  # the queue the tasks name; on its own Redis database (15) in tests


@pytest.fixture
def redis_queue() -> object:
    import redis

    try:
        connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        connection.ping()
    except redis.RedisError as exc:
        if os.environ.get("REQUIRE_REDIS") == "1":
            raise
        pytest.skip(f"No Redis at {REDIS_URL} ({exc}); the RQ path is not tested here.")
    settings = {
        "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [QUEUE]}},
        "RQ_QUEUES": {QUEUE: {"URL": REDIS_URL}},
    }
    with override_settings(**settings):
        import django_rq
        from django_tasks_rq.backend import Job

        queue = django_rq.get_queue(QUEUE, job_class=Job)
        queue.empty()
        yield queue
        queue.empty()


def test_the_warning_task_is_queued_in_redis_and_run_by_an_rq_worker(
    cast: Cast, redis_queue: object
) -> None:
    from django_tasks import TaskResultStatus
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    from amparo.deadlines.tasks import send_deadline_warning

    deadline = make_deadline(
        cast.case,
        None,
        due_at=timezone.now() + datetime.timedelta(hours=3),
        title="Return to the order to show cause",
        assignee=cast.attorney,
    )
    result = send_deadline_warning.enqueue(deadline_id=str(deadline.pk))
    assert result.status == TaskResultStatus.READY
    assert not mail.outbox  # queued, not run
    # SimpleWorker runs the job in this process, so it sees the test's database transaction.
    worker = SimpleWorker(
        [redis_queue],  # type: ignore[arg-type]
        connection=redis_queue.connection,  # type: ignore[attr-defined]
        job_class=Job,
    )
    assert worker.work(burst=True)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is True
    assert [m.to for m in mail.outbox] == [[cast.attorney.email]]
    assert DeadlineWarning.objects.filter(deadline=deadline).exists()
