"""Places: the shipped county, ZIP, court and facility tables, and placing a facility in a county.

The tables are Amparo's own, built by ``scripts/build_reference_data.py`` from public sources
(see the SOURCES.md beside each) and read once (``functools.cache``). No database.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from amparo.core.phrases import phrase
from amparo.custody.rules.names import (
    MILITARY_POST,
    county_core_key,
    county_key,
    normalize_facility_name,
    state_code,
)

CUSTODY_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COURTS_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "courts" / "data"

COUNTIES_CSV = COURTS_DATA_DIR / "counties.csv"
DIVISIONS_CSV = COURTS_DATA_DIR / "divisions.csv"
COURTS_CSV = COURTS_DATA_DIR / "courts.csv"
FACILITIES_CSV = CUSTODY_DATA_DIR / "facilities.csv"
FIELD_OFFICES_CSV = CUSTODY_DATA_DIR / "field_offices.csv"
ZIP_COUNTIES_CSV = CUSTODY_DATA_DIR / "zip_counties.csv"

# --- shipped tables ---------------------------------------------------------------------------


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
def _courts() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_table(COURTS_CSV)}


@functools.cache
def _field_offices() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_table(FIELD_OFFICES_CSV)}


@functools.cache
def _facility_offices() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
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
def _facility_courts() -> dict[tuple[str, str], tuple[str, ...]]:
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


# --- county assignment ------------------------------------------------------------------------


@dataclass(frozen=True)
class CountyAssignment:
    fips: str
    name: str
    method: str  # "name", "zip", "city", "territory", "" (none)
    note: str = ""


# The counties' names as a facility's name would spell them, worked out once per list of
# counties (the tables are loaded once): a facility import asks for thousands of facilities.
# Each list is kept as core -> (position, county), with the most words a core has, so that a
# name is looked up by the few words before each "county" or "parish" in it, not by trying
# every county of the state.
_CORES: dict[int, tuple[list[CountyRow], dict[str, tuple[int, CountyRow]], int]] = {}


def _county_cores(candidates: list[CountyRow]) -> tuple[dict[str, tuple[int, CountyRow]], int]:
    kept = _CORES.get(id(candidates))
    if kept is not None and kept[0] is candidates:
        return kept[1], kept[2]
    cores: dict[str, tuple[int, CountyRow]] = {}
    for position, row in enumerate(candidates):
        if row.area_keyword:
            continue
        core = normalize_facility_name(re.sub(r"\s*\(.*$", "", row.name))
        core = re.sub(r" (county|parish|city|borough|municipio|municipality)$", "", core)
        if core:
            cores.setdefault(core, (position, row))
    longest = max((core.count(" ") + 1 for core in cores), default=0)
    _CORES[id(candidates)] = (candidates, cores, longest)
    return cores, longest


def _county_named_in(text: str, candidates: list[CountyRow]) -> CountyRow | None:
    """The county a facility's own name names ("IRWIN COUNTY DETENTION CENTER" -> Irwin): the
    longest county name found just before "county" or "parish" (the first county of the
    list among equally long ones)."""
    words = normalize_facility_name(text).split()
    if "county" not in words and "parish" not in words:
        return None
    cores, longest = _county_cores(candidates)
    best: tuple[int, int, CountyRow] | None = None  # (-length, position, county)
    for end, word in enumerate(words):
        if word not in ("county", "parish"):
            continue
        for start in range(max(0, end - longest), end):
            core = " ".join(words[start:end])
            found = cores.get(core)
            if found is not None and (best is None or (-len(core), found[0]) < best[:2]):
                best = (-len(core), found[0], found[1])
    return best[2] if best else None


@functools.lru_cache(maxsize=4096)
def _plain_assignment(fips: str, name: str, method: str) -> CountyAssignment:
    """One (frozen) answer without a note per county and method, made once: an import places
    thousands of facilities in a few hundred counties."""
    return CountyAssignment(fips, name, method)


def assign_county(
    *,
    name: str,
    other_names: Sequence[str] = (),
    city: str = "",
    state: str,
    zip_code: str = "",
    counties: CountyTable | None = None,
    zips: ZipTable | None = None,
    city_counties: dict[tuple[str, str], list[tuple[str, float]]] | None = None,
    span_notes: bool = True,
) -> CountyAssignment:
    """The county a facility is in, from its name, ZIP code and city, in that order.

    1. A county jail is in its county: a name (or older ICE name) with "<X> County" or
       "<X> Parish", X a county of that state, wins. If the ZIP points elsewhere, a note says so.
    2. Else the ZIP's county with the largest share of the ZCTA's people (Census 2020 via
       Geocorr 2022). A ZIP spanning counties gets a note naming them, and their districts
       when those differ: such a facility needs checking against its street address.
    3. Else (a PO-box ZIP, or none) the county where most people of ZCTAs named for the city
       live (``city_counties``, built from Geocorr's ZIP names), or a county whose name is the
       city (Saipan), or the only county of a one-county territory (Guam).
    4. Else nothing: an FPO/APO address, or a place the tables do not know.

    With ``span_notes=False`` a county chosen by name or ZIP comes without its note (how the
    ZIP spans counties): for a caller that keeps only the county (an ICE facility import,
    where writing the notes was a third of the time of placing each new facility).
    """
    counties = counties or county_table()
    zips = zips or zip_table()
    state = state_code(state) or state
    in_state = counties.by_state.get(state, [])
    if not in_state or city.strip().upper() in MILITARY_POST:
        return CountyAssignment("", "", "", phrase("no county: not a place in a U.S. county"))

    by_fips = counties.own_counties(state)
    named = None
    for text in (name, *other_names):
        named = _county_named_in(text, in_state)
        if named is not None:
            break
    if named is not None and not span_notes:
        return _plain_assignment(named.fips, named.name, "name")
    shares = [(f, s) for f, s in zips.counties(zip_code) if f in by_fips] if zip_code else []
    if shares and not span_notes:
        return _plain_assignment(shares[0][0], by_fips[shares[0][0]].name, "zip")

    def _district_label(fips: str) -> str:
        return counties.by_fips[fips][0].district or phrase("no district")

    def _span_note(decided_by_name: bool = False) -> str:
        """Says how a ZIP spans counties, when that could matter: no clear majority, or two
        districts. Spanning districts means the address must be checked."""
        if len(shares) < 2:
            return ""
        districts = {_district_label(f) for f, _ in shares}
        if shares[0][1] >= 0.9 and len(districts) == 1:
            return ""
        spans = ", ".join(
            f"{by_fips[f].name} ({f'{s:.0%}' if s >= 0.005 else '<1%'}, {_district_label(f)})"
            for f, s in shares
        )
        if len(districts) > 1 and not decided_by_name:
            return phrase(
                "ZIP %(zip)s spans %(counties)s; the counties lie in different districts: "
                "check the street address",
                zip=zip_code,
                counties=spans,
            )
        return phrase("ZIP %(zip)s spans %(counties)s", zip=zip_code, counties=spans)

    if named is not None:
        note = _span_note(decided_by_name=True)
        if shares and named.fips not in {f for f, _ in shares}:
            note = phrase(
                "name says %(county)s, but ZIP %(zip)s lies in %(counties)s; the name was followed",
                county=named.name,
                zip=zip_code,
                counties=", ".join(by_fips[f].name for f, _ in shares),
            )
        return CountyAssignment(named.fips, named.name, "name", note)

    if shares:
        fips, _share = shares[0]
        return CountyAssignment(fips, by_fips[fips].name, "zip", _span_note())

    city_key = county_core_key(city)
    if city_counties:
        found = [(f, s) for f, s in city_counties.get((state, city_key), []) if f in by_fips]
        if found:
            fips = max(found, key=lambda item: item[1])[0]
            return CountyAssignment(
                fips,
                by_fips[fips].name,
                "city",
                phrase(
                    "ZIP %(zip)s is not a ZCTA; county of the ZCTAs named %(city)s",
                    zip=zip_code or "(none)",
                    city=city,
                ),
            )
    same_name = [row for row in by_fips.values() if county_core_key(row.name) == city_key]
    if len(same_name) == 1:
        return CountyAssignment(
            same_name[0].fips, same_name[0].name, "city", phrase("county named as city")
        )
    if len(by_fips) == 1:
        only = next(iter(by_fips.values()))
        return CountyAssignment(
            only.fips, only.name, "territory", phrase("the only county-equivalent")
        )
    return CountyAssignment("", "", "", phrase("county unknown: no name, ZIP or city match"))


class CountyPlacer:
    """``assign_county(..., span_notes=False)`` for the many facilities of one import, each
    answer worked out once per distinct input it depends on: the state, city and ZIP, and the
    facility's name only as far as its last "county" or "parish" (the words before those are
    all `_county_named_in` reads; a name with neither word names no county). A sheet of
    thousands of facilities in a few hundred places asks the same question again and again.
    The tables are the shipped ones (`county_table`, `zip_table`), read once."""

    def __init__(self) -> None:
        self._answers: dict[tuple[str, str, str, str], CountyAssignment] = {}

    def __call__(
        self, name: str, city: str, state: str, zip_code: str, normalised: str | None = None
    ) -> CountyAssignment:
        """The county of a facility; `normalised` is its name as `normalize_facility_name`
        gives it, when the caller has it already."""
        named = ""  # the normalised name up to its last "county" or "parish", if any
        words = normalize_facility_name(name) if normalised is None else normalised
        if "county" in words or "parish" in words:  # as a word or inside one
            words = f" {words} "
            at = max(words.rfind(" county "), words.rfind(" parish "))
            named = words[: at + 7] if at >= 0 else ""
        key = (named, city, state, zip_code)
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = assign_county(
                name=name, city=city, state=state, zip_code=zip_code, span_notes=False
            )
        return found
