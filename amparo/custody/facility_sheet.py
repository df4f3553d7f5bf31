"""ICE's detention-statistics facility sheet as Amparo reads it: its columns and the rows it
gives (`SheetRow`), and the checks of those rows, whatever the file they came from (the
files themselves, CSV or xlsx, are `facility_files`'s; `custody.importer` says what is done
with the rows)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple

from amparo.custody.rules import STATE_NAMES

# Column -> header spellings accepted (after ``header_key``: lower case, "FY26 " dropped).
COLUMNS = {
    "name": ("name", "facility_name", "facility"),
    "address": ("address", "street_address", "address_1"),
    "city": ("city",),
    "state": ("state",),
    "zip": ("zip", "zip_code", "zipcode", "postal_code"),
    "aor": ("aor", "area_of_responsibility", "aor_code"),
    "type_detailed": ("type_detailed", "facility_type", "type"),
}
HEADER_LABELS = {
    "name": "Name",
    "address": "Address",
    "city": "City",
    "state": "State",
    "zip": "Zip",
    "aor": "AOR",
    "type_detailed": "Type Detailed",
}
HEADER_SEARCH_ROWS = 30
MAX_LENGTHS = {"name": 200, "address": 300, "city": 100, "type_detailed": 20}


class FacilityImportError(ValueError):
    """The file cannot be imported; the message names the sheet, row and column."""


class SheetRow(NamedTuple):  # a tuple: thousands are made per sheet, a dataclass costs more
    line: int  # row number in the file, as a spreadsheet shows it
    name: str
    address: str
    city: str
    state: str
    zip_code: str
    aor: str
    facility_type: str


@dataclass
class Sheet:
    label: str  # "Facilities FY26" or the CSV's file name
    fiscal_year: str  # "FY26", or "" if the file does not say
    pull_date: datetime.date | None
    rows: list[SheetRow]

    @property
    def source(self) -> str:
        if self.fiscal_year:
            return f"ICE ERO detention statistics, {self.fiscal_year} facility sheet"
        return f"ICE ERO detention statistics ({self.label})"


def cell_text(value: Any) -> str:
    if type(value) is str:  # every cell of a CSV: whitespace collapsed as \s+ would, faster
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def header_key(value: Any) -> str:
    text = cell_text(value).lower()
    text = re.sub(r"^(fy|eofy)\s?\d{2}\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def find_header(rows: list[list[str]], label: str) -> tuple[int, dict[str, int]]:
    """Index of the header row and the column of each required field."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [header_key(cell) for cell in row]
        found: dict[str, int] = {}
        for column, spellings in COLUMNS.items():
            for position, key in enumerate(keys):
                if key in spellings and column not in found:
                    found[column] = position
        if {"name", "city", "zip", "aor"} <= set(found):
            missing = [HEADER_LABELS[c] for c in COLUMNS if c not in found]
            if missing:
                raise FacilityImportError(
                    f"{label}, row {index + 1}: header lacks column(s) {', '.join(missing)}."
                )
            return index, found
    raise FacilityImportError(
        f"{label}: no header row with columns Name, City, State, Zip and AOR in the first "
        f"{HEADER_SEARCH_ROWS} rows."
    )


def _zip5(value: str, where: str) -> str:
    text = value.strip()
    if re.fullmatch(r"\d{1,5}", text):
        return text.zfill(5)
    match = re.fullmatch(r"(\d{5})-?\d{4}", text)
    if match:
        return match.group(1)
    raise FacilityImportError(f"{where}, column Zip: {value!r} is not a ZIP code.")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def rows_of(
    table: list[list[str]],
    label: str,
    aor_codes: set[str],
    whole: Callable[[], list[list[str]]] | None = None,
) -> tuple[list[SheetRow], int, list[tuple[str, str]]]:
    """Checked data rows, the index of the header row and the text above the header. `whole`
    gives the table with every cell, when `table`'s rows under the header stop after the last
    column read (`facility_files`): only the row-by-row walk needs the rest."""
    header_index, columns = find_header(table, label)
    above = [
        (f"{label}, row {r + 1}, column {_column_letter(c)}", cell_text(cell))
        for r, row in enumerate(table[:header_index])
        for c, cell in enumerate(row)
        if cell_text(cell)
    ]
    rows = _valid_rows(table, header_index, columns, aor_codes)
    if rows is None:  # some row is bad: the row-by-row walk names the first problem
        table = whole() if whole is not None else table
        rows = _checked_rows(table, header_index, columns, label, aor_codes)
    if not rows:
        raise FacilityImportError(f"{label}: no facility rows under the header.")
    return rows, header_index, above


def _body(
    table: list[list[str]], header_index: int, columns: dict[str, int]
) -> Iterator[tuple[int, list[str], list[str]]]:
    """(line, the cleaned cells of the columns Amparo reads, the whole row) of each row under
    the header up to the end of the table: blank rows skipped, a note under the table
    ("Data Source: ...") ending it. Only the cells read are cleaned (ICE's sheet has some
    thirty); every cell is a string (the workbook's reader in `facility_files` cleans its cells to
    strings)."""
    wanted, width = itemgetter(*columns.values()), max(columns.values()) + 1
    for line, raw in enumerate(table[header_index + 1 :], start=header_index + 2):
        if len(raw) >= width:
            cells = [" ".join(cell.split()) for cell in wanted(raw)]
        else:
            cells = [(cell_text(raw[i]) if i < len(raw) else "") for i in columns.values()]
        _name, _address, city, _state, zip_code, aor, kind = cells
        if not (city or zip_code or aor or kind):
            if any(cells) or any(cell_text(c) for c in raw):
                return  # a note under the table ends it
            continue
        yield line, cells, raw


