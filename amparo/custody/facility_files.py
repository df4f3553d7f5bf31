"""The files ICE's facility sheet comes in, read into checked rows: the xlsx workbook (its
"Facilities FY.." sheet, its size checked before openpyxl inflates it) and a CSV of the same
columns (read fast where its lines are plain: `_csv_rows`); the fiscal year and the data pull
date they state. The rows' checks are `facility_sheet`'s."""

from __future__ import annotations

import csv
import datetime
import re
import zipfile
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import IO

from amparo.custody.facility_sheet import (
    HEADER_SEARCH_ROWS,
    FacilityImportError,
    Sheet,
    cell_text,
    find_header,
    header_key,
    rows_of,
)

# ICE's workbook inflates to a few MB; 200 MB of XML is far beyond any real sheet.
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024


def _fiscal_year(*texts: str) -> str:
    for text in texts:
        match = re.search(r"\b(?:EO)?FY\s?(\d{2})\b", text, re.IGNORECASE)
        if match:
            return f"FY{match.group(1)}"
    return ""


def _pull_date(texts: list[tuple[str, str]]) -> datetime.date | None:
    """The data pull date from (where, text) pairs; a date that does not exist is refused,
    naming where it was found, rather than guessed at."""
    for where, text in texts:
        us = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not us and not iso:
            continue
        try:
            if us:
                month, day, year = (int(g) for g in us.groups())
                return datetime.date(year, month, day)
            assert iso is not None
            return datetime.date.fromisoformat(iso.group(0))
        except ValueError:
            raise FacilityImportError(f"{where}: {text!r} is not a date.") from None
    return None


def check_xlsx_size(source: Path | IO[bytes], limit: int | None = None) -> int:
    """The uncompressed size of a workbook's members, refused above `limit` before openpyxl
    reads it: a small file can inflate to gigabytes (a "zip bomb")."""
    limit = MAX_XLSX_UNCOMPRESSED if limit is None else limit
    try:
        with zipfile.ZipFile(source) as archive:
            total = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise FacilityImportError(f"not a readable xlsx workbook ({exc}).") from exc
    if total > limit:
        raise FacilityImportError(
            f"the workbook inflates to {total // 2**20} MB, more than the "
            f"{limit // 2**20} MB allowed."
        )
    return total


def _read_xlsx(path: Path, aor_codes: set[str]) -> Sheet:
    from openpyxl import load_workbook  # imported here: only this path needs it

    try:
        check_xlsx_size(path)
    except FacilityImportError as exc:
        raise FacilityImportError(f"{path.name}: {exc}") from None
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
        table = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    label = f"sheet {names[0]!r}"
    rows, header_index, above = rows_of(table, label, aor_codes)
    fiscal_year = _fiscal_year(names[0], *table[header_index], path.name)
    return Sheet(names[0], fiscal_year, _pull_date(above), rows)


def _csv_rows(lines: Iterator[str], cut: int = -1, count: int = -1) -> list[list[str]]:
    """The records of a CSV file's `lines` (as a file opened with ``newline=""`` gives them),
    the first `count` of them (all for -1), as ``csv.reader`` reads them; with `cut`, a row's
    cells after the `cut`-th are left as one string, unsplit. A line with no quote, no NUL
    and no more characters than a field may hold is one record, its cells split on commas (in
    C, and only as far as `cut`); any other line goes to ``csv.reader`` with the lines after
    it, which takes as many as its record spans (a quoted cell may hold a line break). ICE's
    sheet has 29 columns and Amparo reads the first nine: ``csv.reader`` making every cell
    of every row was the dearest step of reading it."""
    rows: list[list[str]] = []
    append, limit = rows.append, csv.field_size_limit()
    for line in lines:
        if '"' in line or "\x00" in line or len(line) > limit:
            append(next(csv.reader(chain([line], lines))))
        else:
            text = line.rstrip("\r\n")
            append(text.split(",", cut) if text else [])
        if len(rows) == count:
            break
    return rows


def _read_csv(path: Path, aor_codes: set[str]) -> Sheet:
    def whole() -> list[list[str]]:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            return list(csv.reader(fh))

    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            lines = iter(fh)
            # The rows the header may be in and the one under it whole (`find_header` looks
            # at the first 30; the first data row may say the pull date), the rest cut after
            # the last column read. With no header found, every row whole: the error is
            # `rows_of`'s, after the whole file was read (as a file that is not CSV says so).
            table = _csv_rows(lines, count=HEADER_SEARCH_ROWS + 1)
            try:
                cut = max(find_header(table, path.name)[1].values()) + 1
            except FacilityImportError:
                cut = -1
            table += _csv_rows(lines, cut)
    except UnicodeDecodeError as exc:
        raise FacilityImportError(f"{path.name}: not UTF-8 text ({exc.reason}).") from exc
    except csv.Error as exc:
        raise FacilityImportError(f"{path.name}: not a readable CSV file ({exc}).") from exc
    rows, header_index, above = rows_of(table, path.name, aor_codes, whole)
    header = table[header_index]
    first = [cell_text(cell) for cell in table[header_index + 1]]
    extra = {header_key(h): (first[i] if i < len(first) else "") for i, h in enumerate(header)}
    fiscal_year = _fiscal_year(extra.get("fiscal_year", ""), *header, path.name)
    where = f"{path.name}, row {header_index + 2}, column Data Pull Date"
    pull_date = _pull_date([(where, extra.get("data_pull_date", "")), *above])
    return Sheet(path.name, fiscal_year, pull_date, rows)


def read_sheet(path: Path, aor_codes: set[str]) -> Sheet:
    """The checked facility rows of an ICE workbook (.xlsx) or CSV; raises FacilityImportError."""
    if not path.is_file():
        raise FacilityImportError(f"{path}: no such file.")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, aor_codes)
    return _read_csv(path, aor_codes)
