#!/usr/bin/env python3
"""Build Amparo's shipped reference tables from public government sources.

Usage::

    .venv/bin/python scripts/build_reference_data.py [SOURCE_DIR]

SOURCE_DIR (default: ../shared/data next to the repository) must hold:

* ice_detention_stats_facilities_fy24.csv, _fy25.csv, _fy26.csv: the facility sheets of ICE
  ERO's "Detention Statistics" workbooks (U.S. Government works, public domain);
* ice_ero_field_offices.csv: ICE's "ICE Field Offices" page (U.S. Government work);
* uscourts_judicial_district.csv, uscourts_judicial_circuit.csv and
  uscourts_judicial_district_county.csv: the federal judicial districts, circuits and the
  county -> district crosswalk built from 28 U.S.C. §§ 41, 81-131 (cahutton/us-judicial-geography,
  MIT licence, (c) 2019 Corey Alan Hutton);
* geocorr2022_zcta_to_county.csv: Census 2020 ZCTA -> county shares (Missouri Census Data
  Center Geocorr 2022);
* eoir_lookup_base_city_and_hearing_locations.csv: EOIR's base-city (immigration court) and
  hearing-location lookup tables (from EOIR FOIA releases);
* federal_district_courts.csv (optional): used only to cross-check the court ids this script
  derives; nothing from it is written.

It writes, and overwrites:

* amparo/custody/data/facilities.csv: one row per distinct facility across FY24-FY26, with its
  county, the aliases people use and the immigration court sitting at it, where known;
* amparo/custody/data/field_offices.csv: the 25 ERO field offices with their AOR states;
* amparo/custody/data/zip_counties.csv: ZCTA -> county shares, to place new facilities;
* amparo/courts/data/courts.csv: the 13 circuits, the 94 district courts, the BIA and the
  immigration courts (EOIR base cities);
* amparo/courts/data/counties.csv: every county or equivalent -> district court;
* amparo/courts/data/divisions.csv: each county's divisions, dated, by statute or local rule
  (see ``scripts/reference_divisions.py``).

It needs the project's virtualenv: facilities are placed in counties by the same rule the
application uses (``amparo.custody.rules.assign_county``), so the shipped table and a facility
imported later are placed alike.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from amparo.custody.rules import (  # noqa: E402  (needs REPO_ROOT on the path)
    CountyTable,
    ZipTable,
    assign_county,
    county_core_key,
    normalize_facility_name,
)
from scripts.reference_divisions import (  # noqa: E402
    DIVISION_COLUMNS,
    NO_STATUTORY_DIVISIONS,
    build_divisions,
)

DEFAULT_SOURCE_DIR = REPO_ROOT.parent / "shared" / "data"
CUSTODY_DATA = REPO_ROOT / "amparo" / "custody" / "data"
COURTS_DATA = REPO_ROOT / "amparo" / "courts" / "data"

FISCAL_YEARS = ("FY26", "FY25", "FY24")  # newest first: the newest record of a facility wins

FACILITY_COLUMNS = [
    "name",
    "address",
    "city",
    "state",
    "zip_code",
    "aor_code",
    "facility_type",
    "latest_fiscal_year",
    "fiscal_years",
    "source",
    "source_date",
    "other_names",
    "aliases",
    "county",
    "county_fips",
    "county_method",
    "county_note",
    "site_note",
    "immigration_courts",
]
FIELD_OFFICE_COLUMNS = ["code", "name", "address", "city", "state", "zip", "phone", "states"]
COURT_COLUMNS = ["kind", "code", "name", "short_name", "state", "city", "county", "circuit"]
COUNTY_COLUMNS = [
    "county_fips",
    "state",
    "county_name",
    "district",
    "is_entire_county",
    "part",
    "area_keyword",
    "statute",
    "note",
]
ZIP_COUNTY_COLUMNS = ["zcta", "county_fips", "share"]

# USPS codes of the states, DC and the territories, by the names ICE and the courts use.
STATE_CODES = {
    "Alabama": "AL",
    "Alaska": "AK",
    "American Samoa": "AS",
    "Arizona": "AZ",
    "Arkansas": "AR",
    "California": "CA",
    "Colorado": "CO",
    "Connecticut": "CT",
    "Delaware": "DE",
    "District of Columbia": "DC",
    "Florida": "FL",
    "Georgia": "GA",
    "Guam": "GU",
    "Hawaii": "HI",
    "Idaho": "ID",
    "Illinois": "IL",
    "Indiana": "IN",
    "Iowa": "IA",
    "Kansas": "KS",
    "Kentucky": "KY",
    "Louisiana": "LA",
    "Maine": "ME",
    "Maryland": "MD",
    "Massachusetts": "MA",
    "Michigan": "MI",
    "Minnesota": "MN",
    "Mississippi": "MS",
    "Missouri": "MO",
    "Montana": "MT",
    "Nebraska": "NE",
    "Nevada": "NV",
    "New Hampshire": "NH",
    "New Jersey": "NJ",
    "New Mexico": "NM",
    "New York": "NY",
    "North Carolina": "NC",
    "North Dakota": "ND",
    "Northern Mariana Islands": "MP",
    "Ohio": "OH",
    "Oklahoma": "OK",
    "Oregon": "OR",
    "Pennsylvania": "PA",
    "Puerto Rico": "PR",
    "Rhode Island": "RI",
    "Saipan": "MP",
    "South Carolina": "SC",
    "South Dakota": "SD",
    "Tennessee": "TN",
    "Texas": "TX",
    "Utah": "UT",
    "Vermont": "VT",
    "Virgin Islands": "VI",
    "Virginia": "VA",
    "Washington": "WA",
    "West Virginia": "WV",
    "Wisconsin": "WI",
    "Wyoming": "WY",
}
# Longest names first so "West Virginia" wins over "Virginia"; word boundaries keep "Kansas"
# out of "Arkansas".
_STATE_NAME_RE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(STATE_CODES, key=len, reverse=True)) + r")\b"
)

# Courts of appeals: number -> (courts-db id, ordinal in the court's name, short name, seat).
# Short names follow the Bluebook ("2d Cir.", "3d Cir."), not the "2nd"/"3rd" of the source.
CIRCUITS = {
    1: ("ca1", "First", "1st Cir.", "MA", "Boston"),
    2: ("ca2", "Second", "2d Cir.", "NY", "New York"),
    3: ("ca3", "Third", "3d Cir.", "PA", "Philadelphia"),
    4: ("ca4", "Fourth", "4th Cir.", "VA", "Richmond"),
    5: ("ca5", "Fifth", "5th Cir.", "LA", "New Orleans"),
    6: ("ca6", "Sixth", "6th Cir.", "OH", "Cincinnati"),
    7: ("ca7", "Seventh", "7th Cir.", "IL", "Chicago"),
    8: ("ca8", "Eighth", "8th Cir.", "MO", "St. Louis"),
    9: ("ca9", "Ninth", "9th Cir.", "CA", "San Francisco"),
    10: ("ca10", "Tenth", "10th Cir.", "CO", "Denver"),
    11: ("ca11", "Eleventh", "11th Cir.", "GA", "Atlanta"),
    0: ("cadc", "District of Columbia", "D.C. Cir.", "DC", "Washington"),
    12: ("cafc", "Federal", "Fed. Cir.", "DC", "Washington"),
}
# Bluebook (T1) abbreviations where the district list uses another form.
DISTRICT_SHORT_NAME_FIXES = {
    "D. Ak.": "D. Alaska",
    "D. Ore.": "D. Or.",
    "D.N. Mar. I.": "D. N. Mar. I.",
}
# courts-db ids that do not follow "<state><direction>d".
DISTRICT_CODE_EXCEPTIONS = {"Northern Mariana Islands": "nmid"}
DIRECTIONS = {
    "Northern": "n",
    "Southern": "s",
    "Eastern": "e",
    "Western": "w",
    "Middle": "m",
    "Central": "c",
}
BIA = {
    "kind": "bia",
    "code": "bia",
    "name": "Board of Immigration Appeals",
    "short_name": "BIA",
    "state": "VA",
    "city": "Falls Church",
    "circuit": "",
}

_ADDRESS_WORDS = {
    "STREET": "ST",
    "ROAD": "RD",
    "AVENUE": "AVE",
    "DRIVE": "DR",
    "BOULEVARD": "BLVD",
    "HIGHWAY": "HWY",
    "LANE": "LN",
    "PARKWAY": "PKWY",
    "PLACE": "PL",
    "TRAIL": "TRL",
    "NORTH": "N",
    "SOUTH": "S",
    "EAST": "E",
    "WEST": "W",
    "COUNTY": "CO",
    "SUITE": "STE",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Every row of a CSV with a header line, values stripped."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> int:
    """Write rows under a header; returns how many rows were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def norm_text(value: str) -> str:
    """Upper case, punctuation to spaces, whitespace collapsed."""
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", value.upper()).split())


