"""A relative's birth due date is the urgency of the client's next request ("wife due 12-10")
and shows on the case timeline."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from amparo.conftest import Cast, api_client_for, signed_in

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC), tick=False)
def test_the_wife_s_due_date_prefills_a_new_request_and_shows_on_the_timeline(
    cast: Cast,
) -> None:
    client = signed_in(cast.attorney)
    added = client.post(
        reverse("cases:people", args=[cast.case.id]),
        {
            "full_name": "Lucía Ortega",
            "relationship": "spouse",
            "event_kind": "birth",
            "event_description": "Wife due 12-10",
            "event_on": "2026-12-10",
        },
    )
    assert added.status_code == 200
    panel = client.get(reverse("relief:panel", args=[cast.case.id])).content.decode()
    assert 'value="2026-12-10"' in panel
    assert "Wife due 12-10 (Lucía Ortega)" in panel
    page = client.get(reverse("cases:detail", args=[cast.case.id])).content.decode()
    assert "Wife due 12-10" in page


@time_machine.travel(datetime.datetime(2026, 12, 20, 15, 0, tzinfo=datetime.UTC), tick=False)
def test_a_due_date_already_past_does_not_prefill_a_request(cast: Cast) -> None:
    from amparo.people.services import life_event_record

    life_event_record(
        actor=cast.attorney,
        person=cast.case.person,
        kind="birth",
        description="Wife due 12-10",
        expected_on=datetime.date(2026, 12, 10),
    )
    panel = signed_in(cast.attorney).get(reverse("relief:panel", args=[cast.case.id]))
    assert 'value="2026-12-10"' not in panel.content.decode()


def test_advocacy_staff_get_no_family_urgency(cast: Cast) -> None:
    from amparo.people.selectors import urgency_suggestion
    from amparo.people.services import life_event_record

    life_event_record(
        actor=cast.attorney,
        person=cast.case.person,
        kind="birth",
        description="Wife due",
        expected_on=datetime.date(2099, 12, 10),
    )
    today = datetime.date(2026, 1, 1)
    assert urgency_suggestion(cast.advocate, cast.case.person, today=today) is None
    assert urgency_suggestion(cast.attorney, cast.case.person, today=today) is not None


def test_a_past_urgency_date_is_refused_at_entry_in_the_form_and_the_api(cast: Cast) -> None:
    from django.utils import timezone

    from amparo.relief.models import Request

    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    body = {
        "type": "humanitarian-parole",
        "reason": "Birth of his child.",
        "urgency_until": yesterday,
    }
    answer = api_client_for(cast.attorney).post(
        f"/api/v1/cases/{cast.case.id}/requests", body, content_type="application/json"
    )
    assert answer.status_code == 422
    assert list(answer.json()["error"]["fields"]) == ["urgency_until"]
    page = signed_in(cast.attorney).post(reverse("relief:panel", args=[cast.case.id]), body)
    assert page.status_code == 422
    text = page.content.decode()
    assert "This date has passed; give a date from today on." in text
    assert "Birth of his child." in text
    assert not Request.objects.filter(case=cast.case).exists()
