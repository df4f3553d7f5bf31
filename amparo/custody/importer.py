"""Refreshing facilities from ICE's detention-statistics workbook (`amparo facilities import`).

What belongs here: reading the "Facilities FY.." sheet of ICE ERO's detention-statistics
workbook (xlsx), or a CSV with the same columns, checking every row, and upserting
``custody.Facility``. ICE publishes the workbook at https://www.ice.gov/detain/detention-management
(U.S. Government work, public domain).

The import is idempotent and all or nothing: the whole file is read and checked before anything
is written, and a malformed file (no facility sheet, no header row, a missing column, a bad ZIP
or an unknown AOR code) raises ``FacilityImportError`` naming the row and column, with nothing
written. Facilities are never deleted (placements point at them): one the file no longer lists
is reported as such. A facility ICE renamed is found by its street address and ZIP and renamed
in place, keeping the old name as an alias. A new facility is placed in a county by
``rules.assign_county`` (name, then ZIP). Each write is audited.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from amparo.audit.services import audit_record
from amparo.core.services import validated_save
from amparo.custody.models import Facility, FieldOffice
from amparo.custody.rules import (
    STATE_NAMES,
    assign_county,
    county_table,
    normalize_facility_name,
    zip_table,
)

if TYPE_CHECKING:
    from amparo.accounts.models import User

# Column -> header spellings accepted (after ``_header_key``: lower case, "FY26 " dropped).
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


@dataclass(frozen=True)
class SheetRow:
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


@dataclass
class ImportReport:
    sheet: str
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    no_longer_listed: list[str] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _header_key(value: Any) -> str:
    text = _cell(value).lower()
    text = re.sub(r"^(fy|eofy)\s?\d{2}\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _fiscal_year(*texts: str) -> str:
    for text in texts:
        match = re.search(r"\b(?:EO)?FY\s?(\d{2})\b", text, re.IGNORECASE)
        if match:
            return f"FY{match.group(1)}"
    return ""


def _find_header(rows: list[list[str]], label: str) -> tuple[int, dict[str, int]]:
    """Index of the header row and the column of each required field."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [_header_key(cell) for cell in row]
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


