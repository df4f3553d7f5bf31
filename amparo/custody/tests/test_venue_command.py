"""`amparo venue`: the issue 3 CLI, in text and JSON, by facility and by county."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from amparo.courts.models import Court
from amparo.custody.models import Facility


def _run(*args: str) -> str:
    out = StringIO()
    call_command("venue", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_json_for_an_alias_is_one_object_of_the_issue_shape() -> None:
    """28 U.S.C. § 98: "Jena" is the Central Louisiana ICE Processing Center, LaSalle Parish,
    W.D. La., Fifth Circuit, New Orleans field office."""
    data = json.loads(_run("Jena", "--json"))
    facility = Facility.objects.get(name="CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)")
    assert data["facility"] == {
        "id": str(facility.id),
        "name": "CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)",
        "city": "JENA",
        "state": "LA",
        "county": "LaSalle Parish",
        "county_fips": "22059",
    }
    assert data["field_office"] == {"code": "NOL", "name": "New Orleans Field Office"}
    assert data["district_court"]["id"] == "lawd"
    assert data["district_court"]["name"] == (
        "United States District Court for the Western District of Louisiana"
    )
    assert data["district_court"]["division"] == "Alexandria Division"
    assert data["circuit"] == "5th"
    assert data["immigration_courts"][0]["code"] == "JNA"
    assert next(r["role"] for r in data["respondents"]) == "immediate-custodian"
    assert all(set(r) == {"role", "title", "name"} for r in data["respondents"])


@pytest.mark.django_db
def test_text_output_with_a_date_and_a_typo() -> None:
    """28 U.S.C. § 90: Stewart Detention Center (Lumpkin) is in M.D. Ga."""
    out = _run("stewrt detention", "--on", "2026-03-01")
    assert "STEWART DETENTION CENTER" in out
    assert "M.D. Ga., Columbus Division" in out
    assert "Warden, Stewart Detention Center" in out


@pytest.mark.django_db
def test_ambiguous_name_exits_2_and_lists_matches() -> None:
    with pytest.raises(CommandError) as excinfo:
        _run("Florence")
    assert excinfo.value.returncode == 2
    assert "ambiguous" in str(excinfo.value)
    assert "FLORENCE SERVICE PROCESSING CENTER" in str(excinfo.value)


@pytest.mark.django_db
def test_unknown_name_exits_2_and_json_says_so() -> None:
    out = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("venue", "Qwzx Nowhere Facility", "--json", stdout=out)
    assert excinfo.value.returncode == 2
    payload = json.loads(out.getvalue())
    assert payload["error"].startswith("Facility 'Qwzx Nowhere Facility' is unknown")
    assert isinstance(payload["matches"], list)


@pytest.mark.django_db
def test_county_form_gives_the_same_court_with_null_facility_fields() -> None:
    """28 U.S.C. § 98: LaSalle Parish is in W.D. La., whatever facility in it."""
    data = json.loads(_run("--state", "LA", "--county", "LaSalle", "--json"))
    assert data["facility"]["id"] is None
    assert data["facility"]["name"] is None
    assert data["facility"]["county_fips"] == "22059"
    assert data["district_court"]["id"] == "lawd"
    assert data["circuit"] == "5th"
    text = _run("--state", "NC", "--county", "Durham")
    assert "M.D.N.C." in text and "Butner" in text


@pytest.mark.django_db
def test_bad_input_exits_2() -> None:
    for args in (
        ("--state", "LA", "--county", "Nowhereville"),
        ("Jena", "--on", "01/02/2026"),
        ("Jena", "--state", "LA"),
        (),
    ):
        with pytest.raises(CommandError) as excinfo:
            _run(*args)
        assert excinfo.value.returncode == 2, args


@pytest.mark.django_db
def test_loads_reference_data_when_missing() -> None:
    Facility.objects.all().delete()
    Court.objects.exclude(kind=Court.Kind.CIRCUIT).delete()
    data = json.loads(_run("Krome", "--json"))
    assert data["district_court"]["id"] == "flsd"
    assert Facility.objects.count() > 200
