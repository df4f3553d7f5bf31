"""Which facility Amparo has each row of an ICE facility sheet is (`amparo facilities import`).

The facilities are read with one SELECT as tuples of text (`Known`), and a row is matched by
its name, state and ZIP as stored, then by its normalised name and ZIP, by its street address
and ZIP (a facility ICE renamed), and by its normalised name and state. Each key is built for
every facility at once from their columns, and looked up for every row at once, when a row
first needs it: a re-import of an unchanged sheet never normalises a name. Apart from the
writes (`facility_rows`, `facility_changes`): this part only reads.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Sequence
from itertools import compress, repeat
from operator import itemgetter, ne
from typing import Any, NamedTuple

from django.db import connection

from amparo.custody.facility_sheet import SheetRow
from amparo.custody.models import Facility
from amparo.custody.rules import normalize_facility_name, normalize_facility_names


class Known(NamedTuple):
    """A facility Amparo has, as the database holds it (its key and field office as text, the
    aliases as their JSON text), read with one SELECT: no model object, no converter per
    value. The text columns a sheet sets come first, in `SHEET_TEXT`'s order."""

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
SHEET_TEXT = ("name", "address", "city", "state", "zip_code", "facility_type", "source")
# Where `Known`'s columns are, for the code that works on them transposed (a column at a time).
_NAME, _ADDRESS, _STATE, _ZIP, _ALIASES = map(
    Known._fields.index, ("name", "address", "state", "zip_code", "aliases_json")
)


def facility_column(name: str) -> str:
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
    text = ", ".join(quote(facility_column(name)) for name in SHEET_TEXT)
    # The office and the date as text: the drivers would make a UUID or a date of each.
    office, date = _as_text(facility_column("field_office")), _as_text("source_date")
    table = quote(Facility._meta.db_table)
    sql = f"SELECT {_key()}, {text}, {office}, {date}, {quote('aliases')} FROM {table}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(map(tuple.__new__, repeat(Known), cursor.fetchall()))


class NormalisedRows:
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


class FacilityIndex:
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

    def match(self, rows: list[SheetRow], norms: NormalisedRows) -> list[Known | None]:
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
    """What each key of `FacilityIndex` finds for every row of a sheet (None where nothing),
    each key looked up for all rows at once, in C, when a row first needs it."""

    def __init__(self, index: FacilityIndex, rows: list[SheetRow], norms: NormalisedRows) -> None:
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