def norm_address(value: str) -> str:
    """norm_text plus the usual street-word abbreviations, so spelling variants compare equal."""
    return " ".join(_ADDRESS_WORDS.get(word, word) for word in norm_text(value).split())


def zip5(value: str) -> str:
    """The 5-digit ZIP (leading zeros restored if a spreadsheet dropped them)."""
    digits = value.split("-")[0].strip()
    return digits.zfill(5) if digits.isdigit() else digits


# --- facilities -------------------------------------------------------------------------------


@dataclass
class FacilityRecord:
    """One facility and its rows in the yearly sheets, newest first."""

    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def years(self) -> set[str]:
        return {r["fiscal_year"] for r in self.rows}

    def name_keys(self) -> set[tuple[str, str, str]]:
        return {(norm_text(r["name"]), r["state"], zip5(r["zip"])) for r in self.rows}

    def address_keys(self) -> set[tuple[str, str]]:
        return {(norm_address(r["address"]), zip5(r["zip"])) for r in self.rows}

    def name_address_keys(self) -> set[tuple[str, str, str]]:
        return {(norm_text(r["name"]), r["state"], norm_address(r["address"])) for r in self.rows}


def _pull_date_iso(value: str) -> str:
    """ICE writes the pull date as MM/DD/YYYY; store ISO 8601."""
    month, day, year = value.split("/")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _same_facility(
    candidates: list[FacilityRecord], row: dict[str, str]
) -> tuple[FacilityRecord | None, str]:
    """The facility an older sheet's row belongs to, if any, and a note when the match is loose."""
    label = f"{row['fiscal_year']} {row['name']!r}"
    name_key = (norm_text(row["name"]), row["state"], zip5(row["zip"]))
    match = [r for r in candidates if name_key in r.name_keys()]
    if len(match) == 1:
        return match[0], ""

    address_key = (norm_address(row["address"]), zip5(row["zip"]))
    match = [r for r in candidates if address_key in r.address_keys()]
    if len(match) > 1:
        return None, f"{label}: address and ZIP shared by several facilities, kept apart"
    if match:
        newest = match[0].rows[0]
        if norm_text(newest["name"]) == norm_text(row["name"]):
            return match[0], ""  # e.g. the state left blank in one year
        return match[0], (
            f"{label} = {newest['fiscal_year']} {newest['name']!r} (same address and ZIP)"
        )

    name_address_key = (norm_text(row["name"]), row["state"], norm_address(row["address"]))
    match = [r for r in candidates if name_address_key in r.name_address_keys()]
    if len(match) == 1:
        newest = match[0].rows[0]
        return match[0], (
            f"{label}: ZIP {zip5(row['zip'])}, {newest['fiscal_year']} says "
            f"{zip5(newest['zip'])}; same name and address, merged"
        )
    return None, ""


