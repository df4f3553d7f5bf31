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

import json
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from amparo.audit.services import audit_record
from amparo.core.bulk import (
    TableWriter,
    collections_paused,
    json_prepper,
    prepared_ids,
    prepper,
)
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


# Street addresses are compared as names are (abbreviations spelled out, punctuation dropped).
_norm_address = normalize_facility_name


class Known(NamedTuple):
    """A facility Amparo has, as the database holds it (its id and field office as stored, the
    aliases as their JSON text), read with one SELECT: no model object, no converter per
    value. The text columns a sheet sets come first, in `_SHEET_TEXT`'s order."""

    id: Any
    name: str
    address: str
    city: str
    state: str
    zip_code: str
    facility_type: str
    source: str
    field_office_id: Any
    source_date: str | None  # as text, YYYY-MM-DD (the same on both databases)
    aliases_json: str

    @property
    def aliases(self) -> list[str]:
        return [] if self.aliases_json == "[]" else list(json.loads(self.aliases_json))


# The sheet's text fields, in the order of `Known`'s columns after the id.
_SHEET_TEXT = ("name", "address", "city", "state", "zip_code", "facility_type", "source")


def _column(name: str) -> str:
    return str(Facility._meta.get_field(name).column)  # type: ignore[union-attr]


def known_facilities() -> list[Known]:
    """Every facility Amparo has, with the columns an import compares or reports."""
    quote = connection.ops.quote_name
    meta = Facility._meta
    columns = ", ".join(quote(_column(name)) for name in Known._fields[:-2])
    # The date as text: SQLite's driver would parse each one in Python.
    date = f"CAST({quote('source_date')} AS TEXT)"
    sql = f"SELECT {columns}, {date}, {quote('aliases')} FROM {quote(meta.db_table)}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(map(tuple.__new__, repeat(Known), cursor.fetchall()))


class _Index:
    """Existing facilities by the keys a sheet row may match. The name-and-state key, the last
    one tried, is built only when a row gets that far (a renamed sheet's rows are found by
    their address before)."""

    def __init__(self, facilities: list[Known]) -> None:
        self.facilities = facilities
        self.by_key: dict[tuple[str, str, str], Known] = {}
        self.by_name_zip: dict[tuple[str, str], list[Known]] = {}
        self.by_address: dict[tuple[str, str], list[Known]] = {}
        self._by_name_state: dict[tuple[str, str], list[Known]] | None = None
        by_key, by_name_zip, by_address = self.by_key, self.by_name_zip, self.by_address
        for f in facilities:
            by_key.setdefault((f.name, f.state, f.zip_code), f)
            for name in (f.name, *f.aliases) if f.aliases_json != "[]" else (f.name,):
                by_name_zip.setdefault((normalize_facility_name(name), f.zip_code), []).append(f)
            if f.address:
                by_address.setdefault((_norm_address(f.address), f.zip_code), []).append(f)
        self.address_zips = {zip_code for _, zip_code in by_address}

    @property
    def by_name_state(self) -> dict[tuple[str, str], list[Known]]:
        if self._by_name_state is None:
            self._by_name_state = {}
            for f in self.facilities:
                for name in [f.name, *f.aliases]:
                    key = (normalize_facility_name(name), f.state)
                    self._by_name_state.setdefault(key, []).append(f)
        return self._by_name_state

    def match(self, row: SheetRow, taken: set[Any]) -> Known | None:
        exact = self.by_key.get((row.name, row.state, row.zip_code))
        if exact is not None and exact.id not in taken:
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
    def _one(found: list[Known], row: SheetRow, taken: set[Any]) -> Known | None:
        if len(found) == 1:  # the usual answer: one candidate, whatever its state
            return found[0] if found[0].id not in taken else None
        free = [f for f in dict.fromkeys(found) if f.id not in taken]
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
        self._new_id = prepared_ids(writer.prepared("id"))
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
            self._new_id(),
            *row[1:4],  # the name, address and city
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


