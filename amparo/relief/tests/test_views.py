"""The request panel on the case page: one short form logs a decision and the next steps
appear at once; writers see forms, others do not; outsiders get 404."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from amparo.cases.models import Case
from amparo.conftest import Cast, signed_in
from amparo.courts.models import CourtCase
from amparo.factories import RequestFactory
from amparo.relief.models import Request
from amparo.relief.services import request_create, request_submit
from amparo.relief.tests.conftest import DUE_DATE, MONDAY_MORNING, NEW_ORLEANS

pytestmark = pytest.mark.django_db
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def submitted(cast: Cast, case: Case) -> Request:
    request = request_create(
        actor=cast.attorney,
        case=case,
        request_type="humanitarian-parole",
        reason="Birth of a child.",
        urgency_until=DUE_DATE,
    )
    return request_submit(
        actor=cast.attorney,
        request=request,
        submitted_at=datetime.datetime(2025, 3, 9, 17, 12, tzinfo=NEW_ORLEANS),
        channel="email",
    )


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_logging_a_denial_shows_the_next_steps_at_once(cast: Cast, story: Case) -> None:
    cast.organisation.time_zone = "America/Chicago"
    cast.organisation.save(update_fields=["time_zone"])
    request = submitted(cast, story)
    client = signed_in(cast.paralegal)
    panel = client.get(f"/cases/{story.id}/requests/", **HTMX).content.decode()
    assert 'id="request-panel"' in panel
    assert "Log decision" in panel
    assert "8 days left" in panel
    assert "Next steps" not in panel

    response = client.post(
        f"/relief/requests/{request.id}/decision/",
        {"decided_at": "2025-03-09T17:41", "outcome": "denied", "version": request.version},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "29 minutes" in html
    assert "none given" in html
    assert "Next steps" in html
    assert 'data-action="renewed-request"' in html
    assert "Blocked: Form 60-001 privacy waiver not signed" in html
    assert "Western District of Louisiana" in html
    assert "Sun 2025-03-09 17:12" in html  # read in New Orleans time
    request.refresh_from_db()
    assert request.status == "decided"
    assert request.decision.turnaround_minutes == 29


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_form_error_comes_back_in_the_panel(cast: Cast, story: Case) -> None:
    request = submitted(cast, story)
    response = signed_in(cast.attorney).post(
        f"/relief/requests/{request.id}/decision/",
        {"decided_at": "2025-03-09T10:00", "outcome": "denied"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "cannot come before the request was submitted" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "submitted"


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_refused_decision_comes_back_as_typed_with_the_error_beside_its_field(
    cast: Cast, story: Case
) -> None:
    request = submitted(cast, story)
    response = signed_in(cast.attorney).post(
        f"/relief/requests/{request.id}/decision/",
        {
            "decided_at": "2025-03-09T10:00",
            "outcome": "granted",
            "reasons": "Officer cited flight risk",
            "decided_by": "SDDO Marquez",
            "version": request.version,
        },
        **HTMX,
    )
    html = response.content.decode()
    form = html[html.index('class="decision-form"') :]
    form = form[: form.index("</form>")]
    # The error sits in the decision form, right after the time it is about.
    field = form.index('name="decided_at"')
    error = form.index("cannot come before the request was submitted")
    assert field < error < form.index('name="outcome"')
    assert 'value="2025-03-09T10:00"' in form  # everything typed is kept
    assert "Officer cited flight risk</textarea>" in form
    assert 'value="SDDO Marquez"' in form
    assert '<option value="granted" selected>' in form
    request.refresh_from_db()
    assert request.status == "submitted"


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_taking_a_step_from_the_panel_drafts_the_habeas_petition(cast: Cast, story: Case) -> None:
    request = submitted(cast, story)
    client = signed_in(cast.attorney)
    client.post(
        f"/relief/requests/{request.id}/decision/",
        {"decided_at": "2025-03-09T18:41", "outcome": "denied"},
        **HTMX,
    )
    response = client.post(f"/cases/{story.id}/next-steps/", {"action": "habeas-petition"}, **HTMX)
    assert response.status_code == 200
    assert CourtCase.objects.get(case=story).court.code == "lawd"
    assert "under way" in response.content.decode()


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_new_request_and_submission_from_the_panel(cast: Cast, story: Case) -> None:
    client = signed_in(cast.attorney)
    response = client.post(
        f"/cases/{story.id}/requests/",
        {"type": "no-transfer", "reason": "Keep him near his family's lawyers."},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Request not to transfer" in response.content.decode()
    created = Request.objects.get(case=story)
    assert created.request_type.slug == "no-transfer"
    assert created.addressed_to == "Field Office Director, New Orleans Field Office"
    response = client.post(
        f"/relief/requests/{created.id}/submit/",
        {"submitted_at": "2025-03-10T08:30", "channel": "fax", "version": 1},
    )
    assert response.status_code == 200
    created.refresh_from_db()
    assert created.status == "submitted"
    # Typed without an offset: read in the organisation's zone (New York, EDT).
    assert created.submitted_at == datetime.datetime(2025, 3, 10, 12, 30, tzinfo=datetime.UTC)


def test_invalid_input_without_htmx_is_a_422(cast: Cast) -> None:
    response = signed_in(cast.attorney).post(
        f"/cases/{cast.case.id}/requests/", {"type": "pardon", "reason": "x"}
    )
    assert response.status_code == 422
    assert "type" in response.context["new_form"].errors  # next to the field, as typed
    assert "x</textarea>" in response.content.decode()
    body = response.content.decode()
    # The error sits next to the field, in words, never as a raw field name.
    assert "Select a valid choice" in body
    assert "type:" not in body
    assert not Request.objects.filter(case=cast.case).exists()


def test_read_only_members_see_the_panel_without_forms_and_cannot_post(cast: Cast) -> None:
    request = RequestFactory(case=cast.case)
    client = signed_in(cast.read_only)
    html = client.get(f"/cases/{cast.case.id}/requests/").content.decode()
    assert "Humanitarian parole" in html
    assert "<form" not in html
    assert client.post(f"/relief/requests/{request.id}/withdraw/", {}).status_code == 404
    assert (
        client.post(
            f"/cases/{cast.case.id}/requests/", {"type": "other", "reason": "x"}
        ).status_code
        == 404
    )
    assert Request.objects.get(id=request.id).status == "draft"


def test_outsider_gets_404_on_every_panel_route(cast: Cast) -> None:
    request = RequestFactory(case=cast.case)
    client = signed_in(cast.outsider)
    for url in (f"/cases/{cast.case.id}/requests/", f"/cases/{cast.case.id}/next-steps/"):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "habeas-petition"}).status_code == 404, url
    for action in ("submit", "acknowledge", "decision", "withdraw"):
        url = f"/relief/requests/{request.id}/{action}/"
        assert client.post(url, {}).status_code == 404, url
    assert Request.objects.get(id=request.id).status == "draft"
    assert client.get(f"/cases/{cast.outsider_case.id}/requests/").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(cast: Cast) -> None:
    response = Client().get(f"/cases/{cast.case.id}/requests/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_panel_query_count_does_not_grow_with_requests(
    cast: Cast, story: Case, django_assert_max_num_queries: Any
) -> None:
    for _ in range(6):
        submitted(cast, story)
    client = signed_in(cast.attorney)
    # A fixed number: the panel, the requests and the case facts the next steps read.
    with django_assert_max_num_queries(28):
        assert client.get(f"/cases/{story.id}/requests/", **HTMX).status_code == 200
