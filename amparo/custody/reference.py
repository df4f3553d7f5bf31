"""Loading the reference tables Amparo ships: ICE field offices, facilities and courts.

What belongs here: reading the CSV files under ``amparo/custody/data/`` and
``amparo/courts/data/`` (built by ``scripts/build_reference_data.py`` from public government
sources, see the SOURCES.md beside each) and upserting them into the database. Nothing else:
no case data, no network access, no editing by users (that goes through the services).

``reference_load()`` is idempotent: it matches field offices by code, facilities by
(name, state, zip_code) and courts by code, creates what is missing, updates what changed and
never deletes. A facility ICE has renamed is found under an older name (the CSV's
``other_names``) and renamed in place, so placements keep pointing at it. Its county and county
FIPS code come from the CSV (placed by ``scripts/build_reference_data.py``) with the note on how
it was placed; a blank county never overwrites one someone filled in. A site that spans counties
or districts (``site_note``) is loaded too: the venue answer shows it as a warning. Fields the
CSVs do not carry (ICE code, coordinates, a court's time zone) are left alone, aliases (older
ICE spellings and the short names people use) are merged rather than replaced, and a blank
phone, court state or court city never overwrites a value. Courts include the immigration
courts (EOIR base cities).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext

from amparo.courts.models import Court
from amparo.custody.models import Facility, FieldOffice
from amparo.relief.reporting import reported_offices_refresh

CUSTODY_DATA_DIR = Path(__file__).resolve().parent / "data"
COURTS_DATA_DIR = Path(__file__).resolve().parent.parent / "courts" / "data"

FIELD_OFFICES_CSV = CUSTODY_DATA_DIR / "field_offices.csv"
FACILITIES_CSV = CUSTODY_DATA_DIR / "facilities.csv"
COURTS_CSV = COURTS_DATA_DIR / "courts.csv"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a shipped CSV, values stripped."""
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield {key: (value or "").strip() for key, value in row.items()}


def _split(value: str) -> list[str]:
    """A ``|``-separated CSV cell as a list."""
    return [part.strip() for part in value.split("|") if part.strip()]


