"""Dated divisions of the district courts, for ``build_reference_data.py``.

A division is set either by statute (28 U.S.C. §§ 81-131 name the counties of each division
where a state's section has divisions at all) or by a court's local rule. Statutes change: the
crosswalk the county table is built from reflects the U.S. Code of 2019, so each later
amendment of a section's divisions is recorded here with its text and the day it took effect,
and the crosswalk's divisions for that district end on that day. The result is
``courts/data/divisions.csv``: one row per county and period, with ``in_force_from``
(inclusive; blank = before the earliest text recorded here), ``in_force_until`` (exclusive:
the day the next text took effect; blank = still in force), ``kind`` (``statute`` or
``local-rule``) and ``source``.

Checked against the text of every section of 28 U.S.C. §§ 81-131 as codified after the 2019
crosswalk (the U.S. Code's chapter 5 as published in 2023, compared county by county): the
only changes to divisions are § 83(a) (Pub. L. 116-73) and, since, § 81(a) (Pub. L. 118-179).
§ 92 (Idaho) names no divisions, so the crosswalk's Idaho divisions are not the statute's.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

DIVISION_COLUMNS = [
    "county_fips",
    "state",
    "district",
    "division",
    "kind",
    "in_force_from",
    "in_force_until",
    "source",
]


@dataclass(frozen=True)
class Amendment:
    """An Act of Congress that set a district's divisions anew, with the counties of each."""

    state: str
    district: str
    in_force_from: str  # ISO date
    source: str
    before: str  # how the text it replaced is cited
    divisions: dict[str, list[str]]


# A statute takes effect on the day it is enacted unless it says otherwise (Gozlon-Peretz v.
# United States, 498 U.S. 395, 404 (1991)); Pub. L. 116-73 § 3 says so expressly.
AMENDMENTS = [
    Amendment(
        state="AR",
        district="ared",
        in_force_from="2019-11-26",
        source=(
            "28 U.S.C. § 83(a), as amended by the Divisional Realignment for the Eastern "
            "District of Arkansas Act of 2019, Pub. L. 116-73, § 2, 133 Stat. 1154 "
            "(2019-11-26; in force on enactment, § 3)"
        ),
        before="28 U.S.C. § 83(a) before Pub. L. 116-73 (in force until 2019-11-26)",
        divisions={
            "Central Division": [
                "Cleburne", "Cleveland", "Conway", "Dallas", "Drew", "Faulkner", "Grant",
                "Jefferson", "Lincoln", "Lonoke", "Perry", "Pope", "Prairie", "Pulaski",
                "Saline", "Stone", "Van Buren", "White", "Yell",
            ],
            "Delta Division": [
                "Arkansas", "Chicot", "Crittenden", "Desha", "Lee", "Monroe", "Phillips",
                "St. Francis",
            ],
            "Northern Division": [
                "Clay", "Craighead", "Cross", "Fulton", "Greene", "Independence", "Izard",
                "Jackson", "Lawrence", "Mississippi", "Poinsett", "Randolph", "Sharp",
                "Woodruff",
            ],
        },
    ),
    Amendment(
        state="AL",
        district="alnd",
        in_force_from="2024-12-23",
        source=(
            "28 U.S.C. § 81(a), as amended by Pub. L. 118-179, § 1, 138 Stat. 2613 "
            "(2024-12-23: five divisions; the Middle and Jasper Divisions struck)"
        ),
        before="28 U.S.C. § 81(a) before Pub. L. 118-179 (in force until 2024-12-23)",
        divisions={
            "Northwestern Division": ["Colbert", "Franklin", "Lauderdale", "Lawrence"],
            "Northeastern Division": [
                "Cullman", "Jackson", "Limestone", "Madison", "Marshall", "Morgan",
            ],
            "Southern Division": ["Blount", "Jefferson", "Shelby"],
            "Eastern Division": [
                "Calhoun", "Cherokee", "Clay", "Cleburne", "DeKalb", "Etowah", "Saint Clair",
                "Talladega",
            ],
            "Western Division": [
                "Bibb", "Fayette", "Greene", "Lamar", "Marion", "Pickens", "Sumter",
                "Tuscaloosa", "Walker", "Winston",
            ],
        },
    ),
]  # fmt: skip

# Sections that name no divisions although the crosswalk gives some.
NO_STATUTORY_DIVISIONS = {
    "ID": "28 U.S.C. § 92 names no divisions ('Idaho ... constitutes one judicial district')",
}

