"""Venue: the district, division, circuit, field office and respondents for a place of detention.

* District of confinement: a district court grants the writ "within [its] respective
  jurisdiction[]" (28 U.S.C. § 2241(a)); the petition is filed where the person is held and
  names the immediate custodian (*Rumsfeld v. Padilla*, 542 U.S. 426 (2004)).
* Which district a county lies in (28 U.S.C. §§ 81-131) and its division on a given day:
  ``districts.py``; the county of a facility with none recorded: ``county_assignment.py``.
* Circuit of a district: 28 U.S.C. § 41. Field office: ICE's area of responsibility (AOR).
"""

from __future__ import annotations

import dataclasses
import datetime

from amparo.core.phrases import phrase
from amparo.custody.rules.county_assignment import assign_county
from amparo.custody.rules.custodians import custodian_note, respondents
from amparo.custody.rules.districts import place_venue, zip_span_warning
from amparo.custody.rules.names import (
    MILITARY_POST,
    STATE_NAMES,
    ascii_folded,
    normalize_facility_name,
    state_code,
    title_case,
)
from amparo.custody.rules.notes import OFFSHORE_NOTE, habeas_notes
from amparo.custody.rules.places import (
    CountyRow,
    county_table,
    courts_by_code,
    facility_courts,
    facility_offices,
    facility_site_notes,
    field_offices_by_code,
)
from amparo.custody.rules.results import (
    CountyRef,
    FacilityFacts,
    ImmigrationCourtRef,
    OfficeRef,
    Venue,
    VenueError,
)

_OFFSHORE_WORDS = ("GUANTANAMO", "JTF CAMP", "NAVAL STATION")
# How a facility's county was found (county_assignment.assign_county), in the words of a venue note.
_METHODS = {
    "name": phrase("name"),
    "zip": phrase("ZIP code"),
    "city": phrase("city"),
    "territory": phrase("territory"),
}


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _circuit_label(circuit_id: str) -> str:
    """ "ca5" -> "5th", "cadc" -> "D.C.", "cafc" -> "Fed."."""
    if circuit_id == "cadc":
        return "D.C."
    if circuit_id == "cafc":
        return "Fed."
    return _ordinal(int(circuit_id[2:]))


def _immigration_courts(facts: FacilityFacts) -> list[ImmigrationCourtRef]:
    index = facility_courts()
    courts = courts_by_code()
    for name in (facts.name, *facts.aliases):
        codes = index.get((normalize_facility_name(name), facts.state))
        if codes:
            return [ImmigrationCourtRef(c, courts[c]["name"]) for c in codes if c in courts]
    return []


def _offshore(facts: FacilityFacts) -> bool:
    """A facility with no U.S. county: a military post office address or Guantánamo Bay."""
    name = ascii_folded(facts.name).upper()
    return facts.city.strip().upper() in MILITARY_POST or any(w in name for w in _OFFSHORE_WORDS)


def _rows_for_facility(
    facility: FacilityFacts, state: str, notes: list[str]
) -> list[CountyRow] | None:
    table = county_table()
    rows: list[CountyRow] | None = None
    if facility.county_fips and facility.county_fips in table.by_fips:
        rows = table.by_fips[facility.county_fips]
    elif facility.county:
        found = table.find(state, facility.county)
        rows = found[0] if len(found) == 1 else None
    if rows is None and len(table.districts_in_state(state)) > 1:
        assigned = assign_county(
            name=facility.name,
            other_names=facility.aliases,
            city=facility.city,
            state=state,
            zip_code=facility.zip_code,
        )
        if assigned.fips:
            rows = table.by_fips[assigned.fips]
            notes.append(
                phrase(
                    "County from the facility's %(method)s: %(county)s.",
                    method=_METHODS.get(assigned.method, assigned.method),
                    county=assigned.name,
                )
            )
            if assigned.note:
                notes.append(assigned.note)
    return rows


def _office_of(facility: FacilityFacts, notes: list[str]) -> OfficeRef | None:
    if not facility.field_office_code:
        notes.append(phrase("No ICE area of responsibility (AOR) is recorded for this facility."))
        return None
    office_row = field_offices_by_code().get(facility.field_office_code, {})
    return OfficeRef(
        facility.field_office_code, facility.field_office_name or office_row.get("name", "")
    )


def venue(facility: FacilityFacts, on: datetime.date | None = None) -> Venue:
    """Field office, district court and its division, circuit, immigration court(s), respondents.

    ``on`` is the day the venue is asked for (a placement's start, a filing date): the
    division is the one in force that day. None means the law in force now. Warnings say
    what must be checked before filing (a site spanning districts, a ZIP spanning districts).
    """
    notes: list[str] = []
    site_note = facility.site_note or facility_site_notes().get(
        (normalize_facility_name(facility.name), state_code(facility.state) or facility.state), ""
    )
    warnings: list[str] = [site_note] if site_note else []
    office = _office_of(facility, notes)
    custodian = title_case(facility.name) if facility.name.isupper() else facility.name
    courts = _immigration_courts(facility)
    if not courts:
        notes.append(
            phrase(
                "Immigration court not recorded: EOIR publishes no facility-to-court table; "
                "check the Notice to Appear or EOIR's automated case information."
            )
        )
    state = state_code(facility.state) or facility.state
    base = Venue(
        field_office=office,
        district_court=None,
        circuit=None,
        circuit_court_id=None,
        immigration_courts=courts,
        respondents=respondents(custodian, office, facility.facility_type),
        facility=facility,
        state=state,
        warnings=warnings,
        on=on,
    )
    notes.append(custodian_note(facility.facility_type, custodian))
    if _offshore(facility):
        notes.append(OFFSHORE_NOTE)
        return dataclasses.replace(base, notes=notes + habeas_notes(None))
    rows = _rows_for_facility(facility, state, notes)
    if facility.county_note:
        notes.append(phrase("County placement: %(note)s.", note=facility.county_note))
    place_text = " ".join([facility.name, *facility.aliases, facility.city, facility.address])
    court, row, statute = place_venue(
        state=state, rows=rows, place_text=place_text, notes=notes, on=on
    )
    if not site_note and (span := zip_span_warning(facility, row)):
        warnings.append(span)
    circuit_id = courts_by_code()[court.id]["circuit"] if court else None
    return dataclasses.replace(
        base,
        district_court=court,
        circuit=_circuit_label(circuit_id) if circuit_id else None,
        circuit_court_id=circuit_id,
        notes=notes + habeas_notes(circuit_id),
        county=CountyRef(row.fips, row.name, state) if row else None,
        statute=statute,
    )


