"""Running an organisation export in the background (the page shows its progress, then offers
the zip): the same stream as ``amparo export organisation``, written to storage."""

from __future__ import annotations

import tempfile
import time

from django.core.files import File
from django.utils import timezone

from amparo.exchange.export import organisation_export
from amparo.exchange.models import ExportRun


class _ProgressLog:
    """Cases done recorded on the run at most twice a second, for the page that polls it."""

    def __init__(self, run: ExportRun) -> None:
        self.run, self.last = run, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        ExportRun.objects.filter(pk=self.run.pk).update(rows_done=done, rows_total=total)


def export_run_execute(*, run: ExportRun) -> ExportRun:
    """Make the export of a queued run and keep it on the run; a failure is recorded as such
    (and raised again, so the worker logs it)."""
    started = timezone.now()
    ExportRun.objects.filter(pk=run.pk).update(status=ExportRun.Status.RUNNING, started_at=started)
    run.started_at = started
    try:
        with tempfile.TemporaryFile() as fh:
            for chunk in organisation_export(
                user=run.actor, organisation=run.organisation, progress=_ProgressLog(run)
            ):
                fh.write(chunk)
            fh.seek(0)
            run.file.save(f"{run.organisation.slug}-export-{run.id}.zip", File(fh), save=False)
    except Exception:
        ExportRun.objects.filter(pk=run.pk).update(
            status=ExportRun.Status.FAILED, finished_at=timezone.now()
        )
        raise
    run.refresh_from_db(fields=["rows_done", "rows_total"])
    run.status = ExportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["file", "status", "finished_at", "updated_at"])
    return run
