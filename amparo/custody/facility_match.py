"""Which facility Amparo has each row of an ICE facility sheet is (`amparo facilities import`).

The facilities are read with one SELECT as columns of text (`Known`), and a row is matched by
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
from typing import Any

from django.db import connection

from amparo.custody.facility_sheet import SheetRow
from amparo.custody.models import Facility
from amparo.custody.rules import normalize_facility_name, normalize_facility_names

# The sheet's text fields, in the order of `Known`'s columns after the key.
SHEET_TEXT = ("name", "address", "city", "state", "zip_code", "facility_type", "source")
# `Known`'s columns: what tells facilities apart and finds the row to update (`_key`), the
# text a sheet sets, the field office as text (`_as_text`), the date as text (YYYY-MM-DD, the
# same on both databases) and the aliases' JSON.
FIELDS = ("key", *SHEET_TEXT, "field_office_id", "source_date", "aliases_json")
_STATE, _ZIP, _ALIASES = map(FIELDS.index, ("state", "zip_code", "aliases_json"))


class Known:
    """Every facility Amparo has, as the database holds it, a column each (`FIELDS`: the key
    and field office as text, the aliases as their JSON text), read with one SELECT: no model
    object, no converter per value, and no tuple per facility (the columns are what the keys
    are built from and what a sheet is compared with). A facility is its position in them."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.count = len(rows)
        self.columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) or [()] * len(FIELDS)
        self.keys, self.names, self.addresses, self.cities, self.states, self.zips = (
            self.columns[FIELDS.index(name)]
            for name in ("key", "name", "address", "city", "state", "zip_code")
        )

    def aliases(self, at: int) -> list[str]:
        aliases_json = self.columns[_ALIASES][at]
        return [] if aliases_json == "[]" else list(json.loads(aliases_json))

    def label(self, at: int) -> str:
        return f"{self.names[at]} ({self.cities[at]}, {self.states[at]})"


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


def known_facilities() -> Known:
    """Every facility Amparo has, with the columns an import compares or reports."""
    quote = connection.ops.quote_name
    text = ", ".join(quote(facility_column(name)) for name in SHEET_TEXT)
    # The office and the date as text: the drivers would make a UUID or a date of each.
    office, date = _as_text(facility_column("field_office")), _as_text("source_date")
    table = quote(Facility._meta.db_table)
    sql = f"SELECT {_key()}, {text}, {office}, {date}, {quote('aliases')} FROM {table}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return Known(cursor.fetchall())


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


# What a key finds: the one facility it names (nearly every key), or the several it names,
# each by its position in `Known`.
Found = int | list[int]


def _grouped(keys: Sequence[tuple[str, str]], facilities: Sequence[int]) -> dict[Any, Found]:
    """The facilities by their keys (`keys[i]` is `facilities[i]`'s), each key's in the given
    order. The dictionary is built in C; only a key given more than once is walked for its
    list (built row by row, grouping was most of what building the keys cost)."""
    grouped: dict[Any, Found] = dict(zip(keys, facilities, strict=True))
    if len(grouped) < len(keys):
        shared = {key for key, count in Counter(keys).items() if count > 1}
        lists: dict[Any, list[int]] = {key: [] for key in shared}
        pairs = zip(keys, facilities, strict=True)
        for key, facility in compress(pairs, map(shared.__contains__, keys)):
            lists[key].append(facility)
        grouped.update(lists)
    return grouped


class FacilityIndex:
    """Existing facilities by the keys a sheet row may match, each facility by its position in
    `Known`. Only the exact key (name, state and ZIP as stored) is built at once: the others,
    which normalise every facility's names and address, when a row first misses it (a
    re-import of an unchanged sheet never does), and the name-and-state key, the last one
    tried, when a row gets that far. Each key is built from the facilities' columns."""

    def __init__(self, known: Known) -> None:
        self.known = known
        names, states, zips = known.names, known.states, known.zips
        # Reversed, so that of facilities sharing a key the first is kept (as setdefault did).
        self.by_key: dict[tuple[str, str, str], int] = dict(
            zip(
                zip(reversed(names), reversed(states), reversed(zips), strict=True),
                reversed(range(known.count)),
                strict=True,
            )
        )

    @functools.cached_property
    def _names(self) -> tuple[list[str], list[int]]:
        """Every name and alias of every facility normalised (all at once), and whose each is."""
        known = self.known
        names = normalize_facility_names(known.names)
        owners = list(range(known.count))
        for at in compress(range(known.count), map(ne, known.columns[_ALIASES], repeat("[]"))):
            aliases = known.aliases(at)
            names += map(normalize_facility_name, aliases)
            owners += repeat(at, len(aliases))
        return names, owners

    def _keyed(self, second: int) -> dict[Any, Found]:
        """The facilities by normalised name or alias and their `second` column."""
        names, owners = self._names
        column: Sequence[Any] = self.known.columns[second]
        if len(owners) > len(column):  # the aliases' facilities after the facilities
            column = [*column, *map(column.__getitem__, owners[len(column) :])]
        return _grouped(list(zip(names, column, strict=True)), owners)

    @functools.cached_property
    def by_name_zip(self) -> dict[Any, Found]:
        return self._keyed(_ZIP)

    @functools.cached_property
    def by_address(self) -> dict[Any, Found]:
        addresses, zips = self.known.addresses, self.known.zips
        facilities = list(compress(range(self.known.count), addresses))  # a blank names none
        normalised = normalize_facility_names(list(compress(addresses, addresses)))
        return _grouped(list(zip(normalised, compress(zips, addresses), strict=True)), facilities)

    @functools.cached_property
    def address_zips(self) -> set[str]:
        return set(map(itemgetter(1), self.by_address))

    @functools.cached_property
    def by_name_state(self) -> dict[Any, Found]:
        return self._keyed(_STATE)

    def match(self, rows: list[SheetRow], norms: NormalisedRows) -> list[int | None]:
        """The facility each row is (its position in `Known`), if any is and no row before
        took it: by name, state and ZIP as stored, then by normalised name and ZIP, by street
        address and ZIP, by normalised name and state. Each key looked up for every row at
        once (`_Lookups`), when a row first needs it."""
        taken: set[int] = set()
        found: list[int | None] = []
        if not rows:
            return found
        lookups = _Lookups(self, rows, norms)
        take, append = taken.add, found.append
        for at, facility in enumerate(lookups.exact):
            if facility is None or facility in taken:
                facility = self._other(rows[at], at, taken, lookups)
                if facility is None:
                    append(None)
                    continue
            take(facility)
            append(facility)
        return found

    def _other(self, row: SheetRow, at: int, taken: set[int], lookups: _Lookups) -> int | None:
        """The facility a row missing its exact key is: the keys in turn, each looked up
        only when the one before found nothing."""
        facility = self._one(lookups.by_name_zip[at], row, taken)
        if facility is None and row.zip_code in self.address_zips:
            facility = self._one(lookups.by_address[at], row, taken)
        if facility is None and row.state:
            facility = self._one(lookups.by_name_state[at], row, taken)
        return facility

    def _one(self, found: Found | None, row: SheetRow, taken: set[int]) -> int | None:
        if found is None:
            return None
        if isinstance(found, int):  # the usual answer: one candidate, whatever its state
            return found if found not in taken else None
        free = [f for f in dict.fromkeys(found) if f not in taken]
        if row.state:
            states = self.known.states
            free = [f for f in free if states[f] == row.state] or free
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
