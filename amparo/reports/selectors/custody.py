"""Reports on custody, courts and Congress: arrest to first decision, detention length,
transfers, habeas filing to first order, congressional response times. One SQL statement each."""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy

from amparo.advocacy.models import Inquiry
from amparo.cases.models import Arrest
from amparo.courts.models import CourtCase, Order
from amparo.custody.models import FieldOffice, Placement
from amparo.relief.models.reported import ReportedRequest
from amparo.reports.filters import ReportFilters
from amparo.reports.selectors.scope import cases_in_report, reported_requests
from amparo.reports.sql import (
    Distribution,
    MinutesBetween,
    distribution_of,
    distribution_rows,
    where_of,
)

if TYPE_CHECKING:
    from amparo.core.access import Actor

MINUTES_PER_DAY = 1440
ANSWERS = ["granted", "partly-granted", "denied"]


def _dist(row: dict[str, Any], unit: str, per: float) -> dict[str, Any]:
    def scaled(value: Any) -> float | None:
        return None if value is None else round(float(value) / per, 1)

    return {
        "count": row["count"],
        f"median_{unit}": scaled(row["median"]),
        f"p90_{unit}": scaled(row["p90"]),
        f"min_{unit}": scaled(row["min"]),
        f"max_{unit}": scaled(row["max"]),
    }


def day_starts(day: datetime.date) -> datetime.datetime:
    """The first instant of `day` in the active time zone (the organisation's). A midnight that
    daylight saving skips is read with the offset before the change, which is the instant the
    day begins (PEP 495)."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _between(q: Q, field: str, filters: ReportFilters) -> Q:
    """`q` and the moment `field` on a day from `filters.since` to `filters.until`, in the
    active time zone: compared as instants (from the first instant of `since` to before the
    first of the day after `until`): the same rows as comparing local dates wherever no clock
    change sets the time back across midnight (US zones change at 2 a.m.). Not as
    `field__date`: on SQLite that converts each row's time to a local date in Python, 0.5 s of
    the congressional report's 0.7 s over 100,000 inquiries (docs/benchmarks.md)."""
    if filters.since:
        q &= Q(**{f"{field}__gte": day_starts(filters.since)})
    if filters.until:
        q &= Q(**{f"{field}__lt": day_starts(filters.until + datetime.timedelta(days=1))})
    return q


