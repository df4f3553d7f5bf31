"""Districts: the district court of a place and its division on a day, with the notes that say why.

* Which district a county lies in: 28 U.S.C. §§ 81-131 (Guam, the Virgin Islands and the
  Northern Mariana Islands by 48 U.S.C. §§ 1424, 1611, 1821), ``courts/data/counties.csv``;
  a county split between districts by its carved-out area (§§ 106, 113, 131).
* A state that is one judicial district needs no county; one with several does.
* Its division on a given day: the section's text in force that day, or the court's local
  rule (``divisions.py``).

Apart from ``venue.py``, which puts together the whole answer for a facility or a county
(field office, circuit, immigration courts, respondents): this module answers only "which
district court, which division, under which text". No database.
"""

from __future__ import annotations

import datetime

from amparo.core.phrases import phrase
from amparo.custody.rules.divisions import division_note, division_table
from amparo.custody.rules.names import STATE_NAMES, normalize_facility_name
from amparo.custody.rules.places import CountyRow, county_table, courts_by_code, zip_table
from amparo.custody.rules.results import CourtRef, FacilityFacts


def court_ref(
    district_id: str, row: CountyRow | None = None, on: datetime.date | None = None
) -> CourtRef:
    """A district court, with the division of the county ``row`` on the day ``on``."""
    court = courts_by_code()[district_id]
    found = division_table().on(row.fips, on) if row is not None else None
    if found is not None and found.district != district_id:
        found = None
    return CourtRef(
        id=district_id,
        name=court["name"],
        short_name=court["short_name"],
        division=found.division if found else None,
        division_kind=found.kind if found else None,
        division_source=found.source if found else None,
    )


def place_venue(
    *,
    state: str,
    rows: list[CountyRow] | None,
    place_text: str,
    notes: list[str],
    on: datetime.date | None,
) -> tuple[CourtRef | None, CountyRow | None, str]:
    """District court for a place: by county, or by state where the state has one district.

    Returns the court (None where none is known), the county's row and the statute; each
    step appends its note to ``notes``.
    """
    statute = county_table().statute_for_state(state)
    row = _pick_row(rows, place_text, notes) if rows else None
    if row is not None and row.note:
        notes.append(row.note)
    if row is not None and row.district:
        court = _county_district(
            row, state=state, statute=row.statute or statute, notes=notes, on=on
        )
        return court, row, row.statute or statute
    if row is not None:  # no district court sits there (American Samoa)
        notes.append(
            phrase(
                "%(county)s lies in no federal judicial district; venue needs legal analysis.",
                county=row.name,
            )
        )
        return None, row, ""
    return _state_district(state, statute=statute, notes=notes), None, statute


def _pick_row(rows: list[CountyRow], place_text: str, notes: list[str]) -> CountyRow:
    """The row of a county that covers the place; explains a split county (§§ 106, 113, 131)."""
    if len(rows) == 1:
        return rows[0]
    words = normalize_facility_name(place_text)
    carved = [r for r in rows if r.area_keyword]
    rest = [r for r in rows if not r.area_keyword]
    for row in carved:
        if row.area_keyword.lower() in words:
            notes.append(
                phrase(
                    "%(county)s is split between districts: %(part)s lies in %(district)s "
                    "(%(statute)s); this place matches '%(keyword)s'.",
                    county=row.name,
                    part=row.part,
                    district=row.district,
                    statute=row.statute,
                    keyword=row.area_keyword,
                )
            )
            return row
    chosen = rest[0] if rest else rows[0]
    others = "; ".join(f"{r.part} → {court_ref(r.district).short_name}" for r in carved)
    notes.append(
        phrase(
            "%(county)s is split between districts (%(statute)s): %(others)s. "
            "Elsewhere in the county: %(court)s. "
            "Check the exact address if the person is held in the carved-out area.",
            county=chosen.name,
            statute=chosen.statute,
            others=others,
            court=court_ref(chosen.district).short_name,
        )
    )
    return chosen


def _county_district(
    row: CountyRow, *, state: str, statute: str, notes: list[str], on: datetime.date | None
) -> CourtRef:
    """The district the county's section names (28 U.S.C. §§ 81-131), and its division on
    the day."""
    court = court_ref(row.district, row, on)
    notes.append(
        phrase(
            "%(county)s, %(state)s lies in the %(court)s (%(statute)s).",
            county=row.name,
            state=STATE_NAMES.get(state, state),
            court=court.short_name,
            statute=statute,
        )
    )
    notes.append(
        division_note(
            division_table().on(row.fips, on) if court.division else None,
            county=row.name,
            court_short_name=court.short_name,
            statute=statute,
            day=on,
            history=division_table().history(row.fips),
        )
    )
    return court


def _state_district(state: str, *, statute: str, notes: list[str]) -> CourtRef | None:
    """No county known: a state that is one judicial district needs none; one with several
    districts does, and no court is claimed."""
    districts = county_table().districts_in_state(state)
    if len(districts) == 1:
        court = court_ref(districts[0])
        notes.append(
            phrase(
                "%(state)s is one judicial district (%(statute)s): %(court)s, whatever the county.",
                state=STATE_NAMES.get(state, state),
                statute=statute,
                court=court.short_name,
            )
        )
        return court
    if districts:
        names = ", ".join(court_ref(d).short_name for d in districts)
        notes.append(
            phrase(
                "%(state)s has %(count)s districts (%(names)s; %(statute)s): the county "
                "decides, and it is not known.",
                state=STATE_NAMES.get(state, state),
                count=len(districts),
                names=names,
                statute=statute,
            )
        )
    elif state:
        notes.append(phrase("No federal judicial district is recorded for %(state)s.", state=state))
    else:
        notes.append(phrase("No federal judicial district is recorded for this place."))
    return None


def zip_span_warning(facts: FacilityFacts, row: CountyRow | None) -> str:
    """A ZIP whose people live in counties of two districts: the street address decides."""
    if row is None or not facts.zip_code:
        return ""
    counties = county_table().by_fips
    shares = [(f, s) for f, s in zip_table().counties(facts.zip_code) if f in counties]
    districts = {counties[f][0].district for f, s in shares if s >= 0.01}
    if len(districts) < 2:
        return ""
    parts = ", ".join(
        f"{counties[f][0].name} ({court_ref(counties[f][0].district).short_name})"
        for f, s in shares
        if s >= 0.01
    )
    return phrase(
        "ZIP %(zip)s spans counties in different districts: %(parts)s. This facility was "
        "placed in %(county)s; check its street address before filing.",
        zip=facts.zip_code,
        parts=parts,
        county=row.name,
    )
