"""No input crashes the API: text the databases refuse, null for what cannot be empty, dates out of
range, oversized values and bodies, server errors — each answers the one error shape."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client, override_settings

from amparo.conftest import Cast, api_client_for
from amparo.people.models import Person

pytestmark = pytest.mark.django_db


def _fields(response: object) -> dict[str, list[str]]:
    body = json.loads(response.content)  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]["fields"]


def _person(**changes: object) -> dict[str, object]:
    return {"given_name": "Ana", "family_name": "Reyes", **changes}


def _post(client: Client, path: str, data: object) -> object:
    return client.post(path, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("bad", ["Ana\x00", "Ana\ud800"])
def test_text_the_databases_refuse_answers_422_naming_the_field(cast: Cast, bad: str) -> None:
    client = api_client_for(cast.attorney)
    before = Person.objects.count()
    body = json.dumps(_person(given_name=bad))  # \\u0000 and \\ud800 escapes, as JSON sends them
    response = client.post("/api/v1/people", body, content_type="application/json")
    assert response.status_code == 422
    assert "given_name" in _fields(response)
    assert Person.objects.count() == before


def test_a_nul_in_a_search_box_answers_422(cast: Cast) -> None:
    response = api_client_for(cast.attorney).get("/api/v1/cases", {"q": "Her\x00rera"})
    assert response.status_code == 422
    assert "q" in _fields(response)


@pytest.mark.parametrize(
    "field", ["tags", "title", "status", "campaign", "restricted", "detention_basis"]
)
def test_null_for_a_case_field_that_cannot_be_empty_answers_422(cast: Cast, field: str) -> None:
    client = api_client_for(cast.attorney)
    response = client.patch(
        f"/api/v1/cases/{cast.case.id}",
        json.dumps({"version": cast.case.version, field: None}),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert field in _fields(response)


def test_null_clears_a_case_field_that_may_be_empty(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    response = client.patch(
        f"/api/v1/cases/{cast.case.id}",
        json.dumps({"version": cast.case.version, "closed_on": None}),
        content_type="application/json",
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_of_birth", "1899-12-31"),
        ("date_of_birth", (datetime.date.today() + datetime.timedelta(days=2)).isoformat()),
        ("status_since", "0001-01-01"),
        ("status_since", "2999-01-01"),
    ],
)
def test_dates_out_of_a_sane_range_answer_422(cast: Cast, field: str, value: str) -> None:
    response = _post(api_client_for(cast.attorney), "/api/v1/people", _person(**{field: value}))
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert field in _fields(response)


def test_a_huge_value_is_refused_without_being_echoed(cast: Cast) -> None:
    huge = "x" * 300_000
    response = _post(api_client_for(cast.attorney), "/api/v1/people", _person(given_name=huge))
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "given_name" in _fields(response)
    assert len(response.content) < 2_000  # type: ignore[attr-defined]


def test_a_list_too_long_is_refused(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    response = client.patch(
        f"/api/v1/cases/{cast.case.id}",
        json.dumps({"version": cast.case.version, "tags": [f"t{n}" for n in range(500)]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "tags" in _fields(response)


def test_a_body_too_large_answers_413_in_the_shape(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    response = client.post(
        "/api/v1/people",
        json.dumps(_person(aliases=["x" * 1000] * 3000)),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert _fields(response) == {}


@pytest.mark.parametrize("debug", [False, True])
def test_a_server_error_answers_the_shape_without_a_trace(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("amparo.api.cases.case_list_rows", broken)
    client = api_client_for(cast.attorney)
    client.raise_request_exception = False
    with override_settings(DEBUG=debug):
        response = client.get("/api/v1/cases")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert _fields(response) == {}
    assert b"secret" not in response.content and b"Traceback" not in response.content


def test_a_crash_below_the_views_answers_the_shape(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, request: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("amparo.core.middleware.OrganisationTimeZoneMiddleware.__call__", broken)
    client = api_client_for(cast.attorney)
    client.raise_request_exception = False
    with override_settings(DEBUG=False):
        response = client.get("/api/v1/cases")
    assert response.status_code == 500
    assert _fields(response) == {} and b"secret" not in response.content


def test_an_anonymous_write_answers_401_not_a_csrf_403(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    response = _post(client, "/api/v1/people", _person())
    assert response.status_code == 401  # type: ignore[attr-defined]


def test_a_signed_in_browser_write_without_csrf_is_still_refused(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.attorney)
    response = _post(client, "/api/v1/people", _person())
    assert response.status_code == 403  # type: ignore[attr-defined]
    _fields(response)


def test_openapi_declares_the_errors_each_operation_gives(cast: Cast) -> None:
    schema = api_client_for(cast.attorney).get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"401", "500"} <= set(responses), (method, path)
            if "requestBody" in operation or operation.get("parameters"):
                assert "422" in responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)


def test_case_pages_and_case_json_are_never_cached(cast: Cast) -> None:
    page = Client()
    page.force_login(cast.attorney)
    assert page.get(f"/cases/{cast.case.id}/")["Cache-Control"] == "no-store, private"
    api = api_client_for(cast.attorney)
    assert api.get(f"/api/v1/cases/{cast.case.id}")["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize(
    ("language", "invalid", "too_large", "nul"),
    [
        (
            "es",
            "La solicitud tiene campos no válidos.",
            "El cuerpo de la solicitud es demasiado grande.",
            "Contiene un carácter NUL, que no se puede guardar.",
        ),
        (
            "ar",
            "يحتوي الطلب على حقول غير صالحة.",
            "محتوى الطلب كبير جدًا.",
            "يحتوي على حرف NUL لا يمكن حفظه.",
        ),
    ],
)
def test_the_edge_refusals_speak_the_language_the_requester_asked_for(
    cast: Cast, language: str, invalid: str, too_large: str, nul: str
) -> None:
    """The edge answers before the locale middleware runs, yet in the browser's language; the
    codes stay English."""
    client = api_client_for(cast.attorney)
    headers = {"accept-language": language}
    refused = client.post(
        "/api/v1/people",
        json.dumps(_person(given_name="Ana\x00")),
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 422
    error = json.loads(refused.content)["error"]
    assert (error["code"], error["message"]) == ("invalid", invalid)
    assert error["fields"]["given_name"] == [nul]
    large = client.post(
        "/api/v1/people",
        json.dumps(_person(aliases=["x" * 1000] * 3000)),
        content_type="application/json",
        headers=headers,
    )
    assert large.status_code == 413
    assert json.loads(large.content)["error"]["message"] == too_large


def test_the_members_profile_language_wins_at_the_edge_and_in_the_api(cast: Cast) -> None:
    cast.attorney.language = "ar"
    cast.attorney.save(update_fields=["language"])
    client = api_client_for(cast.attorney)
    refused = client.get("/api/v1/cases", {"q": "Her\x00rera"}, headers={"accept-language": "es"})
    assert json.loads(refused.content)["error"]["message"] == "يحتوي الطلب على حقول غير صالحة."
    missing = client.get(
        "/api/v1/cases/00000000-0000-0000-0000-000000000000", headers={"accept-language": "es"}
    )
    assert json.loads(missing.content)["error"]["message"] == "غير موجود."