def _pull_date(texts: list[str]) -> datetime.date | None:
    for text in texts:
        match = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if match:
            month, day, year = (int(g) for g in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                continue
        match = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
        if match:
            return datetime.date.fromisoformat(match.group(0))
    return None


def _zip5(value: str, where: str) -> str:
    text = value.strip()
    if re.fullmatch(r"\d{1,5}", text):
        return text.zfill(5)
    match = re.fullmatch(r"(\d{5})-?\d{4}", text)
    if match:
        return match.group(1)
    raise FacilityImportError(f"{where}, column Zip: {value!r} is not a ZIP code.")


def _rows_of(
    table: list[list[str]], label: str, aor_codes: set[str]
) -> tuple[list[SheetRow], int, list[str]]:
    """Checked data rows, the index of the header row and the text above the header."""
    header_index, columns = _find_header(table, label)
    above = [cell for row in table[:header_index] for cell in row if cell]
    out: list[SheetRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for offset, raw in enumerate(table[header_index + 1 :], start=header_index + 2):
        values = {c: (raw[i] if i < len(raw) else "") for c, i in columns.items()}
        if not any(raw):
            continue
        where = f"{label}, row {offset}"
        others = [values[c] for c in ("city", "zip", "aor", "type_detailed")]
        if not any(others):
            break  # a note under the table ("Data Source: ...") ends it
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
    if not out:
        raise FacilityImportError(f"{label}: no facility rows under the header.")
    return out, header_index, above


def _read_xlsx(path: Path, aor_codes: set[str]) -> Sheet:
    from openpyxl import load_workbook  # imported here: only this path needs it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        raise FacilityImportError(f"{path.name}: not a readable xlsx workbook ({exc}).") from exc
    try:
        names = [n for n in workbook.sheetnames if re.match(r"\s*facilities\b", n, re.I)]
        if not names:
            listed = ", ".join(workbook.sheetnames)
            raise FacilityImportError(
                f"{path.name}: no 'Facilities FY..' sheet (sheets: {listed})."
            )
        sheet = workbook[names[0]]
        table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    label = f"sheet {names[0]!r}"
    rows, header_index, above = _rows_of(table, label, aor_codes)
    fiscal_year = _fiscal_year(names[0], *table[header_index], path.name)
    return Sheet(names[0], fiscal_year, _pull_date(above), rows)


def _read_csv(path: Path, aor_codes: set[str]) -> Sheet:
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            table = [[_cell(v) for v in row] for row in csv.reader(fh)]
    except UnicodeDecodeError as exc:
        raise FacilityImportError(f"{path.name}: not UTF-8 text ({exc.reason}).") from exc
    except csv.Error as exc:
        raise FacilityImportError(f"{path.name}: not a readable CSV file ({exc}).") from exc
    rows, header_index, above = _rows_of(table, path.name, aor_codes)
    header = table[header_index]
    first = table[header_index + 1]
    extra = {_header_key(h): (first[i] if i < len(first) else "") for i, h in enumerate(header)}
    fiscal_year = _fiscal_year(extra.get("fiscal_year", ""), *header, path.name)
    pull_date = _pull_date([extra.get("data_pull_date", ""), *above])
    return Sheet(path.name, fiscal_year, pull_date, rows)


def read_sheet(path: Path, aor_codes: set[str]) -> Sheet:
    """The checked facility rows of an ICE workbook (.xlsx) or CSV; raises FacilityImportError."""
    if not path.is_file():
        raise FacilityImportError(f"{path}: no such file.")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, aor_codes)
    return _read_csv(path, aor_codes)


# --- writing ----------------------------------------------------------------------------------


def _norm_address(value: str) -> str:
    return normalize_facility_name(value)


class _Index:
    """Existing facilities by the keys a sheet row may match."""

    def __init__(self, facilities: list[Facility]) -> None:
        self.by_key: dict[tuple[str, str, str], Facility] = {}
        self.by_name_zip: dict[tuple[str, str], list[Facility]] = {}
        self.by_address: dict[tuple[str, str], list[Facility]] = {}
        self.by_name_state: dict[tuple[str, str], list[Facility]] = {}
        for f in facilities:
            self.by_key.setdefault((f.name, f.state, f.zip_code), f)
            for name in [f.name, *f.aliases]:
                norm = normalize_facility_name(name)
                self.by_name_zip.setdefault((norm, f.zip_code), []).append(f)
                self.by_name_state.setdefault((norm, f.state), []).append(f)
            if f.address:
                self.by_address.setdefault((_norm_address(f.address), f.zip_code), []).append(f)

    def match(self, row: SheetRow, taken: set[Any]) -> Facility | None:
        def one(found: list[Facility]) -> Facility | None:
            free = [f for f in dict.fromkeys(found) if f.pk not in taken]
            if row.state:
                free = [f for f in free if f.state == row.state] or free
            return free[0] if len(free) == 1 else None

        exact = self.by_key.get((row.name, row.state, row.zip_code))
        if exact is not None and exact.pk not in taken:
            return exact
        norm = normalize_facility_name(row.name)
        for found in (
            self.by_name_zip.get((norm, row.zip_code), []),
            self.by_address.get((_norm_address(row.address), row.zip_code), []),
            self.by_name_state.get((norm, row.state), []) if row.state else [],
        ):
            facility = one(found)
            if facility is not None:
                return facility
        return None


def _state_from_zip(zip_code: str) -> str:
    shares = zip_table().counties(zip_code)
    if not shares:
        return ""
    rows = county_table().by_fips.get(shares[0][0], [])
    return rows[0].state if rows else ""


@transaction.atomic
def facilities_import(
    *, path: Path, actor: User | None = None, dry_run: bool = False
) -> ImportReport:
    """Upsert the facilities of an ICE facility sheet; report added, changed, no longer listed.

    Raises FacilityImportError, before any write, if the file is malformed. With ``dry_run``
    the changes are computed and rolled back.
    """
    offices = {office.code: office for office in FieldOffice.objects.all()}
    if not offices:
        raise FacilityImportError(
            "No ICE field offices in the database: run `amparo reference load`."
        )
    sheet = read_sheet(path, set(offices))
    existing = list(Facility.objects.select_related("field_office"))
    index = _Index(existing)
    report = ImportReport(sheet=sheet.label)
    taken: set[Any] = set()
    plans: list[tuple[SheetRow, Facility | None, str]] = []
    for row in sheet.rows:
        facility = index.match(row, taken)
        state = row.state or (facility.state if facility else "") or _state_from_zip(row.zip_code)
        if not state:
            raise FacilityImportError(
                f"{sheet.label}, row {row.line}, column State: blank, and the ZIP names no state."
            )
        if facility is not None:
            taken.add(facility.pk)
        plans.append((row, facility, state))

    for row, facility, state in plans:
        values: dict[str, Any] = {
            "name": row.name,
            "address": row.address,
            "city": row.city,
            "state": state,
            "zip_code": row.zip_code,
            "facility_type": row.facility_type,
            "field_office": offices[row.aor],
            "source": sheet.source,
        }
        if sheet.pull_date is not None:
            values["source_date"] = sheet.pull_date
        if facility is None:
            assigned = assign_county(
                name=row.name, city=row.city, state=state, zip_code=row.zip_code
            )
            facility = Facility(**values, county=assigned.name, county_fips=assigned.fips)
            validated_save(facility)
            audit_record(
                actor=actor,
                action="facility.import.create",
                organisation=None,
                obj=facility,
                changed_fields=sorted([*values, "county", "county_fips"]),
            )
            report.added.append(f"{row.name} ({row.city}, {state})")
            continue
        changed = [name for name, value in values.items() if getattr(facility, name) != value]
        if not changed:
            report.unchanged += 1
            continue
        if "name" in changed and facility.name not in facility.aliases:
            facility.aliases = [*facility.aliases, facility.name]
            changed.append("aliases")
        before = facility.name
        for name, value in values.items():
            setattr(facility, name, value)
        validated_save(facility, update_fields=changed)
        audit_record(
            actor=actor,
            action="facility.import.update",
            organisation=None,
            obj=facility,
            changed_fields=changed,
        )
        label = row.name if before == row.name else f"{before} → {row.name}"
        report.changed.append((f"{label} ({row.city}, {state})", sorted(changed)))

    report.no_longer_listed = sorted(
        f"{f.name} ({f.city}, {f.state})" for f in existing if f.pk not in taken
    )
    if dry_run:
        transaction.set_rollback(True)
    return report