def _apply(instance: models.Model, values: dict[str, Any]) -> bool:
    """Set the values that differ; True if any did."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _upsert(
    model: type[models.Model], existing: models.Model | None, values: dict[str, Any]
) -> tuple[models.Model, str]:
    """Create a row or update ``existing``; returns it and "created", "updated" or "unchanged"."""
    if existing is None:
        instance = model(**values)
        outcome = "created"
    elif _apply(existing, values):
        instance, outcome = existing, "updated"
    else:
        return existing, "unchanged"
    instance.full_clean()
    instance.save()
    return instance, outcome


def _field_office_address(row: dict[str, str]) -> str:
    """One-line postal address: street, city, ST ZIP."""
    place = " ".join(part for part in (row["state"], row["zip"]) if part)
    return ", ".join(part for part in (row["address"], row["city"], place) if part)


def _load_field_offices(counts: dict[str, int]) -> tuple[dict[str, FieldOffice], list[Any]]:
    """The field offices by code, and the ids of those whose name changed."""
    offices = {office.code: office for office in FieldOffice.objects.all()}
    names = {code: office.name for code, office in offices.items()}
    renamed = []
    for row in _rows(FIELD_OFFICES_CSV):
        values: dict[str, Any] = {
            "code": row["code"],
            "name": row["name"],
            "address": _field_office_address(row),
            "states": _split(row["states"]),
        }
        if row["phone"]:  # never blank out a number someone filled in
            values["phone"] = row["phone"]
        office, outcome = _upsert(FieldOffice, offices.get(row["code"]), values)
        assert isinstance(office, FieldOffice)
        offices[office.code] = office
        counts[f"field_offices_{outcome}"] += 1
        if outcome == "updated" and names.get(office.code) != office.name:
            renamed.append(office.id)
    return offices, renamed


def _load_facilities(counts: dict[str, int], offices: dict[str, FieldOffice]) -> None:
    rows = list(_rows(FACILITIES_CSV))
    current_names = {(row["name"], row["state"]) for row in rows}
    by_key: dict[tuple[str, str, str], Facility] = {}
    by_name: dict[tuple[str, str], list[Facility]] = {}
    for facility in Facility.objects.all():
        by_key.setdefault((facility.name, facility.state, facility.zip_code), facility)
        by_name.setdefault((facility.name, facility.state), []).append(facility)

    for row in rows:
        aor = row["aor_code"]
        if aor and aor not in offices:
            raise ValueError(
                gettext("Facility %(facility)s names an unknown field office, %(office)s.")
                % {"facility": repr(row["name"]), "office": repr(aor)}
            )
        other_names = _split(row.get("other_names", ""))
        existing = by_key.get((row["name"], row["state"], row["zip_code"]))
        if existing is None:
            # ICE renamed it since the last load: update the row under its older name.
            renamed = [
                facility
                for name in other_names
                if (name, row["state"]) not in current_names
                for facility in by_name.get((name, row["state"]), [])
            ]
            if len(renamed) == 1:
                existing = renamed[0]
        known_aliases = list(existing.aliases) if existing is not None else []
        new_aliases = other_names + _split(row.get("aliases", ""))
        values: dict[str, Any] = {
            "name": row["name"],
            "state": row["state"],
            "zip_code": row["zip_code"],
            "address": row["address"],
            "city": row["city"],
            "facility_type": row["facility_type"],
            "field_office": offices.get(aor),
            "source": row["source"],
            "source_date": (
                datetime.date.fromisoformat(row["source_date"]) if row.get("source_date") else None
            ),
            "aliases": known_aliases
            + [n for n in dict.fromkeys(new_aliases) if n not in known_aliases],
        }
        if row.get("county_fips"):  # never blank out a county someone filled in
            values["county"] = row["county"]
            values["county_fips"] = row["county_fips"]
            values["county_note"] = row.get("county_note", "")
        # A site spanning districts is a warning with the venue; the shipped table decides it.
        values["site_note"] = row.get("site_note", "")
        _, outcome = _upsert(Facility, existing, values)
        counts[f"facilities_{outcome}"] += 1


def _court_values(row: dict[str, str], circuit: Court | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": row["code"],
        "kind": row["kind"],
        "name": row["name"],
        "short_name": row["short_name"],
        "circuit": circuit,
    }
    for name in ("state", "city", "county"):  # never blank out what someone filled in
        if row.get(name):
            values[name] = row[name]
    return values


def _load_courts(counts: dict[str, int]) -> None:
    rows = list(_rows(COURTS_CSV))
    courts = {court.code: court for court in Court.objects.all()}
    # Circuits first, so district courts can point at them.
    rows.sort(key=lambda row: row["kind"] != Court.Kind.CIRCUIT)
    for row in rows:
        circuit = courts[row["circuit"]] if row.get("circuit") else None
        court, outcome = _upsert(Court, courts.get(row["code"]), _court_values(row, circuit))
        assert isinstance(court, Court)
        courts[court.code] = court
        counts[f"courts_{outcome}"] += 1


def reference_load() -> dict[str, int]:
    """Upsert field offices, facilities and courts from the shipped CSVs, all or nothing.

    Returns how many of each were created, updated or left unchanged, e.g.
    ``{"field_offices_created": 25, ..., "courts_unchanged": 0}``.
    """
    counts = {
        f"{table}_{outcome}": 0
        for table in ("field_offices", "facilities", "courts")
        for outcome in ("created", "updated", "unchanged")
    }
    with transaction.atomic():
        offices, renamed = _load_field_offices(counts)
        _load_facilities(counts, offices)
        _load_courts(counts)
        if renamed:  # the reports name the office as the reference data does now
            reported_offices_refresh(field_offices=renamed)
    return counts
