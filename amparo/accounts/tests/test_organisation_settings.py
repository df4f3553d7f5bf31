"""The organisation admin's settings page and API: name, time zone and how often the team is
reminded to search the ICE detainee locator for a client whose location is unknown."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.services import organisation_create
from amparo.cases.dashboard import action_dashboard
from amparo.cases.selectors import locator_recheck_due
from amparo.cases.services import locator_check_record
from amparo.conftest import Cast, api_client_for, signed_in

pytestmark = pytest.mark.django_db


def test_a_new_organisation_checks_the_locator_again_after_24_hours() -> None:
    assert organisation_create(name="Harbor Immigrant Defense").locator_recheck_hours == 24


def test_the_installation_setting_is_only_the_default_for_new_organisations(
    settings: object,
) -> None:
    settings.AMPARO_LOCATOR_RECHECK_HOURS = 6  # type: ignore[attr-defined]
    assert organisation_create(name="Desert Defenders").locator_recheck_hours == 6


def test_the_admin_sets_the_interval_and_the_reminder_follows_it(cast: Cast) -> None:
    client = signed_in(cast.admin)
    page = client.get(reverse("organisation:settings"))
    assert page.status_code == 200
    assert "Search the detainee locator again after (hours)" in page.content.decode()
    answer = client.post(
        reverse("organisation:settings"),
        {"name": "Riverside Defenders", "time_zone": "America/Chicago", "locator_recheck_hours": 6},
    )
    assert answer.status_code == 200
    cast.organisation.refresh_from_db()
    assert cast.organisation.locator_recheck_hours == 6
    assert cast.organisation.time_zone == "America/Chicago"
    checked_at = timezone.now() - datetime.timedelta(hours=7)
    locator_check_record(
        actor=cast.attorney, case=cast.case, result="not-found", checked_at=checked_at
    )
    cast.case.refresh_from_db()
    assert locator_recheck_due(cast.case) == checked_at + datetime.timedelta(hours=6)
    # Seven hours after the search, a six-hour interval makes it due now on the home page.
    rows = action_dashboard(cast.attorney, mine=False).custody_changes
    assert any("again now" in (row.detail or "") for row in rows)


def test_a_bad_interval_is_refused_next_to_the_field_with_the_typed_values_kept(
    cast: Cast,
) -> None:
    answer = signed_in(cast.admin).post(
        reverse("organisation:settings"),
        {"name": "Riverside Two", "time_zone": "America/Chicago", "locator_recheck_hours": 0},
    )
    assert answer.status_code == 422
    body = answer.content.decode()
    assert "Ensure this value is greater than or equal to 1." in body
    assert 'value="Riverside Two"' in body
    cast.organisation.refresh_from_db()
    assert cast.organisation.name == "Riverside Defenders"


def test_only_the_admin_reaches_the_settings(cast: Cast) -> None:
    for user in (cast.attorney, cast.paralegal, cast.outsider):
        assert signed_in(user).get(reverse("organisation:settings")).status_code == 404


def test_the_api_changes_the_interval_and_names_a_bad_field(cast: Cast) -> None:
    api = api_client_for(cast.admin)
    answer = api.patch(
        "/api/v1/organisation", {"locator_recheck_hours": 48}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["locator_recheck_hours"] == 48
    bad = api.patch(
        "/api/v1/organisation", {"time_zone": "Mars/Olympus"}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "time_zone" in bad.json()["error"]["fields"]
    assert api_client_for(cast.attorney).get("/api/v1/organisation").status_code == 404
