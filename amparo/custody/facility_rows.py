"""A facility sheet's rows as Amparo writes them: the checks a row's values pass, and the new
facilities as the rows of one INSERT (`amparo facilities import`).

What the sheet's reader checked of every row is not checked again; what it could not check
(the lengths of what comes from elsewhere: the source, a state from the ZIP, the county) is,
in Python, and only a row failing that is given to ``clean_fields`` for its message.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from amparo.core.bulk import TableWriter
from amparo.core.converters import prepared_ids
from amparo.custody.facility_sheet import FacilityImportError, Sheet, SheetRow
from amparo.custody.models import Facility
from amparo.custody.rules import CountyPlacer

# What an import sets on a facility from its sheet row.
VALUE_FIELDS = (
    "name",
    "address",
    "city",
    "state",
    "zip_code",
    "facility_type",
    "field_office",
    "source",
    "source_date",
)


# The text fields a row sets, with their limits: checked in Python for every row, and only a
# row failing them is given to ``clean_fields`` (for its message). Building a model object and
# running every field's validators per row cost more than the rest of the import.
_TEXT_LIMITS = {
    f.attname: (f.max_length or 10**9, f.blank)
    for f in Facility._meta.concrete_fields
    if f.get_internal_type() == "CharField"
}


def quick_valid(values: dict[str, Any]) -> bool:
    for name, value in values.items():
        limit = _TEXT_LIMITS.get(name)
        if limit is None:
            continue
        if type(value) is not str or len(value) > limit[0] or "\x00" in value:
            return False
        if not value and not limit[1]:
            return False
    return True


def checked(values: dict[str, Any], row: SheetRow, sheet: Sheet) -> dict[str, Any]:
    """`values` (attname -> value) of a facility, or FacilityImportError naming the row and
    column of the first field that fails its checks."""
    if quick_valid(values):
        return values
    # Field checks only (the field office was read from the database; uniqueness is the
    # database's): a query per row would cost more than the import.
    facility = Facility(**values)
    try:
        facility.clean_fields(exclude=["id", "created_at", "updated_at", "field_office"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise FacilityImportError(
            f"{sheet.label}, row {row.line}, column {field}: {' '.join(messages)}"
        ) from None
    return values


def sheet_values(row: SheetRow, state: str, sheet: Sheet) -> dict[str, Any]:
    """What a sheet row sets on its facility (attname -> value)."""
    values: dict[str, Any] = {
        "name": row.name,
        "address": row.address,
        "city": row.city,
        "state": state,
        "zip_code": row.zip_code,
        "facility_type": row.facility_type,
        "source": sheet.source,
    }
    if sheet.pull_date is not None:
        values["source_date"] = sheet.pull_date
    return values


class NewFacilities:
    """New facilities as rows of one INSERT: the sheet's text as it is (the reader made it
    text), what repeats down a column (the source, the field office) prepared once, each
    placed in a county by ``rules.assign_county`` (name, then ZIP; `CountyPlacer`)."""

    # The order of `add`'s values: the sheet's fields, then the county, then the office.
    COLUMNS = (
        "id",
        *(name for name in VALUE_FIELDS if name != "field_office"),
        "county",
        "county_fips",
        "field_office",
    )

    def __init__(self, sheet: Sheet, office_ids: dict[str, Any], now: Any = None) -> None:
        self.sheet = sheet
        self.writer = writer = TableWriter(Facility, self.COLUMNS, now=now)
        self._new_id = prepared_ids(writer.prepared("id"))
        self._source = writer.prepared("source")(sheet.source)
        self._date = writer.prepared("source_date")(sheet.pull_date)
        office = writer.prepared("field_office")
        self._offices = {code: office(office_id) for code, office_id in office_ids.items()}
        self.source_fits = quick_valid({"source": sheet.source})
        self._place = CountyPlacer()  # `assign_county`, once per place and county named
        self.rows: list[tuple[Any, ...]] = []  # prepared, in COLUMNS' order

    def add(self, row: SheetRow, state: str, normalised: str | None = None) -> None:
        """A new facility from `row` (its name `normalised` as `normalize_facility_name`
        gives it, when the caller has it)."""
        county = self._place(row.name, row.city, state, row.zip_code, normalised)
        name, fips = county.name, county.fips
        if not (
            self.source_fits
            and len(state) <= STATE_MAX
            and len(name) <= _COUNTY_MAX
            and len(fips) <= _FIPS_MAX
        ):
            values = sheet_values(row, state, self.sheet)
            values.update(county=name, county_fips=fips)
            checked(values, row, self.sheet)  # raises naming the row and column
        self.rows.append(
            (
                self._new_id(),
                *row[1:4],  # the name, address and city
                state,
                row.zip_code,
                row.facility_type,
                self._source,
                self._date,
                name,
                fips,
                self._offices[row.aor],
            )
        )

    def table(self) -> TableWriter:
        """The writer, given the rows added so far (to flush)."""
        self.writer.add_prepared_rows(self.rows)
        self.rows = []
        return self.writer


# What the sheet's reader checked of every row (facility_sheet: the blanks, the lengths of the
# name, address, city and type, a state code, a five-digit ZIP) is not checked again per row;
# what it could not check is, and only a row failing that goes to `checked` for its message.
STATE_MAX, _COUNTY_MAX, _FIPS_MAX = (
    _TEXT_LIMITS[name][0] for name in ("state", "county", "county_fips")
)


def fields_set_on_create(added: bool) -> set[str]:
    """The fields an import set when it `added` facilities (for its audit event)."""
    return {*VALUE_FIELDS, "county", "county_fips"} if added else set()
