"""The reports Amparo offers: what each shows, its columns and its chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from amparo.reports import selectors
from amparo.reports.filters import ReportFilters

# Column kinds: "text", "status" (a group's code, named on the page), "count", "share"
# (percent), "minutes", "hours", "days" (durations shown in days, hours and minutes), "number".
Column = tuple[str, Any, str]


@dataclass(frozen=True)
class Report:
    slug: str
    title: Any
    description: Any
    rows: Callable[[Any, ReportFilters], list[dict[str, Any]]]
    columns: tuple[Column, ...]
    chart: str  # the column charted
    filters: frozenset[str]  # which filters apply


DATES = frozenset({"since", "until", "campaign", "attorney"})
DECISIONS = DATES | {"field_office", "request_type"}
OFFICE: tuple[Column, ...] = (
    ("field_office", _("Field office"), "text"),
    ("request_type", _("Request"), "text"),
)
MINUTE_STATS: tuple[Column, ...] = (
    ("count", _("Answers"), "count"),
    ("median_minutes", _("Median"), "minutes"),
    ("p90_minutes", _("90th percentile"), "minutes"),
    ("min_minutes", _("Fastest"), "minutes"),
    ("max_minutes", _("Slowest"), "minutes"),
)


def _hour_stats() -> tuple[Column, ...]:
    return (
        ("median_hours", _("Median"), "hours"),
        ("p90_hours", _("90th percentile"), "hours"),
        ("min_hours", _("Shortest"), "hours"),
        ("max_hours", _("Longest"), "hours"),
    )


REPORTS: tuple[Report, ...] = (
    Report(
        "turnaround",
        _("Decision turnaround"),
        _("Time from the minute a request was sent to the minute it was answered."),
        selectors.turnaround,
        (
            *OFFICE,
            *MINUTE_STATS,
            ("denied", _("Denied"), "count"),
            ("denied_without_reasons", _("Denied without reasons"), "count"),
            ("cases", _("Cases"), "count"),
        ),
        "median_minutes",
        DECISIONS,
    ),
    Report(
        "outcomes",
        _("Outcomes by month"),
        _("How requests were answered, by field office, request and the month they were sent."),
        selectors.outcomes,
        (
            ("month", _("Month"), "text"),
            *OFFICE,
            ("decided", _("Answered"), "count"),
            ("granted", _("Granted"), "count"),
            ("partly_granted", _("Partly granted"), "count"),
            ("denied", _("Denied"), "count"),
            ("no_response", _("No response"), "count"),
            ("granted_share", _("Granted, fully or partly"), "share"),
            ("denied_share", _("Denied"), "share"),
            ("cases", _("Cases"), "count"),
        ),
        "denied_share",
        DECISIONS,
    ),
    Report(
        "denials-without-reasons",
        _("Denials without reasons"),
        _("Of the denials, how many gave no reasons at all."),
        selectors.denials_without_reasons,
        (
            *OFFICE,
            ("denied", _("Denied"), "count"),
            ("without_reasons", _("Without reasons"), "count"),
            ("without_reasons_share", _("Share without reasons"), "share"),
            ("cases", _("Cases"), "count"),
        ),
        "without_reasons_share",
        DECISIONS,
    ),
    Report(
        "arrest-to-decision",
        _("Arrest to first decision"),
        _("Time from the client's arrest to the first answer to any request."),
        selectors.arrest_to_first_decision,
        (
            ("field_office", _("Field office"), "text"),
            ("cases", _("Cases"), "count"),
            *_hour_stats(),
        ),
        "median_hours",
        DATES | {"field_office"},
    ),
    Report(
        "detention-length",
        _("Detention length"),
        _("Days held: to today for clients still detained, to release for the others."),
        selectors.detention_length,
        (
            ("status", _("Clients"), "status"),
            ("cases", _("Cases"), "count"),
            ("median_days", _("Median"), "days"),
            ("p90_days", _("90th percentile"), "days"),
            ("min_days", _("Shortest"), "days"),
            ("max_days", _("Longest"), "days"),
        ),
        "median_days",
        DATES | {"field_office"},
    ),
    Report(
        "transfers-per-case",
        _("Transfers per case"),
        _("How often clients were moved between facilities."),
        selectors.transfers_per_case,
        (
            ("cases", _("Cases"), "count"),
            ("median_transfers", _("Median transfers"), "number"),
            ("p90_transfers", _("90th percentile"), "number"),
            ("max_transfers", _("Most"), "number"),
            ("never_moved", _("Never moved"), "count"),
            ("moved_once", _("Moved once"), "count"),
            ("moved_twice_or_more", _("Moved twice or more"), "count"),
        ),
        "moved_twice_or_more",
        DATES,
    ),
    Report(
        "transfers-per-facility",
        _("Transfers per facility"),
        _("Clients moved into and out of each facility."),
        selectors.transfers_per_facility,
        (
            ("facility", _("Facility"), "text"),
            ("transfers_in", _("Moved in"), "count"),
            ("transfers_out", _("Moved out"), "count"),
            ("cases", _("Cases"), "count"),
        ),
        "transfers_out",
        DATES | {"field_office"},
    ),
    Report(
        "habeas",
        _("Habeas: filing to first order"),
        _("Time from filing a habeas petition to the court's first order, by district."),
        selectors.habeas_to_first_order,
        (
            ("district", _("District"), "text"),
            ("filed", _("Filed"), "count"),
            ("with_order", _("With an order"), "count"),
            *_hour_stats(),
        ),
        "median_hours",
        DATES,
    ),
    Report(
        "congressional",
        _("Congressional response times"),
        _("Time from sending a congressional inquiry to the office's answer."),
        selectors.congressional_response,
        (
            ("office", _("Office"), "text"),
            ("sent", _("Sent"), "count"),
            ("answered", _("Answered"), "count"),
            *_hour_stats(),
            ("cases", _("Cases"), "count"),
        ),
        "median_hours",
        DATES,
    ),
)
BY_SLUG = {report.slug: report for report in REPORTS}
