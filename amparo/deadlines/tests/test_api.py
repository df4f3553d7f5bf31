"""API: GET /api/v1/deadlines with its filters, POST /api/v1/deadlines/{id}/done; outsiders
and read-only members get 404."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine

from amparo.audit.models import AuditEvent
from amparo.conftest import Cast, api_client_for
from amparo.deadlines.models import Deadline
from amparo.deadlines.services import deadline_create_from_rule
from amparo.deadlines.tests.helpers import make_deadline
from amparo.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date
NOW = datetime.datetime(2025, 7, 6, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))


def ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def world(cast: Cast) -> dict[str, Deadline]:
    second_case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    return {
        "overdue": make_deadline(cast.case, D(2025, 7, 1), assignee=cast.attorney),
        "today": make_deadline(cast.case, D(2025, 7, 6), assignee=cast.paralegal),
        "soon": make_deadline(second_case, D(2025, 7, 8), assignee=cast.attorney),
        "done": make_deadline(cast.case, D(2025, 7, 2), done_at=NOW - datetime.timedelta(days=3)),
        "outsider": make_deadline(cast.outsider_case, D(2025, 7, 7), assignee=cast.outsider),
    }


def test_list_shows_only_the_organisations_deadlines_in_due_order(
    cast: Cast, world: dict[str, Deadline]
) -> None:
    with time_machine.travel(NOW, tick=False):
        response = api_client_for(cast.read_only).get("/api/v1/deadlines")
    expected = [world[k].pk for k in ("overdue", "done", "today", "soon")]
    assert ids(response) == [str(pk) for pk in expected]
    first = response.json()["items"][0]
    assert first["overdue"] is True
    assert {"computed_on", "court_set_on", "due_on", "steps", "citation"} <= set(first)


def test_filters_case_assignee_due_range_and_overdue(
    cast: Cast, world: dict[str, Deadline]
) -> None:
    client = api_client_for(cast.attorney)
    with time_machine.travel(NOW, tick=False):
        by_case = client.get("/api/v1/deadlines", {"case": str(cast.case.id)})
        by_me = client.get("/api/v1/deadlines", {"assignee": "me"})
        by_id = client.get("/api/v1/deadlines", {"assignee": str(cast.paralegal.id)})
        by_range = client.get(
            "/api/v1/deadlines", {"due_from": "2025-07-02", "due_to": "2025-07-06"}
        )
        overdue = client.get("/api/v1/deadlines", {"overdue": "true"})
        not_overdue = client.get("/api/v1/deadlines", {"overdue": "false"})
    pk = {k: str(v.pk) for k, v in world.items()}
    assert ids(by_case) == [pk["overdue"], pk["done"], pk["today"]]
    assert ids(by_me) == [pk["overdue"], pk["soon"]]
    assert ids(by_id) == [pk["today"]]
    assert ids(by_range) == [pk["done"], pk["today"]]
    assert ids(overdue) == [pk["overdue"]]
    assert ids(not_overdue) == [pk["done"], pk["today"], pk["soon"]]


def test_filter_by_a_case_the_user_cannot_see_is_404_and_bad_assignee_is_422(
    cast: Cast, world: dict[str, Deadline]
) -> None:
    client = api_client_for(cast.outsider)
    response = client.get("/api/v1/deadlines", {"case": str(cast.case.id)})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/deadlines", {"case": "nonsense"}).status_code == 404
    bad = client.get("/api/v1/deadlines", {"assignee": "nonsense"})
    assert bad.status_code == 422
    assert "assignee" in bad.json()["error"]["fields"]
    assert ids(client.get("/api/v1/deadlines")) == [str(world["outsider"].pk)]


def test_mark_done(cast: Cast) -> None:
    deadline = deadline_create_from_rule(
        actor=None, case=cast.case, rule="habeas-return", trigger_on=D(2025, 7, 3)
    )
    response = api_client_for(cast.paralegal).post(f"/api/v1/deadlines/{deadline.pk}/done")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["done_at"] is not None and body["done_by_id"] == str(cast.paralegal.id)
    assert body["due_on"] == "2025-07-07" and body["rule"] == "habeas-return"
    assert AuditEvent.objects.filter(action="deadline.complete").count() == 1
    again = api_client_for(cast.attorney).post(f"/api/v1/deadlines/{deadline.pk}/done")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_transition"


@pytest.mark.parametrize("role", ["outsider", "read_only", "advocate"])
def test_outsider_and_read_only_cannot_mark_done(cast: Cast, role: str) -> None:
    deadline = make_deadline(cast.case, D(2025, 7, 7))
    response = api_client_for(getattr(cast, role)).post(f"/api/v1/deadlines/{deadline.pk}/done")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    deadline.refresh_from_db()
    assert deadline.done_at is None


def test_outsider_does_not_see_the_deadline_and_malformed_id_is_404(cast: Cast) -> None:
    make_deadline(cast.case, D(2025, 7, 7))
    client = api_client_for(cast.outsider)
    assert ids(client.get("/api/v1/deadlines")) == []
    assert client.post("/api/v1/deadlines/not-a-uuid/done").status_code == 404


def test_list_needs_authentication(cast: Cast) -> None:
    from django.test import Client

    assert Client().get("/api/v1/deadlines").status_code == 401