def build_facilities(source_dir: Path) -> tuple[list[dict[str, str]], list[str]]:
    """Merge the yearly sheets into one row per facility; also returns notes on odd data.

    Rows of different years are one facility when they share (1) normalised name, state and
    ZIP, else (2) normalised street address and ZIP, if exactly one facility has it, else
    (3) normalised name, state and street address. Two rows of one sheet never merge.
    """
    notes: list[str] = []
    records: list[FacilityRecord] = []
    for fiscal_year in FISCAL_YEARS:
        sheet = source_dir / f"ice_detention_stats_facilities_{fiscal_year.lower()}.csv"
        for row in read_csv(sheet):
            if row["fiscal_year"] != fiscal_year:
                raise SystemExit(f"{sheet.name}: row for {row['fiscal_year']}, not {fiscal_year}")
            # Two rows of one sheet are two facilities (the Dilley sites share an address).
            open_records = [r for r in records if fiscal_year not in r.years]
            record, note = _same_facility(open_records, row)
            if note:
                notes.append(note)
            if record is not None:
                record.rows.append(row)
            else:
                records.append(FacilityRecord(rows=[row]))

    out: list[dict[str, str]] = []
    for record in records:
        newest = record.rows[0]
        state = newest["state"]
        if not state:
            older = [r["state"] for r in record.rows[1:] if r["state"]]
            if not older:
                raise SystemExit(f"{newest['name']}: no state in any fiscal year")
            state = older[0]
            notes.append(
                f"{newest['fiscal_year']} {newest['name']}: blank state in ICE sheet, "
                f"{state} taken from an older year's row"
            )
        newest_name = norm_text(newest["name"])
        other_names: list[str] = []
        for r in record.rows[1:]:
            if norm_text(r["name"]) != newest_name and r["name"] not in other_names:
                other_names.append(r["name"])
        out.append(
            {
                "name": newest["name"],
                "address": newest["address"],
                "city": newest["city"],
                "state": state,
                "zip_code": zip5(newest["zip"]),
                "aor_code": newest["aor"],
                "facility_type": newest["type_detailed"],
                "latest_fiscal_year": newest["fiscal_year"],
                "fiscal_years": "|".join(sorted(record.years)),
                "source": f"ICE ERO detention statistics, {newest['fiscal_year']} facility sheet",
                "source_date": _pull_date_iso(newest["data_pull_date"]),
                "other_names": "|".join(other_names),
            }
        )
    out.sort(key=lambda r: (r["name"], r["state"], r["zip_code"]))
    keys = [(r["name"], r["state"], r["zip_code"]) for r in out]
    if len(keys) != len(set(keys)):
        raise SystemExit("facilities: (name, state, zip_code) is not unique")
    return out, notes


# --- field offices ----------------------------------------------------------------------------


def aor_states(text: str, office_state: str) -> list[str]:
    """USPS codes named in an AOR description, in order of mention.

    Descriptions that name no state ("San Diego and Imperial County", "LA Metro (...)") are
    parts of the office's own state.
    """
    codes: list[str] = []
    for match in _STATE_NAME_RE.finditer(text):
        code = STATE_CODES[match.group(1)]
        if code not in codes:
            codes.append(code)
    return codes or [office_state]


# ice.gov lists the Miami area of responsibility under the office's Miramar address ("Miramar
# Sub Office"); the field office, and its director, are Miami's.
FIELD_OFFICE_NAME_FIXES = {"MIA": "Miami Field Office"}


def build_field_offices(source_dir: Path) -> list[dict[str, str]]:
    """One row per ERO field office, keyed by the AOR code the ICE sheets use."""
    out = []
    for row in read_csv(source_dir / "ice_ero_field_offices.csv"):
        phone = "" if row["phone"].upper() in {"NA", "N/A"} else row["phone"]
        out.append(
            {
                "code": row["aor_code"],
                "name": FIELD_OFFICE_NAME_FIXES.get(row["aor_code"], row["office_name"]),
                "address": row["address"],
                "city": row["city"],
                "state": row["state"],
                "zip": row["zip"],
                "phone": phone,
                "states": "|".join(aor_states(row["area_of_responsibility"], row["state"])),
            }
        )
    out.sort(key=lambda r: r["code"])
    return out


# --- courts -----------------------------------------------------------------------------------


def district_code(district_id: str, state: str) -> str:
    """The courts-db / CourtListener id of a district: "Louisiana Western" -> "lawd"."""
    if district_id in DISTRICT_CODE_EXCEPTIONS:
        return DISTRICT_CODE_EXCEPTIONS[district_id]
    last = district_id.rsplit(" ", 1)[-1]
    return f"{state.lower()}{DIRECTIONS.get(last, '')}d"


def build_courts(source_dir: Path) -> list[dict[str, str]]:
    """The circuits, then the district courts, then the BIA."""
    circuits = {
        int(r["judicial_circuit_id"]): r
        for r in read_csv(source_dir / "uscourts_judicial_circuit.csv")
    }
    if set(circuits) != set(CIRCUITS):
        raise SystemExit(f"circuit list has ids {sorted(circuits)}, expected 0-12")
    out: list[dict[str, str]] = []
    for number, (code, ordinal, short_name, state, city) in CIRCUITS.items():
        expected = "D.C. Circuit" if number == 0 else f"{ordinal} Circuit"
        if circuits[number]["judicial_circuit_name"] != expected:
            raise SystemExit(f"circuit {number} is {circuits[number]['judicial_circuit_name']!r}")
        out.append(
            {
                "kind": "circuit",
                "code": code,
                "name": f"United States Court of Appeals for the {ordinal} Circuit",
                "short_name": short_name,
                "state": state,
                "city": city,
                "circuit": "",
            }
        )

    districts = []
    for row in read_csv(source_dir / "uscourts_judicial_district.csv"):
        state = row["state_alpha_code"]
        abbreviation = row["judicial_district_abbreviation"]
        districts.append(
            {
                "kind": "district",
                "code": district_code(row["judicial_district_id"], state),
                "name": f"United States District Court for the {row['judicial_district_name']}",
                "short_name": DISTRICT_SHORT_NAME_FIXES.get(abbreviation, abbreviation),
                "state": state,
                "city": "",
                "circuit": CIRCUITS[int(row["judicial_circuit_id"])][0],
            }
        )
    districts.sort(key=lambda r: r["code"])

    cross_check = source_dir / "federal_district_courts.csv"
    if cross_check.exists():
        theirs = {r["court_id"] for r in read_csv(cross_check)}
        ours = {r["code"] for r in districts}
        if theirs != ours:
            raise SystemExit(f"district ids differ from courts-db: {sorted(theirs ^ ours)}")
    out.extend(districts)
    out.append(dict(BIA))
    return out


