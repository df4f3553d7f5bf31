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
``rules.assign_county`` (name, then ZIP), once per distinct place (``rules.CountyPlacer``).
A row found by its name, state and ZIP as stored is compared at once; names and addresses
are normalised only when some row is not, a column at a time. Rows are written in bulk, and
the import is audited once on the system chain with the names of the fields it set.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter, ne
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
    CountyPlacer,
    county_table,
    normalize_facility_name,
    normalize_facility_names,
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


class _Normalised:
    """A sheet's names and addresses normalised as facilities are compared, each column at
    once (`normalize_facility_names`), when a row first needs them: a row found by its name,
    state and ZIP as stored never does."""

    def __init__(self, rows: list[SheetRow]) -> None:
        self.rows = rows

    @functools.cached_property
    def names(self) -> list[str]:
        return normalize_facility_names([row.name for row in self.rows])

    @functools.cached_property
    def addresses(self) -> list[str]:
        return normalize_facility_names([row.address for row in self.rows])


def _grouped(pairs: Iterable[tuple[tuple[str, str], Known]]) -> dict[tuple[str, str], list[Known]]:
    """The facilities of (key, facility) pairs by key, each key's in the pairs' order."""
    grouped: dict[tuple[str, str], list[Known]] = {}
    for key, facility in pairs:
        found = grouped.get(key)
        if found is None:
            grouped[key] = [facility]
        else:
            found.append(facility)
    return grouped


