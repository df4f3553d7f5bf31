"""Pure venue rules: where a detained person's habeas petition goes and whom it names.

What belongs here: rules of law computed from facts, without the database. The only inputs
besides the caller's facts are the tables Amparo ships (``custody/data/*.csv``,
``courts/data/*.csv``), built by ``scripts/build_reference_data.py`` from public sources and
read once (``functools.cache``). Each rule cites its source:

* District of confinement: a district court grants the writ "within [its] respective
  jurisdiction[]" (28 U.S.C. § 2241(a)); the petition is filed where the person is held and
  names the immediate custodian (*Rumsfeld v. Padilla*, 542 U.S. 426 (2004); DOMAIN.md §4).
* Which district a county lies in: 28 U.S.C. §§ 81-131 (one section per state; Guam, the
  Virgin Islands and the Northern Mariana Islands by 48 U.S.C. §§ 1424, 1611, 1821), as
  tabulated in ``courts/data/counties.csv``.
* Circuit of a district: 28 U.S.C. § 41.
* Field office: ICE's area-of-responsibility (AOR) code for the facility (ICE detention
  statistics), not the state.

``venue(facility, on=date)`` and ``venue_for_county(state, county=..., county_fips=...)`` return a
``Venue``; ``match_facility(query, facilities)`` finds a facility from what people type.
Layout: this module holds the venue rules and their result types; ``places.py`` the shipped
tables and ``assign_county``; ``names.py`` name normalisation and facility matching. Everything
public is importable from ``amparo.custody.rules``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from amparo.custody.rules.names import (
    MILITARY_POST,
    STATE_NAMES,
    _ascii,
    county_core_key,
    county_key,
    match_facility,
    match_is_clear,
    normalize_facility_name,
    state_code,
    title_case,
)
from amparo.custody.rules.places import (
    COUNTIES_CSV,
    COURTS_CSV,
    FACILITIES_CSV,
    FIELD_OFFICES_CSV,
    ZIP_COUNTIES_CSV,
    CountyAssignment,
    CountyRow,
    CountyTable,
    ZipTable,
    _courts,
    _facility_courts,
    _facility_offices,
    _field_offices,
    assign_county,
    county_table,
    zip_table,
)

__all__ = [
    "COUNTIES_CSV",
    "COURTS_CSV",
    "FACILITIES_CSV",
    "FIELD_OFFICES_CSV",
    "RESPONDENT_ROLES",
    "STATE_NAMES",
    "ZIP_COUNTIES_CSV",
    "CountyAssignment",
    "CountyRef",
    "CountyRow",
    "CountyTable",
    "CourtRef",
    "FacilityFacts",
    "ImmigrationCourtRef",
    "OfficeRef",
    "RespondentRef",
    "Venue",
    "VenueError",
    "ZipTable",
    "assign_county",
    "county_core_key",
    "county_key",
    "county_table",
    "match_facility",
    "match_is_clear",
    "normalize_facility_name",
    "state_code",
    "title_case",
    "venue",
    "venue_for_county",
    "zip_table",
]

RESPONDENT_ROLES = (
    "immediate-custodian",
    "field-office-director",
    "ice-director",
    "dhs-secretary",
    "attorney-general",
)

_OFFSHORE_WORDS = ("GUANTANAMO", "JTF CAMP", "NAVAL STATION")


class VenueError(ValueError):
    """A county or state the tables cannot place; ``suggestions`` lists what might be meant."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


