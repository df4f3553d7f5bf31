"""Detention length, transfers, habeas and congressional response times on small data sets, and
every report page with its chart, table and exports."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from amparo.advocacy.models import Inquiry, Waiver
from amparo.conftest import Cast, api_client_for
from amparo.custody.models import Facility, Placement
from amparo.factories import CaseFactory, PersonFactory
from amparo.reports.catalogue import REPORTS
from amparo.reports.filters import ReportFilters
from amparo.reports.presenting import duration
from amparo.reports.selectors import (
    congressional_response,
    detention_length,
    transfers_per_case,
    transfers_per_facility,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _placed(case: Any, facility: Facility, start: datetime.datetime, end: Any) -> None:
    Placement.objects.create(
        case=case,
        facility=facility,
        started_at=start,
        ended_at=end,
        source="locator",
        observed_at=start,
    )


@pytest.fixture
def held(cast: Cast) -> Cast:
    now = timezone.now()
    first, second = Facility.objects.order_by("name")[:2]
    released = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    _placed(released, first, now - 10 * DAY, now - 8 * DAY)
    _placed(released, second, now - 8 * DAY, now - 4 * DAY)  # closed: 6 days, one transfer
    _placed(cast.case, first, now - 3 * DAY, None)  # current: 3 days, never moved
    return cast


def test_detention_length_current_and_closed(held: Cast) -> None:
    rows = {r["status"]: r for r in detention_length(held.attorney, ReportFilters())}
    assert (rows["closed"]["count"], rows["closed"]["median_days"]) == (1, 6.0)
    assert (rows["current"]["count"], rows["current"]["median_days"]) == (1, 3.0)
    api = api_client_for(held.advocate).get("/api/v1/reports/detention-length").json()
    assert {r["status"] for r in api["rows"]} == {"closed", "current"}
    assert detention_length(held.outsider, ReportFilters()) == []


def test_transfers_per_case_and_per_facility(held: Cast) -> None:
    [per_case] = transfers_per_case(held.attorney, ReportFilters())
    assert (per_case["cases"], per_case["never_moved"], per_case["moved_once"]) == (2, 1, 1)
    assert per_case["median_transfers"] == 0.5
    facilities = {
        r["facility"].split(" (")[0]: r
        for r in transfers_per_facility(held.attorney, ReportFilters())
    }
    first, second = Facility.objects.order_by("name")[:2]
    assert facilities[first.name]["transfers_out"] == 1
    assert facilities[second.name]["transfers_in"] == 1


def test_congressional_response_hours(cast: Cast) -> None:
    now = timezone.now()
    waiver = Waiver.objects.create(
        case=cast.case,
        recipient="Rep. A",
        form="dhs-60-001",
        signed_on=timezone.localdate(),
        signed_by="client",
    )
    for hours in (24, 48):
        Inquiry.objects.create(
            case=cast.case,
            recipient="Rep. A",
            waiver=waiver,
            sent_at=now - datetime.timedelta(hours=100),
            response_at=now - datetime.timedelta(hours=100 - hours),
        )
    Inquiry.objects.create(case=cast.case, recipient="Rep. A", waiver=waiver, sent_at=now)
    [row] = congressional_response(cast.attorney, ReportFilters())
    assert (row["sent"], row["answered"], row["median_hours"], row["max_hours"]) == (
        3,
        2,
        36.0,
        48.0,
    )


def test_durations_read_in_days_hours_and_minutes() -> None:
    assert duration(29) == "29 min"
    assert duration(125) == "2 h 5 min"
    assert duration(10080) == "7 d"
    assert duration(1530) == "1 d 1 h 30 min"


@pytest.mark.parametrize("report", [r.slug for r in REPORTS])
def test_every_report_page_has_a_chart_a_table_and_exports(held: Cast, report: str) -> None:
    client = Client()
    client.force_login(held.advocate)
    page = client.get(f"/reports/{report}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<table" in html and "<figure" in html
    csv_body = client.get(f"/reports/{report}/?format=csv&publication=1").content.decode()
    assert "fewer than 5 cases" in csv_body
    xlsx = client.get(f"/reports/{report}/?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row >= 1
    bad = client.get(f"/reports/{report}/?since=yesterday")
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.content.decode()


def test_chart_bars_keep_a_decimal_point_in_every_language(held: Cast) -> None:
    # An SVG length is a number, whatever the reader's language: "77,9" draws no bar.
    client = Client()
    client.force_login(held.advocate)
    for language in ("es", "ar"):
        html = client.get("/reports/detention-length/", HTTP_ACCEPT_LANGUAGE=language)
        widths = re.findall(r'<rect [^>]*width="([^"]*)"', html.content.decode())
        assert widths
        assert all(re.fullmatch(r"\d+(\.\d+)?", width) for width in widths), widths


def test_in_arabic_the_chart_grows_from_the_right_with_its_labels_and_values_beside(
    held: Cast,
) -> None:
    """Right to left, SVG anchors a text's start at its x, extending leftwards: labels at x=0
    were drawn off the chart and values over their bars. Mirrored, each label starts at the
    right edge, each bar ends there and its value sits to the bar's left."""
    from amparo.reports.presenting import VIEW_WIDTH

    client = Client()
    client.force_login(held.advocate)
    html = client.get("/reports/detention-length/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'viewBox="0 0 {VIEW_WIDTH} ' in html
    labels = re.findall(r'<text x="([^"]*)" [^>]*class="bar-label"', html)
    bars = re.findall(r'<rect x="([^"]*)" [^>]*width="([^"]*)"', html)
    values = re.findall(r'<text x="([^"]*)" [^>]*class="bar-value"', html)
    assert labels and len(labels) == len(bars) == len(values)
    assert all(int(x) == VIEW_WIDTH for x in labels)
    for (x, width), value_x in zip(bars, values, strict=True):
        assert float(x) + float(width) == pytest.approx(VIEW_WIDTH)
        assert float(value_x) < float(x)


@pytest.mark.parametrize("zone", ["America/Chicago", "America/Santiago", "UTC"])
def test_date_filters_keep_the_rows_whose_local_date_is_in_range(cast: Cast, zone: str) -> None:
    """The reports' date filters compare instants; they keep what a comparison of each row's
    local date keeps, at midnights, on the days clocks change (Chicago: 9 March and 2 November
    2025; Santiago skips its midnight of 7 September 2025) and a second either side."""
    import zoneinfo

    from amparo.reports.selectors.custody import _between

    waiver = Waiver.objects.create(
        case=cast.case,
        recipient="Rep. A",
        form="dhs-60-001",
        signed_on=datetime.date(2025, 1, 1),
        signed_by="client",
    )
    utc = datetime.UTC
    moments = []
    for day in ("2025-03-08", "2025-03-09", "2025-03-10", "2025-09-06", "2025-09-07", "2025-11-02"):
        for hour in range(0, 30, 3):
            base = datetime.datetime.fromisoformat(day).replace(tzinfo=utc)
            moments.append(base + datetime.timedelta(hours=hour))
            moments.append(base + datetime.timedelta(hours=hour, seconds=-1))
    Inquiry.objects.bulk_create(
        Inquiry(case=cast.case, recipient="Rep. A", waiver=waiver, sent_at=m) for m in moments
    )
    days = [datetime.date(2025, 3, 9), datetime.date(2025, 9, 7), datetime.date(2025, 11, 2)]
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        for since in [None, *days]:
            for until in [None, *days]:
                filters = ReportFilters(since=since, until=until)
                by_date = Inquiry.objects.all()
                if since:
                    by_date = by_date.filter(sent_at__date__gte=since)
                if until:
                    by_date = by_date.filter(sent_at__date__lte=until)
                kept = Inquiry.objects.filter(_between(Q(), "sent_at", filters))
                assert set(kept.values_list("id", flat=True)) == set(
                    by_date.values_list("id", flat=True)
                ), (since, until)
                assert by_date.exists() or since > until  # type: ignore[operator]
