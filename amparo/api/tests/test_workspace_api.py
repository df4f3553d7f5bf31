"""The staff workspace through the API: intake (every bad field named, nothing half-saved,
duplicates found), the case team, notes, relatives, hearings, assigning deadlines and the
dashboard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from amparo.cases.models import Case, Note
from amparo.conftest import Cast, api_client_for
from amparo.custody.models import Facility
from amparo.deadlines.models import Deadline
from amparo.people.models import Person

pytestmark = pytest.mark.django_db


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def test_intake_creates_the_whole_file_in_one_call(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    facility = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    response = _post(
        client,
        "/api/v1/intake",
        {
            "given_name": "José",
            "family_name": "Núñez",
            "a_number": "A 123-456-789",
            "country_of_birth": "Honduras",
            "immigration_status": "lpr",
            "facility_query": "Central Louisiana ICE Processing Center",
            "held_since": (timezone.now() - datetime.timedelta(days=3)).isoformat(),
            "relative": {"name": "Ana Núñez", "relationship": "spouse", "phone": "504 555 0123"},
            "urgency_until": (timezone.localdate() + datetime.timedelta(days=4)).isoformat(),
            "urgency_reason": "Wife due",
            "note": "Hotline call.",
        },
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["case_id"])
    assert case.title == "José Núñez"
    assert case.lead_attorney == cast.attorney  # the attorney who took the call leads
    assert case.person.country_of_birth == "HN"
    assert case.placements.get().facility == facility
    assert case.person.relatives.get().phone == "+15045550123"
    assert case.person.life_events.get().kind == "birth"
    assert case.notes.get().body == "Hotline call."


def test_intake_names_every_bad_field_and_writes_nothing(cast: Cast) -> None:
    client = api_client_for(cast.paralegal)
    people = Person.objects.count()
    response = _post(
        client,
        "/api/v1/intake",
        {
            "given_name": "Ana",
            "family_name": "Ruiz",
            "a_number": "12",
            "country_of_birth": "Atlantis",
            "facility_query": "zzzz no such place",
            "relative": {"name": "Luis", "phone": "not a phone"},
            "urgency_until": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    for name in (
        "a_number",
        "country_of_birth",
        "facility_query",
        "urgency_until",
        "relative.phone",
    ):
        assert name in fields, (name, fields)
    assert Person.objects.count() == people


def test_intake_returns_possible_duplicates_accents_and_spelling_aside(cast: Cast) -> None:
    client = api_client_for(cast.paralegal)
    first = _post(
        client,
        "/api/v1/intake",
        {"given_name": "José", "family_name": "Núñez", "country_of_birth": "HN"},
    )
    assert first.status_code == 201
    again = _post(
        client,
        "/api/v1/intake",
        {"given_name": "jose", "family_name": "NUNEZ", "country_of_birth": "Honduras"},
    )
    assert again.status_code == 201
    found = again.json()["possible_duplicates"]
    assert [d["person_id"] for d in found] == [first.json()["person_id"]]


def test_case_team_takes_members_only(cast: Cast) -> None:
    client = api_client_for(cast.paralegal)
    case = cast.case
    url = f"/api/v1/cases/{case.id}"
    outsider = cast.by_role()["outsider"]
    refused = client.patch(
        url,
        {"version": case.version, "lead_attorney_id": str(outsider.id)},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "lead_attorney_id" in refused.json()["error"]["fields"]
    done = client.patch(
        url,
        {
            "version": case.version,
            "lead_attorney_id": str(cast.attorney.id),
            "team_ids": [str(cast.paralegal.id)],
        },
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["lead_attorney_id"] == str(cast.attorney.id)
    assert set(case.team.values_list("id", flat=True)) == {cast.attorney.id, cast.paralegal.id}


def test_a_case_without_a_title_is_named_after_the_client(cast: Cast) -> None:
    client = api_client_for(cast.paralegal)
    response = _post(client, "/api/v1/cases", {"person_id": str(cast.case.person_id)})
    assert response.status_code == 201
    assert response.json()["title"] == cast.case.person.full_name


def test_members_lists_the_organisation_with_roles(cast: Cast) -> None:
    items = api_client_for(cast.paralegal).get("/api/v1/members").json()["items"]
    roles = {item["email"]: item["role"] for item in items}
    assert roles["attorney@riverside.test"] == "attorney"
    assert all(email.endswith("@riverside.test") for email in roles)


def test_notes_hide_privileged_ones_from_advocacy_staff(cast: Cast) -> None:
    url = f"/api/v1/cases/{cast.case.id}/notes"
    made = _post(
        api_client_for(cast.paralegal), url, {"kind": "call", "body": "Called.", "privileged": True}
    )
    assert made.status_code == 201
    assert Note.objects.get(pk=made.json()["id"]).kind == "call"
    advocate = api_client_for(cast.by_role()["advocate"]).get(url).json()["items"]
    assert all(not n["privileged"] for n in advocate)
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    late = _post(api_client_for(cast.paralegal), url, {"body": "x", "occurred_at": future})
    assert late.status_code == 422 and "occurred_at" in late.json()["error"]["fields"]


def test_relatives_with_a_due_date_and_an_edit(cast: Cast) -> None:
    client = api_client_for(cast.paralegal)
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    made = _post(
        client,
        f"/api/v1/people/{cast.case.person_id}/relatives",
        {
            "full_name": "Ana Ruiz",
            "relationship": "spouse",
            "phone": "(504) 555-0123",
            "may_contact": True,
            "life_event": {"kind": "birth", "description": "Baby due", "expected_on": due},
        },
    )
    assert made.status_code == 201, made.content
    assert made.json()["phone"] == "+15045550123"
    assert made.json()["life_events"][0]["expected_on"] == due
    changed = client.patch(
        f"/api/v1/relatives/{made.json()['id']}",
        {"language": "Spanish", "phone": "bad"},
        content_type="application/json",
    )
    assert changed.status_code == 422 and "phone" in changed.json()["error"]["fields"]
    advocate = api_client_for(cast.by_role()["advocate"])
    assert advocate.get(f"/api/v1/people/{cast.case.person_id}/relatives").json()["items"] == []


def test_hearings_need_a_kind_and_a_time(cast: Cast) -> None:
    client = api_client_for(cast.paralegal)
    url = f"/api/v1/cases/{cast.case.id}/hearings"
    when = (timezone.now() + datetime.timedelta(days=9)).isoformat()
    assert _post(client, url, {"kind": "merits", "scheduled_at": when}).status_code == 422
    made = _post(client, url, {"kind": "bond", "scheduled_at": when, "mode": "video"})
    assert made.status_code == 201
    assert client.get(url).json()["items"][0]["kind"] == "bond"


def test_deadlines_are_assigned_to_members_only(cast: Cast) -> None:
    deadline = Deadline.objects.create(
        case=cast.case, title="Return due", due_on=timezone.localdate() + datetime.timedelta(2)
    )
    client = api_client_for(cast.paralegal)
    url = f"/api/v1/deadlines/{deadline.id}"
    outsider = cast.by_role()["outsider"]
    refused = client.patch(url, {"assignee_id": str(outsider.id)}, content_type="application/json")
    assert refused.status_code == 422
    done = client.patch(
        url, {"assignee_id": str(cast.attorney.id)}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["assignee_id"] == str(cast.attorney.id)
    board = api_client_for(cast.attorney).get("/api/v1/dashboard?mine=true").json()
    assert [row["deadline_id"] for row in board["deadlines_upcoming"]] == [str(deadline.id)]
