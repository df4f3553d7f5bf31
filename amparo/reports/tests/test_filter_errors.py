"""A report's filters refused beside their box, with what was typed kept."""

from __future__ import annotations

import pytest
from django.test import Client

from amparo.conftest import Cast
from amparo.reports.catalogue import REPORTS

pytestmark = pytest.mark.django_db


def test_an_end_date_before_the_start_is_shown_beside_to_and_both_dates_are_kept(
    cast: Cast,
) -> None:
    client = Client()
    client.force_login(cast.advocate)
    page = client.get(f"/reports/{REPORTS[0].slug}/?since=2026-05-10&until=2026-05-01")
    html = page.content.decode()
    assert page.status_code == 422
    assert "until:" not in html
    assert 'name="since" value="2026-05-10"' in html
    to_box = html.index('name="until" value="2026-05-01"')
    message = html.index("The end date is before the start date.")
    assert to_box < message < html.index('name="campaign"')
