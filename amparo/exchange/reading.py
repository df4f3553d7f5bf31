"""Reading a spreadsheet as it arrives from the field: CSV in UTF-8 (with or without BOM),
Latin-1 or Windows-1252, comma- or semicolon-separated; or an XLSX workbook (openpyxl), whose
uncompressed size is checked before it is opened.

Every cell comes back as text with its whitespace collapsed; a header's spelling is forgiven
(case, spaces, dashes). Nothing here knows what the columns mean.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from amparo.custody.facility_files import check_xlsx_size as workbook_size_check
from amparo.custody.facility_sheet import FacilityImportError

# A workbook is a zip; a small file can inflate to gigabytes ("zip bomb").
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024


class FileUnreadable(ValueError):
    """The file is not a spreadsheet Amparo can read; the message says why."""


@dataclass
class Table:
    header: list[str]  # normalised column names
    header_line: int
    rows: list[tuple[int, list[str]]]  # (line as a spreadsheet shows it, cells)


def header_key(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", value.strip().lower()).strip("_")


def cell_text(value: Any) -> str:
    if type(value) is str:  # nearly every cell of a CSV: the quick way first
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat() if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())  # whitespace collapsed, as \s+ would (and faster)


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (a BOM is dropped), else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _table(raw: list[list[str]]) -> Table:
    lines = [(n, cells) for n, cells in enumerate(raw, start=1) if any(cells)]
    if not lines:
        raise FileUnreadable(_("The file is empty."))
    header_line, header = lines[0]
    return Table(header=[header_key(h) for h in header], header_line=header_line, rows=lines[1:])


def read_csv(data: bytes) -> Table:
    text = decode(data)
    try:
        raw = [
            [cell_text(c) for c in row]
            for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))
        ]
    except csv.Error as exc:
        raise FileUnreadable(_("Not a readable CSV file (%(why)s).") % {"why": exc}) from exc
    return _table(raw)


def check_xlsx_size(source: io.BytesIO, limit: int = MAX_XLSX_UNCOMPRESSED) -> None:
    """Refuse a workbook whose members inflate beyond `limit` bytes, before openpyxl reads it."""
    try:
        workbook_size_check(source, limit)
    except FacilityImportError as exc:
        raise FileUnreadable(str(exc)) from None


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # only this path needs it

    check_xlsx_size(io.BytesIO(data))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise FileUnreadable(_("Not a readable XLSX workbook (%(why)s).") % {"why": exc}) from exc
    try:
        sheet = workbook.worksheets[0]
        raw = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(raw)


def read_table(name: str, data: bytes) -> Table:
    """The header and rows of an uploaded CSV or XLSX file (by its name or its first bytes)."""
    if name.lower().endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        return read_xlsx(data)
    return read_csv(data)
