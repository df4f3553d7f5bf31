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
from amparo.exchange.models import ExportRun, ImportRun
from amparo.exchange.progress import describe

if TYPE_CHECKING:
    from amparo.core.access import Actor

Run = TypeVar("Run", ImportRun, ExportRun)

IMPORTER_ROLES = frozenset({Membership.Role.ADMIN, Membership.Role.ATTORNEY})


def import_organisation_for(user: Actor) -> Organisation:
    """The organisation the user imports into: one where they are an admin or attorney."""
    organisation = organisation_for(user, write=True)
    if roles_of(user).get(organisation.id) not in IMPORTER_ROLES:
        raise Http404("No such organisation.")
    return organisation


def import_run_list(user: Actor) -> QuerySet[ImportRun]:
    ids = [org for org, role in roles_of(user).items() if role in IMPORTER_ROLES]
    return ImportRun.objects.filter(organisation_id__in=ids).defer("content")[:50]


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


def import_progress(run: ImportRun) -> str:
    """Rows done, rate and time left, in words."""
    if run.started_at is None:
        return ""
    if run.is_interrupted():  # no rate or time left: it is not running
        return _("%(done)s of %(total)s rows checked when it stopped") % {
            "done": f"{run.rows_done:,}",
            "total": f"{run.rows_total:,}",
        }
    end = run.finished_at.timestamp() if run.finished_at else time.time()
    return describe(run.rows_done, run.rows_total, end - run.started_at.timestamp())


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
    end = run.finished_at.timestamp() if run.finished_at else time.time()
    return describe(run.rows_done, run.rows_total, end - run.started_at.timestamp())
