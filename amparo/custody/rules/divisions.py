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

from amparo.core.phrases import Phrase, joined, phrase
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
    if row is None:
        return _no_division_note(county=county, statute=statute, day=day, history=history)
    text = _division_text(row, court_short_name=court_short_name, day=day)
    changes = [h for h in history if h is not row and h.division != row.division]
    if not changes:
        return text
    others = joined([_other_text(h, row) for h in changes], "; ")
    return phrase("%(text)s Other texts: %(others)s.", text=text, others=others)


def _no_division_note(
    *, county: str, statute: str, day: datetime.date | None, history: list[DivisionRow]
) -> Phrase:
    """No division on the day: the day is before the earliest text recorded, or the section
    names none for the county (28 U.S.C. § 92, Idaho) and a local rule may."""
    first = history[0].in_force_from if history else None
    if day is not None and first is not None and day < first:
        return phrase(
            "No division recorded for %(county)s on %(day)s: the earliest text recorded "
            "here took effect on %(first)s (%(source)s).",
            county=county,
            day=day,
            first=first,
            source=history[0].source,
        )
    if statute:
        return phrase(
            "No division: %(statute)s names none for %(county)s; where the court divides "
            "its work by local rule, check the court's rules.",
            statute=statute,
            county=county,
        )
    return phrase(
        "No division: the statute names none for %(county)s; where the court divides its "
        "work by local rule, check the court's rules.",
        county=county,
    )


def _division_text(row: DivisionRow, *, court_short_name: str, day: datetime.date | None) -> Phrase:
    """The division in force and what set it: a local rule (W.D. La. LR 77.3, E.D. Va. Local
    Civil Rule 3), which does not limit venue, or the section of 28 U.S.C. §§ 81-131."""
    named = {"division": row.division, "court": court_short_name, "source": row.source}
    if row.kind == LOCAL_RULE:
        return (
            phrase(
                "%(division)s of the %(court)s on %(day)s, set by local rule: %(source)s. "
                "A local-rule division does not limit venue, which is the district.",
                day=day,
                **named,
            )
            if day
            else phrase(
                "%(division)s of the %(court)s, set by local rule: %(source)s. "
                "A local-rule division does not limit venue, which is the district.",
                **named,
            )
        )
    return (
        phrase("%(division)s of the %(court)s on %(day)s, named in %(source)s.", day=day, **named)
        if day
        else phrase("%(division)s of the %(court)s, named in %(source)s.", **named)
    )


def _other_text(other: DivisionRow, row: DivisionRow) -> Phrase:
    """Another text's division and when it was in force, beside the one in force on the day."""
    until = other.in_force_until
    if until and until <= (row.in_force_from or until):
        return phrase(
            "%(division)s until %(day)s (%(source)s)",
            division=other.division,
            day=until,
            source=other.source,
        )
    if other.in_force_from:
        return phrase(
            "%(division)s from %(day)s (%(source)s)",
            division=other.division,
            day=other.in_force_from,
            source=other.source,
        )
    return phrase("%(division)s from ? (%(source)s)", division=other.division, source=other.source)
