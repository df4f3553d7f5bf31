"""County assignment: the county a facility is in, from its name, ZIP code and city.

Apart from the tables it reads (``places.py``) because it is a rule of its own, applied in a
fixed order (a county jail's name, then the ZIP's county, then the city), and because a
facility import asks it thousands of times: ``CountyPlacer`` keeps each answer. No database.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from amparo.core.phrases import phrase
from amparo.custody.rules.names import (
    MILITARY_POST,
    county_core_key,
    normalize_facility_name,
    state_code,
)
from amparo.custody.rules.places import CountyRow, CountyTable, ZipTable, county_table, zip_table


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
    named = _county_named_in_any((name, *other_names), in_state)
    if named is not None and not span_notes:
        return _plain_assignment(named.fips, named.name, "name")
    shares = [(f, s) for f, s in zips.counties(zip_code) if f in by_fips] if zip_code else []
    if shares and not span_notes:
        return _plain_assignment(shares[0][0], by_fips[shares[0][0]].name, "zip")
    if named is not None:
        return _by_name(named, _ZipSpan(zip_code, shares, by_fips, counties))
    if shares:
        fips, _share = shares[0]
        span = _ZipSpan(zip_code, shares, by_fips, counties)
        return CountyAssignment(fips, by_fips[fips].name, "zip", span.note())
    return _by_city(city, state, zip_code, by_fips, city_counties)


def _county_named_in_any(texts: Sequence[str], candidates: list[CountyRow]) -> CountyRow | None:
    """Step 1: the county named by the facility's name, else by its first older name that
    names one."""
    for text in texts:
        named = _county_named_in(text, candidates)
        if named is not None:
            return named
    return None


@dataclass(frozen=True)
class _ZipSpan:
    """The counties of the state a facility's ZIP reaches, largest share of its people first."""

    zip_code: str
    shares: list[tuple[str, float]]
    by_fips: dict[str, CountyRow]
    counties: CountyTable

    def _district_label(self, fips: str) -> str:
        return self.counties.by_fips[fips][0].district or phrase("no district")

    def note(self, decided_by_name: bool = False) -> str:
        """Says how a ZIP spans counties, when that could matter: no clear majority, or two
        districts. Spanning districts means the address must be checked."""
        shares = self.shares
        if len(shares) < 2:
            return ""
        districts = {self._district_label(f) for f, _ in shares}
        if shares[0][1] >= 0.9 and len(districts) == 1:
            return ""
        spans = ", ".join(
            f"{self.by_fips[f].name} ({f'{s:.0%}' if s >= 0.005 else '<1%'}, "
            f"{self._district_label(f)})"
            for f, s in shares
        )
        if len(districts) > 1 and not decided_by_name:
            return phrase(
                "ZIP %(zip)s spans %(counties)s; the counties lie in different districts: "
                "check the street address",
                zip=self.zip_code,
                counties=spans,
            )
        return phrase("ZIP %(zip)s spans %(counties)s", zip=self.zip_code, counties=spans)


def _by_name(named: CountyRow, span: _ZipSpan) -> CountyAssignment:
    """Step 1 decided: the county of the name, with a note where the ZIP points elsewhere."""
    note = span.note(decided_by_name=True)
    if span.shares and named.fips not in {f for f, _ in span.shares}:
        note = phrase(
            "name says %(county)s, but ZIP %(zip)s lies in %(counties)s; the name was followed",
            county=named.name,
            zip=span.zip_code,
            counties=", ".join(span.by_fips[f].name for f, _ in span.shares),
        )
    return CountyAssignment(named.fips, named.name, "name", note)


def _by_city(
    city: str,
    state: str,
    zip_code: str,
    by_fips: dict[str, CountyRow],
    city_counties: dict[tuple[str, str], list[tuple[str, float]]] | None,
) -> CountyAssignment:
    """Steps 3 and 4: no county by name or ZIP, so the city's, the territory's, or none."""
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
