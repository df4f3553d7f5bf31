"""Reads of the exchange app for views, the API and commands, through ``core/access.py``:
imports are seen by the admins and attorneys of their organisation, organisation exports by
its admins only; case exports are in ``export.py``."""

from __future__ import annotations

import time
import uuid
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, Organisation
from amparo.core.access import organisation_for, roles_of
from amparo.exchange.columns import Problem
from amparo.exchange.models import ExportRun, ImportRun
from amparo.exchange.progress import describe
from amparo.exchange.report import Outcome, Report, bad_rows_csv

if TYPE_CHECKING:
    from amparo.core.access import Actor

Run = TypeVar("Run", ImportRun, ExportRun)

IMPORTER_ROLES = frozenset({Membership.Role.ADMIN, Membership.Role.ATTORNEY})


def import_organisation_for(user: Actor, *, slug: str | None = None) -> Organisation:
    """The organisation the user imports into: one where they are an admin or attorney (a
    slug chooses one among several)."""
    organisation = organisation_for(user, write=True, slug=slug)
    if roles_of(user).get(organisation.id) not in IMPORTER_ROLES:
        raise Http404("No such organisation.")
    return organisation


def import_run_list(
    user: Actor, *, organisation: Organisation | None = None
) -> QuerySet[ImportRun]:
    """The latest 50 imports of the organisations where the user imports (or of one)."""
    ids = [org for org, role in roles_of(user).items() if role in IMPORTER_ROLES]
    if organisation is not None:
        ids = [org for org in ids if org == organisation.id]
    runs = ImportRun.objects.filter(organisation_id__in=ids).select_related("organisation")
    return runs.defer("content")[:50]


def _run_of(model: type[Run], user: Actor, roles: Collection[str], run_id: Any) -> Run:
    """A run of an organisation where the user holds one of `roles`; Http404 for anyone else."""
    ids = [org for org, role in roles_of(user).items() if role in roles]
    try:
        wanted = uuid.UUID(str(run_id))
    except ValueError:
        raise Http404("No such run.") from None
    run = model.objects.filter(organisation_id__in=ids, id=wanted).first()
    if run is None:
        raise Http404("No such run.")
    return run


def import_run_get(user: Actor, run_id: Any) -> ImportRun:
    """An import of the user's organisation; Http404 for anyone else, as for any record."""
    return _run_of(ImportRun, user, IMPORTER_ROLES, run_id)


def _seconds_running(run: ImportRun | ExportRun) -> float:
    assert run.started_at is not None
    end = run.finished_at.timestamp() if run.finished_at else time.time()
    return end - run.started_at.timestamp()


def import_progress(run: ImportRun) -> str:
    """Rows done, rate and time left, in words."""
    if run.started_at is None:
        return ""
    if run.is_interrupted():  # no rate or time left: it is not running
        return _("%(done)s of %(total)s rows checked when it stopped") % {
            "done": f"{run.rows_done:,}",
            "total": f"{run.rows_total:,}",
        }
    return describe(run.rows_done, run.rows_total, _seconds_running(run))


def import_rate(run: ImportRun) -> tuple[float, float] | None:
    """Rows per second and seconds left, for programs; None before it starts or once it was
    interrupted."""
    if run.started_at is None or run.is_interrupted():
        return None
    seconds = _seconds_running(run)
    rate = run.rows_done / seconds if seconds > 0 else 0.0
    return rate, ((run.rows_total - run.rows_done) / rate if rate else 0.0)


def import_report(run: ImportRun) -> Report:
    """The report kept on the run, as the importer made it."""
    kept = run.report or {}
    report = Report(rows=int(kept.get("rows", 0)))
    for problem in kept.get("problems", []):
        report.problems.append(Problem(problem["row"], problem["column"], problem["reason"]))
    for line, result, changed in kept.get("outcomes", []):
        report.outcomes.append(Outcome(line, result, list(changed)))
    return report


def import_bad_rows(run: ImportRun) -> bytes:
    """The rows with a problem, as a CSV to fix (empty once the file is gone)."""
    if not run.content:
        return b""
    return bad_rows_csv(run.file_name, bytes(run.content), import_report(run))


def imports_allowed(user: Actor) -> bool:
    """Whether the user may import into an organisation (an admin or attorney of one)."""
    return any(role in IMPORTER_ROLES for role in roles_of(user).values())


def exports_allowed(user: Actor) -> bool:
    """Whether the user administers an organisation, and so may export it whole."""
    return Membership.Role.ADMIN in roles_of(user).values()


def export_run_list(user: Actor) -> QuerySet[ExportRun]:
    """The organisation exports of the organisations the user administers, newest first."""
    ids = [org for org, role in roles_of(user).items() if role == Membership.Role.ADMIN]
    return ExportRun.objects.filter(organisation_id__in=ids)[:20]


def export_run_get(user: Actor, run_id: Any) -> ExportRun:
    """An organisation export of an organisation the user administers; Http404 for anyone
    else, as for any record."""
    return _run_of(ExportRun, user, {Membership.Role.ADMIN}, run_id)


def export_progress(run: ExportRun) -> str:
    """Cases done, rate and time left, in words."""
    if run.started_at is None:
        return ""
    return describe(run.rows_done, run.rows_total, _seconds_running(run), cases=True)
