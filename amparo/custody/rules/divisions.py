"""Divisions of a district court on a given day, by statute or by local rule.

Where a state's section of 28 U.S.C. §§ 81-131 has divisions, it names the counties of each;
Congress changes them from time to time (e.g. § 83(a) by Pub. L. 116-73 in 2019, § 81(a) by
Pub. L. 118-179 in 2024). Other courts divide their work by local rule (W.D. La. LR 77.3, E.D.
Va. Local Civil Rule 3). ``courts/data/divisions.csv`` holds each county's divisions with the
period each text was in force and its source; a day picks the row in force on it.

A division is not venue: a habeas petition lies in the district of confinement (28 U.S.C.
§ 2241(a)); a division tells the clerk's office and the caption. No database.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from amparo.custody.rules.places import DIVISIONS_CSV, read_table

STATUTE = "statute"
LOCAL_RULE = "local-rule"


@dataclass(frozen=True)
class DivisionRow:
    """A county's division while one text was in force: ``in_force_from`` inclusive (None:
    before the earliest text recorded), ``in_force_until`` exclusive (None: in force now)."""

    county_fips: str
    district: str
    division: str
    kind: str  # "statute" or "local-rule"
    in_force_from: datetime.date | None
    in_force_until: datetime.date | None
    source: str

    def in_force_on(self, day: datetime.date | None) -> bool:
        if day is None:
            return self.in_force_until is None
        starts = self.in_force_from is None or self.in_force_from <= day
        return starts and (self.in_force_until is None or day < self.in_force_until)


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class DivisionTable:
    """County FIPS -> its dated division rows."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.by_fips: dict[str, list[DivisionRow]] = {}
        for r in rows:
            self.by_fips.setdefault(r["county_fips"], []).append(
                DivisionRow(
                    county_fips=r["county_fips"],
                    district=r["district"],
                    division=r["division"],
                    kind=r["kind"],
                    in_force_from=_date(r["in_force_from"]),
                    in_force_until=_date(r["in_force_until"]),
                    source=r["source"],
                )
            )

    def on(self, fips: str, day: datetime.date | None) -> DivisionRow | None:
        """The division of a county on ``day`` (None: the text in force now)."""
        for row in self.by_fips.get(fips, []):
            if row.in_force_on(day):
                return row
        return None

    def history(self, fips: str) -> list[DivisionRow]:
        return sorted(
            self.by_fips.get(fips, []), key=lambda r: r.in_force_from or datetime.date.min
        )


@functools.cache
def division_table() -> DivisionTable:
    return DivisionTable(read_table(DIVISIONS_CSV))


def division_note(
    row: DivisionRow | None,
    *,
    county: str,
    court_short_name: str,
    statute: str,
    day: datetime.date | None,
    history: list[DivisionRow],
) -> str:
    """One sentence saying which division, set by what, and whether it changed."""
    when = f" on {day.isoformat()}" if day else ""
    if row is None:
        first = history[0].in_force_from if history else None
        if day is not None and first is not None and day < first:
            return (
                f"No division recorded for {county}{when}: the earliest text recorded here took "
                f"effect on {first.isoformat()} ({history[0].source})."
            )
        return (
            f"No division: {statute or 'the statute'} names none for {county}; where the court "
            "divides its work by local rule, check the court's rules."
        )
    if row.kind == LOCAL_RULE:
        text = (
            f"{row.division} of the {court_short_name}{when}, set by local rule: {row.source}. "
            "A local-rule division does not limit venue, which is the district."
        )
    else:
        text = f"{row.division} of the {court_short_name}{when}, named in {row.source}."
    changes = [h for h in history if h is not row and h.division != row.division]
    if changes:
        others = "; ".join(
            f"{h.division} "
            + (
                f"until {h.in_force_until.isoformat()}"
                if h.in_force_until and h.in_force_until <= (row.in_force_from or h.in_force_until)
                else f"from {h.in_force_from.isoformat() if h.in_force_from else '?'}"
            )
            + f" ({h.source})"
            for h in changes
        )
        text += f" Other texts: {others}."
    return text
