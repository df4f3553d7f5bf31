"""CSV and XLSX files of a report, with the suppression note when they are for publication."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

from amparo.reports.catalogue import Report
from amparo.reports.presenting import export_rows, publication_note

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is quoted (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_response(
    report: Report, rows: list[dict[str, Any]], *, file_format: str, publication: bool
) -> HttpResponse:
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
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerows(table)
        if note:
            writer.writerow([])
            writer.writerow([note])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
