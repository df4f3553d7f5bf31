"""Pure venue rules: where a detained person's habeas petition goes and whom it names.

What belongs here: rules of law computed from facts, without the database. The only inputs
besides the caller's facts are the tables Amparo ships (``custody/data/*.csv``,
``courts/data/*.csv``), built by ``scripts/build_reference_data.py`` from public sources and
read once (``functools.cache``). Each rule cites its source.

Modules: ``venue`` (the whole answer for a facility or a county: circuit, field office,
immigration courts, respondents), ``districts`` (the district of confinement and its division
on a day, with their notes), ``divisions`` (dated statutory and local-rule divisions),
``custodians`` (respondents, the immediate custodian by who runs the facility), ``notes`` (what
the courts say about where to file), ``results`` (the answer's types), ``places`` (the shipped
tables), ``county_assignment`` (``assign_county``: a facility's county from its name, ZIP code
and city), ``names`` (name normalisation and facility matching). Everything public is
importable from ``amparo.custody.rules``.
"""

from __future__ import annotations

from amparo.custody.rules.county_assignment import CountyAssignment, CountyPlacer, assign_county
from amparo.custody.rules.custodians import RESPONDENT_ROLES, Operator, operator_for
from amparo.custody.rules.divisions import DivisionRow, DivisionTable, division_table
from amparo.custody.rules.names import (
    STATE_NAMES,
    county_core_key,
    county_key,
    forget_normalised_names,
    match_facility,
    match_is_clear,
    normalize_facility_name,
    normalize_facility_names,
    state_code,
    title_case,
)
from amparo.custody.rules.places import (
    COUNTIES_CSV,
    COURTS_CSV,
    DIVISIONS_CSV,
    FACILITIES_CSV,
    FIELD_OFFICES_CSV,
    ZIP_COUNTIES_CSV,
    CountyRow,
    CountyTable,
    ZipTable,
    county_table,
    zip_table,
)
from amparo.custody.rules.results import (
    CountyRef,
    CourtRef,
    FacilityFacts,
    ImmigrationCourtRef,
    OfficeRef,
    RespondentRef,
    Venue,
    VenueError,
)
from amparo.custody.rules.venue import venue, venue_for_county

__all__ = [
    "COUNTIES_CSV",
    "COURTS_CSV",
    "DIVISIONS_CSV",
    "FACILITIES_CSV",
    "FIELD_OFFICES_CSV",
    "RESPONDENT_ROLES",
    "STATE_NAMES",
    "ZIP_COUNTIES_CSV",
    "CountyAssignment",
    "CountyPlacer",
    "CountyRef",
    "CountyRow",
    "CountyTable",
    "CourtRef",
    "DivisionRow",
    "DivisionTable",
    "FacilityFacts",
    "ImmigrationCourtRef",
    "OfficeRef",
    "Operator",
    "RespondentRef",
    "Venue",
    "VenueError",
    "ZipTable",
    "assign_county",
    "county_core_key",
    "county_key",
    "county_table",
    "division_table",
    "forget_normalised_names",
    "match_facility",
    "match_is_clear",
    "normalize_facility_name",
    "normalize_facility_names",
    "operator_for",
    "state_code",
    "title_case",
    "venue",
    "venue_for_county",
    "zip_table",
]
