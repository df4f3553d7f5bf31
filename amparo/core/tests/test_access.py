"""The one gate: outsiders and missing records look the same (404) on every case route, HTML
and API; read-only members and advocates cannot write."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from amparo.api.main import api
from amparo.conftest import Cast, api_client_for
from amparo.core import access
from amparo.factories import RequestFactory
from amparo.relief.models import Request

pytestmark = pytest.mark.django_db

# A valid body for every API write, so the gate (not input validation) decides the answer.
SAMPLE_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/api/v1/people"): {"given_name": "Ana", "family_name": "Ruiz"},
    ("post", "/api/v1/cases"): {"person_id": "{person_id}", "title": "Ruiz — custody"},
    ("post", "/api/v1/cases/{case_id}/requests"): {
        "type": "humanitarian-parole",
        "reason": "Birth of a child.",
    },
    ("post", "/api/v1/requests/{request_id}/submit"): {
        "submitted_at": "2025-03-09T17:12:00-05:00",
        "channel": "email",
    },
    ("post", "/api/v1/requests/{request_id}/decision"): {
        "decided_at": "2025-03-09T17:41:00-05:00",
        "outcome": "denied",
        "reasons_given": False,
    },
}
# Routes not scoped to one case: they list or create within the user's own organisation.
ORGANISATION_ROUTES = {"/api/v1/people", "/api/v1/cases"}


def _api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return [(method, path) for path, ops in schema["paths"].items() for method in ops]


def _fill(template: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        template = template.replace("{" + name + "}", value)
    return template


def _ids_for(case_request: Request, person_id: uuid.UUID) -> dict[str, str]:
    return {
        "case_id": str(case_request.case_id),
        "request_id": str(case_request.id),
        "person_id": str(person_id),
    }


def _body(method: str, path: str, ids: dict[str, str]) -> dict[str, Any] | None:
    body = SAMPLE_BODIES.get((method, path))
    if body is None:
        return None
    return {k: _fill(v, ids) if isinstance(v, str) else v for k, v in body.items()}


def test_every_api_write_has_a_sample_body() -> None:
    writes = {(m, p) for m, p in _api_operations() if m in {"post", "put", "patch", "delete"}}
    assert writes <= set(SAMPLE_BODIES), f"add sample bodies for {writes - set(SAMPLE_BODIES)}"


def test_outsider_gets_404_on_every_case_scoped_api_route(cast: Cast) -> None:
    request = RequestFactory(case=cast.case)
    ids = _ids_for(request, cast.case.person_id)
    client = api_client_for(cast.outsider)
    checked = 0
    for method, path in _api_operations():
        if path in ORGANISATION_ROUTES:
            continue
        url = _fill(path, ids)
        body = _body(method, path, ids)
        response = (
            getattr(client, method)(url, body, content_type="application/json")
            if body
            else getattr(client, method)(url)
        )
        assert response.status_code == 404, (method, path, response.content)
        assert response.json()["error"]["code"] == "not_found"
        checked += 1
    assert checked >= 5


def test_missing_record_answers_exactly_like_another_organisations(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    foreign = client.get(f"/api/v1/cases/{cast.outsider_case.id}")
    missing = client.get(f"/api/v1/cases/{uuid.uuid4()}")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()


def test_outsider_cannot_create_a_case_for_another_organisations_client(cast: Cast) -> None:
    response = api_client_for(cast.outsider).post(
        "/api/v1/cases",
        {"person_id": str(cast.case.person_id), "title": "Taken"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_organisation_lists_show_only_own_records(cast: Cast) -> None:
    client = api_client_for(cast.outsider)
    case_ids = {item["id"] for item in client.get("/api/v1/cases").json()["items"]}
    person_ids = {item["id"] for item in client.get("/api/v1/people").json()["items"]}
    assert case_ids == {str(cast.outsider_case.id)}
    assert str(cast.case.person_id) not in person_ids


@pytest.mark.parametrize("role", ["read_only", "advocate"])
def test_members_who_may_not_write_get_404_on_every_write(cast: Cast, role: str) -> None:
    request = RequestFactory(case=cast.case)
    ids = _ids_for(request, cast.case.person_id)
    client = api_client_for(getattr(cast, role))
    for method, path in _api_operations():
        if method != "post":
            continue
        response = client.post(
            _fill(path, ids), _body(method, path, ids), content_type="application/json"
        )
        assert response.status_code == 404, (role, path, response.content)
    assert Request.objects.filter(case=cast.case).count() == 1


def test_read_only_member_can_read_the_case(cast: Cast) -> None:
    response = api_client_for(cast.read_only).get(f"/api/v1/cases/{cast.case.id}")
    assert response.status_code == 200
    assert response.json()["id"] == str(cast.case.id)


def _html_patterns(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = ""
) -> list[str]:
    found: list[str] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(("api/", "admin/")):
                continue
            found += _html_patterns(entry.url_patterns, route)
        elif "<uuid:case_id>" in route:
            found.append(route)
    return found


def test_outsider_gets_404_on_every_case_page(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.outsider)
    routes = _html_patterns()
    assert routes, "no case pages found"
    for route in routes:
        url = "/" + route.replace("<uuid:case_id>", str(cast.case.id))
        assert client.get(url).status_code == 404, url
        own = "/" + route.replace("<uuid:case_id>", str(cast.outsider_case.id))
        assert client.get(own).status_code == 200, own


def test_signed_out_visitor_is_sent_to_login(cast: Cast) -> None:
    response = Client().get(f"/cases/{cast.case.id}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_restricted_case_is_seen_only_by_its_team_and_admins(cast: Cast) -> None:
    cast.case.restricted = True
    cast.case.save(update_fields=["restricted"])
    cast.case.team.set([cast.paralegal])
    visible = {
        name: access.cases_visible_to(user).filter(id=cast.case.id).exists()
        for name, user in cast.by_role().items()
    }
    assert visible == {
        "admin": True,
        "attorney": False,
        "paralegal": True,
        "intake": False,
        "advocate": False,
        "read-only": False,
        "outsider": False,
    }


def test_case_for_write_refuses_read_only_roles(cast: Cast) -> None:
    from django.http import Http404

    assert access.case_for(cast.attorney, cast.case.id, write=True) == cast.case
    for user in (cast.read_only, cast.advocate, cast.outsider):
        with pytest.raises(Http404):
            access.case_for(user, cast.case.id, write=True)


def test_malformed_id_is_a_404_not_an_error(cast: Cast) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        access.case_for(cast.attorney, "not-a-uuid")


def test_advocate_sees_masked_a_number_and_no_criminal_history(cast: Cast) -> None:
    person = cast.case.person
    person.has_criminal_history = True
    person.criminal_history_summary = "PLANTED-MARKER-1999 misdemeanour"
    person.save()
    client = api_client_for(cast.advocate)
    response = client.get("/api/v1/people")
    body = response.content.decode()
    assert "PLANTED-MARKER-1999" not in body
    assert "012345678" not in body and "012-345-678" not in body
    assert response.json()["items"][0]["a_number"] == "A•••-•••-678"
    case_body = client.get(f"/api/v1/cases/{cast.case.id}").json()
    assert case_body["person"]["a_number"] == "A•••-•••-678"
    attorney_body = api_client_for(cast.attorney).get("/api/v1/people").content.decode()
    assert "PLANTED-MARKER-1999" in attorney_body
