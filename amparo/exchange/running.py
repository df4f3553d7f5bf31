"""Running an import: check every row, then write all of it or nothing, keeping the report and
the progress on the run. Called by the import task and by the command line."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from amparo.core.bulk import collections_paused
from amparo.exchange.checking import check_rows, references
from amparo.exchange.columns import Problem, References
from amparo.exchange.importer import CaseWriter
from amparo.exchange.models import ImportRun
from amparo.exchange.progress import Progress
from amparo.exchange.reading import FileUnreadable, read_table
from amparo.exchange.report import Report


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


@dataclass
class ProgressLog:
    """Rows done, the rate and the time left, recorded on the import run at most twice a
    second (outside the write transaction, so another page can read it), with the heartbeat
    that tells a live import from one whose process was killed."""

    run: ImportRun
    echo: Progress | None = None
    started: float = 0.0
    last: float = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.echo:
            self.echo(done, total)
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        ImportRun.objects.filter(pk=self.run.pk).update(
            rows_done=done, rows_total=total, heartbeat_at=timezone.now()
        )

    def beat(self) -> None:
        ImportRun.objects.filter(pk=self.run.pk).update(heartbeat_at=timezone.now())


def import_run_execute(*, run: ImportRun, progress: Progress | None = None) -> Report:
    """Run a queued import: check every row, then write all of it or nothing. The report is
    kept on the run; the file is dropped once the import is written."""
    started = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.RUNNING, started_at=started, heartbeat_at=started
    )
    log = ProgressLog(run, progress, time.monotonic())
    report = Report()
    try:
        table = read_table(run.file_name, bytes(run.content))
    except FileUnreadable as exc:
        report.problems.append(Problem(0, "", str(exc)))
        return _finish(run, report, ImportRun.Status.REFUSED)
    status: str = ImportRun.Status.REFUSED
    with collections_paused():
        refs = references(run.organisation)
        rows = check_rows(table, refs, report, log)
        if not report.problems:
            log.beat()  # the last heartbeat before the write transaction
            try:
                status = _write(run, rows, report, table.header, refs)
            except _DryRun:
                status = ImportRun.Status.CHECKED
    if report.problems:
        status = ImportRun.Status.REFUSED
        report.outcomes.clear()
    log(report.rows, report.rows)
    return _finish(run, report, status)


def _write(
    run: ImportRun, rows: list[Any], report: Report, header: list[str], refs: References
) -> str:
    with transaction.atomic():
        writer = CaseWriter(organisation=run.organisation, actor=run.actor, refs=refs)
        writer.plan(rows, report)
        if report.problems:
            return ImportRun.Status.REFUSED
        if run.dry_run:
            raise _DryRun
        writer.write(run.id, sorted(h for h in header if h))
        ImportRun.objects.filter(pk=run.pk).update(content=b"")
    return ImportRun.Status.DONE


def _finish(run: ImportRun, report: Report, status: str) -> Report:
    run.status = status
    run.report = report.as_dict()
    run.rows_total = run.rows_done = report.rows
    run.finished_at = timezone.now()
    run.save(
        update_fields=["status", "report", "rows_total", "rows_done", "finished_at", "updated_at"]
    )
    return report
