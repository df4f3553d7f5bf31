"""The sealer as a background task (django-tasks); `amparo db_worker` runs it."""

from __future__ import annotations

from django_tasks import task

from amparo.audit.sealing import audit_seal


@task()
def seal_audit_trail() -> int:
    """Chain and hash the events recorded since the last run; returns how many."""
    return audit_seal()
