"""Places: the shipped county, ZIP, court and facility tables.

The tables are Amparo's own, built by ``scripts/build_reference_data.py`` from public sources
(see the SOURCES.md beside each) and read once (``functools.cache``). Placing a facility in a
county from its name, ZIP code and city is ``county_assignment.py``. No database.
"""

from __future__ import annotations

import bisect
import csv
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from amparo.custody.rules.names import (
    county_core_key,
    county_key,
    normalize_facility_name,
)

CUSTODY_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COURTS_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "courts" / "data"

COUNTIES_CSV = COURTS_DATA_DIR / "counties.csv"
DIVISIONS_CSV = COURTS_DATA_DIR / "divisions.csv"
COURTS_CSV = COURTS_DATA_DIR / "courts.csv"
FACILITIES_CSV = CUSTODY_DATA_DIR / "facilities.csv"
FIELD_OFFICES_CSV = CUSTODY_DATA_DIR / "field_offices.csv"
ZIP_COUNTIES_CSV = CUSTODY_DATA_DIR / "zip_counties.csv"


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@dataclass(frozen=True)
class CountyRow:
    """One row of counties.csv: a county, or the part of a split county, and its district."""

    fips: str
    state: str
    name: str
    district: str  # courts-db id; "" where no district court sits (American Samoa)
    is_entire_county: bool
    part: str  # for split counties: which part this row covers
    area_keyword: str  # for the carved-out area of a split county: the word that names it
    statute: str
    note: str


class CountyTable:
    """The county -> district table, indexed by FIPS and by name within a state."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.rows = [
            CountyRow(
                fips=r["county_fips"],
                state=r["state"],
                name=r["county_name"],
                district=r["district"],
                is_entire_county=r["is_entire_county"] == "true",
                part=r["part"],
                area_keyword=r["area_keyword"],
                statute=r["statute"],
                note=r["note"],
            )
            for r in rows
        ]
        self.by_fips: dict[str, list[CountyRow]] = {}
        self.by_state: dict[str, list[CountyRow]] = {}
        self._own: dict[str, dict[str, CountyRow]] = {}
        for row in self.rows:
            self.by_fips.setdefault(row.fips, []).append(row)
            self.by_state.setdefault(row.state, []).append(row)

    def own_counties(self, state: str) -> dict[str, CountyRow]:
        """A state's counties by FIPS, without carved-out areas; worked out once per state
        (a facility import asks for thousands of facilities). Not to be changed."""
        found = self._own.get(state)
        if found is None:
            rows = self.by_state.get(state, [])
            found = self._own[state] = {row.fips: row for row in rows if not row.area_keyword}
        return found

    def districts_in_state(self, state: str) -> list[str]:
        """The districts of a state's own counties (a carved-out national park is not one)."""
        found: list[str] = []
        for row in self.by_state.get(state, []):
            if row.district and not row.area_keyword and row.district not in found:
                found.append(row.district)
        return found

    def statute_for_state(self, state: str) -> str:
        for row in self.by_state.get(state, []):
            if row.statute:
                return row.statute
        return ""

    def find(self, state: str, name: str) -> list[list[CountyRow]]:
        """Counties of ``state`` called ``name``, each as its rows (two for a split county).

        Exact names first ("Richmond city" is one county); without the kind of unit, a name
        can mean two ("Richmond" is Richmond County and Richmond city in Virginia).
        """
        groups: dict[str, list[CountyRow]] = {}
        for row in self.by_state.get(state, []):
            groups.setdefault(row.fips, []).append(row)
        wanted = county_key(name)
        exact = [rows for rows in groups.values() if county_key(rows[0].name) == wanted]
        if exact:
            return exact
        core = county_core_key(name)
        return [rows for rows in groups.values() if county_core_key(rows[0].name) == core]

    def closest(self, state: str, name: str, limit: int = 5) -> list[str]:
        names = sorted({row.name for row in self.by_state.get(state, [])})
        scored = sorted(
            ((fuzz.WRatio(county_core_key(name), county_core_key(n)), n) for n in names),
            reverse=True,
        )
        return [n for score, n in scored[:limit] if score >= 60]


