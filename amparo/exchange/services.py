"""Writes of the exchange app: case imports (checked whole, written in one transaction or not at
all, audited once per import and once per case added or changed) and organisation exports
made in the background.

Imports are bulk operations rather than calls of the per-record services: a migrated
organisation brings tens of thousands of rows. The checks those services make are made here
before anything is written (``columns.py``), and the database's constraints back them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amparo.audit.services import audit_record
from amparo.exchange.models import ExportRun, ImportRun
from amparo.exchange.report import Report
from amparo.exchange.running import Progress, import_run_execute
from amparo.exchange.selectors import import_bad_rows
from amparo.exchange.tasks import run_import, run_organisation_export

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from amparo.accounts.models import Organisation, User


@transaction.atomic
def import_run_create(
    *, actor: User | None, organisation: Organisation, file_name: str, data: bytes, dry_run: bool
) -> ImportRun:
    """Keep an uploaded file as a queued import (audited as an upload)."""
    run = ImportRun.objects.create(
        organisation=organisation,
        actor=actor,
        file_name=file_name[:200],
        content=data,
        dry_run=dry_run,
    )
    audit_record(
        actor=actor,
        action="import.check" if dry_run else "import.queue",
        organisation=organisation,
        obj=run,
        changed_fields=["file_name", "content", "dry_run"],
    )
    return run


def import_upload_check(
    *, actor: User, organisation: Organisation, upload: UploadedFile
) -> ImportRun:
    """An uploaded file (checked by ``ImportUploadForm``) kept and checked in the background:
    the preview, row by row, that an admin or attorney confirms (the import pages and the
    API)."""
    run = import_run_create(
        actor=actor,
        organisation=organisation,
        file_name=upload.name or "",
        data=upload.read(),
        dry_run=True,
    )
    import_run_enqueue(run=run)
    return run


def import_bad_rows_download(*, actor: User, run: ImportRun) -> bytes:
    """The rows to fix of an import, recorded as downloaded by `actor` (they hold clients'
    names and numbers)."""
    audit_record(
        actor=actor, action="import.bad_rows.download", organisation=run.organisation, obj=run
    )
    return import_bad_rows(run)


def import_run_enqueue(*, run: ImportRun) -> None:
    """Run the import in the background once the upload is committed, its report in the
    language of the page (or command) that started it."""
    language = translation.get_language() or ""
    transaction.on_commit(lambda: run_import.enqueue(str(run.id), language))


@transaction.atomic
def import_run_confirm(*, actor: User, run: ImportRun) -> ImportRun:
    """Import for real the file a dry run checked (refused unless it found no problem)."""
    if run.status != ImportRun.Status.CHECKED:
        raise ValidationError(_("Only a checked file without problems can be imported."))
    confirmed = import_run_create(
        actor=actor,
        organisation=run.organisation,
        file_name=run.file_name,
        data=bytes(run.content),
        dry_run=False,
    )
    import_run_enqueue(run=confirmed)
    return confirmed


@transaction.atomic
def import_run_rerun(*, actor: User | None, run: ImportRun) -> ImportRun:
    """Run again an import that was interrupted (its process killed before it finished, so
    nothing of it was written): the run is marked interrupted and a new one queued with the
    same file. Refused for any other import."""
    locked = ImportRun.objects.select_for_update().get(pk=run.pk)
    if not locked.is_interrupted() or not locked.content:
        raise ValidationError(_("Only an interrupted import can be run again."))
    again = import_run_create(
        actor=actor,
        organisation=locked.organisation,
        file_name=locked.file_name,
        data=bytes(locked.content),
        dry_run=locked.dry_run,
    )
    locked.status = ImportRun.Status.INTERRUPTED
    locked.finished_at = locked.finished_at or timezone.now()
    locked.content = b""  # the file now lives on the new run
    locked.save(update_fields=["status", "finished_at", "content", "updated_at"])
    audit_record(
        actor=actor,
        action="import.rerun",
        organisation=locked.organisation,
        obj=locked,
        changed_fields=["status"],
    )
    return again


def cases_import(
    *,
    actor: User | None,
    organisation: Organisation,
    file_name: str,
    data: bytes,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportRun, Report]:
    """Import a case file now (the command line); see ``import_run_execute``."""
    run = import_run_create(
        actor=actor, organisation=organisation, file_name=file_name, data=data, dry_run=dry_run
    )
    return run, import_run_execute(run=run, progress=progress)


@transaction.atomic
def export_run_create(*, actor: User, organisation: Organisation) -> ExportRun:
    """Queue an export of the whole organisation (the caller has checked that `actor`
    administers it); made in the background once this commits. Audited as queued here, and
    as ``organisation.export`` when it is made."""
    run = ExportRun.objects.create(organisation=organisation, actor=actor)
    audit_record(
        actor=actor,
        action="organisation.export.queue",
        organisation=organisation,
        obj=run,
        changed_fields=["status"],
    )
    transaction.on_commit(lambda: run_organisation_export.enqueue(str(run.id)))
    return run


def export_run_download(*, actor: User, run: ExportRun) -> None:
    """Record that `actor` downloaded the export (it holds every case of the organisation)."""
    audit_record(
        actor=actor, action="organisation.export.download", organisation=run.organisation, obj=run
    )
