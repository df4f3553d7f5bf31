"""The API shell: shapes, bearer tokens, and one error shape for every 4xx with nothing saved."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from amparo.accounts.models import ApiToken
from amparo.accounts.services import token_create, token_revoke
from amparo.audit.models import AuditEvent
from amparo.conftest import Cast, api_client_for
from amparo.people.models import Person
from amparo.relief.models import Decision, Request

pytestmark = pytest.mark.django_db

PERSON = {
    "given_name": "Tomás",
    "family_name": "Herrera",
    "a_number": "A 012-345-679",
    "country_of_birth": "CO",
    "immigration_status": "lpr",
}


def assert_error_shape(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def draft_parole(client: Client, cast: Cast) -> dict[str, Any]:
    """A draft parole request on the standing case, through the API."""
    response = client.post(
        f"/api/v1/cases/{cast.case.id}/requests",
        {"type": "humanitarian-parole", "reason": "Birth."},
        content_type="application/json",
    )
    return dict(response.json())


def test_openapi_schema_is_served(cast: Cast) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/people",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/timeline",
    ):
        assert path in paths


def test_each_schema_of_the_openapi_document_is_one_class() -> None:
    """The document names a component by its class's name: two schemas of one name (the
    members of Congress and an organisation's members) would be documented as one."""
    import inspect
    import pkgutil
    from importlib import import_module

    from ninja import Schema

    import amparo.api

    by_name: dict[str, set[str]] = {}
    for module_info in pkgutil.iter_modules(amparo.api.__path__):
        module = import_module(f"amparo.api.{module_info.name}")
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Schema) and value.__module__ == module.__name__:
                by_name.setdefault(name, set()).add(value.__module__)
    shared = {name: modules for name, modules in by_name.items() if len(modules) > 1}
    assert by_name and shared == {}


def test_no_token_gets_401_in_the_error_shape(cast: Cast) -> None:
    error = assert_error_shape(Client().get("/api/v1/cases"), 401)
    assert error["code"] == "unauthenticated"


def test_token_is_stored_hashed_and_stops_working_when_revoked(cast: Cast) -> None:
    token, raw = token_create(user=cast.attorney)
    assert raw not in {token.key_digest, token.prefix}
    assert not ApiToken.objects.filter(key_digest=raw).exists()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/cases").status_code == 200
    token_revoke(token=token)
    assert_error_shape(client.get("/api/v1/cases"), 401)


def test_unknown_api_path_answers_json_404(cast: Cast) -> None:
    error = assert_error_shape(api_client_for(cast.attorney).get("/api/v1/nowhere"), 404)
    assert error["code"] == "not_found"


def test_create_person_normalises_a_number(cast: Cast) -> None:
    response = api_client_for(cast.attorney).post(
        "/api/v1/people", PERSON, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["a_number"] == "A012-345-679"
    assert body["country_of_birth"] == "CO"
    assert body["immigration_status"] == "lpr"
    assert Person.objects.get(id=body["id"]).a_number == "012345679"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"a_number": "A 12-345"}, "a_number"),
        ({"a_number": "A0123456789"}, "a_number"),
        ({"country_of_birth": "ZZ"}, "country_of_birth"),
        ({"immigration_status": "green-card"}, "immigration_status"),
        ({"nickname": "Tom"}, "nickname"),
        ({"given_name": ""}, "given_name"),
    ],
)
def test_bad_person_input_names_the_field_and_saves_nothing(
    cast: Cast, change: dict[str, str], field: str
) -> None:
    before = Person.objects.count()
    response = api_client_for(cast.attorney).post(
        "/api/v1/people", {**PERSON, **change}, content_type="application/json"
    )
    error = assert_error_shape(response, 422)
    assert field in error["fields"], error
    assert Person.objects.count() == before
    assert not AuditEvent.objects.filter(action="person.create").exists()


def test_malformed_a_number_error_does_not_echo_the_number(cast: Cast) -> None:
    response = api_client_for(cast.attorney).post(
        "/api/v1/people", {**PERSON, "a_number": "A 98-765-43X"}, content_type="application/json"
    )
    assert "98-765-43X" not in response.content.decode()
    assert "8 or 9 digits" in " ".join(assert_error_shape(response, 422)["fields"]["a_number"])


