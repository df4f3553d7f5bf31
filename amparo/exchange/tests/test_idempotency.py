"""A POST repeated with the same Idempotency-Key creates one record, through HTTP."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine

from amparo.api.main import api
from amparo.exchange.models import IdempotentResponse
from amparo.people.models import Person

pytestmark = pytest.mark.django_db

BODY = {"given_name": "Rosa", "family_name": "Idempotent", "a_number": "A 099-888-777"}


def post(client, body, key="retry-1"):  # type: ignore[no-untyped-def]
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(
        "/api/v1/people", data=json.dumps(body), content_type="application/json", **headers
    )


def test_a_repeated_key_creates_one_record_and_replays_the_first_answer(cast, api_for) -> None:  # type: ignore[no-untyped-def]
    client = api_for(cast.attorney)
    first = post(client, BODY)
    assert first.status_code == 201
    again = post(client, BODY)
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Person.objects.filter(family_name="Idempotent").count() == 1


def test_the_same_key_with_another_body_answers_422(cast, api_for) -> None:  # type: ignore[no-untyped-def]
    client = api_for(cast.attorney)
    post(client, BODY)
    other = post(client, {**BODY, "given_name": "Other", "a_number": None})
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in other.json()["error"]["fields"]
    assert Person.objects.filter(family_name="Idempotent").count() == 1


def test_keys_belong_to_one_user_and_expire_after_24_hours(cast, api_for) -> None:  # type: ignore[no-untyped-def]
    post(api_for(cast.attorney), {**BODY, "a_number": None})
    assert post(api_for(cast.paralegal), {**BODY, "a_number": None}).status_code == 201
    assert Person.objects.filter(family_name="Idempotent").count() == 2
    with time_machine.travel(datetime.timedelta(hours=25)):
        assert post(api_for(cast.attorney), {**BODY, "a_number": None}).status_code == 201
    assert Person.objects.filter(family_name="Idempotent").count() == 3


def test_an_error_answer_is_replayed_too_and_no_key_means_no_record(cast, api_for) -> None:  # type: ignore[no-untyped-def]
    client = api_for(cast.attorney)
    bad = {**BODY, "a_number": "A12"}
    assert post(client, bad).status_code == 422
    assert post(client, bad).status_code == 422
    assert post(client, BODY, key="").status_code == 201
    assert IdempotentResponse.objects.count() == 1


def test_anonymous_requests_are_refused_before_any_key_is_kept(db) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    assert post(Client(), BODY).status_code == 401
    assert not IdempotentResponse.objects.exists()


def test_every_post_operation_documents_the_header() -> None:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    posts = [ops["post"] for ops in schema["paths"].values() if "post" in ops]
    assert posts
    for operation in posts:
        names = [p["name"] for p in operation.get("parameters", [])]
        assert names.count("Idempotency-Key") == 1, operation["operationId"]