def _office_for_county(state: str, fips: str | None, notes: list[str]) -> OfficeRef | None:
    """The ERO field office for a place with no known facility.

    ICE assigns each facility to an area of responsibility (AOR), and AORs do not follow state
    lines, so the answer comes from ICE's facility sheets: the AOR of the facilities in the
    same county, else the one AOR of every facility in the state. Where the sheets disagree or
    are silent, no office is claimed: the facility's own AOR decides.
    """
    by_county, by_state = facility_offices()
    offices = field_offices_by_code()
    county_aors = by_county.get(fips or "", frozenset())
    state_aors = by_state.get(state, frozenset())
    if len(county_aors) == 1:
        (aor,) = county_aors
        reason = phrase("the AOR of ICE's facilities in this county")
    elif not county_aors and len(state_aors) == 1:
        (aor,) = state_aors
        reason = phrase("the one AOR of every ICE facility in %(state)s", state=state)
    else:
        candidates = sorted(county_aors or state_aors)
        notes.append(
            phrase(
                "Field office: the facility's ICE area of responsibility decides; ICE's "
                "facilities nearby are in %(offices)s.",
                offices=", ".join(candidates),
            )
            if candidates
            else phrase(
                "Field office: the facility's ICE area of responsibility decides; ICE lists "
                "no facility in %(state)s.",
                state=state,
            )
        )
        return None
    if aor not in offices:
        notes.append(phrase("Field office: AOR %(aor)s is not in the field-office list.", aor=aor))
        return None
    notes.append(
        phrase(
            "Field office %(office)s: %(reason)s (ICE detention statistics).",
            office=offices[aor]["name"],
            reason=reason,
        )
    )
    return OfficeRef(aor, offices[aor]["name"])


def _county_rows(
    code: str, county: str | None, county_fips: str | None, notes: list[str]
) -> list[CountyRow] | None:
    table = county_table()
    if county_fips:
        rows = table.by_fips.get(county_fips.strip().zfill(5))
        if not rows or rows[0].state != code:
            raise VenueError(
                phrase(
                    "No county with FIPS code %(fips)s in %(state)s.",
                    fips=repr(county_fips),
                    state=code,
                )
            )
        return rows
    if not county:
        return None
    found = table.find(code, county)
    if not found:
        raise VenueError(
            phrase(
                "No county, parish or equivalent called %(county)s in %(state)s.",
                county=repr(county),
                state=code,
            ),
            table.closest(code, county),
        )
    if len(found) > 1:
        districts = {r.district for group in found for r in group if not r.area_keyword}
        if len(districts) > 1:
            raise VenueError(
                phrase(
                    "%(county)s names more than one county in %(state)s, in different districts.",
                    county=repr(county),
                    state=code,
                ),
                [group[0].name for group in found],
            )
        notes.append(
            phrase(
                "%(county)s names %(counties)s; both lie in the same district.",
                county=repr(county),
                counties=" and ".join(g[0].name for g in found),
            )
        )
    return found[0]


def venue_for_county(
    state: str,
    county: str | None = None,
    county_fips: str | None = None,
    on: datetime.date | None = None,
) -> Venue:
    """Venue for a person held anywhere in a county (or, in a one-district state, the state).

    Raises ``VenueError`` for an unknown state or county, or a name that means two counties in
    different districts ("Richmond", Virginia), with ``suggestions``.
    """
    code = state_code(state)
    if not code:
        raise VenueError(phrase("Unknown state %(state)s.", state=repr(state)), sorted(STATE_NAMES))
    notes: list[str] = []
    rows = _county_rows(code, county, county_fips, notes)
    office = _office_for_county(code, rows[0].fips if rows else None, notes)
    court, row, statute = place_venue(
        state=code, rows=rows, place_text=county or "", notes=notes, on=on
    )
    circuit_id = courts_by_code()[court.id]["circuit"] if court else None
    notes.append(
        phrase(
            "Immigration court: EOIR assigns by detention site; not known from the county alone."
        )
    )
    return Venue(
        field_office=office,
        district_court=court,
        circuit=_circuit_label(circuit_id) if circuit_id else None,
        circuit_court_id=circuit_id,
        immigration_courts=[],
        respondents=respondents("[the facility where the person is held]", office),
        notes=notes + habeas_notes(circuit_id),
        facility=None,
        county=CountyRef(row.fips, row.name, code) if row else None,
        state=code,
        statute=statute,
        on=on,
    )
