"""The decision ledger through the API: the story replayed, every transition, next steps taken,
policy regimes and assessments, and the access gate on every new route."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
import time_machine
from django.test import Client

from amparo.advocacy.models import Inquiry, Waiver
from amparo.cases.models import Case
from amparo.conftest import Cast, api_client_for
from amparo.courts.models import CourtCase
from amparo.deadlines.models import Deadline
from amparo.factories import CongressionalOfficeFactory, RequestFactory
from amparo.relief.models import Assessment, Decision, Request
from amparo.relief.tests.conftest import DENIED, DUE_DATE, MONDAY_MORNING, NEW_ORLEANS, SENT

pytestmark = pytest.mark.django_db
WDLA = "United States District Court for the Western District of Louisiana"


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def draft(client: Client, case: Case, **extra: Any) -> dict[str, Any]:
    response = post(
        client,
        f"/api/v1/cases/{case.id}/requests",
        {
            "type": "humanitarian-parole",
            "reason": "Two weeks of parole to be present for the birth of his child.",
            "requested_days": 14,
            "urgency_until": DUE_DATE.isoformat(),
            **extra,
        },
    )
    assert response.status_code == 201, response.content
    return response.json()


def sent(client: Client, case: Case, at: str = SENT) -> str:
    request_id = draft(client, case)["id"]
    response = post(
        client, f"/api/v1/requests/{request_id}/submit", {"submitted_at": at, "channel": "email"}
    )
    assert response.status_code == 200, response.content
    return str(request_id)


def denied(client: Client, request_id: str, at: str = DENIED) -> dict[str, Any]:
    response = post(
        client,
        f"/api/v1/requests/{request_id}/decision",
        {"decided_at": at, "outcome": "denied", "reasons_given": False},
    )
    assert response.status_code == 201, response.content
    return response.json()


def steps_of(client: Client, case: Case) -> dict[str, dict[str, Any]]:
    response = client.get(f"/api/v1/cases/{case.id}/next-steps")
    assert response.status_code == 200, response.content
    assert set(response.json()) == {"items"}
    return {item["action"]: item for item in response.json()["items"]}


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_the_story_replayed_through_the_api(cast: Cast, story: Case) -> None:
    """Issue 4 acceptance: sent Sunday 17:12 in New Orleans, denied 17:41 without reasons →
    turnaround 29 minutes; next steps: renewed request, congressional inquiry blocked by the
    missing Form 60-001 waiver, habeas petition in W.D. La. for a client held in Jena
    (28 U.S.C. § 98(c); Rumsfeld v. Padilla, 542 U.S. 426 (2004))."""
    client = api_client_for(cast.attorney)
    Inquiry.objects.create(case=story, office=CongressionalOfficeFactory())  # no waiver yet
    created = draft(client, story)
    assert created["status"] == "draft"
    assert created["addressed_to"] == "Field Office Director, New Orleans Field Office"
    assert created["field_office"] == "NOL"
    assert created["days_left"] == 8  # Monday 2025-03-10 → Tuesday 2025-03-18
    request_id = created["id"]
    submitted = post(
        client, f"/api/v1/requests/{request_id}/submit", {"submitted_at": SENT, "channel": "email"}
    ).json()
    assert submitted["status"] == "submitted"
    assert submitted["submitted_by"] == cast.attorney.full_name
    # Shown in the organisation's zone (New York): the same instant, 18:12 EDT.
    assert datetime.datetime.fromisoformat(submitted["submitted_at"]) == (
        datetime.datetime(2025, 3, 9, 22, 12, tzinfo=datetime.UTC)
    )
    body = denied(client, request_id)
    assert body["status"] == "decided"
    assert body["turnaround_minutes"] == 29
    assert body["decision"]["reasons_given"] is False
    assert body["decision"]["outcome"] == "denied"
    assert client.get(f"/api/v1/requests/{request_id}").json()["turnaround_minutes"] == 29

    steps = steps_of(client, story)
    assert {"renewed-request", "congressional-inquiry", "habeas-petition"} <= set(steps)
    assert steps["renewed-request"]["due_on"] == "2025-03-18"
    assert "8 CFR 212.5" in steps["renewed-request"]["citation"]
    assert steps["congressional-inquiry"]["blocked_by"] == "Form 60-001 privacy waiver not signed"
    habeas = steps["habeas-petition"]
    assert habeas["court"] == {"id": "lawd", "name": WDLA}
    assert habeas["blocked_by"] is None
    assert "2241" in habeas["citation"]
    for item in steps.values():
        assert set(item) >= {"action", "title", "due_on", "citation", "blocked_by", "court"}


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_signing_the_waiver_unblocks_the_inquiry(cast: Cast, story: Case) -> None:
    client = api_client_for(cast.attorney)
    office = CongressionalOfficeFactory()
    Inquiry.objects.create(case=story, office=office, recipient=str(office))
    Waiver.objects.create(
        case=story,
        member=office,
        recipient=str(office),
        form="dhs-60-001",
        signed_on=datetime.date(2025, 3, 10),
        signed_by="client",
    )
    denied(client, sent(client, story))
    assert steps_of(client, story)["congressional-inquiry"]["blocked_by"] is None


@time_machine.travel(datetime.datetime(2025, 3, 10, 8, 0, tzinfo=datetime.UTC), tick=False)
def test_a_sunday_evening_in_new_orleans_is_monday_in_utc(cast: Cast, story: Case) -> None:
    """19:30 CDT on Sunday 2025-03-09 is 00:30 UTC on Monday 2025-03-10; the team in New
    Orleans reads it as Sunday, and the countdown runs from its own day."""
    cast.organisation.time_zone = "America/Chicago"
    cast.organisation.save(update_fields=["time_zone"])
    client = api_client_for(cast.attorney)
    request_id = sent(client, story, at="2025-03-09T19:30:00-05:00")
    stored = Request.objects.get(id=request_id).submitted_at
    assert stored == datetime.datetime(2025, 3, 10, 0, 30, tzinfo=datetime.UTC)
    body = client.get(f"/api/v1/requests/{request_id}").json()
    shown = datetime.datetime.fromisoformat(body["submitted_at"])
    assert shown.utcoffset() == datetime.timedelta(hours=-5)
    assert shown.date() == datetime.date(2025, 3, 9) and shown.strftime("%A") == "Sunday"
    # 08:00 UTC Monday is 03:00 CDT Monday: 8 days to Tuesday 2025-03-18.
    assert body["days_left"] == 8


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_seconds_are_dropped_so_turnaround_is_exact_minutes(cast: Cast, story: Case) -> None:
    client = api_client_for(cast.attorney)
    request_id = sent(client, story, at="2025-03-09T17:12:59-05:00")
    body = denied(client, request_id, at="2025-03-09T17:41:00-05:00")
    assert body["turnaround_minutes"] == 29
    assert Decision.objects.get().submitted_at.second == 0


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_acknowledgement_is_optional_and_ordered(cast: Cast, story: Case) -> None:
    client = api_client_for(cast.attorney)
    request_id = sent(client, story)
    early = post(
        client,
        f"/api/v1/requests/{request_id}/acknowledge",
        {"acknowledged_at": "2025-03-09T17:00:00-05:00"},
    )
    assert early.status_code == 422
    assert "acknowledged_at" in early.json()["error"]["fields"]
    ok = post(
        client,
        f"/api/v1/requests/{request_id}/acknowledge",
        {"acknowledged_at": "2025-03-09T17:20:00-05:00", "version": 2},
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "acknowledged"
    again = post(
        client,
        f"/api/v1/requests/{request_id}/acknowledge",
        {"acknowledged_at": "2025-03-09T17:25:00-05:00"},
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_transition"
    assert "only a submitted request can be marked acknowledged" in again.json()["error"]["message"]
    assert denied(client, request_id)["turnaround_minutes"] == 29


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_draft_cannot_be_decided_and_a_decided_request_cannot_be_withdrawn(
    cast: Cast, story: Case
) -> None:
    client = api_client_for(cast.attorney)
    request_id = draft(client, story)["id"]
    response = post(
        client,
        f"/api/v1/requests/{request_id}/decision",
        {"decided_at": DENIED, "outcome": "denied", "reasons_given": False},
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "This request is a draft; only a submitted or acknowledged request can be decided."
    )
    submitted = sent(client, story)
    denied(client, submitted)
    refused = post(client, f"/api/v1/requests/{submitted}/withdraw", {})
    assert refused.status_code == 409
    assert Request.objects.get(id=submitted).status == "decided"


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_withdrawing_a_draft_and_a_pending_request(cast: Cast, story: Case) -> None:
    client = api_client_for(cast.attorney)
    request_id = draft(client, story)["id"]
    body = post(client, f"/api/v1/requests/{request_id}/withdraw", {"version": 1}).json()
    assert body["status"] == "withdrawn" and body["closed_at"] is not None
    pending = sent(client, story)
    assert post(client, f"/api/v1/requests/{pending}/withdraw", {}).json()["status"] == "withdrawn"
    stale = post(client, f"/api/v1/requests/{pending}/withdraw", {"version": 1})
    assert stale.status_code == 409


def test_overdue_is_derived_from_the_type_threshold(cast: Cast, story: Case) -> None:
    """Humanitarian parole is flagged after 72 hours without an answer (a practice default,
    editable per type)."""
    with time_machine.travel(MONDAY_MORNING, tick=False):
        client = api_client_for(cast.attorney)
        request_id = sent(client, story)
        assert client.get(f"/api/v1/requests/{request_id}").json()["overdue"] is False
    with time_machine.travel(datetime.datetime(2025, 3, 12, 17, 12, tzinfo=NEW_ORLEANS)):
        body = client.get(f"/api/v1/cases/{story.id}/requests").json()["items"][0]
        assert body["overdue"] is True
        assert body["overdue_after_hours"] == 72


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_taking_next_steps_creates_a_draft_request_a_court_case_and_a_task(
    cast: Cast, story: Case
) -> None:
    client = api_client_for(cast.attorney)
    denied(client, sent(client, story))
    url = f"/api/v1/cases/{story.id}/next-steps"

    renewed = post(client, url, {"action": "renewed-request"})
    assert renewed.status_code == 201, renewed.content
    assert renewed.json()["kind"] == "request"
    drafted = Request.objects.get(id=renewed.json()["id"])
    assert drafted.request_type.slug == "renewed-request" and drafted.status == "draft"
    assert drafted.urgency_until == DUE_DATE
    assert steps_of(client, story)["renewed-request"]["in_progress"] is True
    twice = post(client, url, {"action": "renewed-request"})
    assert twice.status_code == 409

    habeas = post(client, url, {"action": "habeas-petition"})
    assert habeas.status_code == 201, habeas.content
    court_case = CourtCase.objects.get(id=habeas.json()["id"])
    assert court_case.court.code == "lawd"
    assert court_case.kind == "habeas-2241" and court_case.status == "draft"

    inquiry = post(client, url, {"action": "congressional-inquiry"})
    assert inquiry.status_code == 201, inquiry.content
    task = Deadline.objects.get(id=inquiry.json()["id"])
    # The waiver is still missing, but the title names the work, not the state of the case:
    # the next steps say what blocks it for as long as it does.
    assert task.title == "Congressional inquiry to ICE's Office of Congressional Relations"
    assert "Form 60-001" not in task.title
    blocked = steps_of(client, story)["congressional-inquiry"]["blocked_by"]
    assert blocked == "Form 60-001 privacy waiver not signed"
    assert task.due_on == datetime.date(2025, 3, 10)

    not_now = post(client, url, {"action": "bia-appeal"})
    assert not_now.status_code == 422
    unknown = post(client, url, {"action": "pardon"})
    assert unknown.status_code == 422


@time_machine.travel(datetime.datetime(2025, 3, 20, 9, 0, tzinfo=NEW_ORLEANS), tick=False)
def test_taking_the_bia_appeal_records_the_computed_deadline(cast: Cast, story: Case) -> None:
    """IJ bond denial on Tue 2025-03-04 → EOIR-26 received by Thu 2025-04-03 (8 CFR
    1003.38(b))."""
    client = api_client_for(cast.attorney)
    request_id = post(
        client,
        f"/api/v1/cases/{story.id}/requests",
        {"type": "bond-redetermination", "reason": "Custody redetermination."},
    ).json()["id"]
    post(
        client,
        f"/api/v1/requests/{request_id}/submit",
        {"submitted_at": "2025-03-03T09:00:00-06:00", "channel": "ecas"},
    )
    denied(client, request_id, at="2025-03-04T11:00:00-06:00")
    assert steps_of(client, story)["bia-appeal"]["due_on"] == "2025-04-03"
    taken = post(client, f"/api/v1/cases/{story.id}/next-steps", {"action": "bia-appeal"})
    assert taken.status_code == 201, taken.content
    deadline = Deadline.objects.get(id=taken.json()["id"])
    assert deadline.due_on == datetime.date(2025, 4, 3)
    assert deadline.rule == "bia-bond-appeal"
    assert steps_of(client, story)["bia-appeal"]["in_progress"] is True


def test_policy_regime_on_a_date(cast: Cast) -> None:
    client = api_client_for(cast.attorney)
    body = client.get("/api/v1/policy-regimes?on=2025-03-08").json()
    assert [item["name"] for item in body["items"]] == [
        "EO 14159, Protecting the American People Against Invasion"
    ]
    item = body["items"][0]
    assert set(item) >= {"name", "authority", "effective_from", "effective_to", "source"}
    assert item["effective_from"] == "2025-01-20" and item["effective_to"] is None
    assert "90 FR 8443" in item["source"]
    gap = client.get("/api/v1/policy-regimes?on=2023-01-15").json()
    assert gap["items"] == []
    assert gap["message"].startswith("No enforcement-priority regime is recorded for 2023-01-15.")
    assert len(client.get("/api/v1/policy-regimes").json()["items"]) == 4
    assert client.get("/api/v1/policy-regimes?on=2025-02-30").status_code == 422


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_assessment_uses_the_regime_of_the_request_date(cast: Cast, story: Case) -> None:
    client = api_client_for(cast.attorney)
    request_id = sent(client, story)
    url = f"/api/v1/requests/{request_id}/assessment"
    assert client.get(url).status_code == 404
    response = post(
        client,
        url,
        {
            "factors": {
                "212.5(b)(5)": {"applies": True, "evidence": "US-citizen wife due 2025-03-18"},
                "212.5(b)(1)": {"applies": False},
            }
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["assessed_for"] == "2025-03-09"
    assert body["regime"]["slug"] == "eo-14159"
    text = " ".join(body["paragraphs"])
    assert "EO 14159" in text and "Guidelines" not in text
    # The client is an LPR: parole does not fit, so the argument points to release on
    # recognizance, bond or habeas, with the 212.5(b)(5) facts as humanitarian factors.
    assert "recognizance" in text and "US-citizen wife" in text
    assert "falls within 8 CFR 212.5(b)(5)" not in text
    factor = next(f for f in body["factors"] if f["key"] == "212.5(b)(5)")
    assert factor["applies"] is True
    assert client.get(url).json()["id"] == body["id"]
    bad = post(client, url, {"factors": {"public-safety": {"applies": False}}})
    assert bad.status_code == 422
    assert "factors.public-safety" in bad.json()["error"]["fields"]
    assert Assessment.objects.count() == 1


def _new_routes(case: Case, request_id: uuid.UUID) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("get", f"/api/v1/cases/{case.id}/requests", {}),
        ("get", f"/api/v1/cases/{case.id}/next-steps", {}),
        ("get", f"/api/v1/requests/{request_id}/assessment", {}),
        ("post", f"/api/v1/cases/{case.id}/next-steps", {"action": "renewed-request"}),
        (
            "post",
            f"/api/v1/requests/{request_id}/acknowledge",
            {"acknowledged_at": "2025-03-09T17:20:00-05:00"},
        ),
        ("post", f"/api/v1/requests/{request_id}/withdraw", {"version": 1}),
        (
            "post",
            f"/api/v1/requests/{request_id}/assessment",
            {"factors": {"212.5(b)(5)": {"applies": True, "evidence": "Birth."}}},
        ),
    ]


def test_outsider_gets_404_on_every_new_route(cast: Cast) -> None:
    request = RequestFactory(case=cast.case)
    client = api_client_for(cast.outsider)
    for method, url, body in _new_routes(cast.case, request.id):
        response = post(client, url, body) if method == "post" else client.get(url)
        assert response.status_code == 404, (url, response.content)
        assert response.json()["error"]["code"] == "not_found"
    assert Request.objects.get(id=request.id).status == "draft"


@pytest.mark.parametrize("role", ["read_only", "advocate"])
def test_members_who_may_not_write_get_404_on_new_writes_and_can_read(
    cast: Cast, role: str
) -> None:
    request = RequestFactory(case=cast.case)
    client = api_client_for(getattr(cast, role))
    for method, url, body in _new_routes(cast.case, request.id):
        if method == "post":
            assert post(client, url, body).status_code == 404, url
    assert client.get(f"/api/v1/cases/{cast.case.id}/next-steps").status_code == 200
    assert client.get(f"/api/v1/cases/{cast.case.id}/requests").status_code == 200
    assert Request.objects.get(id=request.id).status == "draft"
    assert not Assessment.objects.exists()


def test_policy_regimes_are_public_reference_data_for_members(cast: Cast) -> None:
    assert api_client_for(cast.outsider).get("/api/v1/policy-regimes").status_code == 200
    assert Client().get("/api/v1/policy-regimes").status_code == 401


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, tzinfo=NEW_ORLEANS), tick=False)
def test_detention_clock_follows_the_basis_set_on_the_case(cast: Cast, story: Case) -> None:
    """Held in Jena since 2025-03-01: 184 days on 2025-09-01. Under the Laken Riley Act's
    236(c)(1)(E) in the Fifth Circuit there is no circuit bright line recorded; after a final
    order the clock counts the 241(a) reviews from the removal period."""
    client = api_client_for(cast.attorney)
    patched = client.patch(
        f"/api/v1/cases/{story.id}",
        {"version": story.version, "detention_basis": "236c1e"},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    clock = client.get(f"/api/v1/cases/{story.id}/detention").json()
    assert clock["days"] == 184 and clock["basis"] == "236c1e"
    assert "No circuit bright line" in clock["flags"][0]
    final = client.patch(
        f"/api/v1/cases/{story.id}",
        {
            "version": patched.json()["version"],
            "detention_basis": "241a",
            "removal_period_began_on": "2025-06-01",
        },
        content_type="application/json",
    )
    assert final.json()["removal_period_began_on"] == "2025-06-01"
    milestones = client.get(f"/api/v1/cases/{story.id}/detention").json()["milestones"]
    assert [(m["slug"], m["due_on"], m["passed"]) for m in milestones[:2]] == [
        ("removal-period-end", "2025-08-30", True),
        ("post-order-review-90", "2025-08-30", True),
    ]
    assert (
        api_client_for(cast.outsider).get(f"/api/v1/cases/{story.id}/detention").status_code == 404
    )


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_next_steps_read_in_the_requesters_language_with_the_same_fields(
    cast: Cast, story: Case
) -> None:
    client = api_client_for(cast.attorney)
    Inquiry.objects.create(case=story, office=CongressionalOfficeFactory())  # no waiver yet
    denied(client, sent(client, story))
    english = steps_of(client, story)
    response = client.get(f"/api/v1/cases/{story.id}/next-steps", headers={"accept-language": "es"})
    spanish = {item["action"]: item for item in response.json()["items"]}
    assert set(spanish) == set(english)
    inquiry = spanish["congressional-inquiry"]
    assert set(inquiry) == set(english["congressional-inquiry"])
    assert inquiry["blocked_by"] == "Autorización de privacidad (formulario 60-001) sin firmar"
    assert inquiry["title"] != english["congressional-inquiry"]["title"]
    assert inquiry["citation"] == english["congressional-inquiry"]["citation"]  # as written


@time_machine.travel(datetime.datetime(2025, 9, 1, 12, tzinfo=NEW_ORLEANS), tick=False)
def test_the_detention_clock_reads_in_the_requesters_language(cast: Cast, story: Case) -> None:
    client = api_client_for(cast.attorney)
    patched = client.patch(
        f"/api/v1/cases/{story.id}",
        {
            "version": story.version,
            "detention_basis": "241a",
            "removal_period_began_on": "2025-06-01",
        },
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    english = client.get(f"/api/v1/cases/{story.id}/detention").json()
    arabic = client.get(
        f"/api/v1/cases/{story.id}/detention", headers={"accept-language": "ar"}
    ).json()
    assert set(arabic) == set(english)
    assert arabic["days"] == english["days"]
    first, first_english = arabic["milestones"][0], english["milestones"][0]
    assert set(first) == set(first_english) and first["slug"] == first_english["slug"]
    assert first["title"] != first_english["title"]
    assert any("\u0600" <= letter <= "\u06ff" for letter in first["title"])
