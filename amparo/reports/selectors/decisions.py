"""Reports on how the agency answers requests: turnaround, outcomes by month, denials without
reasons, and the older agency-answers table. Each is one SQL statement over the sent requests'
reporting rows (`relief.ReportedRequest`, through the gate in `reported_requests`), whatever the
number of rows."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Count, Q

from amparo.relief.models import Decision, Request, RequestType
from amparo.relief.models.reported import ReportedAnswers, ReportedRequest
from amparo.reports.filters import ReportFilters
from amparo.reports.selectors.scope import reported_requests, whole_organisations
from amparo.reports.sql import distribution_of_counted, grouped_distribution, where_of

if TYPE_CHECKING:
    from amparo.core.access import Actor

Outcome = Decision.Outcome
# Outcomes that are the agency's answer and have a turnaround.
ANSWERS = [Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.DENIED]
ANSWERED = "outcome IN ('granted', 'partly-granted', 'denied')"


# Counts name `case_id` (never empty), not the key: the indexes that hold every column a report
# reads do not hold the key, and one look-up into the table per row made outcomes 7.7 s at a
# million rows instead of an index-only pass.


def _sum(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The request type's name for its id (a dozen types, read once), in name order."""
    names = dict(RequestType.objects.values_list("id", "name"))
    for row in rows:
        row["g_type"] = names.get(_uuid(row.pop("request_type_id")), "")
    return sorted(rows, key=lambda r: (r.get("submitted_month", ""), r["office"], r["g_type"]))


def _uuid(value: Any) -> Any:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


TURNAROUND_GROUPS = ("office", "request_type_id")


def turnaround(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Minutes from sending to answer, per field office and request type (see
    `reports.sql.grouped_distribution` for the median and p90).

    Over every request of the user's organisations, the counts come from their summaries
    (`relief.ReportedAnswers`: a row per group) and only the median, p90 and extremes are read
    from the reporting rows, along their index: a pass over a million rows for the counts and
    the distinct cases took 0.45 s of SQLite's CPU (docs/benchmarks.md)."""
    organisations = whole_organisations(user, filters)
    if organisations is None:
        rows = grouped_distribution(
            reported_requests(user, filters).filter(outcome__in=ANSWERS),
            groups=TURNAROUND_GROUPS,
            value="turnaround_minutes",
            extras=(
                ("denied", _sum("outcome = 'denied'")),
                ("denied_without_reasons", _sum("outcome = 'denied' AND NOT reasons_given")),
                ("cases", "COUNT(DISTINCT case_id)"),
            ),
        )
    else:
        rows = _turnaround_summarised(organisations)
    return [
        {
            "field_office": row["office"],
            "request_type": row["g_type"],
            "count": row["count"],
            "median_minutes": _round(row["median"]),
            "p90_minutes": _round(row["p90"]),
            "min_minutes": _round(row["min"]),
            "max_minutes": _round(row["max"]),
            "denied": row["denied"] or 0,
            "denied_without_reasons": row["denied_without_reasons"] or 0,
            "cases": row["cases"],
        }
        for row in _named(rows)
    ]


def _turnaround_summarised(organisations: Q) -> list[dict[str, Any]]:
    """The turnaround groups of every request of these organisations: counts from the
    summaries, the distribution of the minutes from the answers' reporting rows."""
    where, params = where_of(ReportedAnswers.objects.filter(organisations))
    names = ", ".join(TURNAROUND_GROUPS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {names}, SUM(answers) AS count, SUM(denied) AS denied, "
            "SUM(denied_without_reasons) AS denied_without_reasons, SUM(cases) AS cases "
            f"FROM {ReportedAnswers._meta.db_table} WHERE {where} GROUP BY {names}",
            params,
        )
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    answers = ReportedRequest.objects.filter(organisations, outcome__in=ANSWERS)
    distribution_of_counted(rows, answers, groups=TURNAROUND_GROUPS, value="turnaround_minutes")
    return rows


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def outcomes(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Outcome shares per field office × request type × month the request was sent (in the
    organisation's time zone)."""
    counted = {
        name: Count("case_id", filter=Q(outcome=outcome))
        for name, outcome in (
            ("granted", Outcome.GRANTED),
            ("partly_granted", Outcome.PARTLY_GRANTED),
            ("denied", Outcome.DENIED),
            ("no_response", Outcome.NO_RESPONSE),
        )
    }
    decided = (
        reported_requests(user, filters, office_named=False)
        .exclude(outcome__in=["", Outcome.WITHDRAWN, Outcome.MOOT])
        .values("submitted_month", "office", "request_type_id")
        .annotate(decided=Count("case_id"), cases=Count("case_id", distinct=True), **counted)
        .order_by()
    )
    return [
        {
            "field_office": r["office"],
            "request_type": r["g_type"],
            "month": r["submitted_month"],
            "decided": r["decided"],
            **{name: r[name] for name in counted},
            "granted_share": _share(r["granted"] + r["partly_granted"], r["decided"]),
            "denied_share": _share(r["denied"], r["decided"]),
            "cases": r["cases"],
        }
        for r in _named(list(decided))
    ]


def denials_without_reasons(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Of the denials, how many gave no reasons at all, per field office and request type."""
    denials = (
        reported_requests(user, filters)
        .filter(outcome=Outcome.DENIED)
        .values("office", "request_type_id")
        .annotate(
            denied=Count("case_id"),
            without_reasons=Count("case_id", filter=Q(reasons_given=False)),
            cases=Count("case_id", distinct=True),
        )
        .order_by()
    )
    return [
        {
            "field_office": r["office"],
            "request_type": r["g_type"],
            "denied": r["denied"],
            "without_reasons": r["without_reasons"],
            "without_reasons_share": _share(r["without_reasons"], r["denied"]),
            "cases": r["cases"],
        }
        for r in _named(list(denials))
    ]


# The counts of each row of the agency-answers report, in the order its export gives them.
AGENCY_COUNTS = (
    "submitted",
    "decided",
    "pending",
    "granted",
    "partly_granted",
    "denied",
    "no_response",
    "reasons_given",
    "denied_without_reasons",
)


def agency_answers(
    user: Actor | None, filters: ReportFilters | None = None
) -> list[dict[str, Any]]:
    """Submitted requests by addressee office and type: outcomes, pending, reasons, median."""
    filters = filters or ReportFilters()
    pending = ", ".join(f"'{s}'" for s in (Request.Status.SUBMITTED, Request.Status.ACKNOWLEDGED))
    decided = "outcome IN ('granted', 'partly-granted', 'denied', 'no-response')"
    rows = grouped_distribution(
        reported_requests(user, filters),
        groups=("office", "request_type_id"),
        value="turnaround_minutes",
        counted=ANSWERED,
        extras=(
            ("submitted", "COUNT(*)"),
            ("decided", _sum(decided)),
            ("pending", _sum(f"status IN ({pending})")),
            ("granted", _sum("outcome = 'granted'")),
            ("partly_granted", _sum("outcome = 'partly-granted'")),
            ("denied", _sum("outcome = 'denied'")),
            ("no_response", _sum("outcome = 'no-response'")),
            ("reasons_given", _sum(f"{decided} AND reasons_given")),
            ("denied_without_reasons", _sum("outcome = 'denied' AND NOT reasons_given")),
        ),
    )
    answers = [
        {
            "office": r["office"],
            "request_type": r["g_type"],
            **{k: r[k] or 0 for k in AGENCY_COUNTS},
            "median_turnaround_minutes": _round(r["median"]),
        }
        for r in _named(rows)
    ]
    return sorted(answers, key=lambda r: (-r["submitted"], r["office"], r["request_type"]))
