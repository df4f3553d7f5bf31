"""Background tasks (django-tasks): thin wrappers over the import and export services, so a
long import or organisation export runs in `amparo db_worker` while the page shows its
progress."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django_tasks import task

from amparo.exchange import export_runs, running
from amparo.exchange.models import ExportRun, ImportRun


@task()
def run_import(run_id: str, language: str = "") -> str:
    """Run a queued import; returns its status (the report is kept on the run).

    `language` is the one the import was started in: the report's reasons are written once, in
    the words of the member who will read them, not in the worker's default language."""
    run = ImportRun.objects.select_related("organisation", "actor").get(pk=run_id)
    if run.status != ImportRun.Status.QUEUED:
        return run.status  # already run: a retried task must not import twice
    with translation.override(language or settings.LANGUAGE_CODE):
        running.import_run_execute(run=run)
    run.refresh_from_db(fields=["status"])
    return run.status


@task()
def run_organisation_export(run_id: str) -> str:
    """Make a queued organisation export; returns its status."""
    run = ExportRun.objects.select_related("organisation", "actor").get(pk=run_id)
    if run.status != ExportRun.Status.QUEUED:
        return run.status  # a retried task must not export twice
    return export_runs.export_run_execute(run=run).status