# Whitespace other than a space (re's \s is str.split's whitespace); in ASCII text, these few
# characters, each looked for by a plain scan (the pattern tests every character's class).
_ODD_SPACE = re.compile(r"[^\S ]")
_ASCII_ODD_SPACES = tuple(c for c in map(chr, range(128)) if c.isspace() and c != " ")


def _unclean(column: tuple[str, ...]) -> bool:
    """Whether `cell_text` would change any cell of a column: whitespace other than one space
    between words. Looked for in the column joined by NULs, a few scans in C instead of a
    cleaning per cell (a NUL inside a cell can only make a clean column look unclean)."""
    text = "\x00".join(column)
    return (
        "  " in text
        or " \x00" in text
        or "\x00 " in text
        or text.startswith(" ")
        or text.endswith(" ")
        or (
            any(space in text for space in _ASCII_ODD_SPACES)
            if text.isascii()
            else _ODD_SPACE.search(text) is not None
        )
    )


def _cleaned(body: list[list[str]], wanted: Callable[[list[str]], Any]) -> list[list[str]]:
    """The `wanted` cells of `body`'s rows, a column each, as `cell_text` cleans them (only a
    column `_unclean` finds is cleaned cell by cell)."""
    cells: list[list[str]] = []
    for column in zip(*map(wanted, body), strict=True):
        if _unclean(column):
            cells.append([" ".join(cell.split()) for cell in column])
        else:
            cells.append(list(column))
    return cells


def _within_lengths(columns: dict[str, list[str]]) -> bool:
    return all(max(map(len, columns[name])) <= limit for name, limit in MAX_LENGTHS.items())


def _valid_rows(
    table: list[list[str]], header_index: int, columns: dict[str, int], aor_codes: set[str]
) -> list[SheetRow] | None:
    """The rows of a sheet whose every row `_checked_rows` would accept, or None (then it names
    the first bad row). The same checks, made a column at a time, each distinct state, AOR and
    ZIP once: read row by row, a sheet of thousands of facilities took several times as long
    as inserting them. Only the common shape is taken: full rows, no blank row inside the
    table; blank rows and a note under it are dropped first."""
    body = table[header_index + 1 :]
    wanted, width = itemgetter(*columns.values()), max(columns.values()) + 1
    ends = itemgetter(*(columns[c] for c in ("city", "zip", "aor", "type_detailed")))
    while body and (len(body[-1]) < width or not any(map(cell_text, ends(body[-1])))):
        body = body[:-1]  # a blank row or a note under the table (it ends where one is)
    if not body or min(map(len, body)) < width:
        return [] if not body else None
    names, addresses, cities, states, zips, aors, kinds = cells = _cleaned(body, wanted)
    if any("" in values for values in (names, cities, zips, aors, kinds)):
        return None  # a blank row, a note, or a blank required cell: row by row
    if not _within_lengths(dict(zip(columns, cells, strict=True))):
        return None
    state_of = {value: value.upper() for value in set(states)}
    aor_of = {value: value.upper() for value in set(aors)}
    if not {s for s in state_of.values() if s} <= STATE_NAMES.keys():
        return None
    if not set(aor_of.values()) <= aor_codes:
        return None
    zip_of: dict[str, str] = {}
    for value in set(zips):
        try:
            zip_of[value] = _zip5(value, "")
        except FacilityImportError:
            return None
    states = list(map(state_of.__getitem__, states))
    zips = list(map(zip_of.__getitem__, zips))
    if len(set(zip(names, states, zips, strict=True))) < len(names):
        return None  # the same facility twice
    first = header_index + 2
    lines = range(first, first + len(body))
    columns_ = zip(
        lines,
        names,
        addresses,
        cities,
        states,
        zips,
        map(aor_of.__getitem__, aors),
        kinds,
        strict=True,
    )
    return list(map(tuple.__new__, repeat(SheetRow), columns_))  # no per-row __new__ call


def _checked_rows(
    table: list[list[str]],
    header_index: int,
    columns: dict[str, int],
    label: str,
    aor_codes: set[str],
) -> list[SheetRow]:
    """The rows checked one by one, raising FacilityImportError at the first bad one."""
    out: list[SheetRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    names = list(columns)
    for offset, cells, _raw in _body(table, header_index, columns):
        values = dict(zip(names, cells, strict=True))
        where = f"{label}, row {offset}"
        for column in ("name", "city", "zip", "aor", "type_detailed"):
            if not values[column]:
                raise FacilityImportError(f"{where}, column {HEADER_LABELS[column]}: blank.")
        for column, limit in MAX_LENGTHS.items():
            if len(values[column]) > limit:
                raise FacilityImportError(
                    f"{where}, column {HEADER_LABELS[column]}: longer than {limit} characters."
                )
        state = values["state"].upper()
        if state and state not in STATE_NAMES:
            raise FacilityImportError(f"{where}, column State: {values['state']!r} is not a state.")
        aor = values["aor"].upper()
        if aor not in aor_codes:
            raise FacilityImportError(f"{where}, column AOR: unknown AOR code {values['aor']!r}.")
        row = SheetRow(
            line=offset,
            name=values["name"],
            address=values["address"],
            city=values["city"],
            state=state,
            zip_code=_zip5(values["zip"], where),
            aor=aor,
            facility_type=values["type_detailed"],
        )
        key = (row.name, row.state, row.zip_code)
        if key in seen:
            raise FacilityImportError(f"{where}: the same facility as row {seen[key]}.")
        seen[key] = offset
        out.append(row)
    return out
