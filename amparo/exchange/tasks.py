"""Background tasks (django-tasks): a thin wrapper over the import service, so a long import
runs in `amparo db_worker` while the page shows its progress."""

from __future__ import annotations

from django_tasks import task

from amparo.exchange import running
from amparo.exchange.models import ImportRun


@task()
def run_import(run_id: str) -> str:
    """Run a queued import; returns its status (the report is kept on the run)."""
    run = ImportRun.objects.select_related("organisation", "actor").get(pk=run_id)
    if run.status != ImportRun.Status.QUEUED:
        return run.status  # already run: a retried task must not import twice
    running.import_run_execute(run=run)
    run.refresh_from_db(fields=["status"])
    return run.status
