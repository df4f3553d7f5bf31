"""The dashboard shows the first rows of each list and says how many there are in all."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from amparo.conftest import Cast
from amparo.deadlines.dashboard import deadline_dashboard
from amparo.deadlines.tests.helpers import make_deadline

pytestmark = pytest.mark.django_db


def test_each_list_is_cut_at_the_limit_with_its_total(cast: Cast) -> None:
    today = timezone.localdate()
    for n in range(3):
        make_deadline(cast.case, today - datetime.timedelta(days=n + 1), title=f"Late {n}")
    board = deadline_dashboard(cast.attorney, limit=2)
    assert [d.title for d in board.overdue] == ["Late 2", "Late 1"]  # oldest first
    assert board.overdue_total == 3
    assert deadline_dashboard(cast.attorney).overdue_total == 3


def test_the_page_shows_the_total_when_it_cuts(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    from amparo.deadlines import views

    monkeypatch.setattr(views, "DASHBOARD_ROWS", 1)
    today = timezone.localdate()
    for n in range(2):
        make_deadline(cast.case, today - datetime.timedelta(days=n + 1), title=f"Late {n}")
    client = Client()
    client.force_login(cast.attorney)
    page = client.get(reverse("deadlines:dashboard")).content.decode()
    assert "The 1 oldest of 2 are shown" in page
