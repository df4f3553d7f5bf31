#!/usr/bin/env python3
"""Build Amparo's shipped reference tables from public government sources.

Usage::

    python scripts/build_reference_data.py [SOURCE_DIR]

SOURCE_DIR (default: ../shared/data next to the repository) must hold:

* ice_detention_stats_facilities_fy24.csv, _fy25.csv, _fy26.csv: the facility sheets of ICE
  ERO's "Detention Statistics" workbooks (U.S. Government works, public domain);
* ice_ero_field_offices.csv: ICE's "ICE Field Offices" page (U.S. Government work);
* uscourts_judicial_district.csv and uscourts_judicial_circuit.csv: the federal judicial
  districts and circuits (28 U.S.C. §§ 41, 81-131);
* federal_district_courts.csv (optional): used only to cross-check the court ids this script
  derives; nothing from it is written.

It writes, and overwrites:

* amparo/custody/data/facilities.csv: one row per distinct facility across FY24-FY26;
* amparo/custody/data/field_offices.csv: the 25 ERO field offices with their AOR states;
* amparo/courts/data/courts.csv: the 13 circuits, the 94 district courts and the BIA.

Only the standard library is used, so the script runs without the project installed.
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
]
FIELD_OFFICE_COLUMNS = ["code", "name", "address", "city", "state", "zip", "phone", "states"]
COURT_COLUMNS = ["kind", "code", "name", "short_name", "state", "city", "circuit"]

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


def build_field_offices(source_dir: Path) -> list[dict[str, str]]:
    """One row per ERO field office, keyed by the AOR code the ICE sheets use."""
    out = []
    for row in read_csv(source_dir / "ice_ero_field_offices.csv"):
        phone = "" if row["phone"].upper() in {"NA", "N/A"} else row["phone"]
        out.append(
            {
                "code": row["aor_code"],
                "name": row["office_name"],
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

    aor_codes = {r["code"] for r in field_offices}
    unknown = sorted({r["aor_code"] for r in facilities} - aor_codes)
    if unknown:
        raise SystemExit(f"facilities name AOR codes with no field office: {unknown}")

    n_facilities = write_csv(CUSTODY_DATA / "facilities.csv", FACILITY_COLUMNS, facilities)
    n_offices = write_csv(CUSTODY_DATA / "field_offices.csv", FIELD_OFFICE_COLUMNS, field_offices)
    n_courts = write_csv(COURTS_DATA / "courts.csv", COURT_COLUMNS, courts)

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
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