# --- counties -> districts ---------------------------------------------------------------------

# State FIPS codes (Census) -> USPS codes, for the states, DC and the territories.
STATE_FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "74": "UM",
    "78": "VI",
}  # fmt: skip

# The section of the U.S. Code that draws each state's districts (28 U.S.C. §§ 81-131) or
# creates a territorial court (48 U.S.C.). The minor outlying islands named in § 91 belong to
# the District of Hawaii.
STATUTE_BY_STATE = {
    "AL": "28 U.S.C. § 81", "AK": "28 U.S.C. § 81A", "AZ": "28 U.S.C. § 82",
    "AR": "28 U.S.C. § 83", "CA": "28 U.S.C. § 84", "CO": "28 U.S.C. § 85",
    "CT": "28 U.S.C. § 86", "DE": "28 U.S.C. § 87", "DC": "28 U.S.C. § 88",
    "FL": "28 U.S.C. § 89", "GA": "28 U.S.C. § 90", "HI": "28 U.S.C. § 91",
    "ID": "28 U.S.C. § 92", "IL": "28 U.S.C. § 93", "IN": "28 U.S.C. § 94",
    "IA": "28 U.S.C. § 95", "KS": "28 U.S.C. § 96", "KY": "28 U.S.C. § 97",
    "LA": "28 U.S.C. § 98", "ME": "28 U.S.C. § 99", "MD": "28 U.S.C. § 100",
    "MA": "28 U.S.C. § 101", "MI": "28 U.S.C. § 102", "MN": "28 U.S.C. § 103",
    "MS": "28 U.S.C. § 104", "MO": "28 U.S.C. § 105", "MT": "28 U.S.C. § 106",
    "NE": "28 U.S.C. § 107", "NV": "28 U.S.C. § 108", "NH": "28 U.S.C. § 109",
    "NJ": "28 U.S.C. § 110", "NM": "28 U.S.C. § 111", "NY": "28 U.S.C. § 112",
    "NC": "28 U.S.C. § 113", "ND": "28 U.S.C. § 114", "OH": "28 U.S.C. § 115",
    "OK": "28 U.S.C. § 116", "OR": "28 U.S.C. § 117", "PA": "28 U.S.C. § 118",
    "PR": "28 U.S.C. § 119", "RI": "28 U.S.C. § 120", "SC": "28 U.S.C. § 121",
    "SD": "28 U.S.C. § 122", "TN": "28 U.S.C. § 123", "TX": "28 U.S.C. § 124",
    "UT": "28 U.S.C. § 125", "VT": "28 U.S.C. § 126", "VA": "28 U.S.C. § 127",
    "WA": "28 U.S.C. § 128", "WV": "28 U.S.C. § 129", "WI": "28 U.S.C. § 130",
    "WY": "28 U.S.C. § 131", "UM": "28 U.S.C. § 91", "GU": "48 U.S.C. § 1424",
    "VI": "48 U.S.C. § 1611", "MP": "48 U.S.C. § 1821",
}  # fmt: skip

# Misspellings in the crosswalk's division names, against the statute's text.
DIVISION_SPELLING_FIXES = {
    "Terra Haute Division": "Terre Haute Division",  # § 94(b)(2)
    # § 81(c) names the Southern District's divisions "Northern" (held at Selma) and
    # "Southern" (held at Mobile); the crosswalk used the cities' names.
    "Selma Division": "Northern Division",
    "Mobile Division": "Southern Division",
}

# The two carved-out areas 28 U.S.C. names inside counties, and the word that names each.
SPLIT_AREAS = {
    "Yellowstone National Park": "Yellowstone",
    "Federal Correctional Institution, Butner": "Butner",
}


def county_display_name(text: str) -> str:
    """The crosswalk's statutory wording as a plain name: "Parish of LaSalle" -> "LaSalle Parish".

    Kinds follow the Census style: "Richmond city" (an independent city) is not "Richmond
    County".
    """
    text = text.strip()
    text = re.sub(r",? exclusive of .*$", "", text)
    if text.startswith(("those portions", "that portion")):
        area = re.search(
            r"the ((?:County|Parish) of [A-Z][A-Za-z.' -]+?)(?:,| encompassing|$)", text
        )
        if area is None:
            raise SystemExit(f"cannot name the county of {text!r}")
        text = area.group(1)
    text = re.sub(r"\(, (?:Territory|Municipality) of\)", "", text).strip()
    for prefix, kind in (
        ("City and Borough of ", "City and Borough"),
        ("City and County of ", "City and County"),
        ("Town and County of ", "Town and County"),
        ("County of ", "County"),
        ("Parish of ", "Parish"),
        ("City of ", "city"),
        ("Borough of ", "Borough"),
        ("Municipality of ", "Municipality"),
        ("Municipio de ", "Municipio"),
    ):
        if text.startswith(prefix):
            return f"{text[len(prefix) :].strip()} {kind}"
    return text


def _split_part(text: str) -> tuple[str, str]:
    """(part, area keyword) of a split-county row of the crosswalk."""
    for area, keyword in SPLIT_AREAS.items():
        if area in text:
            if text.startswith(("those portions", "that portion")):
                return f"the part comprising {area}", keyword
            return f"the county except {area}", ""
    raise SystemExit(f"split county with an area this script does not know: {text!r}")


def _geocorr_rows(source_dir: Path) -> list[list[str]]:
    """Geocorr's data rows (latin-1; the second line is a label row)."""
    path = source_dir / "geocorr2022_zcta_to_county.csv"
    with path.open(newline="", encoding="latin-1") as fh:
        rows = list(csv.reader(fh))
    if rows[0][:2] != ["zcta", "county"]:
        raise SystemExit(f"{path.name}: unexpected header {rows[0]}")
    return [[cell.strip() for cell in row] for row in rows[2:]]


