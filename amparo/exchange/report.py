"""The import report as people read it, and the bad rows handed back as a file to fix."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from amparo.exchange.importer import Report
from amparo.exchange.reading import FileUnreadable, read_table


def problem_lines(report: Report) -> list[str]:
    lines = []
    for p in report.problems:
        where = _("row %(row)d") % {"row": p.line} if p.line else _("file")
        if p.column:
            where += ", " + _("column %(column)s") % {"column": p.column}
        lines.append(f"  {where}: {p.reason}")
    return lines


def bad_rows_csv(file_name: str, data: bytes, report: Report) -> bytes:
    """The header and every row with a problem, each with a `problems` column saying what to
    fix, as UTF-8 CSV with a BOM (so Excel reads accents right)."""
    try:
        table = read_table(file_name, data)
    except FileUnreadable:
        return b""
    reasons: dict[int, list[str]] = {}
    for p in report.problems:
        reasons.setdefault(p.line, []).append(f"{p.column}: {p.reason}")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*table.header, "problems"])
    for line, cells in table.rows:
        if line in reasons:
            writer.writerow([*cells, "; ".join(reasons[line])])
    return ("\ufeff" + out.getvalue()).encode()


def summary(report: Report) -> str:
    counts = report.as_dict()
    return (
        _("%(rows)d rows: %(added)d added, %(updated)d updated, %(unchanged)d unchanged") % counts
    )