class _Index:
    """Existing facilities by the keys a sheet row may match. Only the exact key (name, state
    and ZIP as stored) is built at once: the others, which normalise every facility's names
    and address, when a row first misses it (a re-import of an unchanged sheet never does),
    and the name-and-state key, the last one tried, when a row gets that far."""

    def __init__(self, facilities: list[Known]) -> None:
        self.facilities = facilities
        self.by_key: dict[tuple[str, str, str], Known] = {}
        for f in facilities:
            self.by_key.setdefault((f.name, f.state, f.zip_code), f)

    @functools.cached_property
    def _names(self) -> list[tuple[str, Known]]:
        """(normalised name or alias, facility) for every name and alias of every facility,
        the names of all normalised at once."""
        facilities = self.facilities
        normalised = normalize_facility_names([f.name for f in facilities])
        names = list(zip(normalised, facilities, strict=True))
        for f in facilities:
            if f.aliases_json != "[]":
                names += [(normalize_facility_name(alias), f) for alias in f.aliases]
        return names

    @functools.cached_property
    def by_name_zip(self) -> dict[tuple[str, str], list[Known]]:
        return _grouped(((name, f.zip_code), f) for name, f in self._names)

    @functools.cached_property
    def by_address(self) -> dict[tuple[str, str], list[Known]]:
        facilities = [f for f in self.facilities if f.address]
        addresses = normalize_facility_names([f.address for f in facilities])
        return _grouped(
            ((address, f.zip_code), f) for address, f in zip(addresses, facilities, strict=True)
        )

    @functools.cached_property
    def address_zips(self) -> set[str]:
        return {zip_code for _, zip_code in self.by_address}

    @functools.cached_property
    def by_name_state(self) -> dict[tuple[str, str], list[Known]]:
        return _grouped(((name, f.state), f) for name, f in self._names)

    def match(self, row: SheetRow, taken: set[Any], norms: _Normalised, at: int) -> Known | None:
        """The facility `row` (the `at`-th of the sheet) is, if any is and no row before took
        it: by name, state and ZIP as stored, then by normalised name and ZIP, by street
        address and ZIP, by normalised name and state."""
        exact = self.by_key.get((row.name, row.state, row.zip_code))
        if exact is not None and exact.id not in taken:
            return exact
        # In turn, each key looked up only when the one before found nothing.
        norm = norms.names[at]
        found = self.by_name_zip.get((norm, row.zip_code))
        facility = self._one(found, row, taken) if found else None
        if facility is None and row.zip_code in self.address_zips:
            found = self.by_address.get((norms.addresses[at], row.zip_code))
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
    placed in a county by ``rules.assign_county`` (name, then ZIP; `CountyPlacer`)."""

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
        self._place = CountyPlacer()  # `assign_county`, once per place and county named
        self.rows: list[tuple[Any, ...]] = []  # prepared, in COLUMNS' order

    def add(self, row: SheetRow, state: str, normalised: str | None = None) -> None:
        """A new facility from `row` (its name `normalised` as `normalize_facility_name`
        gives it, when the caller has it)."""
        county = self._place(row.name, row.city, state, row.zip_code, normalised)
        name, fips = county.name, county.fips
        if not (
            self.source_fits
            and len(state) <= _STATE_MAX
            and len(name) <= _COUNTY_MAX
            and len(fips) <= _FIPS_MAX
        ):
            values = sheet_values(row, state, self.sheet)
            values.update(county=name, county_fips=fips)
            _checked(values, row, self.sheet)  # raises naming the row and column
        self.rows.append(
            (
                self._new_id(),
                *row[1:4],  # the name, address and city
                state,
                row.zip_code,
                row.facility_type,
                self._source,
                self._date,
                name,
                fips,
                self._offices[row.aor],
            )
        )

    def table(self) -> TableWriter:
        """The writer, given the rows added so far (to flush)."""
        self.writer.add_prepared_rows(self.rows)
        self.rows = []
        return self.writer


# What the sheet's reader checked of every row (facility_sheet: the blanks, the lengths of the
# name, address, city and type, a state code, a five-digit ZIP) is not checked again per row;
# what it could not check is, and only a row failing that goes to `_checked` for its message.
_STATE_MAX, _COUNTY_MAX, _FIPS_MAX = (
    _TEXT_LIMITS[name][0] for name in ("state", "county", "county_fips")
)


class _Plan(NamedTuple):
    fields: tuple[str, ...]
    pick: Any
    fields_aliased: tuple[str, ...]
    pick_aliased: Any
    renamed: bool


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
        self._source_text = sheet.source  # a property, made anew at each call
        self._plans: dict[tuple[bool, ...], _Plan] = {}
        self.groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}

    def compare(self, row: SheetRow, known: Known, state: str) -> tuple[str, ...] | None:
        """The fields of `known` the sheet row changes, sorted (None when none), its update
        queued."""
        # The name, address and city (`SheetRow`'s order), the state found, and so on.
        text = (*row[1:4], state, row.zip_code, row.facility_type, self._source_text)
        office, was, date = self._offices[row.aor], known[1:8], self._date_text
        if (
            was == text
            and known.field_office_id == office
            and (date is None or known.source_date == date)
        ):
            return None
        # Which values differ, as a key: what follows from it (the fields changed, the getter
        # of their values) is worked out once per key, not per row.
        key = (
            *map(ne, text, was),
            date is not None and known.source_date != date,
            known.field_office_id != office,
        )
        plan = self._plans.get(key) or self._plan(key)
        fields, pick = plan.fields, plan.pick
        aliases, aliases_value = None, None
        if plan.renamed:
            aliases = known.aliases
            if known.name not in aliases:  # the old name kept as an alias
                aliases.append(known.name)
                fields, pick = plan.fields_aliased, plan.pick_aliased
            else:
                aliases = None
        if not (self.source_fits and len(state) <= _STATE_MAX):  # what the reader left
            values = sheet_values(row, state, self.sheet)
            if aliases is not None:
                values["aliases"] = aliases
            _checked(values, row, self.sheet)  # raises naming the row and column
        if aliases is not None:
            aliases_value = self._aliases(aliases)
        row_values = (
            *text[:6],
            self._source,
            self._date,
            office,
            aliases_value,
            self._now,
            known.id,
        )
        self.groups.setdefault(fields, []).append(pick(row_values))
        return fields

    # What `compare` hands a plan's getter, in order, after the fields a set may change.
    _VALUES = (*_SHEET_TEXT, "source_date", "field_office", "aliases")

    def _plan(self, key: tuple[bool, ...]) -> _Plan:
        """What a row whose values differ as `key` says is written: the fields (sorted), and the
        getter of their values, then the time and the id; the same with the aliases when the
        name changed and the old name is not an alias yet."""
        changed = [name for name, differs in zip(self._VALUES, key, strict=False) if differs]
        aliased = [*changed, "aliases"]

        def pick(fields: tuple[str, ...]) -> Any:
            at = [self._VALUES.index(name) for name in fields]
            return itemgetter(*at, len(self._VALUES), len(self._VALUES) + 1)

        plain, with_aliases = tuple(sorted(changed)), tuple(sorted(aliased))
        plan = self._plans[key] = _Plan(
            plain, pick(plain), with_aliases, pick(with_aliases), "name" in changed
        )
        return plan

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
    norms: _Normalised,
) -> tuple[NewFacilities, ChangedFacilities]:
    """New facilities as rows to insert, and changed ones grouped by the fields that changed.
    `plans` are in the sheet's order, as `norms` (a new row's name was normalised to match)."""
    now = timezone.now()
    office_ids = {code: office.id for code, office in offices.items()}
    created = NewFacilities(sheet, office_ids, now)
    updated = ChangedFacilities(sheet, office_ids, now)
    added, changes = report.added, report.changed
    for at, (row, facility, state) in enumerate(plans):
        if facility is None:
            created.add(row, state, norms.names[at])
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
    norms = _Normalised(sheet.rows)
    for at, row in enumerate(sheet.rows):
        facility = index.match(row, taken, norms, at)
        state = row.state or (facility.state if facility else "") or _state_from_zip(row.zip_code)
        if not state:
            raise FacilityImportError(
                f"{sheet.label}, row {row.line}, column State: blank, and the ZIP names no state."
            )
        if facility is not None:
            taken.add(facility.id)
        plans.append((row, facility, state))

    created, changed = _apply(plans, offices, sheet, report, norms)
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
                {f for fields in changed.groups for f in fields} | _set_on_create(added)
            ),
        )
    report.no_longer_listed = sorted(
        f"{f.name} ({f.city}, {f.state})" for f in existing if f.id not in taken
    )
    if dry_run:
        transaction.set_rollback(True)
    return report