_LAWD = (
    "W.D. La. LR 77.3 (local rule; the divisions serve the court's administration and venue "
    "is the district, 28 U.S.C. § 98(c): lawd.uscourts.gov FAQ); parish list from a summary "
    "of the rule, to be checked against its text"
)
_VAED = (
    "E.D. Va. Local Civil Rule 3 (Area and Divisions), as the court lists them on "
    "vaed.uscourts.gov ('Eastern District of Virginia Jurisdiction'); § 127(a) names no "
    "divisions, only where court is held"
)

# Divisions drawn only by a court's local rule: (state, district, division) -> (county-level
# names, source). A city listed in a Virginia division stands for the independent city of
# that name ("Richmond city"); a county for the county.
LOCAL_RULE_DIVISIONS: dict[tuple[str, str, str], tuple[list[str], str]] = {
    ("LA", "lawd", "Alexandria Division"): (
        ["Avoyelles", "Catahoula", "Concordia", "Grant", "LaSalle", "Natchitoches", "Rapides",
         "Winn"],
        _LAWD,
    ),
    ("LA", "lawd", "Lafayette Division"): (
        ["Acadia", "Evangeline", "Iberia", "Lafayette", "St. Landry", "St. Martin", "St. Mary",
         "Vermilion"],
        _LAWD,
    ),
    ("LA", "lawd", "Lake Charles Division"): (
        ["Allen", "Beauregard", "Calcasieu", "Cameron", "Jefferson Davis"],
        _LAWD,
    ),
    ("LA", "lawd", "Monroe Division"): (
        ["Caldwell", "East Carroll", "Franklin", "Jackson", "Lincoln", "Madison", "Morehouse",
         "Ouachita", "Richland", "Tensas", "Union", "West Carroll"],
        _LAWD,
    ),
    ("LA", "lawd", "Shreveport Division"): (
        ["Bienville", "Bossier", "Caddo", "Claiborne", "De Soto", "Red River", "Sabine",
         "Webster"],
        _LAWD,
    ),
    ("VA", "vaed", "Alexandria Division"): (
        ["Alexandria city", "Arlington County", "Fairfax County", "Fauquier County",
         "Loudoun County", "Prince William County", "Stafford County"],
        _VAED,
    ),
    ("VA", "vaed", "Newport News Division"): (
        ["Newport News city", "Hampton city", "Williamsburg city", "Gloucester County",
         "James City County", "Mathews County", "York County"],
        _VAED,
    ),
    ("VA", "vaed", "Norfolk Division"): (
        ["Chesapeake city", "Franklin city", "Norfolk city", "Portsmouth city", "Suffolk city",
         "Virginia Beach city", "Accomack County", "Isle of Wight County",
         "Northampton County", "Southampton County"],
        _VAED,
    ),
    ("VA", "vaed", "Richmond Division"): (
        ["Colonial Heights city", "Fredericksburg city", "Hopewell city", "Petersburg city",
         "Richmond city", "Amelia County", "Brunswick County", "Caroline County",
         "Charles City County", "Chesterfield County", "Dinwiddie County", "Essex County",
         "Goochland County", "Greensville County", "Hanover County", "Henrico County",
         "King and Queen County", "King George County", "King William County",
         "Lancaster County", "Lunenburg County", "Mecklenburg County", "Middlesex County",
         "New Kent County", "Northumberland County", "Nottoway County", "Powhatan County",
         "Prince Edward County", "Prince George County", "Richmond County",
         "Spotsylvania County", "Surry County", "Sussex County", "Westmoreland County"],
        _VAED,
    ),
}  # fmt: skip

# The E.D. Va. rule adds "any other city or town within the geographical boundaries of those
# counties": the independent cities it does not name go with the county that surrounds them
# (or, for Falls Church, the two it lies between, both in the Alexandria Division).
WITHIN_COUNTY = {
    ("VA", "vaed"): {
        "Fairfax city": "Fairfax County",
        "Falls Church city": "Fairfax County",
        "Manassas city": "Prince William County",
        "Manassas Park city": "Prince William County",
        "Emporia city": "Greensville County",
        "Poquoson city": "York County",
    },
}


def _row(
    entry: dict[str, str], division: str, kind: str, start: str, end: str, source: str
) -> dict[str, str]:
    return {
        "county_fips": entry["county_fips"],
        "state": entry["state"],
        "district": entry["district"],
        "division": division,
        "kind": kind,
        "in_force_from": start,
        "in_force_until": end,
        "source": source,
    }


