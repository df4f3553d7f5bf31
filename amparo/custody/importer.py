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
are normalised only when some row is not, a column at a time. Matching looks each key up for
the whole sheet at once and compares the matched rows a column at a time (the Python per row
cost more than the database's writes). Rows are written in bulk, and the import is audited
once on the system chain with the names of the fields it set.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_not, itemgetter, ne, not_
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from amparo.audit.services import audit_record
from amparo.core.bulk import TableWriter, collections_paused
from amparo.core.converters import json_lists_of_one, json_prepper, prepared_ids, prepper
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
    """A facility Amparo has, as the database holds it (its key and field office as text, the
    aliases as their JSON text), read with one SELECT: no model object, no converter per
    value. The text columns a sheet sets come first, in `_SHEET_TEXT`'s order."""

    key: Any  # what tells facilities apart and finds the row to update (`_key`)
    name: str
    address: str
    city: str
    state: str
    zip_code: str
    facility_type: str
    source: str
    field_office_id: str | None  # as text (`_as_text`)
    source_date: str | None  # as text, YYYY-MM-DD (the same on both databases)
    aliases_json: str

    @property
    def aliases(self) -> list[str]:
        return [] if self.aliases_json == "[]" else list(json.loads(self.aliases_json))


# The sheet's text fields, in the order of `Known`'s columns after the key.
_SHEET_TEXT = ("name", "address", "city", "state", "zip_code", "facility_type", "source")
# Where `Known`'s columns are, for the code that works on them transposed (a column at a time).
_KEY, _NAME, _ADDRESS, _STATE, _ZIP, _OFFICE, _DATE, _ALIASES = map(
    Known._fields.index,
    (
        "key",
        "name",
        "address",
        "state",
        "zip_code",
        "field_office_id",
        "source_date",
        "aliases_json",
    ),
)


def _column(name: str) -> str:
    return str(Facility._meta.get_field(name).column)  # type: ignore[union-attr]


def _key() -> str:
    """What an import tells facilities apart by and finds a row to update by: on SQLite the
    rowid, the table's own key (by the id, each updated row was first looked up in the
    primary-key index: a quarter of the UPDATE's time, measured); elsewhere the id as text
    (a ``uuid.UUID`` per row was parsed, then hashed and compared in Python)."""
    if connection.vendor == "sqlite":
        return "rowid"
    return _as_text("id")


def _as_text(column: str) -> str:
    return f"CAST({connection.ops.quote_name(column)} AS TEXT)"


def known_facilities() -> list[Known]:
    """Every facility Amparo has, with the columns an import compares or reports."""
    quote = connection.ops.quote_name
    text = ", ".join(quote(_column(name)) for name in _SHEET_TEXT)
    # The office and the date as text: the drivers would make a UUID or a date of each.
    office, date = _as_text(_column("field_office")), _as_text("source_date")
    table = quote(Facility._meta.db_table)
    sql = f"SELECT {_key()}, {text}, {office}, {date}, {quote('aliases')} FROM {table}"
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


# What a key finds: the one facility it names (nearly every key), or the several it names.
Found = Known | list[Known]


def _grouped(keys: Sequence[tuple[str, str]], facilities: Sequence[Known]) -> dict[Any, Found]:
    """The facilities by their keys (`keys[i]` is `facilities[i]`'s), each key's in the given
    order. The dictionary is built in C; only a key given more than once is walked for its
    list (built row by row, grouping was most of what building the keys cost)."""
    grouped: dict[Any, Found] = dict(zip(keys, facilities, strict=True))
    if len(grouped) < len(keys):
        shared = {key for key, count in Counter(keys).items() if count > 1}
        lists: dict[Any, list[Known]] = {key: [] for key in shared}
        pairs = zip(keys, facilities, strict=True)
        for key, facility in compress(pairs, map(shared.__contains__, keys)):
            lists[key].append(facility)
        grouped.update(lists)
    return grouped


class _Index:
    """Existing facilities by the keys a sheet row may match. Only the exact key (name, state
    and ZIP as stored) is built at once: the others, which normalise every facility's names
    and address, when a row first misses it (a re-import of an unchanged sheet never does),
    and the name-and-state key, the last one tried, when a row gets that far. Each key is
    built from the facilities' columns (`Known`'s fields, transposed), not row by row."""

    def __init__(self, facilities: list[Known]) -> None:
        self.facilities = facilities
        self.columns = list(zip(*facilities, strict=True)) or [()] * len(Known._fields)
        names, states, zips = self.columns[_NAME], self.columns[_STATE], self.columns[_ZIP]
        # Reversed, so that of facilities sharing a key the first is kept (as setdefault did).
        self.by_key: dict[tuple[str, str, str], Known] = dict(
            zip(
                zip(reversed(names), reversed(states), reversed(zips), strict=True),
                reversed(facilities),
                strict=True,
            )
        )

    @functools.cached_property
    def _names(self) -> tuple[list[str], list[Known]]:
        """Every name and alias of every facility normalised (all at once), and whose each is."""
        facilities = self.facilities
        names = normalize_facility_names(self.columns[_NAME])
        owners = list(facilities)
        for f in compress(facilities, map(ne, self.columns[_ALIASES], repeat("[]"))):
            aliases = f.aliases
            names += map(normalize_facility_name, aliases)
            owners += repeat(f, len(aliases))
        return names, owners

    def _keyed(self, second: int) -> dict[Any, Found]:
        """The facilities by normalised name or alias and their `second` column."""
        names, owners = self._names
        column: Sequence[Any] = self.columns[second]
        if len(owners) > len(column):  # the aliases' facilities after the facilities
            column = [*column, *map(itemgetter(second), owners[len(column) :])]
        return _grouped(list(zip(names, column, strict=True)), owners)

    @functools.cached_property
    def by_name_zip(self) -> dict[Any, Found]:
        return self._keyed(_ZIP)

    @functools.cached_property
    def by_address(self) -> dict[Any, Found]:
        addresses, zips = self.columns[_ADDRESS], self.columns[_ZIP]
        facilities = list(compress(self.facilities, addresses))  # a blank address names none
        normalised = normalize_facility_names(list(compress(addresses, addresses)))
        return _grouped(list(zip(normalised, compress(zips, addresses), strict=True)), facilities)

    @functools.cached_property
    def address_zips(self) -> set[str]:
        return set(map(itemgetter(1), self.by_address))

    @functools.cached_property
    def by_name_state(self) -> dict[Any, Found]:
        return self._keyed(_STATE)

    def match(self, rows: list[SheetRow], norms: _Normalised) -> list[Known | None]:
        """The facility each row is, if any is and no row before took it: by name, state and
        ZIP as stored, then by normalised name and ZIP, by street address and ZIP, by
        normalised name and state. Each key looked up for every row at once (`_Lookups`),
        when a row first needs it."""
        taken: set[Any] = set()
        found: list[Known | None] = []
        if not rows:
            return found
        lookups = _Lookups(self, rows, norms)
        for at, exact in enumerate(lookups.exact):
            facility = exact if exact is not None and exact.key not in taken else None
            if facility is None:
                facility = self._other(rows[at], at, taken, lookups)
            if facility is not None:
                taken.add(facility.key)
            found.append(facility)
        return found

    def _other(self, row: SheetRow, at: int, taken: set[Any], lookups: _Lookups) -> Known | None:
        """The facility a row missing its exact key is: the keys in turn, each looked up
        only when the one before found nothing."""
        facility = self._one(lookups.by_name_zip[at], row, taken)
        if facility is None and row.zip_code in self.address_zips:
            facility = self._one(lookups.by_address[at], row, taken)
        if facility is None and row.state:
            facility = self._one(lookups.by_name_state[at], row, taken)
        return facility

    @staticmethod
    def _one(found: Found | None, row: SheetRow, taken: set[Any]) -> Known | None:
        if found is None:
            return None
        if not isinstance(found, list):  # the usual answer: one candidate, whatever its state
            return found if found.key not in taken else None
        free = [f for f in dict.fromkeys(found) if f.key not in taken]
        if row.state:
            free = [f for f in free if f.state == row.state] or free
        return free[0] if len(free) == 1 else None


class _Lookups:
    """What each key of `_Index` finds for every row of a sheet (None where nothing), each key
    looked up for all rows at once, in C, when a row first needs it."""

    def __init__(self, index: _Index, rows: list[SheetRow], norms: _Normalised) -> None:
        self.index, self.norms = index, norms
        _lines, names, _addresses, _cities, self.states, self.zips, *_ = zip(*rows, strict=True)
        self.exact = map(index.by_key.get, zip(names, self.states, self.zips, strict=True))

    @functools.cached_property
    def by_name_zip(self) -> list[Found | None]:
        keys = zip(self.norms.names, self.zips, strict=True)
        return list(map(self.index.by_name_zip.get, keys))

    @functools.cached_property
    def by_address(self) -> list[Found | None]:
        keys = zip(self.norms.addresses, self.zips, strict=True)
        return list(map(self.index.by_address.get, keys))

    @functools.cached_property
    def by_name_state(self) -> list[Found | None]:
        keys = zip(self.norms.names, self.states, strict=True)
        return list(map(self.index.by_name_state.get, keys))


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
    fields: tuple[str, ...]  # sorted
    fields_aliased: tuple[str, ...]  # the same and the aliases (the old name kept as one)
    renamed: bool


# Sheet rows matched to the facilities they are, each (row, facility, state).
Matched = list[tuple[SheetRow, Known, str]]


def _kept(aliases_json: str, name: str) -> str | list[str] | None:
    """A renamed facility's aliases with its old `name` kept: the name alone when it had no
    alias (the usual case: no list made, no JSON read), else the whole list; None when the
    name is an alias already."""
    if aliases_json == "[]":
        return name
    aliases = list(json.loads(aliases_json))
    if name in aliases:
        return None
    aliases.append(name)
    return aliases


def _positions(keys: list[tuple[bool, ...]]) -> dict[tuple[bool, ...], list[int]]:
    """The positions of each key in `keys`, in order: one list of them all when every key is
    the same (a renamed sheet, a new pull date: most sheets have one pattern of changes)."""
    if len(dict.fromkeys(keys)) == 1:
        return {keys[0]: list(range(len(keys)))}
    positions: dict[tuple[bool, ...], list[int]] = {}
    for at, key in enumerate(keys):
        positions.setdefault(key, []).append(at)
    return positions


def _at(column: Sequence[Any], positions: list[int]) -> Sequence[Any]:
    """The values of `column` at `positions` (ascending): the column itself when they are all
    of its positions."""
    if len(positions) == len(column):
        return column
    return [column[at] for at in positions]


class ChangedFacilities:
    """Facilities Amparo has that a sheet changes, as rows of one prepared UPDATE per set of
    fields changed (``executemany``): the values as the database takes them, each row found by
    the key it was read with (`Known.key`). Compared in the same form, so nothing is
    converted per row but what changed, and a column at a time (`compare`): row by row,
    comparing and picking each row's values cost as much as the UPDATE itself."""

    def __init__(self, sheet: Sheet, office_ids: dict[str, Any], now: Any) -> None:
        self.sheet = sheet
        fields = {f.name: f for f in Facility._meta.concrete_fields}
        prep = {
            name: prepper(fields[name], connection)
            for name in ("source", "source_date", "field_office", "updated_at")
        }
        self._source = prep["source"](sheet.source)
        self._date = prep["source_date"](sheet.pull_date)
        # On PostgreSQL the rows are copied (`_update_from_copy`), and COPY takes text: the time
        # and the aliases are given as theirs (psycopg formatted the time and ran json.dumps
        # on the aliases row by row, most of the client's share of the COPY).
        copied = connection.vendor == "postgresql"
        self._now = now.isoformat() if copied and now is not None else prep["updated_at"](now)
        aliases = fields["aliases"]
        self._aliases = json_prepper(aliases, connection, text=copied)  # one list per facility
        self._first_aliases = json_lists_of_one(aliases, connection, text=copied)
        # As `Known` holds them (text), which is also what the UPDATE or COPY is given.
        self._offices = {code: str(prep["field_office"](pk)) for code, pk in office_ids.items()}
        self.source_fits = _quick_valid({"source": sheet.source})
        self._date_text = sheet.pull_date.isoformat() if sheet.pull_date else None
        self._source_text = sheet.source  # a property, made anew at each call
        self._plans: dict[tuple[bool, ...], _Plan] = {}
        self.groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}

    def fits(self, states: Iterable[str]) -> bool:
        """Whether rows of these states pass what the reader left unchecked (the source's
        length, and the state's, which may come from the stored facility or the ZIP)."""
        return self.source_fits and max(map(len, states), default=0) <= _STATE_MAX

    def compare(self, matched: Matched) -> list[tuple[str, ...] | None]:
        """For each matched row, the fields of its facility it changes, sorted (None when
        none), the updates queued; FacilityImportError at the first changed row failing a
        check (`fits` says whether any can)."""
        if not matched:
            return []
        rows, known, states = zip(*matched, strict=True)
        _lines, names, addresses, cities, _states, zips, aors, kinds = zip(*rows, strict=True)
        was = list(zip(*known, strict=True))  # `Known`'s columns
        offices = list(map(self._offices.__getitem__, aors))
        text = (names, addresses, cities, states, zips, kinds, repeat(self._source_text))
        date = self._date_text
        # Which values differ, row by row, as a key: what follows from it (the fields changed)
        # is worked out once per key, not per row.
        keys = zip(
            *(
                map(ne, new, old)
                for new, old in zip(text, was[_NAME : _NAME + len(text)], strict=True)
            ),
            repeat(False, len(rows)) if date is None else map(ne, repeat(date), was[_DATE]),
            map(ne, was[_OFFICE], offices),
            strict=True,
        )
        changes: list[tuple[str, ...] | None] = [None] * len(rows)
        positions: dict[tuple[str, ...], list[int]] = {}  # each set of fields' rows
        kept: dict[tuple[str, ...], list[str | list[str]]] = {}  # and their aliases (`_kept`)
        for key, where in _positions(list(keys)).items():
            if not any(key):
                continue  # unchanged
            plan = self._plans.get(key) or self._plan(key)
            split = {plan.fields: where}
            if plan.renamed:  # the old name kept as an alias where it is not one yet
                aliases = list(map(_kept, _at(was[_ALIASES], where), _at(was[_NAME], where)))
                aliased = list(map(is_not, aliases, repeat(None)))
                split = {
                    plan.fields: list(compress(where, map(not_, aliased))),
                    plan.fields_aliased: list(compress(where, aliased)),
                }
                kept[plan.fields_aliased] = [a for a in aliases if a is not None]
            for fields, rows_of in split.items():
                if rows_of:
                    positions[fields] = rows_of
                    for at in rows_of:
                        changes[at] = fields
        if not self.fits(states):  # what the reader left: the first changed row failing it
            for at, changed in enumerate(changes):
                if changed is not None and not self.fits([states[at]]):
                    self._check(rows[at], states[at], known[at], "aliases" in changed)
        # Each set's UPDATE rows, zipped from the columns: its fields, then the time and the key.
        columns = dict(zip(self._VALUES, (*text[:6], None, None, offices), strict=True))
        constant = {"source": repeat(self._source), "source_date": repeat(self._date)}
        for fields, where in sorted(positions.items(), key=lambda item: item[1][0]):
            picked = [
                self._aliases_written(kept[fields])
                if name == "aliases"
                else constant[name]
                if name in constant
                else _at(columns[name], where)
                for name in fields
            ]
            group = self.groups.setdefault(fields, [])
            group += zip(*picked, repeat(self._now), _at(was[_KEY], where), strict=False)
        return changes

    def _check(self, row: SheetRow, state: str, facility: Known, aliased: bool) -> None:
        """FacilityImportError naming the row and column of the first field of what `row`
        sets on `facility` that fails its checks."""
        values = sheet_values(row, state, self.sheet)
        if aliased:
            values["aliases"] = [*facility.aliases, facility.name]
        _checked(values, row, self.sheet)

    def _aliases_written(self, kept: list[str | list[str]]) -> list[Any]:
        """The aliases of renamed facilities (`_kept`) as the database takes them: when each
        facility had none before, the column at once (`json_lists_of_one`)."""
        if all(type(aliases) is str for aliases in kept):
            return self._first_aliases(cast(list[str], kept))
        return [self._aliases([a] if type(a) is str else a) for a in kept]

    # The fields `compare` tells apart, in the order of its keys.
    _VALUES = (*_SHEET_TEXT, "source_date", "field_office")

    def _plan(self, key: tuple[bool, ...]) -> _Plan:
        """What a row whose values differ as `key` says is written: the fields (sorted); the
        same with the aliases when the name changed and the old name is not an alias yet."""
        changed = [name for name, differs in zip(self._VALUES, key, strict=True) if differs]
        plan = self._plans[key] = _Plan(
            tuple(sorted(changed)), tuple(sorted([*changed, "aliases"])), "name" in changed
        )
        return plan

    def flush(self) -> None:
        """One prepared UPDATE per set of fields, run for every row; on PostgreSQL the rows
        are copied into a temporary table (``COPY``) and applied by one ``UPDATE … FROM``."""
        quote = connection.ops.quote_name
        table = quote(Facility._meta.db_table)
        with connection.cursor() as cursor:
            for fields, rows in self.groups.items():
                columns = [quote(_column(name)) for name in (*fields, "updated_at")]
                if connection.vendor == "postgresql":
                    _update_from_copy(cursor, table, [*columns, quote("id")], rows)
                    continue
                sets = ", ".join(f"{column} = %s" for column in columns)
                cursor.executemany(f"UPDATE {table} SET {sets} WHERE rowid = %s", rows)


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
            _report_changes(report, one, updated.compare(one))
        else:
            matched.append((row, facility, state))
    _report_changes(report, matched, updated.compare(matched))
    return created, updated


def _report_changes(
    report: ImportReport, matched: Matched, changes: list[tuple[str, ...] | None]
) -> None:
    """Matched rows in the report: each changed one by its name (old → new when renamed),
    city and state, with the fields it changed; the others counted as unchanged."""
    labels = report.changed
    for (row, facility, state), fields in zip(matched, changes, strict=True):
        if fields is None:
            report.unchanged += 1
            continue
        before = facility.name
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
    existing = known_facilities()
    index = _Index(existing)
    report = ImportReport(sheet=sheet.label)
    plans: list[tuple[SheetRow, Known | None, str]] = []
    norms = _Normalised(sheet.rows)
    for row, facility in zip(sheet.rows, index.match(sheet.rows, norms), strict=True):
        state = row.state or (facility.state if facility else "") or _state_from_zip(row.zip_code)
        if not state:
            raise FacilityImportError(
                f"{sheet.label}, row {row.line}, column State: blank, and the ZIP names no state."
            )
        plans.append((row, facility, state))
    taken = {facility.key for _row, facility, _state in plans if facility is not None}

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
        f"{f.name} ({f.city}, {f.state})" for f in existing if f.key not in taken
    )
    if dry_run:
        transaction.set_rollback(True)
    return report