class ChangedFacilities:
    """Facilities Amparo has that a sheet changes, as rows of one prepared UPDATE per set of
    fields changed (``executemany``): the values as the database takes them, the id as it was
    read. Compared in the same form, so nothing is converted per row but what changed."""

    def __init__(self, sheet: Sheet, office_ids: dict[str, Any], now: Any) -> None:
        self.sheet = sheet
        fields = {f.name: f for f in Facility._meta.concrete_fields}
        prep = {
            name: prepper(fields[name], connection)
            for name in ("source", "source_date", "field_office", "updated_at")
        }
        self._source = prep["source"](sheet.source)
        self._date = prep["source_date"](sheet.pull_date)
        self._now = prep["updated_at"](now)
        self._aliases = json_prepper(fields["aliases"], connection)  # one list per facility
        self._offices = {code: prep["field_office"](pk) for code, pk in office_ids.items()}
        self.source_fits = _quick_valid({"source": sheet.source})
        self._date_text = sheet.pull_date.isoformat() if sheet.pull_date else None
        self._picks: dict[tuple[str, ...], Any] = {}
        self.groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}

    def compare(self, row: SheetRow, known: Known, state: str) -> tuple[str, ...] | None:
        """The fields of `known` the sheet row changes, sorted (None when none), its update
        queued."""
        sheet = self.sheet
        # The name, address and city (`SheetRow`'s order), the state found, and so on.
        text = (*row[1:4], state, row.zip_code, row.facility_type, sheet.source)
        office, was, date = self._offices[row.aor], known[1:8], self._date_text
        if (
            was == text
            and known.field_office_id == office
            and (date is None or known.source_date == date)
        ):
            return None
        pairs = zip(_SHEET_TEXT, text, was, strict=True)
        changed = [name for name, new, old in pairs if new != old]
        if date is not None and known.source_date != date:
            changed.append("source_date")
        if known.field_office_id != office:
            changed.append("field_office")
        aliases = None
        if "name" in changed:
            aliases = known.aliases
            if known.name not in aliases:
                aliases.append(known.name)
                changed.append("aliases")
        if not (self.source_fits and len(state) <= _STATE_MAX):  # what the reader left
            values = sheet_values(row, state, sheet)
            if "aliases" in changed:
                values["aliases"] = aliases
            _checked(values, row, sheet)  # raises naming the row and column
        fields = tuple(sorted(changed))
        pick = self._picks.get(fields) or self._pick(fields)
        aliases_value = self._aliases(aliases) if "aliases" in changed else None
        values_ = (*text[:6], self._source, self._date, office, aliases_value, self._now, known.id)
        self.groups.setdefault(fields, []).append(pick(values_))
        return fields

    # What `compare` hands `_pick`'s getter, in order, after the fields a set may change.
    _VALUES = (*_SHEET_TEXT, "source_date", "field_office", "aliases")

    def _pick(self, fields: tuple[str, ...]) -> Any:
        """The getter of an UPDATE's values for a set of changed fields: those fields, then
        the time and the id."""
        at = [self._VALUES.index(name) for name in fields]
        pick = self._picks[fields] = itemgetter(*at, len(self._VALUES), len(self._VALUES) + 1)
        return pick

    def flush(self) -> None:
        """One prepared UPDATE per set of fields, run for every row; on PostgreSQL the rows
        are copied into a temporary table (``COPY``) and applied by one ``UPDATE … FROM``."""
        quote = connection.ops.quote_name
        table = quote(Facility._meta.db_table)
        with connection.cursor() as cursor:
            for fields, rows in self.groups.items():
                columns = [quote(_column(name)) for name in (*fields, "updated_at", "id")]
                if connection.vendor == "postgresql":
                    _update_from_copy(cursor, table, columns, rows)
                    continue
                sets = ", ".join(f"{column} = %s" for column in columns[:-1])
                cursor.executemany(f"UPDATE {table} SET {sets} WHERE {columns[-1]} = %s", rows)


def _update_from_copy(cursor: Any, table: str, columns: list[str], rows: list[Any]) -> None:
    """`rows` (the values of `columns`, the id last) written into `table` by id: COPY into a
    temporary table of the same column types, then one UPDATE joined on the id. Profiled on
    PostgreSQL, an UPDATE run per row cost the server several times what COPY does."""
    changes = "amparo_facility_changes"
    names = ", ".join(columns)
    cursor.execute(
        f"CREATE TEMPORARY TABLE {changes} ON COMMIT DROP AS "
        f"SELECT {names} FROM {table} WITH NO DATA"
    )
    with cursor.cursor.copy(f"COPY {changes} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    sets = ", ".join(f"{column} = c.{column}" for column in columns[:-1])
    cursor.execute(
        f"UPDATE {table} t SET {sets} FROM {changes} c WHERE t.{columns[-1]} = c.{columns[-1]}"
    )
    cursor.execute(f"DROP TABLE {changes}")


def _apply(
    plans: list[tuple[SheetRow, Known | None, str]],
    offices: dict[str, FieldOffice],
    sheet: Sheet,
    report: ImportReport,
) -> tuple[NewFacilities, ChangedFacilities]:
    """New facilities as rows to insert, and changed ones grouped by the fields that changed."""
    now = timezone.now()
    office_ids = {code: office.id for code, office in offices.items()}
    created = NewFacilities(sheet, office_ids, now)
    updated = ChangedFacilities(sheet, office_ids, now)
    added, changes = report.added, report.changed
    for row, facility, state in plans:
        if facility is None:
            created.add(row, state)
            added.append(f"{row.name} ({row.city}, {state})")
            continue
        changed = updated.compare(row, facility, state)
        if changed is None:
            report.unchanged += 1
            continue
        before = facility.name
        label = row.name if before == row.name else f"{before} → {row.name}"
        changes.append((f"{label} ({row.city}, {state})", list(changed)))
    return created, updated


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
    existing = known_facilities()
    index = _Index(existing)
    report = ImportReport(sheet=sheet.label)
    taken: set[Any] = set()
    plans: list[tuple[SheetRow, Known | None, str]] = []
    for row in sheet.rows:
        facility = index.match(row, taken)
        state = row.state or (facility.state if facility else "") or _state_from_zip(row.zip_code)
        if not state:
            raise FacilityImportError(
                f"{sheet.label}, row {row.line}, column State: blank, and the ZIP names no state."
            )
        if facility is not None:
            taken.add(facility.id)
        plans.append((row, facility, state))

    created, changed = _apply(plans, offices, sheet, report)
    # Reference data, written in bulk: one audit event for the import, naming what it set.
    added = bool(created.writer.pending)
    created.writer.flush()
    changed.flush()
    if added or changed.groups:
        audit_record(
            actor=actor,
            action="facility.import",
            organisation=None,
            changed_fields=sorted(
                {f for fields in changed.groups for f in fields} | _set_on_create(added)
            ),
        )
    report.no_longer_listed = sorted(
        f"{f.name} ({f.city}, {f.state})" for f in existing if f.id not in taken
    )
    if dry_run:
        transaction.set_rollback(True)
    return report
