"""Refreshing facilities from ICE's detention-statistics workbook (`amparo facilities import`).

What belongs here: reading the "Facilities FY.." sheet of ICE ERO's detention-statistics
workbook (xlsx), or a CSV with the same columns, checking every row, and upserting
``custody.Facility``. ICE publishes the workbook at https://www.ice.gov/detain/detention-management
(U.S. Government work, public domain).

The import is idempotent and all or nothing: the whole file is read and checked before anything
is written, and a malformed file (no facility sheet, no header row, a missing column, a bad ZIP
or an unknown AOR code) raises ``FacilityImportError`` naming the row and column, with nothing
written. Facilities are never deleted (placements point at them): one the file no longer lists
is reported as such. A facility ICE renamed is found by its street address and ZIP and renamed
in place, keeping the old name as an alias. A new facility is placed in a county by
``rules.assign_county`` (name, then ZIP). Rows are written in bulk, and the import is audited
once on the system chain with the names of the fields it set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amparo.audit.services import audit_record
from amparo.core.bulk import Record, TableWriter, bulk_set, collections_paused, new_id
from amparo.custody.facility_sheet import (
    FacilityImportError,
    Sheet,
    SheetRow,
    read_sheet,
)
from amparo.custody.models import Facility, FieldOffice
from amparo.custody.rules import (
    assign_county,
    county_table,
    normalize_facility_name,
    zip_table,
)

if TYPE_CHECKING:
    from amparo.accounts.models import User


@dataclass
class ImportReport:
    sheet: str
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    no_longer_listed: list[str] = field(default_factory=list)


# --- writing ----------------------------------------------------------------------------------


def _norm_address(value: str) -> str:
    return normalize_facility_name(value)


class _Index:
    """Existing facilities by the keys a sheet row may match."""

    def __init__(self, facilities: list[Record]) -> None:
        self.by_key: dict[tuple[str, str, str], Record] = {}
        self.by_name_zip: dict[tuple[str, str], list[Record]] = {}
        self.by_address: dict[tuple[str, str], list[Record]] = {}
        self.by_name_state: dict[tuple[str, str], list[Record]] = {}
        for f in facilities:
            self.by_key.setdefault((f.name, f.state, f.zip_code), f)
            for name in [f.name, *f.aliases]:
                norm = normalize_facility_name(name)
                self.by_name_zip.setdefault((norm, f.zip_code), []).append(f)
                self.by_name_state.setdefault((norm, f.state), []).append(f)
            if f.address:
                self.by_address.setdefault((_norm_address(f.address), f.zip_code), []).append(f)
        self.address_zips = {zip_code for _, zip_code in self.by_address}

    def match(self, row: SheetRow, taken: set[Any]) -> Record | None:
        exact = self.by_key.get((row.name, row.state, row.zip_code))
        if exact is not None and exact.pk not in taken:
            return exact
        # In turn, each key worked out only when the one before found nothing (most rows of
        # a new sheet match nothing, and the address is the dearest to normalise).
        norm = normalize_facility_name(row.name)
        found = self.by_name_zip.get((norm, row.zip_code))
        facility = self._one(found, row, taken) if found else None
        if facility is None and row.zip_code in self.address_zips:
            found = self.by_address.get((_norm_address(row.address), row.zip_code))
            facility = self._one(found, row, taken) if found else None
        if facility is None and row.state:
            found = self.by_name_state.get((norm, row.state))
            facility = self._one(found, row, taken) if found else None
        return facility

    @staticmethod
    def _one(found: list[Record], row: SheetRow, taken: set[Any]) -> Record | None:
        free = [f for f in dict.fromkeys(found) if f.pk not in taken]
        if row.state:
            free = [f for f in free if f.state == row.state] or free
        return free[0] if len(free) == 1 else None


def _state_from_zip(zip_code: str) -> str:
    shares = zip_table().counties(zip_code)
    if not shares:
        return ""
    rows = county_table().by_fips.get(shares[0][0], [])
    return rows[0].state if rows else ""


def _set_on_create(added: bool) -> set[str]:
    return {*(_VALUE_FIELDS), "county", "county_fips"} if added else set()


# The columns of the facilities Amparo has that an import compares or reports.
LOADED: tuple[str, ...] = (
    "id",
    "name",
    "aliases",
    "address",
    "city",
    "state",
    "zip_code",
    "facility_type",
)
LOADED += ("field_office_id", "source", "source_date")

_VALUE_FIELDS = (
    "name",
    "address",
    "city",
    "state",
    "zip_code",
    "facility_type",
    "field_office",
    "source",
    "source_date",
)


# The text fields a row sets, with their limits: checked in Python for every row, and only a
# row failing them is given to ``clean_fields`` (for its message). Building a model object and
# running every field's validators per row cost more than the rest of the import.
_TEXT_LIMITS = {
    f.attname: (f.max_length or 10**9, f.blank)
    for f in Facility._meta.concrete_fields
    if f.get_internal_type() == "CharField"
}


def _quick_valid(values: dict[str, Any]) -> bool:
    for name, value in values.items():
        limit = _TEXT_LIMITS.get(name)
        if limit is None:
            continue
        if type(value) is not str or len(value) > limit[0] or "\x00" in value:
            return False
        if not value and not limit[1]:
            return False
    return True


def _checked(values: dict[str, Any], row: SheetRow, sheet: Sheet) -> dict[str, Any]:
    """`values` (attname -> value) of a facility, or FacilityImportError naming the row and
    column of the first field that fails its checks."""
    if _quick_valid(values):
        return values
    # Field checks only (the field office was read from the database; uniqueness is the
    # database's): a query per row would cost more than the import.
    facility = Facility(**values)
    try:
        facility.clean_fields(exclude=["id", "created_at", "updated_at", "field_office"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise FacilityImportError(
            f"{sheet.label}, row {row.line}, column {field}: {' '.join(messages)}"
        ) from None
    return values


def sheet_values(row: SheetRow, state: str, sheet: Sheet) -> dict[str, Any]:
    """What a sheet row sets on its facility (attname -> value)."""
    values: dict[str, Any] = {
        "name": row.name,
        "address": row.address,
        "city": row.city,
        "state": state,
        "zip_code": row.zip_code,
        "facility_type": row.facility_type,
        "source": sheet.source,
    }
    if sheet.pull_date is not None:
        values["source_date"] = sheet.pull_date
    return values


class NewFacilities:
    """New facilities as rows of one INSERT: the sheet's text as it is (the reader made it
    text), what repeats down a column (the source, the field office) prepared once, each
    placed in a county by ``rules.assign_county`` (name, then ZIP)."""

    # The order of `add`'s values: the sheet's fields, then the county, then the office.
    COLUMNS = (
        "id",
        *(name for name in _VALUE_FIELDS if name != "field_office"),
        "county",
        "county_fips",
        "field_office",
    )

    def __init__(self, sheet: Sheet, office_ids: dict[str, Any], now: Any = None) -> None:
        self.sheet = sheet
        self.writer = writer = TableWriter(Facility, self.COLUMNS, now=now)
        self._id = writer.prepared("id")
        self._source = writer.prepared("source")(sheet.source)
        self._date = writer.prepared("source_date")(sheet.pull_date)
        office = writer.prepared("field_office")
        self._offices = {code: office(office_id) for code, office_id in office_ids.items()}
        self.source_fits = _quick_valid({"source": sheet.source})

    def add(self, row: SheetRow, state: str) -> None:
        county = assign_county(
            name=row.name, city=row.city, state=state, zip_code=row.zip_code, span_notes=False
        )
        if not (self.source_fits and _fits(state, county.name, county.fips)):
            values = sheet_values(row, state, self.sheet)
            values.update(county=county.name, county_fips=county.fips)
            _checked(values, row, self.sheet)  # raises naming the row and column
        self.writer.add_prepared(
            self._id(new_id()),
            row.name,
            row.address,
            row.city,
            state,
            row.zip_code,
            row.facility_type,
            self._source,
            self._date,
            county.name,
            county.fips,
            self._offices[row.aor],
        )


# What the sheet's reader checked of every row (facility_sheet: the blanks, the lengths of the
# name, address, city and type, a state code, a five-digit ZIP) is not checked again per row;
# what it could not check is, and only a row failing that goes to `_checked` for its message.
_STATE_MAX, _COUNTY_MAX, _FIPS_MAX = (
    _TEXT_LIMITS[name][0] for name in ("state", "county", "county_fips")
)


def _fits(state: str, county: str = "", county_fips: str = "") -> bool:
    return len(state) <= _STATE_MAX and len(county) <= _COUNTY_MAX and len(county_fips) <= _FIPS_MAX


def _apply(
    plans: list[tuple[SheetRow, Record | None, str]],
    offices: dict[str, FieldOffice],
    sheet: Sheet,
    report: ImportReport,
) -> tuple[TableWriter, dict[tuple[str, ...], list[Record]]]:
    """New facilities as rows to insert, and changed ones grouped by the fields that changed."""
    now = timezone.now()
    created = NewFacilities(sheet, {code: office.id for code, office in offices.items()}, now)
    source_fits = created.source_fits
    updated: dict[tuple[str, ...], list[Record]] = {}
    added = report.added
    for row, facility, state in plans:
        if facility is None:
            created.add(row, state)
            added.append(f"{row.name} ({row.city}, {state})")
            continue
        office = offices[row.aor]
        values = sheet_values(row, state, sheet)
        changed = [name for name, value in values.items() if getattr(facility, name) != value]
        if facility.field_office_id != office.id:
            changed.append("field_office")
        if not changed:
            report.unchanged += 1
            continue
        if "name" in changed and facility.name not in facility.aliases:
            values["aliases"] = [*facility.aliases, facility.name]
            changed.append("aliases")
        before = facility.name
        if not (source_fits and _fits(state)):
            _checked(values, row, sheet)
        for name, value in values.items():
            setattr(facility, name, value)
        facility.field_office_id = office.id
        facility.updated_at = now
        updated.setdefault(tuple(sorted(changed)), []).append(facility)
        label = row.name if before == row.name else f"{before} → {row.name}"
        report.changed.append((f"{label} ({row.city}, {state})", sorted(changed)))
    return created.writer, updated


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
    existing = Record.load(Facility.objects.all(), LOADED)
    index = _Index(existing)
    report = ImportReport(sheet=sheet.label)
    taken: set[Any] = set()
    plans: list[tuple[SheetRow, Record | None, str]] = []
    for row in sheet.rows:
        facility = index.match(row, taken)
        state = row.state or (facility.state if facility else "") or _state_from_zip(row.zip_code)
        if not state:
            raise FacilityImportError(
                f"{sheet.label}, row {row.line}, column State: blank, and the ZIP names no state."
            )
        if facility is not None:
            taken.add(facility.pk)
        plans.append((row, facility, state))

    created, updated = _apply(plans, offices, sheet, report)
    # Reference data, written in bulk: one audit event for the import, naming what it set.
    added = bool(created.pending)
    created.flush()
    for fields, facilities in updated.items():
        bulk_set(Facility, facilities, [*fields, "updated_at"])
    if added or updated:
        audit_record(
            actor=actor,
            action="facility.import",
            organisation=None,
            changed_fields=sorted(
                {f for fields in updated for f in fields} | _set_on_create(added)
            ),
        )
    report.no_longer_listed = sorted(
        f"{f.name} ({f.city}, {f.state})" for f in existing if f.pk not in taken
    )
    if dry_run:
        transaction.set_rollback(True)
    return report