# --- result types -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FacilityFacts:
    """What the venue rules need to know about a facility (no database object)."""

    name: str
    city: str = ""
    state: str = ""
    county: str = ""
    county_fips: str = ""
    zip_code: str = ""
    field_office_code: str = ""
    field_office_name: str = ""
    facility_type: str = ""
    ice_code: str = ""
    aliases: tuple[str, ...] = ()
    address: str = ""
    id: str | None = None

    @classmethod
    def from_model(cls, facility: Any) -> FacilityFacts:
        """Facts of a ``custody.Facility`` (its field office should be select_related)."""
        office = facility.field_office
        return cls(
            name=facility.name,
            city=facility.city,
            state=facility.state,
            county=facility.county,
            county_fips=facility.county_fips,
            zip_code=facility.zip_code,
            field_office_code=office.code if office is not None else "",
            field_office_name=office.name if office is not None else "",
            facility_type=facility.facility_type,
            ice_code=facility.ice_code,
            aliases=tuple(facility.aliases or ()),
            address=facility.address,
            id=str(facility.id),
        )


@dataclass(frozen=True)
class OfficeRef:
    code: str
    name: str


@dataclass(frozen=True)
class CourtRef:
    id: str
    name: str
    short_name: str
    division: str | None = None


@dataclass(frozen=True)
class ImmigrationCourtRef:
    code: str
    name: str


@dataclass(frozen=True)
class RespondentRef:
    role: str
    title: str
    name: str = ""


@dataclass(frozen=True)
class CountyRef:
    """The county (parish, borough, municipio, ...) a place was assigned to."""

    fips: str
    name: str
    state: str


