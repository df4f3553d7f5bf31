"""The import report: what each row does and every problem found (`Report`, kept on the run),
as people read it, and the bad rows handed back as a file to fix."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from amparo.exchange.columns import Problem
from amparo.exchange.reading import FileUnreadable, read_table


@dataclass
class Outcome:
    line: int
    result: str  # added, updated, unchanged
    changed: list[str] = field(default_factory=list)


@dataclass
class Report:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "added": self.count("added"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "problems": [p.as_dict() for p in self.problems],
            "outcomes": [[o.line, o.result, o.changed] for o in self.outcomes],
        }


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


# What a row does and which of its records it changes, in the reader's words (the report keeps
# the importer's names: `person.country_of_birth`, `request`, so it reads the same in any
# language and in the audit trail).
RESULTS = {
    "added": pgettext_lazy("import row", "Added"),
    "updated": pgettext_lazy("import row", "Updated"),
    "unchanged": pgettext_lazy("import row", "Unchanged"),
}
CHANGES = {
    "person.given_name": gettext_lazy("given name"),
    "person.family_name": gettext_lazy("family name"),
    "person.a_number": gettext_lazy("A-number"),
    "person.date_of_birth": gettext_lazy("date of birth"),
    "person.country_of_birth": gettext_lazy("country of birth"),
    "person.immigration_status": gettext_lazy("immigration status"),
    "person.languages": gettext_lazy("languages"),
    "title": gettext_lazy("case title"),
    "status": gettext_lazy("case status"),
    "opened_on": gettext_lazy("opened on"),
    "campaign": gettext_lazy("campaign"),
    "tags": gettext_lazy("tags"),
    "external_id": gettext_lazy("id in the other tool"),
    "placement": gettext_lazy("facility"),
    "relative": gettext_lazy("relative"),
    "note": gettext_lazy("note"),
    "request": gettext_lazy("request"),
    "decision": gettext_lazy("decision"),
}


def outcome_rows(report: dict[str, Any], limit: int) -> list[tuple[int, str, str]]:
    """The first `limit` rows of a kept report: line, what happens, what changes."""
    shown = []
    for line, result, changed in report.get("outcomes", [])[:limit]:
        words = [str(CHANGES.get(name, name)) for name in changed]
        shown.append((line, str(RESULTS.get(result, result)), ", ".join(words)))
    return shown


def nothing_to_import(report: dict[str, Any]) -> bool:
    """A checked file whose every row Amparo already holds as the file has it."""
    return bool(report.get("rows")) and not report.get("added") and not report.get("updated")
