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


def test_refused_filters_show_no_numbers_and_keep_the_other_choices(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    report = next(r for r in REPORTS if "field_office" in r.filters)
    good = client.get(f"/reports/{report.slug}/?field_office=NOL")
    assert good.status_code == 200 and "format=csv" in good.content.decode()
    page = client.get(f"/reports/{report.slug}/?since=2026-13-40&field_office=NOL")
    html = page.content.decode()
    assert page.status_code == 422
    assert "Correct the filters above to see the numbers." in html
    assert '<option value="NOL" selected>' in html
    assert "format=csv" not in html  # nothing to download for filters that were refused
    assert 'name="since" value="2026-13-40"' in html
    refused_csv = client.get(f"/reports/{report.slug}/?until=someday&format=csv")
    assert refused_csv.status_code == 422 and refused_csv["Content-Type"].startswith("text/html")


def test_the_agency_answers_page_names_a_refused_date_and_shows_no_rows(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    page = client.get("/reports/agency-answers/?since=2026-05-10&until=2026-05-01")
    html = page.content.decode()
    assert page.status_code == 422
    assert "The end date is before the start date." in html
    assert 'name="until" value="2026-05-01"' in html
    assert "Correct the filters above to see the numbers." in html
