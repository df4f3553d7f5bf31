"""The decision reports as they were before the reporting rows (`relief.ReportedRequest`): SQL
over the requests and decisions of the user's cases. Kept only as the tests' yardstick: the new
reports must give the same answers (`test_reported_requests.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber

from amparo.cases.models import Arrest
from amparo.custody.models import FieldOffice
from amparo.relief.models import Decision, Request, RequestType
from amparo.reports.filters import ReportFilters
from amparo.reports.selectors.custody import _between, _dist
from amparo.reports.selectors.scope import cases_in_report
from amparo.reports.sql import (
    Distribution,
    MinutesBetween,
    MonthOf,
    distribution_rows,
    in_cases,
    name_of,
)

if TYPE_CHECKING:
    from amparo.core.access import Actor

Outcome = Decision.Outcome
# Outcomes that are the agency's answer and have a turnaround.
ANSWERS = [Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.DENIED]


def _office(prefix: str) -> Any:
    return Coalesce(
        NullIf(
            name_of(FieldOffice, f"{prefix}field_office_id", f"{prefix}field_office__name"),
            Value(""),
        ),
        NullIf(F(f"{prefix}addressed_to"), Value("")),
        Value("Unknown office"),
    )


def _type(prefix: str) -> Any:
    return name_of(RequestType, f"{prefix}request_type_id", f"{prefix}request_type__name")


def _requests_in(user: Actor | None, filters: ReportFilters, prefix: str) -> Q:
    """Conditions on requests (reached through `prefix`) for the filters and the access gate."""
    q = Q(in_cases(f"{prefix}case_id", cases_in_report(user, filters)))
    q &= Q(**{f"{prefix}submitted_at__isnull": False})
    if filters.since:
        q &= Q(**{f"{prefix}submitted_at__date__gte": filters.since})
    if filters.until:
        q &= Q(**{f"{prefix}submitted_at__date__lte": filters.until})
    if filters.field_office:
        q &= Q(**{f"{prefix}field_office__code": filters.field_office})
    if filters.request_type:
        q &= Q(**{f"{prefix}request_type__slug": filters.request_type})
    return q


def _decisions(user: Actor | None, filters: ReportFilters) -> QuerySet[Decision]:
    return Decision.objects.filter(_requests_in(user, filters, "request__"))


def turnaround(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Minutes from sending to answer, per field office and request type (see `reports.sql`
    for the median and p90)."""
    base = (
        _decisions(user, filters)
        .filter(outcome__in=ANSWERS)
        .annotate(
            g_office=_office("request__"),
            g_type=_type("request__"),
            v_minutes=MinutesBetween("submitted_at", "decided_at"),
            c_outcome=F("outcome"),
            c_reasons=F("reasons_given"),
            c_case=F("request__case_id"),
        )
        .values("g_office", "g_type", "v_minutes", "c_outcome", "c_reasons", "c_case")
    )
    denied = "{t}.c_outcome = 'denied'"
    spec = Distribution(
        groups=("g_office", "g_type"),
        value="v_minutes",
        extras=(
            ("denied", f"SUM(CASE WHEN {denied} THEN 1 ELSE 0 END)"),
            (
                "denied_without_reasons",
                f"SUM(CASE WHEN {denied} THEN (CASE WHEN {{t}}.c_reasons THEN 0 ELSE 1 END) "
                "ELSE 0 END)",
            ),
            ("cases", "COUNT(DISTINCT {t}.c_case)"),
        ),
    )
    return [
        {
            "field_office": row["g_office"],
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
        for row in distribution_rows(base, spec)
    ]


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def outcomes(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Outcome shares per field office × request type × month the request was sent (in the
    organisation's time zone)."""
    counted = {
        name: Count("id", filter=Q(outcome=outcome))
        for name, outcome in (
            ("granted", Outcome.GRANTED),
            ("partly_granted", Outcome.PARTLY_GRANTED),
            ("denied", Outcome.DENIED),
            ("no_response", Outcome.NO_RESPONSE),
        )
    }
    rows = (
        _decisions(user, filters)
        .exclude(outcome__in=[Outcome.WITHDRAWN, Outcome.MOOT])
        .annotate(
            g_office=_office("request__"),
            g_type=_type("request__"),
            g_month=MonthOf("request__submitted_at"),
        )
        .values("g_office", "g_type", "g_month")
        .annotate(decided=Count("id"), cases=Count("request__case", distinct=True), **counted)
        .order_by("g_month", "g_office", "g_type")
    )
    return [
        {
            "field_office": r["g_office"],
            "request_type": r["g_type"],
            "month": r["g_month"],
            "decided": r["decided"],
            **{name: r[name] for name in counted},
            "granted_share": _share(r["granted"] + r["partly_granted"], r["decided"]),
            "denied_share": _share(r["denied"], r["decided"]),
            "cases": r["cases"],
        }
        for r in rows
    ]


def denials_without_reasons(user: Actor | None, filters: ReportFilters) -> list[dict[str, Any]]:
    """Of the denials, how many gave no reasons at all, per field office and request type."""
    rows = (
        _decisions(user, filters)
        .filter(outcome=Outcome.DENIED)
        .annotate(g_office=_office("request__"), g_type=_type("request__"))
        .values("g_office", "g_type")
        .annotate(
            denied=Count("id"),
            without_reasons=Count("id", filter=Q(reasons_given=False)),
            cases=Count("request__case", distinct=True),
        )
        .order_by("g_office", "g_type")
    )
    return [
        {
            "field_office": r["g_office"],
            "request_type": r["g_type"],
            "denied": r["denied"],
            "without_reasons": r["without_reasons"],
            "without_reasons_share": _share(r["without_reasons"], r["denied"]),
            "cases": r["cases"],
        }
        for r in rows
    ]


def agency_answers(
    user: Actor | None, filters: ReportFilters | None = None
) -> list[dict[str, Any]]:
    """Submitted requests by addressee office and type: outcomes, pending, reasons, median."""
    filters = filters or ReportFilters()
    open_statuses = [Request.Status.SUBMITTED, Request.Status.ACKNOWLEDGED]

    def outcome_sum(condition: str) -> str:
        return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    base = (
        Request.objects.filter(_requests_in(user, filters, ""))
        .annotate(
            g_office=_office(""),
            g_type=_type(""),
            c_status=F("status"),
            c_outcome=Coalesce(F("decision__outcome"), Value("")),
            c_reasons=Coalesce(F("decision__reasons_given"), Value(False)),
            v_minutes=Case(
                When(
                    decision__outcome__in=ANSWERS,
                    then=MinutesBetween("decision__submitted_at", "decision__decided_at"),
                ),
                default=None,
            ),
        )
        .values("g_office", "g_type", "c_status", "c_outcome", "c_reasons", "v_minutes")
    )
    statuses = ", ".join(f"'{s}'" for s in open_statuses)
    decided = "{t}.c_outcome IN ('granted', 'partly-granted', 'denied', 'no-response')"
    spec = Distribution(
        groups=("g_office", "g_type"),
        value="v_minutes",
        extras=(
            ("submitted", "COUNT(*)"),
            ("decided", outcome_sum(decided)),
            ("pending", outcome_sum(f"{{t}}.c_status IN ({statuses})")),
            ("granted", outcome_sum("{t}.c_outcome = 'granted'")),
            ("partly_granted", outcome_sum("{t}.c_outcome = 'partly-granted'")),
            ("denied", outcome_sum("{t}.c_outcome = 'denied'")),
            ("no_response", outcome_sum("{t}.c_outcome = 'no-response'")),
            ("reasons_given", outcome_sum(f"{decided} AND {{t}}.c_reasons")),
            (
                "denied_without_reasons",
                outcome_sum("{t}.c_outcome = 'denied' AND NOT {t}.c_reasons"),
            ),
        ),
    )
    rows = [
        {
            "office": r["g_office"],
            "request_type": r["g_type"],
            **{
                k: r[k] or 0
                for k in (
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
            },
            "median_turnaround_minutes": _round(r["median"]),
        }
        for r in distribution_rows(base, spec)
    ]
    return sorted(rows, key=lambda r: (-r["submitted"], r["office"], r["request_type"]))


def arrest_to_first_decision_former(
    user: Actor | None, filters: ReportFilters
) -> list[dict[str, Any]]:
    """Minutes from a client's first recorded arrest to the first answer to any request, per
    field office of that request; cases without either are left out.

    One pass over the answers of the user's cases (see `reports.sql.Unindexed`): a window
    numbers each case's answers by date and the first is kept, rather than looking up every
    case's first answer through its requests, which read every case's requests at scattered
    places several times over (docs/benchmarks.md)."""
    case_id = OuterRef("request__case_id")
    arrests = Arrest.objects.filter(case=case_id)
    q = Q(in_cases("request__case_id", cases_in_report(user, filters)))
    q &= Q(outcome__in=["granted", "partly-granted", "denied"])
    if filters.since or filters.until:
        q &= Q(Exists(arrests.filter(_between(Q(), "arrested_at", filters))))
    if filters.field_office:
        offices = Request.objects.filter(case=case_id, field_office__code=filters.field_office)
        q &= Q(Exists(offices))
    base = (
        Decision.objects.filter(q)
        .annotate(
            c_first=Window(
                RowNumber(), partition_by=[F("request__case_id")], order_by=F("decided_at").asc()
            ),
            c_arrest=Subquery(arrests.order_by("arrested_at").values("arrested_at")[:1]),
            g_office=Coalesce(
                name_of(FieldOffice, "request__field_office_id", "request__field_office__name"),
                Value("Unknown office"),
            ),
        )
        .filter(c_first=1, c_arrest__isnull=False)
        .annotate(v_minutes=MinutesBetween("c_arrest", "decided_at"))
        .values("g_office", "v_minutes")
    )
    spec = Distribution(groups=("g_office",), value="v_minutes")
    return [
        {"field_office": r["g_office"], **_dist(r, "hours", 60), "cases": r["count"]}
        for r in distribution_rows(base, spec)
    ]
