"""Refreshing facilities from ICE's detention-statistics workbook (`amparo facilities import`).

What belongs here: the import's steps, run in one transaction, that upsert ``custody.Facility``
from the "Facilities FY.." sheet of ICE ERO's detention-statistics workbook (xlsx), or a CSV
with the same columns. ICE publishes the workbook at https://www.ice.gov/detain/detention-management
(U.S. Government work, public domain).

The import is idempotent and all or nothing: the whole file is read and checked before anything
is written, and a malformed file (no facility sheet, no header row, a missing column, a bad ZIP
or an unknown AOR code) raises ``FacilityImportError`` naming the row and column, with nothing
written. Facilities are never deleted (placements point at them): one the file no longer lists
is reported as such. A facility ICE renamed is found by its street address and ZIP and renamed
in place, keeping the old name as an alias. A new facility is placed in a county by
``rules.assign_county`` (name, then ZIP), once per distinct place (``rules.CountyPlacer``).

Here are the import's steps, in order: the sheet read (`facility_files`) and its rows checked
(`facility_sheet`), its
rows matched to the facilities Amparo has (`facility_match`), the new ones prepared
(`facility_rows`) and the changed ones compared (`facility_changes`), each written in bulk,
and the import audited once on the system chain with the names of the fields it set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import filterfalse
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from amparo.audit.services import audit_record
from amparo.core.bulk import collections_paused
from amparo.custody.facility_changes import ChangedFacilities, Matched
from amparo.custody.facility_files import read_sheet
from amparo.custody.facility_match import FacilityIndex, Known, NormalisedRows, known_facilities
from amparo.custody.facility_rows import NewFacilities, fields_set_on_create
from amparo.custody.facility_sheet import FacilityImportError, Sheet, SheetRow
from amparo.custody.models import FieldOffice
from amparo.custody.rules import county_table, zip_table

if TYPE_CHECKING:
    from amparo.accounts.models import User


@dataclass
class ImportReport:
    sheet: str
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    no_longer_listed: list[str] = field(default_factory=list)


def state_from_zip(zip_code: str) -> str:
    """The state of the first county a ZIP code lies in, or "" when the ZIP names none."""
    shares = zip_table().counties(zip_code)
    if not shares:
        return ""
    rows = county_table().by_fips.get(shares[0][0], [])
    return rows[0].state if rows else ""


def _apply(
    plans: list[tuple[SheetRow, int | None, str]],
    known: Known,
    offices: dict[str, FieldOffice],
    sheet: Sheet,
    report: ImportReport,
    norms: NormalisedRows,
) -> tuple[NewFacilities, ChangedFacilities]:
    """New facilities as rows to insert, and changed ones grouped by the fields that changed.
    `plans` are in the sheet's order, as `norms` (a new row's name was normalised to match),
    each matched facility by its position in `known`."""
    now = timezone.now()
    office_ids = {code: office.id for code, office in offices.items()}
    created = NewFacilities(sheet, office_ids, now)
    updated = ChangedFacilities(sheet, known, office_ids, now)
    added = report.added
    matched: Matched = []
    # When a row may fail a check the reader could not make, the matched rows are compared
    # one at a time in the sheet's order, so the first bad row is named, new or not; else all
    # at once (`compare`).
    one_by_one = not updated.fits(map(itemgetter(2), plans))
    for at, (row, facility, state) in enumerate(plans):
        if facility is None:
            created.add(row, state, norms.names[at])
            added.append(f"{row.name} ({row.city}, {state})")
        elif one_by_one:
            one = [(row, facility, state)]
            _report_changes(report, known, one, updated.compare(one))
        else:
            matched.append((row, facility, state))
    _report_changes(report, known, matched, updated.compare(matched))
    return created, updated


def _report_changes(
    report: ImportReport, known: Known, matched: Matched, changes: list[tuple[str, ...] | None]
) -> None:
    """Matched rows in the report: each changed one by its name (old → new when renamed),
    city and state, with the fields it changed; the others counted as unchanged."""
    labels, names = report.changed, known.names
    for (row, facility, state), fields in zip(matched, changes, strict=True):
        if fields is None:
            report.unchanged += 1
            continue
        before = names[facility]
        label = row.name if before == row.name else f"{before} → {row.name}"
        labels.append((f"{label} ({row.city}, {state})", list(fields)))


def facilities_import(
    *, path: Path, actor: User | None = None, dry_run: bool = False
) -> ImportReport:
    """Upsert the facilities of an ICE facility sheet; report added, changed, no longer listed.

    Raises FacilityImportError, before any write, if the file is malformed. With ``dry_run``
    the changes are computed and rolled back.
    """
    with collections_paused():
        return _facilities_import(path=path, actor=actor, dry_run=dry_run)


@transaction.atomic
def _facilities_import(*, path: Path, actor: User | None, dry_run: bool) -> ImportReport:
    offices = {office.code: office for office in FieldOffice.objects.all()}
    if not offices:
        raise FacilityImportError(
            "No ICE field offices in the database: run `amparo reference load`."
        )
    sheet = read_sheet(path, set(offices))
    known = known_facilities()
    index = FacilityIndex(known)
    report = ImportReport(sheet=sheet.label)
    plans: list[tuple[SheetRow, int | None, str]] = []
    norms = NormalisedRows(sheet.rows)
    stored_states = known.states
    for row, facility in zip(sheet.rows, index.match(sheet.rows, norms), strict=True):
        state = (
            row.state
            or (stored_states[facility] if facility is not None else "")
            or state_from_zip(row.zip_code)
        )
        if not state:
            raise FacilityImportError(
                f"{sheet.label}, row {row.line}, column State: blank, and the ZIP names no state."
            )
        plans.append((row, facility, state))
    taken = {facility for _row, facility, _state in plans if facility is not None}

    created, changed = _apply(plans, known, offices, sheet, report, norms)
    # Reference data, written in bulk: one audit event for the import, naming what it set.
    table = created.table()
    added = bool(table.pending)
    table.flush()
    changed.flush()
    if added or changed.groups:
        audit_record(
            actor=actor,
            action="facility.import",
            organisation=None,
            changed_fields=sorted(
                {f for fields in changed.groups for f in fields} | fields_set_on_create(added)
            ),
        )
    report.no_longer_listed = sorted(
        map(known.label, filterfalse(taken.__contains__, range(known.count)))
    )
    if dry_run:
        transaction.set_rollback(True)
    return report