def test_create_and_read_case_with_timeline(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    person = client.post("/api/v1/people", PERSON, content_type="application/json").json()
    created = client.post(
        "/api/v1/cases",
        {"person_id": person["id"], "title": "Herrera"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    case = created.json()
    assert case["person_id"] == person["id"]
    assert case["title"] == "Herrera"
    fetched = client.get(f"/api/v1/cases/{case['id']}").json()
    assert fetched["id"] == case["id"]
    assert fetched["person"]["a_number"] == "A012-345-679"
    timeline = client.get(f"/api/v1/cases/{case['id']}/timeline").json()
    assert timeline == {"items": [], "next_cursor": None}


def test_unknown_case_field_is_refused(cast: Cast) -> None:
    response = api_client_for(cast.attorney).post(
        "/api/v1/cases",
        {"person_id": str(cast.case.person_id), "title": "X", "owner": "me"},
        content_type="application/json",
    )
    assert "owner" in assert_error_shape(response, 422)["fields"]


def _submitted_request(cast: Cast) -> tuple[Client, str]:
    client = api_client_for(cast.attorney)
    created = client.post(
        f"/api/v1/cases/{cast.case.id}/requests",
        {"type": "humanitarian-parole", "reason": "Wife due to give birth.", "requested_days": 14},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]
    submitted = client.post(
        f"/api/v1/requests/{request_id}/submit",
        {"submitted_at": "2025-03-09T17:12:00-05:00", "channel": "email"},
        content_type="application/json",
    )
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    return client, request_id


def test_decision_before_submission_is_refused_and_nothing_saved(cast: Cast) -> None:
    client, request_id = _submitted_request(cast)
    response = client.post(
        f"/api/v1/requests/{request_id}/decision",
        {"decided_at": "2025-03-09T17:00:00-05:00", "outcome": "denied", "reasons_given": False},
        content_type="application/json",
    )
    assert "decided_at" in assert_error_shape(response, 422)["fields"]
    assert not Decision.objects.exists()
    assert Request.objects.get(id=request_id).status == "submitted"


def test_decision_records_turnaround_across_time_zones(cast: Cast) -> None:
    client, request_id = _submitted_request(cast)
    # 17:41 in New Orleans (UTC-5 in March 2025 after DST) is 22:41 UTC.
    response = client.post(
        f"/api/v1/requests/{request_id}/decision",
        {"decided_at": "2025-03-09T22:41:00Z", "outcome": "denied", "reasons_given": False},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "decided"
    assert body["turnaround_minutes"] == 29
    assert body["decision"]["reasons_given"] is False
    again = client.get(f"/api/v1/requests/{request_id}").json()
    assert again["turnaround_minutes"] == 29


def test_deciding_twice_is_an_invalid_transition(cast: Cast) -> None:
    client, request_id = _submitted_request(cast)
    payload = {
        "decided_at": "2025-03-09T17:41:00-05:00",
        "outcome": "denied",
        "reasons_given": False,
    }
    assert (
        client.post(
            f"/api/v1/requests/{request_id}/decision", payload, content_type="application/json"
        ).status_code
        == 201
    )
    error = assert_error_shape(
        client.post(
            f"/api/v1/requests/{request_id}/decision", payload, content_type="application/json"
        ),
        409,
    )
    assert error["code"] == "invalid_transition"
    assert Decision.objects.count() == 1


def test_naive_submission_time_is_refused(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    created = draft_parole(client, cast)
    response = client.post(
        f"/api/v1/requests/{created['id']}/submit",
        {"submitted_at": "2025-03-09T17:12:00", "channel": "email"},
        content_type="application/json",
    )
    assert "submitted_at" in assert_error_shape(response, 422)["fields"]
    assert Request.objects.get(id=created["id"]).status == "draft"


def test_stale_version_is_a_conflict(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    created = draft_parole(client, cast)
    Request.objects.filter(id=created["id"]).update(version=5)
    response = client.post(
        f"/api/v1/requests/{created['id']}/submit",
        {"submitted_at": "2025-03-09T17:12:00-05:00", "channel": "email", "version": 1},
        content_type="application/json",
    )
    assert assert_error_shape(response, 409)["code"] == "conflict"
    assert Request.objects.get(id=created["id"]).status == "draft"


def test_unknown_request_type_lists_the_valid_ones(cast: Cast) -> None:
    response = api_client_for(cast.attorney).post(
        f"/api/v1/cases/{cast.case.id}/requests",
        {"type": "pardon", "reason": "x"},
        content_type="application/json",
    )
    message = " ".join(assert_error_shape(response, 422)["fields"]["type"])
    assert "humanitarian-parole" in message


def test_submission_in_the_future_is_refused(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    created = draft_parole(client, cast)
    tomorrow = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        f"/api/v1/requests/{created['id']}/submit",
        {"submitted_at": tomorrow, "channel": "email"},
        content_type="application/json",
    )
    assert "submitted_at" in assert_error_shape(response, 422)["fields"]


def test_patch_case_detects_a_stale_version_and_writes_nothing(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    first = client.patch(
        f"/api/v1/cases/{cast.case.id}",
        {"version": 1, "detention_basis": "236c", "tags": ["removal-imminent"]},
        content_type="application/json",
    )
    assert first.status_code == 200, first.content
    assert first.json()["detention_basis"] == "236c" and first.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/cases/{cast.case.id}",
        {"version": 1, "title": "Other"},
        content_type="application/json",
    )
    assert assert_error_shape(stale, 409)["code"] == "conflict"
    cast.case.refresh_from_db()
    assert cast.case.title != "Other" and cast.case.tags == ["removal-imminent"]
