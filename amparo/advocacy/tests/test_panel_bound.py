"""The advocacy panel lists the newest statements, so it costs the same however many a long
case gathers; "Show every statement" lists them all."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.advocacy.models import Statement
from amparo.advocacy.selectors import STATEMENTS_SHOWN
from amparo.conftest import Cast

pytestmark = pytest.mark.django_db


def _statements(cast: Cast, numbers: range) -> None:
    start = timezone.now() - datetime.timedelta(days=200)
    Statement.objects.bulk_create(
        Statement(
            case=cast.case,
            author_kind="agency",
            author_name="ICE",
            kind="declined-to-comment",
            said_at=start + datetime.timedelta(hours=n),
            text=f"Said {n:03}",
            publicity_consent=True,
        )
        for n in numbers
    )


def _panel(client: Client, url: str) -> tuple[int, str]:
    client.get(url)  # per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_panel_lists_the_newest_statements_whatever_the_case_holds(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    url = reverse("advocacy:panel", args=[cast.case.id])
    _statements(cast, range(5))
    few, _ = _panel(client, url)
    _statements(cast, range(5, 60))
    many, panel = _panel(client, url)
    assert many == few
    shown = [n for n in range(60) if f"Said {n:03}" in panel]
    assert shown == list(range(60 - STATEMENTS_SHOWN, 60))  # the newest, oldest first as before
    assert "Show every statement" in panel
    _, every = _panel(client, f"{url}?all=1")
    assert all(f"Said {n:03}" in every for n in range(60))
    assert "Show every statement" not in every
