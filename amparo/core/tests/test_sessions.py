"""Sessions keep idle expiry without a database write on every request."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amparo.conftest import Cast

pytestmark = pytest.mark.django_db


def _session_writes(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/cases/").status_code == 200
    return sum(
        1
        for q in captured.captured_queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_a_busy_member_writes_the_session_only_every_few_minutes(cast: Cast) -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = Client()
        client.force_login(cast.attorney)
        _session_writes(client)  # the first request records the refresh time
        traveller.shift(datetime.timedelta(seconds=30))
        assert _session_writes(client) == 0
        traveller.shift(datetime.timedelta(minutes=6))
        assert _session_writes(client) == 1


def test_an_api_call_with_a_bearer_token_creates_no_session(cast: Cast) -> None:
    """A token is not a sign-in to keep alive: a session row per API call would fill the table
    and add a write to every call."""
    from amparo.accounts.services import token_create

    _token, raw = token_create(user=cast.attorney)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    for path in ("/api/v1/cases", f"/api/v1/cases/{cast.case.pk}"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies
        assert not [q for q in captured.captured_queries if "django_session" in q["sql"]]