def _crosswalk_rows(
    whole: list[dict[str, str]], crosswalk_division: dict[str, str]
) -> list[dict[str, str]]:
    """The 2019 text's divisions; in an amended district they end when the amendment began."""
    amended = {a.district: a for a in AMENDMENTS}
    out = []
    for entry in whole:
        division = crosswalk_division.get(entry["county_fips"], "")
        if not division or entry["state"] in NO_STATUTORY_DIVISIONS:
            continue
        amendment = amended.get(entry["district"])
        if amendment is None:
            out.append(_row(entry, division, "statute", "", "", entry["statute"]))
        else:
            end = amendment.in_force_from
            out.append(_row(entry, division, "statute", "", end, amendment.before))
    return out


def _amendment_rows(whole: list[dict[str, str]], key: Callable[[str], str]) -> list[dict[str, str]]:
    """Each amendment's divisions from the day it took effect; it must cover its district."""
    by_name = {(r["state"], key(r["county_name"])): r for r in whole}
    out = []
    for amendment in AMENDMENTS:
        datetime.date.fromisoformat(amendment.in_force_from)
        covered: set[str] = set()
        for division, names in amendment.divisions.items():
            for name in names:
                entry = by_name.get((amendment.state, key(name)))
                if entry is None or entry["district"] != amendment.district:
                    raise SystemExit(f"{amendment.source}: {name} is not in {amendment.district}")
                covered.add(entry["county_fips"])
                start = amendment.in_force_from
                out.append(_row(entry, division, "statute", start, "", amendment.source))
        district = {r["county_fips"] for r in whole if r["district"] == amendment.district}
        if covered != district:
            raise SystemExit(f"{amendment.source}: counties left out {sorted(district - covered)}")
    return out


def _local_rule_rows(
    whole: list[dict[str, str]], key: Callable[[str], str]
) -> list[dict[str, str]]:
    """Local-rule divisions, each county checked against the statute's district."""
    by_name = {(r["state"], key(r["county_name"])): r for r in whole}
    by_exact = {(r["state"], r["county_name"]): r for r in whole}
    out = []
    for (state, district, division), (names, source) in LOCAL_RULE_DIVISIONS.items():
        surrounded = WITHIN_COUNTY.get((state, district), {})
        wanted = list(names) + [city for city, county in surrounded.items() if county in names]
        for name in wanted:
            entry = by_exact.get((state, name)) or by_name.get((state, key(name)))
            if entry is None or entry["district"] != district:
                raise SystemExit(f"local-rule division: {name}, {state} is not in {district}")
            out.append(_row(entry, division, "local-rule", "", "", source))
    named = {r["county_fips"] for r in out}
    left = sorted(
        r["county_name"] for r in whole if r["district"] == "vaed" and r["county_fips"] not in named
    )
    if left:
        raise SystemExit(f"E.D. Va. local rule leaves out {left}")
    return out


def build_divisions(
    counties: list[dict[str, str]],
    crosswalk_division: dict[str, str],
    key: Callable[[str], str],
) -> list[dict[str, str]]:
    """Every county's divisions with their periods and sources.

    ``counties`` are the rows of counties.csv; ``crosswalk_division`` maps a county FIPS code
    to the division the 2019 crosswalk gives it (spelling fixed); ``key`` reduces a county
    name for comparison (``county_core_key``). Stops on any county an amendment or a local
    rule names that is not in its district, on a district an amendment leaves partly
    uncovered, and on a county with two divisions on one day.
    """
    whole = [r for r in counties if r["district"] and not r["area_keyword"]]
    out = _crosswalk_rows(whole, crosswalk_division)
    out += _amendment_rows(whole, key)
    out += _local_rule_rows(whole, key)
    _check_one_division_a_day(out)
    out.sort(key=lambda r: (r["county_fips"], r["in_force_from"], r["kind"]))
    return out


def _check_one_division_a_day(rows: list[dict[str, str]]) -> None:
    """No county may have two divisions on one day (periods of one county must not overlap)."""
    by_county: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        by_county.setdefault(r["county_fips"], []).append((r["in_force_from"], r["in_force_until"]))
    for fips, periods in by_county.items():
        periods.sort()
        for (_start, end), (next_start, _next_end) in itertools.pairwise(periods):
            if not end or (next_start and next_start < end):
                raise SystemExit(f"county {fips}: overlapping division periods {periods}")
