"""CSV and XLSX files of a report, with the suppression note when they are for publication."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.http.response import HttpResponseBase
from openpyxl import Workbook

from amparo.core.htmx import csv_cell, download_response
from amparo.reports.catalogue import Report
from amparo.reports.presenting import export_rows, publication_note

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """Numbers stay numbers (in XLSX); text a spreadsheet would run as a formula is quoted."""
    return csv_cell(value) if isinstance(value, str) else value


def export_response(
    report: Report, rows: list[dict[str, Any]], *, file_format: str, publication: bool
) -> HttpResponseBase:
    table = [
        [safe_cell(v) for v in line] for line in export_rows(report, rows, publication=publication)
    ]
    note = publication_note(rows) if publication else ""
    name = f"{report.slug}{'-for-publication' if publication else ''}.{file_format}"
    if file_format == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None  # a new workbook has one sheet
        # Excel forbids : \\ / ? * [ ] in sheet names and allows 31 characters.
        sheet.title = re.sub(r"[:\\/?*\[\]]", " ", str(report.title))[:31].strip() or "Report"
        for line in table:
            sheet.append(line)
        if note:
            sheet.append([])
            sheet.append([note])
        buffer = io.BytesIO()
        book.save(buffer)
        return download_response(buffer.getvalue(), filename=name, content_type=XLSX)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(table)
    if note:
        writer.writerow([])
        writer.writerow([note])
    return download_response(
        out.getvalue().encode(), filename=name, content_type="text/csv; charset=utf-8"
    )