def build_counties(
    source_dir: Path, short_names: dict[str, str]
) -> tuple[list[dict[str, str]], dict[str, str], list[str]]:
    """Every county or equivalent with its district court and statute section, and the
    division the crosswalk gives each county (FIPS -> division; dated in divisions.csv).

    ``short_names`` maps district ids to their short names, for the notes on split counties.
    """
    notes: list[str] = []
    crosswalk_division: dict[str, str] = {}
    districts = {
        r["judicial_district_id"]: r
        for r in read_csv(source_dir / "uscourts_judicial_district.csv")
    }
    out: list[dict[str, str]] = []
    for row in read_csv(source_dir / "uscourts_judicial_district_county.csv"):
        fips = row["county_ansi_code"]
        state = STATE_FIPS[fips[:2]]
        district_id = row["judicial_district_id"]
        district = ""
        if district_id:
            d = districts[district_id]
            district = district_code(district_id, d["state_alpha_code"])
        entire = row["is_entire_county"].upper() == "TRUE"
        part, keyword = ("", "") if entire else _split_part(row["county_name"])
        division = row["statutory_division"]
        division = DIVISION_SPELLING_FIXES.get(division, division)
        if division and not entire and state not in NO_STATUTORY_DIVISIONS:
            raise SystemExit(f"split county {fips} has a division: the table cannot date it")
        if division:
            crosswalk_division[fips] = division
        statute = STATUTE_BY_STATE.get(state, "")
        note = ""
        if not district:
            statute = ""
            note = (
                "No federal district court sits here (American Samoa has none; Navassa Island is "
                "in no district of 28 U.S.C. §§ 81-131): venue needs legal analysis."
            )
        if keyword:  # the carved-out area belongs to its district's own section (e.g. § 131)
            statute = STATUTE_BY_STATE[d["state_alpha_code"]]
        out.append(
            {
                "county_fips": fips,
                "state": state,
                "county_name": county_display_name(row["county_name"]),
                "district": district,
                "is_entire_county": "true" if entire else "false",
                "part": part,
                "area_keyword": keyword,
                "statute": statute,
                "note": note,
            }
        )

    # Counties created after the crosswalk (2019), from Geocorr's 2020 county list: Alaska's
    # Chugach and Copper River (were 02261) and Connecticut's planning regions (were its
    # counties). Both states are one district, so the state decides.
    known = {r["county_fips"] for r in out}
    by_state: dict[str, set[str]] = {}
    for r in out:
        if r["district"] and not r["area_keyword"]:
            by_state.setdefault(r["state"], set()).add(r["district"])
    added: dict[str, str] = {}
    for zcta_row in _geocorr_rows(source_dir):
        fips, name = zcta_row[1], zcta_row[2]
        if fips in known or fips in added:
            continue
        state = STATE_FIPS[fips[:2]]
        if len(by_state.get(state, ())) != 1:
            raise SystemExit(f"new county {fips} {name} in a state with several districts")
        added[fips] = re.sub(r",? [A-Z]{2}(?: \(\w\))?$", "", name)
    for fips, name in sorted(added.items()):
        state = STATE_FIPS[fips[:2]]
        (district,) = by_state[state]
        out.append(
            {
                "county_fips": fips,
                "state": state,
                "county_name": name,
                "district": district,
                "is_entire_county": "true",
                "part": "",
                "area_keyword": "",
                "statute": STATUTE_BY_STATE[state],
                "note": "County code newer than the crosswalk (Census 2020/2022); the state is "
                "one district.",
            }
        )
    notes.append(f"counties added from Geocorr (newer FIPS codes): {', '.join(sorted(added))}")
    split: dict[str, list[dict[str, str]]] = {}
    for r in out:
        if r["is_entire_county"] == "false":
            split.setdefault(r["county_fips"], []).append(r)
    for rows in split.values():
        (area,) = [r for r in rows if r["area_keyword"]]
        (rest,) = [r for r in rows if not r["area_keyword"]]
        text = (
            f"Split county: {area['part'].removeprefix('the part comprising ')} is in the "
            f"{short_names[area['district']]} ({area['statute']}); the rest of "
            f"{rest['county_name']} is in the {short_names[rest['district']]} ({rest['statute']})."
        )
        for r in rows:
            r["note"] = text
    legacy = {"02261", *(f"090{n:02d}" for n in range(1, 16, 2))}
    for r in out:
        if r["county_fips"] in legacy:
            r["note"] = "Legacy county code, replaced in Census 2020/2022 data; kept for old data."

    out.sort(key=lambda r: (r["county_fips"], r["area_keyword"]))
    return out, crosswalk_division, notes


def build_zip_counties(source_dir: Path) -> tuple[list[dict[str, str]], dict]:
    """ZCTA -> county shares; also (state, city key) -> [(county, people)] from ZIP names."""
    rows: list[dict[str, str]] = []
    city_people: dict[tuple[str, str], dict[str, float]] = {}
    for zcta, fips, _name, zip_name, pop, _afact2, afact in _geocorr_rows(source_dir):
        if not zcta or not zcta.isdigit():
            continue  # "[not in a ZCTA]" remainders
        share = float(afact)
        if share <= 0:
            continue
        rows.append({"zcta": zcta, "county_fips": fips, "share": f"{share:.4f}"})
        city, _, st = zip_name.rpartition(", ")
        if city:
            key = (st.strip(), county_core_key(city))
            bucket = city_people.setdefault(key, {})
            bucket[fips] = bucket.get(fips, 0.0) + float(pop or 0)
    rows.sort(key=lambda r: (r["zcta"], r["county_fips"]))
    city_counties = {key: list(v.items()) for key, v in city_people.items()}
    return rows, city_counties


# --- facility places, aliases and immigration courts -------------------------------------------

