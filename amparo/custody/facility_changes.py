"""Facilities Amparo has that an ICE facility sheet changes, written in bulk
(`amparo facilities import`).

A matched row is compared with its facility a column at a time, in the form the database
gives and takes (text), so nothing is converted per row but what changed; the rows are then
grouped by the set of fields they change, one prepared UPDATE per set (on PostgreSQL one COPY
and one ``UPDATE … FROM``). A renamed facility keeps its old name as an alias.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import is_not, itemgetter, ne, not_
from typing import Any, NamedTuple, cast

from django.db import connection

from amparo.core.converters import json_lists_of_one, json_prepper, prepper
from amparo.custody.facility_match import FIELDS, SHEET_TEXT, Known, facility_column
from amparo.custody.facility_rows import STATE_MAX, checked, quick_valid, sheet_values
from amparo.custody.facility_sheet import Sheet, SheetRow
from amparo.custody.models import Facility

# Where `Known`'s columns are, for the comparing a column at a time.
_KEY, _NAME, _OFFICE, _DATE, _ALIASES = map(
    FIELDS.index, ("key", "name", "field_office_id", "source_date", "aliases_json")
)


class _Plan(NamedTuple):
    fields: tuple[str, ...]  # sorted
    fields_aliased: tuple[str, ...]  # the same and the aliases (the old name kept as one)
    renamed: bool


# Sheet rows matched to the facilities they are, each (row, facility, state), the facility
# by its position in `Known`.
Matched = list[tuple[SheetRow, int, str]]


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


def _picker(positions: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """What takes the values at `positions` of a column, as a tuple, in C."""
    if len(positions) == 1:
        at = positions[0]
        return lambda column: (column[at],)
    return itemgetter(*positions)


def _differs(new: Sequence[Any], old: Sequence[Any]) -> Iterable[bool]:
    """Whether each new value differs from the old one; the column compared whole first."""
    return repeat(False, len(new)) if new == old else map(ne, new, old)


def _differs_from(value: Any, old: Sequence[Any], count: int) -> Iterable[bool]:
    """Whether each old value differs from the one `value` a sheet sets on every row."""
    if old.count(value) == count:
        return repeat(False, count)
    return map(ne, repeat(value), old)


def _at(column: Sequence[Any], positions: list[int]) -> Sequence[Any]:
    """The values of `column` at `positions` (ascending): the column itself when they are all
    of its positions."""
    if len(positions) == len(column):
        return column
    return [column[at] for at in positions]


class ChangedFacilities:
    """Facilities Amparo has that a sheet changes, as rows of one prepared UPDATE per set of
    fields changed (``executemany``): the values as the database takes them, each row found by
    the key it was read with (`Known.keys`). Compared in the same form, so nothing is
    converted per row but what changed, and a column at a time (`compare`): row by row,
    comparing and picking each row's values cost as much as the UPDATE itself."""

    def __init__(self, sheet: Sheet, known: Known, office_ids: dict[str, Any], now: Any) -> None:
        self.sheet, self.known = sheet, known
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
        self.source_fits = quick_valid({"source": sheet.source})
        self._date_text = sheet.pull_date.isoformat() if sheet.pull_date else None
        self._source_text = sheet.source  # a property, made anew at each call
        self._plans: dict[tuple[bool, ...], _Plan] = {}
        self.groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}

    def fits(self, states: Iterable[str]) -> bool:
        """Whether rows of these states pass what the reader left unchecked (the source's
        length, and the state's, which may come from the stored facility or the ZIP)."""
        return self.source_fits and max(map(len, states), default=0) <= STATE_MAX

    def compare(self, matched: Matched) -> list[tuple[str, ...] | None]:
        """For each matched row, the fields of its facility it changes, sorted (None when
        none), the updates queued; FacilityImportError at the first changed row failing a
        check (`fits` says whether any can)."""
        if not matched:
            return []
        rows, facilities, states = zip(*matched, strict=True)
        _lines, names, addresses, cities, _states, zips, aors, kinds = zip(*rows, strict=True)
        count = len(rows)
        was = list(map(_picker(facilities), self.known.columns))  # at the matched facilities
        offices = tuple(map(self._offices.__getitem__, aors))
        text = (names, addresses, cities, states, zips, kinds)
        old_text = was[_NAME : _NAME + len(text)]
        date = self._date_text
        # Which values differ, row by row, as a key: what follows from it (the fields changed)
        # is worked out once per key, not per row. A column none of whose rows differs (most
        # of them: compared whole, in C) is the same False in every key.
        keys = zip(
            *(_differs(new, old) for new, old in zip(text, old_text, strict=True)),
            _differs_from(self._source_text, was[_NAME + len(text)], count),
            repeat(False, count) if date is None else _differs_from(date, was[_DATE], count),
            _differs(offices, was[_OFFICE]),
            strict=True,
        )
        changes: list[tuple[str, ...] | None] = [None] * count
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
                    self._check(rows[at], states[at], facilities[at], "aliases" in changed)
        columns: dict[str, Any] = dict(zip(self._VALUES, (*text, None, None, offices), strict=True))
        self._queue(positions, kept, columns, was[_KEY])
        return changes

    def _queue(
        self,
        positions: dict[tuple[str, ...], list[int]],
        kept: dict[tuple[str, ...], list[str | list[str]]],
        columns: dict[str, Sequence[Any]],
        keys: Sequence[Any],
    ) -> None:
        """Each set of fields' UPDATE rows, zipped from the sheet's `columns` at the set's
        `positions`: its fields, then the time and the facility's key."""
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
            group += zip(*picked, repeat(self._now), _at(keys, where), strict=False)

    def _check(self, row: SheetRow, state: str, facility: int, aliased: bool) -> None:
        """FacilityImportError naming the row and column of the first field of what `row`
        sets on `facility` that fails its checks."""
        values = sheet_values(row, state, self.sheet)
        if aliased:
            values["aliases"] = [*self.known.aliases(facility), self.known.names[facility]]
        checked(values, row, self.sheet)

    def _aliases_written(self, kept: list[str | list[str]]) -> list[Any]:
        """The aliases of renamed facilities (`_kept`) as the database takes them: when each
        facility had none before, the column at once (`json_lists_of_one`)."""
        if all(type(aliases) is str for aliases in kept):
            return self._first_aliases(cast(list[str], kept))
        return [self._aliases([a] if type(a) is str else a) for a in kept]

    # The fields `compare` tells apart, in the order of its keys.
    _VALUES = (*SHEET_TEXT, "source_date", "field_office")

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
                columns = [quote(facility_column(name)) for name in (*fields, "updated_at")]
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