class ZipTable:
    """ZIP code tabulation area -> counties with the share of the ZCTA's people in each.

    The shipped table (zip_counties.csv, sorted by ZCTA) has some 46,000 lines; parsing all of
    them cost a facility import half a second per process before its first row. A ZIP is
    looked up by bisection over the file's lines and only its own lines are parsed.
    """

    def __init__(self, rows: Iterable[dict[str, str]] = (), lines: Sequence[str] = ()) -> None:
        self.by_zip: dict[str, list[tuple[str, float]]] = {}
        for r in rows:
            self.by_zip.setdefault(r["zcta"], []).append((r["county_fips"], float(r["share"])))
        for shares in self.by_zip.values():
            shares.sort(key=lambda item: -item[1])
        self._lines = lines  # "zcta,county_fips,share", sorted; parsed when asked

    def counties(self, zip_code: str) -> list[tuple[str, float]]:
        zcta = zip_code[:5]
        found = self.by_zip.get(zcta)
        if found is None and self._lines:
            found = self.by_zip[zcta] = self._parse(zcta)
        return found or []

    def _parse(self, zcta: str) -> list[tuple[str, float]]:
        prefix = zcta + ","
        at = bisect.bisect_left(self._lines, prefix)
        shares: list[tuple[str, float]] = []
        while at < len(self._lines) and self._lines[at].startswith(prefix):
            _zcta, fips, share = self._lines[at].split(",")
            shares.append((fips.strip(), float(share)))
            at += 1
        shares.sort(key=lambda item: -item[1])
        return shares


@functools.cache
def county_table() -> CountyTable:
    return CountyTable(read_table(COUNTIES_CSV))


@functools.cache
def zip_table() -> ZipTable:
    lines = ZIP_COUNTIES_CSV.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    if header.strip() != "zcta,county_fips,share" or rows != sorted(rows):
        return ZipTable(read_table(ZIP_COUNTIES_CSV))  # not as shipped: read it all
    return ZipTable(lines=rows)


@functools.cache
def courts_by_code() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_table(COURTS_CSV)}


@functools.cache
def field_offices_by_code() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_table(FIELD_OFFICES_CSV)}


@functools.cache
def facility_offices() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """ICE's own AOR assignments in its facility sheets: county FIPS -> AOR codes, and
    state -> AOR codes. AORs do not follow state lines (e.g. Douglas County, Wisconsin is in
    the St. Paul AOR, Kay County, Oklahoma in Chicago's), so the sheets beat the office list."""
    by_county: dict[str, set[str]] = {}
    by_state: dict[str, set[str]] = {}
    for row in read_table(FACILITIES_CSV):
        aor = row.get("aor_code", "")
        if not aor:
            continue
        by_state.setdefault(row["state"], set()).add(aor)
        if row.get("county_fips"):
            by_county.setdefault(row["county_fips"], set()).add(aor)
    return (
        {k: frozenset(v) for k, v in by_county.items()},
        {k: frozenset(v) for k, v in by_state.items()},
    )


@functools.cache
def facility_site_notes() -> dict[tuple[str, str], str]:
    """(normalised name or alias, state) -> the shipped warning on a site spanning districts,
    so the warning reaches a facility loaded before the note was shipped."""
    index: dict[tuple[str, str], str] = {}
    for row in read_table(FACILITIES_CSV):
        if not row.get("site_note"):
            continue
        names = [row["name"], *row.get("other_names", "").split("|")]
        for name in names + row.get("aliases", "").split("|"):
            if name:
                index[(normalize_facility_name(name), row["state"])] = row["site_note"]
    return index


@functools.cache
def facility_courts() -> dict[tuple[str, str], tuple[str, ...]]:
    """(normalised name or alias, state) -> EOIR base-city codes of the co-located court."""
    index: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in read_table(FACILITIES_CSV):
        codes = tuple(c for c in row.get("immigration_courts", "").split("|") if c)
        if not codes:
            continue
        names = [row["name"], *row.get("other_names", "").split("|")]
        names += row.get("aliases", "").split("|")
        for name in names:
            if name:
                index[(normalize_facility_name(name), row["state"])] = codes
    return index