# Names people use for facilities, kept by hand (common usage: press, advocates, ICE's own
# short names, DHS's 2025 nicknames). Keyed by ICE's current name; the script stops if a key is
# no longer in the sheets. A short name shared by two facilities (Conroe, Florence, Folkston)
# is left out on purpose: matching should ask, not guess.
FACILITY_ALIASES = {
    "ADELANTO ICE PROCESSING CENTER": ["Adelanto"],
    "BAKER CORRECTIONAL INSTITUTION": ["Deportation Depot"],
    "BROWARD TRANSITIONAL CENTER": ["BTC"],
    "BUFFALO SERVICE PROCESSING CENTER": ["Batavia", "Batavia SPC", "Buffalo (Batavia) SPC"],
    "CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)": [
        "Jena",
        "LaSalle",
        "LaSalle ICE Processing Center",
        "LaSalle Detention Facility",
        "Central Louisiana ICE Processing Center",
        "CLIPC",
    ],
    "DELANEY HALL DETENTION FACILITY": ["Delaney Hall"],
    "DENVER CONTRACT DETENTION FACILITY": ["Aurora", "Aurora ICE Processing Center", "Denver CDF"],
    "DILLEY IMMIGRATION PROCESSING CENTER": [
        "Dilley",
        "South Texas Family Residential Center",
        "STFRC",
    ],
    "ELIZABETH CONTRACT DETENTION FACILITY": ["Elizabeth", "Elizabeth Detention Center"],
    "ELOY FEDERAL CONTRACT FACILITY": ["Eloy", "Eloy Detention Center"],
    "FLORIDA SOFT-SIDED FACILITY": ["Alligator Alcatraz"],
    "JTF CAMP SIX": ["Guantanamo", "Guantánamo", "Guantanamo Bay", "GTMO", "Camp Six"],
    "HOUSTON CONTRACT DETENTION FACILITY": ["Houston CDF", "Houston Processing Center"],
    "IRWIN COUNTY DETENTION CENTER": ["Irwin", "ICDC"],
    "KARNES COUNTY IMMIGRATION PROCESSING CENTER": [
        "Karnes",
        "Karnes County Residential Center",
        "KCRC",
    ],
    "KROME NORTH SERVICE PROCESSING CENTER": ["Krome", "Krome SPC"],
    "LOUISIANA ICE PROCESSING": ["Angola", "Camp 57", "Louisiana Lockup"],
    "MCCOOK DETENTION CENTER": ["Cornhusker Clink"],
    "MESA VERDE ICE PROCESSING CENTER": ["Mesa Verde"],
    "MIAMI CORRECTIONAL CENTER": ["Speedway Slammer"],
    "MOSHANNON VALLEY PROCESSING CENTER": ["Moshannon", "Moshannon Valley"],
    "NORTHWEST ICE PROCESSSING CENTER": [
        "Northwest",
        "Tacoma",
        "Northwest ICE Processing Center",
        "Northwest Detention Center",
        "NWIPC",
    ],
    "OTAY MESA DETENTION CENTER": ["Otay Mesa"],
    "OTERO COUNTY PROCESSING CENTER": ["Otero"],
    "PINE PRAIRIE ICE PROCESSING CENTER": ["Pine Prairie"],
    "PORT ISABEL SPC": ["Port Isabel", "Port Isabel Detention Center", "PIDC"],
    "SOUTH LOUISIANA ICE PROCESSING CENTER": ["Basile"],
    "SOUTH TEXAS ICE PROCESSING CENTER": ["Pearsall", "South Texas Detention Complex"],
    "STEWART DETENTION CENTER": ["Stewart", "Lumpkin"],
    "T DON HUTTO DETENTION CENTER": ["Hutto", "T. Don Hutto"],
    "TORRANCE COUNTY DETENTION FACILITY": ["Torrance", "Estancia"],
    "WYATT DETENTION CENTER": ["Wyatt", "Donald W. Wyatt Detention Facility"],
}

# Where the statistical rule (largest share of a ZIP spanning districts) puts a facility in the
# wrong county, fixed by hand with the reason. Each entry must change the computed county.
FACILITY_COUNTY_OVERRIDES = {
    ("MOSHANNON VALLEY PROCESSING CENTER", "PA"): (
        "42033",
        "ZIP 16866 (Philipsburg) spans Centre County (M.D. Pa.) and Clearfield County "
        "(W.D. Pa.); the facility at 555 GEO Drive lies in Decatur Township, Clearfield "
        "County, where a point-in-county check of its geocoded address also places it",
    ),
}

# Facilities whose site spans counties or districts, as found by a court or an official
# record: shown as a warning wherever the venue is. Each entry must name a facility in the
# sheets and cite its source.
FACILITY_SITE_NOTES = {
    ("FLORIDA SOFT-SIDED FACILITY", "FL"): (
        "The site, the Dade-Collier Training and Transition Airport, lies mostly in Collier "
        "County (M.D. Fla.) and partly in Miami-Dade County (S.D. Fla.). The S.D. Fla. found "
        "the detention facility in Collier County and transferred the detainees' suit over it "
        "to the M.D. Fla. (C.M. v. Noem, S.D. Fla., order of Aug. 18, 2025). File a habeas "
        "petition in the M.D. Fla. and say in it where on the site the person is held."
    ),
}

# Immigration courts (EOIR base cities) that sit at a detention facility and hear its docket,
# matched by hand to ICE's facility name. The script checks each against EOIR's own lookup:
# the hearing location with the base city's code must name the facility or its town.
CO_LOCATED_COURTS = {
    "ADL": ("ADELANTO ICE PROCESSING CENTER", "ADELANTO"),
    "AUR": ("DENVER CONTRACT DETENTION FACILITY", "AURORA"),
    "BTV": ("BUFFALO SERVICE PROCESSING CENTER", "BATAVIA"),
    "ELO": ("ELOY FEDERAL CONTRACT FACILITY", "ELOY"),
    "ELZ": ("ELIZABETH CONTRACT DETENTION FACILITY", "ELIZABETH"),
    "EPD": ("EL PASO SERVICE PROCESSING CENTER", "EL PASO SERVICE PROCESSING"),
    "FLO": ("FLORENCE SERVICE PROCESSING CENTER", "FLORENCE"),
    "JNA": ("CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)", "LASALLE"),
    "KRO": ("KROME NORTH SERVICE PROCESSING CENTER", "KROME"),
    "OTM": ("OTAY MESA DETENTION CENTER", "OTAY MESA"),
    "OTO": ("OTERO COUNTY PROCESSING CENTER", "OTERO"),
    "PIS": ("PORT ISABEL SPC", "PORT ISABEL"),
    "PSD": ("SOUTH TEXAS ICE PROCESSING CENTER", "PEARSALL"),
    "SDC": ("STEWART DETENTION CENTER", "STEWART"),
    "TAC": ("NORTHWEST ICE PROCESSSING CENTER", "TACOMA"),
}