@dataclass(frozen=True)
class Venue:
    field_office: OfficeRef | None
    district_court: CourtRef | None
    circuit: str | None
    circuit_court_id: str | None
    immigration_courts: list[ImmigrationCourtRef] = field(default_factory=list)
    respondents: list[RespondentRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facility: FacilityFacts | None = None
    county: CountyRef | None = None
    state: str = ""
    statute: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, the shape of ``amparo venue --json`` (issue 3), plus notes and sources.

        For the county form (no facility) the facility's id, name and city are null and its
        state and county describe the place asked about.
        """
        facts = self.facility
        county = self.county
        return {
            "facility": {
                "id": facts.id if facts else None,
                "name": facts.name if facts else None,
                "city": (facts.city or None) if facts else None,
                "state": self.state or None,
                "county": county.name if county else ((facts.county or None) if facts else None),
                "county_fips": county.fips if county else None,
            },
            "field_office": (
                {"code": self.field_office.code, "name": self.field_office.name}
                if self.field_office
                else None
            ),
            "district_court": (
                {
                    "id": self.district_court.id,
                    "name": self.district_court.name,
                    "short_name": self.district_court.short_name,
                    "division": self.district_court.division,
                }
                if self.district_court
                else None
            ),
            "circuit": self.circuit,
            "circuit_court_id": self.circuit_court_id,
            "immigration_courts": [
                {"code": c.code, "name": c.name} for c in self.immigration_courts
            ],
            "respondents": [
                {"role": r.role, "title": r.title, "name": r.name} for r in self.respondents
            ],
            "statute": self.statute or None,
            "notes": list(self.notes),
        }


# --- venue ------------------------------------------------------------------------------------


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


def _court_ref(district_id: str, division: str | None) -> CourtRef:
    row = _courts()[district_id]
    return CourtRef(
        id=district_id, name=row["name"], short_name=row["short_name"], division=division
    )


def _pick_row(rows: list[CountyRow], place_text: str, notes: list[str]) -> CountyRow:
    """The row of a county that covers the place; explains a split county (§§ 92, 106, 113, 131)."""
    if len(rows) == 1:
        return rows[0]
    words = normalize_facility_name(place_text)
    carved = [r for r in rows if r.area_keyword]
    rest = [r for r in rows if not r.area_keyword]
    for row in carved:
        if row.area_keyword.lower() in words:
            notes.append(
                f"{row.name} is split between districts: {row.part} lies in {row.district}"
                f" ({row.statute}); this place matches '{row.area_keyword}'."
            )
            return row
    chosen = rest[0] if rest else rows[0]
    others = "; ".join(f"{r.part} → {_court_ref(r.district, None).short_name}" for r in carved)
    notes.append(
        f"{chosen.name} is split between districts ({chosen.statute}): {others}. "
        f"Elsewhere in the county: {_court_ref(chosen.district, None).short_name}. "
        "Check the exact address if the person is held in the carved-out area."
    )
    return chosen


def _habeas_notes(circuit_id: str | None) -> list[str]:
    """What the courts say about whom to name; DOMAIN.md §4."""
    notes = [
        "File in the district of confinement and name the immediate custodian, the warden or "
        "facility administrator (28 U.S.C. §§ 2241(a), 2242; Rumsfeld v. Padilla, 542 U.S. 426 "
        "(2004)). Padilla n.8 left open how the rule applies to immigration detainees.",
    ]
    if circuit_id == "ca9":
        notes.append(
            "9th Cir.: Doe v. Garland, 109 F.4th 1188 (9th Cir. 2024) applies the "
            "immediate-custodian rule to immigration detention: name the facility administrator "
            "and file in the district of confinement; naming only the Attorney General, the DHS "
            "Secretary, the ICE Director and the field office director did not give N.D. Cal. "
            "jurisdiction."
        )
    elif circuit_id == "ca6":
        notes.append(
            "6th Cir.: Roman v. Ashcroft, 340 F.3d 314 (6th Cir. 2003) took a broader view of "
            "who is the custodian of an immigration detainee; its precise rule is UNVERIFIED. "
            "Name the warden in any case."
        )
    else:
        notes.append(
            "Courts differ on whether officials beyond the warden are proper respondents "
            "(DOMAIN.md §4); common practice names the warden plus the field office director, "
            "the ICE Director, the DHS Secretary and the Attorney General."
        )
    notes.append(
        "Jurisdiction attaches at filing: a later transfer does not defeat it (Ex parte Endo, "
        "323 U.S. 283 (1944), as read in Padilla). Before filing, re-check the locator."
    )
    return notes


def _respondents(custodian_place: str, office: OfficeRef | None) -> list[RespondentRef]:
    office_title = (
        f"Field Office Director, {office.name}, U.S. Immigration and Customs Enforcement"
        if office
        else "Field Office Director, U.S. Immigration and Customs Enforcement"
    )
    return [
        RespondentRef("immediate-custodian", f"Warden, {custodian_place}"),
        RespondentRef("field-office-director", office_title),
        RespondentRef("ice-director", "Director, U.S. Immigration and Customs Enforcement"),
        RespondentRef("dhs-secretary", "Secretary of Homeland Security"),
        RespondentRef("attorney-general", "Attorney General of the United States"),
    ]


def _immigration_courts(facts: FacilityFacts) -> list[ImmigrationCourtRef]:
    index = _facility_courts()
    courts = _courts()
    for name in (facts.name, *facts.aliases):
        codes = index.get((normalize_facility_name(name), facts.state))
        if codes:
            return [ImmigrationCourtRef(c, courts[c]["name"]) for c in codes if c in courts]
    return []


def _division_note(row: CountyRow, court: CourtRef) -> str:
    if row.division and row.division_source.startswith("28 U.S.C."):
        return f"{row.division} of the {court.short_name}, named in {row.division_source}."
    if row.division:
        return (
            f"{row.division} of the {court.short_name}, set by {row.division_source}; "
            "divisions set by local rule do not limit venue, which is the district."
        )
    return (
        f"No division recorded: {row.statute or 'the statute'} names none for {row.name}; "
        "where the court divides its work by local rule, check the court's rules."
    )


def _place_venue(
    *,
    state: str,
    rows: list[CountyRow] | None,
    place_text: str,
    notes: list[str],
) -> tuple[CourtRef | None, CountyRow | None, str]:
    """District court for a place: by county, or by state where the state has one district."""
    table = county_table()
    districts = table.districts_in_state(state)
    statute = table.statute_for_state(state)
    row = _pick_row(rows, place_text, notes) if rows else None
    if row is not None and row.note:
        notes.append(row.note)
    if row is not None and row.district:
        court = _court_ref(row.district, row.division or None)
        notes.append(
            f"{row.name}, {STATE_NAMES.get(state, state)} lies in the {court.short_name} "
            f"({row.statute or statute})."
        )
        notes.append(_division_note(row, court))
        return court, row, row.statute or statute
    if row is not None:
        notes.append(
            f"{row.name} lies in no federal judicial district; venue needs legal analysis."
        )
        return None, row, ""
    if len(districts) == 1:
        court = _court_ref(districts[0], None)
        notes.append(
            f"{STATE_NAMES.get(state, state)} is one judicial district ({statute}): "
            f"{court.short_name}, whatever the county."
        )
        return court, None, statute
    if districts:
        names = ", ".join(_court_ref(d, None).short_name for d in districts)
        notes.append(
            f"{STATE_NAMES.get(state, state)} has {len(districts)} districts ({names}; {statute}): "
            "the county decides, and it is not known."
        )
    else:
        notes.append(f"No federal judicial district is recorded for {state or 'this place'}.")
    return None, None, statute


def _offshore(facts: FacilityFacts) -> bool:
    """A facility with no U.S. county: a military post office address or Guantánamo Bay."""
    name = _ascii(facts.name).upper()
    return facts.city.strip().upper() in MILITARY_POST or any(w in name for w in _OFFSHORE_WORDS)


def venue(facility: FacilityFacts, on: datetime.date | None = None) -> Venue:
    """Field office, district court, circuit, immigration court(s) and respondents.

    ``on`` is the date the venue is asked for (a placement's start, a filing date). The shipped
    tables describe the law and ICE's facility list as of their sources' dates (see SOURCES.md);
    no dated changes are recorded yet, so ``on`` does not change the answer today. It is part of
    the signature so callers pass it now and dated district or division changes (e.g. a new
    statutory division) can be honoured later without changing callers.
    """
    del on  # no dated changes recorded yet; see the docstring
    notes: list[str] = []
    office: OfficeRef | None = None
    if facility.field_office_code:
        office_row = _field_offices().get(facility.field_office_code, {})
        office = OfficeRef(
            facility.field_office_code, facility.field_office_name or office_row.get("name", "")
        )
    else:
        notes.append("No ICE area of responsibility (AOR) is recorded for this facility.")
    custodian = title_case(facility.name) if facility.name.isupper() else facility.name
    respondents = _respondents(custodian, office)
    courts = _immigration_courts(facility)
    if not courts:
        notes.append(
            "Immigration court not recorded: EOIR publishes no facility-to-court table; check "
            "the Notice to Appear or EOIR's automated case information."
        )

    state = state_code(facility.state) or facility.state
    if _offshore(facility):
        notes.append(
            "This facility lies in no U.S. county or federal judicial district, so there is no "
            "district of confinement (28 U.S.C. § 2241(a); Padilla, DOMAIN.md §4). Venue needs "
            "legal analysis; habeas petitions from Guantánamo Bay have been heard in the D.D.C. "
            "(common practice; see Rasul v. Bush, 542 U.S. 466 (2004), outside DOMAIN.md, "
            "UNVERIFIED here)."
        )
        return Venue(
            field_office=office,
            district_court=None,
            circuit=None,
            circuit_court_id=None,
            immigration_courts=courts,
            respondents=respondents,
            notes=notes + _habeas_notes(None),
            facility=facility,
            county=None,
            state=state,
        )

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
            notes.append(f"County from the facility's {assigned.method}: {assigned.name}.")
            if assigned.note:
                notes.append(assigned.note)
    place_text = " ".join([facility.name, *facility.aliases, facility.city, facility.address])
    court, row, statute = _place_venue(state=state, rows=rows, place_text=place_text, notes=notes)
    circuit_id = _courts()[court.id]["circuit"] if court else None
    county = CountyRef(row.fips, row.name, state) if row else None
    return Venue(
        field_office=office,
        district_court=court,
        circuit=_circuit_label(circuit_id) if circuit_id else None,
        circuit_court_id=circuit_id,
        immigration_courts=courts,
        respondents=respondents,
        notes=notes + _habeas_notes(circuit_id),
        facility=facility,
        county=county,
        state=state,
        statute=statute,
    )


def _office_for_county(state: str, fips: str | None, notes: list[str]) -> OfficeRef | None:
    """The ERO field office for a place with no known facility.

    ICE assigns each facility to an area of responsibility (AOR), and AORs do not follow state
    lines, so the answer comes from ICE's facility sheets: the AOR of the facilities in the
    same county, else the one AOR of every facility in the state. Where the sheets disagree or
    are silent, no office is claimed: the facility's own AOR decides.
    """
    by_county, by_state = _facility_offices()
    offices = _field_offices()
    county_aors = by_county.get(fips or "", frozenset())
    state_aors = by_state.get(state, frozenset())
    if len(county_aors) == 1:
        (aor,) = county_aors
        reason = "the AOR of ICE's facilities in this county"
    elif not county_aors and len(state_aors) == 1:
        (aor,) = state_aors
        reason = f"the one AOR of every ICE facility in {state}"
    else:
        candidates = sorted(county_aors or state_aors)
        notes.append(
            "Field office: the facility's ICE area of responsibility decides; "
            + (
                f"ICE's facilities nearby are in {', '.join(candidates)}."
                if candidates
                else f"ICE lists no facility in {state}."
            )
        )
        return None
    if aor not in offices:
        notes.append(f"Field office: AOR {aor} is not in the field-office list.")
        return None
    notes.append(f"Field office {offices[aor]['name']}: {reason} (ICE detention statistics).")
    return OfficeRef(aor, offices[aor]["name"])


def venue_for_county(
    state: str, county: str | None = None, county_fips: str | None = None
) -> Venue:
    """Venue for a person held anywhere in a county (or, in a one-district state, the state).

    Raises ``VenueError`` for an unknown state or county, or a name that means two counties in
    different districts ("Richmond", Virginia), with ``suggestions``.
    """
    table = county_table()
    code = state_code(state)
    if not code:
        raise VenueError(f"Unknown state {state!r}.", sorted(STATE_NAMES))
    notes: list[str] = []
    rows: list[CountyRow] | None = None
    if county_fips:
        rows = table.by_fips.get(county_fips.strip().zfill(5))
        if not rows or rows[0].state != code:
            raise VenueError(f"No county with FIPS code {county_fips!r} in {code}.")
    elif county:
        found = table.find(code, county)
        if not found:
            raise VenueError(
                f"No county, parish or equivalent called {county!r} in {code}.",
                table.closest(code, county),
            )
        if len(found) > 1:
            districts = {r.district for group in found for r in group if not r.area_keyword}
            if len(districts) > 1:
                raise VenueError(
                    f"{county!r} names more than one county in {code}, in different districts.",
                    [group[0].name for group in found],
                )
            notes.append(
                f"{county!r} names " + " and ".join(g[0].name for g in found) + "; both lie in "
                "the same district."
            )
        rows = found[0]

    office = _office_for_county(code, rows[0].fips if rows else None, notes)
    court, row, statute = _place_venue(state=code, rows=rows, place_text=county or "", notes=notes)
    circuit_id = _courts()[court.id]["circuit"] if court else None
    notes.append(
        "Immigration court: EOIR assigns by detention site; not known from the county alone."
    )
    return Venue(
        field_office=office,
        district_court=court,
        circuit=_circuit_label(circuit_id) if circuit_id else None,
        circuit_court_id=circuit_id,
        immigration_courts=[],
        respondents=_respondents("[the facility where the person is held]", office),
        notes=notes + _habeas_notes(circuit_id),
        facility=None,
        county=CountyRef(row.fips, row.name, code) if row else None,
        state=code,
        statute=statute,
    )