def arrest_to_first_decision(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Minutes from a client's first recorded arrest to the first answer to any request, per
    field office of that request; cases without either are left out. With a field-office
    filter, the first answer from that office (not a case's first answer from anywhere, in a
    case that once wrote to that office).

    For each case of the report, its first answer is one seek into the answers' reporting rows
    (`relief.ReportedRequest`) by their index on case and date (PostgreSQL: a `LATERAL` join;
    SQLite: correlated subqueries); only then, once per case, the first arrest and the office's
    name are looked up (per answer, they cost 21 s over a million; docs/benchmarks.md)."""
    # The dates narrow the arrests, not the requests' sending; any request's answer counts.
    undated = dataclasses.replace(filters, since=None, until=None, request_type="")
    answers = reported_requests(user, undated).filter(outcome__in=ANSWERS)
    if filters.since or filters.until:
        arrested = Arrest.objects.filter(_between(Q(), "arrested_at", filters))
        answers = answers.filter(case_id__in=arrested.values("case_id"))
    where, where_params = where_of(answers)
    table = ReportedRequest._meta.db_table
    cases_sql, cases_params = cases_in_report(user, undated).query.sql_with_params()
    # Per case of the report, its first answer: a seek into `reported_by_case` (organisation,
    # case, decided_at) and one row read, instead of a pass over every answer (850,000 at a
    # million decisions, 1.1 s of PostgreSQL's CPU with `DISTINCT ON`; docs/benchmarks.md).
    earliest = f"FROM {table} WHERE {where} AND case_id = c.id ORDER BY decided_at LIMIT 1"
    if connection.vendor == "postgresql":
        first = (
            f"SELECT c.id AS case_id, a.decided_at, a.field_office_id FROM ({cases_sql}) c "
            f"CROSS JOIN LATERAL (SELECT decided_at, field_office_id {earliest}) a"
        )
        params = [*cases_params, *where_params]
    else:
        # One seek per case for the row of its first answer (its rowid, in the index entry),
        # then that row; the LIMIT keeps SQLite from copying the seek into each use of it.
        first = (
            f"SELECT r.case_id, r.decided_at, r.field_office_id FROM (SELECT (SELECT rowid "
            f"{earliest}) AS answer FROM ({cases_sql}) c LIMIT -1) e "
            f"JOIN {table} r ON r.rowid = e.answer"
        )
        params = [*where_params, *cases_params]
    arrest, office = Arrest._meta.db_table, FieldOffice._meta.db_table
    arrested_at = f"(SELECT MIN(a.arrested_at) FROM {arrest} a WHERE a.case_id = f.case_id)"
    minutes = MinutesBetween(
        RawSQL(arrested_at, [], output_field=DateTimeField()),
        RawSQL("f.decided_at", [], output_field=DateTimeField()),
    )
    compiler = ReportedRequest.objects.all().query.get_compiler(connection=connection)
    minutes_sql, minutes_params = compiler.compile(minutes)
    base = (
        f"SELECT COALESCE((SELECT o.name FROM {office} o WHERE o.id = f.field_office_id), "
        f"'Unknown office') AS g_office, {minutes_sql} AS v_minutes "
        f"FROM ({first}) f WHERE {arrested_at} IS NOT NULL"
    )
    spec = Distribution(groups=("g_office",), value="v_minutes")
    return [
        {"field_office": r["g_office"], **_dist(r, "hours", 60), "cases": r["count"]}
        for r in distribution_of(base, [*minutes_params, *params], spec)
    ]


# The two groups of `detention_length`: still held, or released (codes, as a CSV keeps them),
# and what a page calls them.
HELD, RELEASED = "current", "closed"
GROUP_LABELS = {HELD: gettext_lazy("still held"), RELEASED: gettext_lazy("released")}


def detention_length(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Days in detention from the first placement: to now while held ("current"), to the end of
    the last placement once released ("closed")."""
    q = Q(case__in=cases_in_report(user, filters))
    if filters.field_office:
        q &= Q(case__placements__facility__field_office__code=filters.field_office)
    held = Exists(Placement.objects.filter(case=OuterRef("case"), ended_at__isnull=True))
    now = Value(timezone.now(), output_field=DateTimeField())
    base = (
        Placement.objects.filter(_between(q, "started_at", filters))
        .values("case")
        .annotate(c_start=Min("started_at"), c_end=Max("ended_at"), c_held=held)
        .annotate(
            g_status=Case(When(c_held=True, then=Value(HELD)), default=Value(RELEASED)),
            v_minutes=Case(
                When(c_held=True, then=MinutesBetween("c_start", now)),
                default=MinutesBetween("c_start", "c_end"),
            ),
        )
        .values("g_status", "v_minutes")
    )
    spec = Distribution(groups=("g_status",), value="v_minutes")
    return [
        {"status": r["g_status"], **_dist(r, "days", MINUTES_PER_DAY), "cases": r["count"]}
        for r in distribution_rows(base, spec)
    ]


def transfers_per_case(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """How many times each client was moved (placements after the first)."""
    q = _between(Q(case__in=cases_in_report(user, filters)), "started_at", filters)
    base = (
        Placement.objects.filter(q)
        .values("case")
        .annotate(v_transfers=Count("id") - 1, g_all=Value("all cases"))
        .values("g_all", "v_transfers")
    )
    spec = Distribution(
        groups=("g_all",),
        value="v_transfers",
        extras=(
            ("never_moved", "SUM(CASE WHEN {t}.v_transfers = 0 THEN 1 ELSE 0 END)"),
            ("moved_once", "SUM(CASE WHEN {t}.v_transfers = 1 THEN 1 ELSE 0 END)"),
            ("moved_twice_or_more", "SUM(CASE WHEN {t}.v_transfers >= 2 THEN 1 ELSE 0 END)"),
        ),
    )
    return [
        {
            "cases": r["count"],
            "median_transfers": r["median"],
            "p90_transfers": r["p90"],
            "max_transfers": r["max"],
            "never_moved": r["never_moved"],
            "moved_once": r["moved_once"],
            "moved_twice_or_more": r["moved_twice_or_more"],
        }
        for r in distribution_rows(base, spec)
    ]


def transfers_per_facility(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Transfers into and out of each facility."""
    q = _between(Q(case__in=cases_in_report(user, filters)), "started_at", filters)
    if filters.field_office:
        q &= Q(facility__field_office__code=filters.field_office)
    earlier = Placement.objects.filter(case=OuterRef("case"), started_at__lt=OuterRef("started_at"))
    later = Placement.objects.filter(case=OuterRef("case"), started_at__gt=OuterRef("started_at"))
    rows = (
        Placement.objects.filter(q)
        .annotate(c_in=Exists(earlier), c_out=Exists(later))
        .values("facility__name", "facility__state")
        .annotate(
            transfers_in=Count("id", filter=Q(c_in=True)),
            transfers_out=Count("id", filter=Q(c_out=True)),
            cases=Count("case", distinct=True),
        )
        .filter(Q(transfers_in__gt=0) | Q(transfers_out__gt=0))
        .order_by("-transfers_out", "facility__name")
    )
    return [
        {
            "facility": f"{r['facility__name']} ({r['facility__state']})",
            "transfers_in": r["transfers_in"],
            "transfers_out": r["transfers_out"],
            "cases": r["cases"],
        }
        for r in rows
    ]


def habeas_to_first_order(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Minutes from filing a habeas petition to the court's first order, per district."""
    q = Q(case__in=cases_in_report(user, filters), kind=CourtCase.Kind.HABEAS)
    q &= _between(Q(filed_at__isnull=False), "filed_at", filters)
    first = Order.objects.filter(
        court_case=OuterRef("pk"), issued_at__gte=OuterRef("filed_at")
    ).order_by("issued_at")
    base = (
        CourtCase.objects.filter(q)
        .annotate(
            g_district=Coalesce(NullIf(F("court__short_name"), Value("")), F("court__name")),
            c_order=Subquery(first.values("issued_at")[:1]),
        )
        .annotate(v_minutes=MinutesBetween("filed_at", "c_order"))
        .values("g_district", "v_minutes")
    )
    spec = Distribution(
        groups=("g_district",),
        value="v_minutes",
        extras=(("filed", "COUNT(*)"),),
    )
    return [
        {
            "district": r["g_district"],
            "filed": r["filed"],
            "with_order": r["count"],
            **{k: v for k, v in _dist(r, "hours", 60).items() if k != "count"},
            "cases": r["filed"],
        }
        for r in distribution_rows(base, spec)
    ]


def congressional_response(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Minutes from sending a congressional inquiry to the office's answer, per office."""
    q = _between(
        Q(case__in=cases_in_report(user, filters), sent_at__isnull=False), "sent_at", filters
    )
    base = (
        Inquiry.objects.filter(q)
        .annotate(
            g_office=F("recipient"),
            v_minutes=MinutesBetween("sent_at", "response_at"),
            c_case=F("case_id"),
        )
        .values("g_office", "v_minutes", "c_case")
    )
    spec = Distribution(
        groups=("g_office",),
        value="v_minutes",
        extras=(("sent", "COUNT(*)"), ("cases", "COUNT(DISTINCT {t}.c_case)")),
    )
    return [
        {
            "office": r["g_office"],
            "sent": r["sent"],
            "answered": r["count"],
            **{k: v for k, v in _dist(r, "hours", 60).items() if k != "count"},
            "cases": r["cases"],
        }
        for r in distribution_rows(base, spec)
    ]