# EOIR base cities that are not immigration courts.
EOIR_NOT_COURTS = {"BIA", "CIJ", "HDQ", "OIT", "OIN"}

# Base cities whose own-code hearing location names another court's seat: hearing location CLE
# reads "ARLINGTON, VIRGINIA" and WAS reads "ANNANDALE, VIRGINIA" (ANN's seat), while the
# dockets that carry each base city's letters say where it sits (CLD "CLEVELAND DETAINED
# LOCATION"; WAD "ARLINGTON DETAINED LOCATION"). Base city → (hearing location naming the seat,
# docket of the base city that confirms it); the script checks both against EOIR's lookup.
SEAT_HEARING_LOCATION = {"CLE": ("CEL", "CLD"), "WAS": ("CE9", "WAD")}

# Base cities to which EOIR's lookup gives the same place, so that they cannot be told apart by
# name here; any other name shared by two base cities stops the script.
EOIR_SAME_PLACE = {
    "Chelmsford Nondetained Immigration Court": {"CHE", "LOW"},
    "Port Isabel Service Processing Center Immigration Court": {"PEP", "PIS"},
    "Portland Immigration Court": {"POO", "POR"},
}


def eoir_seat(code: str, place: dict[str, str]) -> str:
    """The hearing location that names base city `code`'s seat (see SEAT_HEARING_LOCATION)."""
    if code not in SEAT_HEARING_LOCATION:
        return place.get(code, "")
    seat, docket = SEAT_HEARING_LOCATION[code]
    city = place.get(seat, "").split(",")[0]
    if not city or not place.get(docket, "").startswith(city):
        raise SystemExit(f"EOIR {code}: {seat!r} and docket {docket!r} disagree on the seat")
    return place[seat]


def build_immigration_courts(source_dir: Path) -> tuple[list[dict[str, str]], list[str]]:
    """One row per EOIR base city (immigration court), named from EOIR's own lookup tables.

    EOIR's base-city table describes almost every court only as "IMMIGRATION COURT"; the
    hearing location with the same code names the place ("ATLANTA, GEORGIA", "KROME NORTH
    SERVICE PROCESSING CENTER"), and the name is built from that.
    """
    rows = read_csv(source_dir / "eoir_lookup_base_city_and_hearing_locations.csv")
    base = {r["code"]: r["description"] for r in rows if r["eoir_table"] == "tblLookupBaseCity"}
    place = {r["code"]: r["description"] for r in rows if r["eoir_table"] == "tblLookupHloc"}
    state_by_name = {name.upper(): code for name, code in STATE_CODES.items()}
    out: list[dict[str, str]] = []
    notes: list[str] = []
    for code in sorted(base):
        if code in EOIR_NOT_COURTS:
            continue
        where = eoir_seat(code, place)
        city, state = "", ""
        match = re.match(r"^([A-Z .'-]+), ([A-Z ]+)$", where)
        if match and match.group(2) in state_by_name:
            city, state = match.group(1).title(), state_by_name[match.group(2)]
            label = city
        elif where.startswith("DHS") or not where:
            label = ""
            notes.append(f"EOIR base city {code}: hearing location {where!r}, no place name")
        else:
            label = re.sub(r"\s+", " ", where.replace(" - ", " ")).title()
        if "IMMIGRATION COURT" in label.upper():
            name = label
        elif label:
            name = f"{label} Immigration Court"
        else:
            name = f"Immigration Court (EOIR base city {code})"
        out.append(
            {
                "kind": "immigration",
                "code": code,
                "name": name,
                "short_name": code,
                "state": state,
                "city": city,
                "circuit": "",
            }
        )
    for code, (_facility, word) in CO_LOCATED_COURTS.items():
        if word not in place.get(code, ""):
            raise SystemExit(f"EOIR {code}: hearing location {place.get(code)!r} lacks {word!r}")
    codes_by_name: dict[str, set[str]] = {}
    for row in out:
        codes_by_name.setdefault(row["name"], set()).add(row["code"])
    for name, codes in codes_by_name.items():
        if len(codes) > 1 and EOIR_SAME_PLACE.get(name) != codes:
            raise SystemExit(f"EOIR base cities {sorted(codes)} are all named {name!r}")
    return out, notes


