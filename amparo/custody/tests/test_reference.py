"""The shipped reference tables load, idempotently, and say what the sources say."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from amparo.courts.models import Court
from amparo.custody.models import Facility, FieldOffice
from amparo.custody.reference import FACILITIES_CSV, reference_load

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def _empty_reference_tables() -> None:
    """The test database arrives with the reference data loaded (conftest); start bare."""
    Facility.objects.all().delete()
    Court.objects.exclude(kind=Court.Kind.CIRCUIT).delete()
    Court.objects.all().delete()
    FieldOffice.objects.all().delete()


@pytest.mark.django_db
def test_loading_twice_creates_nothing_new() -> None:
    _empty_reference_tables()
    first = reference_load()
    assert first["field_offices_created"] == 25
    assert first["courts_created"] == Court.objects.count() > 108
    assert first["facilities_created"] == Facility.objects.count() > 200

    second = reference_load()
    assert {k: v for k, v in second.items() if k.endswith(("_created", "_updated"))} == {
        "field_offices_created": 0,
        "field_offices_updated": 0,
        "facilities_created": 0,
        "facilities_updated": 0,
        "courts_created": 0,
        "courts_updated": 0,
    }
    assert second["facilities_unchanged"] == Facility.objects.count()
    assert FieldOffice.objects.count() == 25
    assert second["courts_unchanged"] == Court.objects.count()


@pytest.mark.django_db
def test_counts() -> None:
    reference_load()
    assert FieldOffice.objects.count() == 25
    assert Court.objects.filter(kind=Court.Kind.DISTRICT).count() == 94
    assert Court.objects.filter(kind=Court.Kind.CIRCUIT).count() == 13
    assert Court.objects.filter(kind=Court.Kind.BIA, code="bia").count() == 1
    assert not Court.objects.filter(kind=Court.Kind.DISTRICT, circuit__isnull=True).exists()
    assert not Facility.objects.filter(field_office__isnull=True).exists()
    assert not Facility.objects.filter(state="").exists()


@pytest.mark.django_db
def test_central_louisiana_ipc_is_in_new_orleans_aor() -> None:
    reference_load()
    facility = Facility.objects.get(name__startswith="CENTRAL LOUISIANA ICE PROCESSING CENTER")
    assert facility.state == "LA"
    assert facility.field_office is not None
    assert facility.field_office.code == "NOL"
    assert facility.source.startswith("ICE ERO detention statistics, FY")
    assert facility.source_date is not None


@pytest.mark.django_db
def test_delaney_hall_is_in_newark_aor() -> None:
    reference_load()
    facility = Facility.objects.get(name__icontains="DELANEY HALL")
    assert facility.state == "NJ"
    assert facility.field_office is not None
    assert facility.field_office.code == "NEW"


@pytest.mark.django_db
def test_field_office_states_are_parsed() -> None:
    reference_load()
    assert FieldOffice.objects.get(code="NOL").states == ["AL", "AR", "LA", "MS", "TN"]
    assert FieldOffice.objects.get(code="PHI").states == ["DE", "PA", "WV"]
    assert FieldOffice.objects.get(code="LOS").states == ["CA"]


@pytest.mark.django_db
def test_imperial_regional_gets_its_state_from_an_older_year() -> None:
    reference_load()
    facility = Facility.objects.get(name="IMPERIAL REGIONAL DETENTION FACILITY")
    assert facility.state == "CA"
    assert facility.field_office is not None
    assert facility.field_office.code == "SND"


@pytest.mark.django_db
def test_western_district_of_louisiana() -> None:
    reference_load()
    court = Court.objects.get(short_name="W.D. La.")
    assert court.code == "lawd"
    assert court.kind == Court.Kind.DISTRICT
    assert court.state == "LA"
    assert court.circuit is not None
    assert court.circuit.code == "ca5"
    assert court.circuit.short_name == "5th Cir."
    assert court.circuit.name == "United States Court of Appeals for the Fifth Circuit"


@pytest.mark.django_db
def test_a_renamed_facility_is_updated_not_duplicated() -> None:
    reference_load()
    facility = Facility.objects.get(name="ADAMS COUNTY CORRECTIONAL CENTER")
    assert "ADAMS COUNTY DET CENTER" in facility.aliases
    facility.name = "ADAMS COUNTY DET CENTER"  # as a load of an older table left it
    facility.aliases = ["Adams"]
    facility.save()

    counts = reference_load()

    assert counts["facilities_created"] == 0
    assert counts["facilities_updated"] == 1
    facility.refresh_from_db()
    assert facility.name == "ADAMS COUNTY CORRECTIONAL CENTER"
    assert facility.aliases == ["Adams", "ADAMS COUNTY DET CENTER"]


@pytest.mark.django_db
def test_management_command_prints_counts() -> None:
    _empty_reference_tables()
    out = StringIO()
    call_command("reference", "load", stdout=out)
    assert "field offices: 25 created, 0 updated, 0 unchanged" in out.getvalue()
    assert f"courts: {Court.objects.count()} created" in out.getvalue()


def test_shipped_facilities_match_the_enriched_table() -> None:
    enriched = SHARED_DATA / "ice_facilities_enriched.csv"
    if not enriched.exists():
        pytest.skip(f"{enriched} not available")
    with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
        ours = {(row["name"], row["state"]) for row in csv.DictReader(fh)}
    with enriched.open(newline="", encoding="utf-8") as fh:
        theirs = {(row["name"], row["state"]) for row in csv.DictReader(fh)}
    assert ours == theirs


@pytest.mark.django_db
def test_facilities_get_their_county_and_the_names_people_use() -> None:
    """County and FIPS come from the shipped table; hand-kept aliases and older ICE spellings
    are both merged into Facility.aliases."""
    reference_load()
    facility = Facility.objects.get(name="CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)")
    assert (facility.county, facility.county_fips) == ("LaSalle Parish", "22059")
    assert {"Jena", "LaSalle"} <= set(facility.aliases)
    northwest = Facility.objects.get(name="NORTHWEST ICE PROCESSSING CENTER")
    assert {"NORTHWEST ICE PROCSESING CENTER", "Tacoma"} <= set(northwest.aliases)
    assert not Facility.objects.filter(county_fips="").exclude(name="JTF CAMP SIX").exists()


@pytest.mark.django_db
def test_a_county_filled_in_by_hand_is_not_blanked() -> None:
    reference_load()
    camp = Facility.objects.get(name="JTF CAMP SIX")
    camp.county = "Guantánamo Bay (not a U.S. county)"
    camp.save()
    reference_load()
    camp.refresh_from_db()
    assert camp.county == "Guantánamo Bay (not a U.S. county)"


@pytest.mark.django_db
def test_immigration_courts_are_loaded() -> None:
    reference_load()
    jena = Court.objects.get(code="JNA")
    assert jena.kind == Court.Kind.IMMIGRATION
    assert "Lasalle" in jena.name
    assert (jena.state, jena.city) == ("LA", "Jena")
    atlanta = Court.objects.get(code="ATL", kind=Court.Kind.IMMIGRATION)
    assert (atlanta.name, atlanta.state) == ("Atlanta Immigration Court", "GA")
    assert not Court.objects.filter(kind=Court.Kind.IMMIGRATION, code__in=["BIA", "OIT"]).exists()
