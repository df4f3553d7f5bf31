"""The first stage of a case import: every row of the file read and checked, before any client
data is read or written. Problems of the header, of a cell and of a row naming the same case
or A-number as an earlier one all go to the report, so it names every bad cell at once; the
rows come back as ``CaseRow``s for the writer (`importer.CaseWriter`) to match and plan."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.exchange import values
from amparo.exchange.columns import COLUMNS, CaseRow, Problem, References, parse_row
from amparo.exchange.facilities import FacilityFinder
from amparo.exchange.progress import Progress
from amparo.exchange.reading import Table
from amparo.exchange.report import Report
from amparo.relief.models import RequestType


def references(organisation: Organisation) -> References:
    kinds: dict[str, Any] = {}
    for kind in RequestType.objects.all():
        kinds[values.fold(kind.slug)] = kind
        kinds.setdefault(values.fold(kind.name), kind)
    now = timezone.now()
    zone = zoneinfo.ZoneInfo(organisation.time_zone)
    return References(
        zone=zone,
        today=now.astimezone(zone).date(),
        now=now,
        facility=FacilityFinder(),
        request_types=kinds,
    )


def check_rows(
    table: Table, refs: References, report: Report, progress: Progress | None = None
) -> list[CaseRow]:
    """Every row read and checked; problems go to the report."""
    unknown = [h for h in table.header if h and h not in COLUMNS and h != "problems"]
    for column in unknown:
        report.problems.append(Problem(table.header_line, column, _("not a column Amparo imports")))
    for column in ("given_name", "family_name"):
        if column not in table.header:
            report.problems.append(
                Problem(table.header_line, column, _("the header lacks this column"))
            )
    if report.problems:
        return []
    rows: list[CaseRow] = []
    report.rows = len(table.rows)
    with values.one_language():
        _check_each(table, refs, report, rows, progress)
    return rows


def _check_each(
    table: Table, refs: References, report: Report, rows: list[CaseRow], progress: Progress | None
) -> None:
    seen_ids: dict[str, int] = {}
    seen_a: dict[str, int] = {}
    for done, (line, cells) in enumerate(table.rows, start=1):
        named = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(table.header) if h}
        row = parse_row(line, named, refs, report.problems)
        row.cells = cells
        for key, seen, column in (
            (row.external_id, seen_ids, "external_id"),
            (row.person.get("a_number"), seen_a, "a_number"),
        ):
            if key and key in seen:
                report.problems.append(
                    Problem(line, column, _("the same as row %(row)d") % {"row": seen[key]})
                )
            elif key:
                seen[key] = line
        rows.append(row)
        if progress and done % 1000 == 0:
            progress(done, report.rows)