def place_facilities(
    facilities: list[dict[str, str]],
    counties: CountyTable,
    zips: ZipTable,
    city_counties: dict,
) -> list[str]:
    """Add county, aliases and co-located immigration court to each facility row, in place."""
    notes: list[str] = []
    names = {row["name"] for row in facilities}
    named = [*FACILITY_ALIASES, *(f for f, _ in CO_LOCATED_COURTS.values())]
    for key in [*named, *(name for name, _state in FACILITY_SITE_NOTES)]:
        if key not in names:
            raise SystemExit(f"hand-kept table names a facility not in the sheets: {key!r}")
    courts_by_facility: dict[str, list[str]] = {}
    for code, (facility_name, _word) in CO_LOCATED_COURTS.items():
        courts_by_facility.setdefault(facility_name, []).append(code)
    used_overrides = set()
    for row in facilities:
        other = [n for n in row["other_names"].split("|") if n]
        assigned = assign_county(
            name=row["name"],
            other_names=other,
            city=row["city"],
            state=row["state"],
            zip_code=row["zip_code"],
            counties=counties,
            zips=zips,
            city_counties=city_counties,
        )
        fips, method, note = assigned.fips, assigned.method, assigned.note
        override = FACILITY_COUNTY_OVERRIDES.get((row["name"], row["state"]))
        if override is not None:
            used_overrides.add((row["name"], row["state"]))
            if override[0] == fips:
                raise SystemExit(f"override for {row['name']} no longer changes anything")
            fips, method, note = override[0], "manual", override[1]
        county_rows = counties.by_fips.get(fips, [])
        row["county"] = county_rows[0].name if county_rows else ""
        row["county_fips"] = fips
        row["county_method"] = method
        row["county_note"] = note
        row["aliases"] = "|".join(FACILITY_ALIASES.get(row["name"], []))
        row["immigration_courts"] = "|".join(sorted(courts_by_facility.get(row["name"], [])))
        row["site_note"] = FACILITY_SITE_NOTES.get((row["name"], row["state"]), "")
        if note:
            notes.append(f"county of {row['name']} ({row['state']}): {method}; {note}")
    unused = set(FACILITY_COUNTY_OVERRIDES) - used_overrides
    if unused:
        raise SystemExit(f"county overrides for facilities not in the sheets: {sorted(unused)}")
    # Aliases must not collide with another facility's name or alias.
    seen: dict[str, str] = {}
    for row in facilities:
        for alias in [row["name"], *row["aliases"].split("|")]:
            key = normalize_facility_name(alias)
            if key and seen.setdefault(key, row["name"]) != row["name"]:
                raise SystemExit(f"alias {alias!r} names both {seen[key]} and {row['name']}")
    return notes


def place_courts(
    courts: list[dict[str, str]], counties: CountyTable, city_counties: dict
) -> list[str]:
    """Add the county of each court's city, in place: a court's time zone follows its county
    (49 CFR Part 71), and a city is not always its county's namesake (Knoxville, Knox County)."""
    notes: list[str] = []
    for court in courts:
        court["county"] = ""
        if not court["city"]:
            continue
        # An independent city is its own county-equivalent (St. Louis city, not the county).
        own = [
            row.name
            for row in counties.by_state.get(court["state"], [])
            if row.name.lower() == f"{court['city']} city".lower()
        ]
        if own:
            court["county"] = own[0]
            continue
        assigned = assign_county(
            name="",
            city=court["city"],
            state=court["state"],
            counties=counties,
            zips=ZipTable(),
            city_counties=city_counties,
        )
        court["county"] = assigned.name
        if not assigned.name:
            notes.append(f"county of court {court['code']} ({court['city']}): not found")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCE_DIR,
        help=f"folder with the source CSVs (default: {DEFAULT_SOURCE_DIR})",
    )
    args = parser.parse_args(argv)
    source_dir: Path = args.source_dir.resolve()
    if not source_dir.is_dir():
        print(f"source directory not found: {source_dir}", file=sys.stderr)
        return 1

    facilities, notes = build_facilities(source_dir)
    field_offices = build_field_offices(source_dir)
    courts = build_courts(source_dir)
    immigration_courts, court_notes = build_immigration_courts(source_dir)
    courts.extend(immigration_courts)
    short_names = {r["code"]: r["short_name"] for r in courts if r["kind"] == "district"}
    counties, crosswalk_division, county_notes = build_counties(source_dir, short_names)
    divisions = build_divisions(counties, crosswalk_division, county_core_key)
    zip_counties, city_counties = build_zip_counties(source_dir)
    notes += court_notes + county_notes
    notes += place_facilities(
        facilities, CountyTable(counties), ZipTable(zip_counties), city_counties
    )
    # A court sitting at a facility is where the facility is.
    facility_by_name = {r["name"]: r for r in facilities}
    for court in immigration_courts:
        if court["code"] in CO_LOCATED_COURTS and not court["state"]:
            facility = facility_by_name[CO_LOCATED_COURTS[court["code"]][0]]
            court["state"], court["city"] = facility["state"], facility["city"].title()
    notes += place_courts(courts, CountyTable(counties), city_counties)
    if len({r["code"] for r in courts}) != len(courts):
        raise SystemExit("courts: codes are not unique")
    district_codes = {r["code"] for r in courts if r["kind"] == "district"}
    stray = sorted({r["district"] for r in counties if r["district"]} - district_codes)
    if stray or district_codes - {r["district"] for r in counties}:
        raise SystemExit(f"county table and district list disagree: {stray}")

    aor_codes = {r["code"] for r in field_offices}
    unknown = sorted({r["aor_code"] for r in facilities} - aor_codes)
    if unknown:
        raise SystemExit(f"facilities name AOR codes with no field office: {unknown}")

    n_facilities = write_csv(CUSTODY_DATA / "facilities.csv", FACILITY_COLUMNS, facilities)
    n_offices = write_csv(CUSTODY_DATA / "field_offices.csv", FIELD_OFFICE_COLUMNS, field_offices)
    n_courts = write_csv(COURTS_DATA / "courts.csv", COURT_COLUMNS, courts)
    n_counties = write_csv(COURTS_DATA / "counties.csv", COUNTY_COLUMNS, counties)
    n_divisions = write_csv(COURTS_DATA / "divisions.csv", DIVISION_COLUMNS, divisions)
    n_zips = write_csv(CUSTODY_DATA / "zip_counties.csv", ZIP_COUNTY_COLUMNS, zip_counties)

    by_year: dict[str, int] = {}
    for r in facilities:
        by_year[r["latest_fiscal_year"]] = by_year.get(r["latest_fiscal_year"], 0) + 1
    kinds: dict[str, int] = {}
    for r in courts:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"source: {source_dir}")
    print(
        f"facilities: {n_facilities} ("
        + ", ".join(f"{n} last listed in {fy}" for fy, n in sorted(by_year.items(), reverse=True))
        + ")"
    )
    print(f"field offices: {n_offices}")
    print(f"courts: {n_courts} (" + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")")
    print(f"counties: {n_counties} rows; divisions: {n_divisions} rows")
    print(f"ZIP-county shares: {n_zips} rows")
    methods: dict[str, int] = {}
    for r in facilities:
        methods[r["county_method"] or "none"] = methods.get(r["county_method"] or "none", 0) + 1
    print(
        "facility counties by method: " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items()))
    )
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
