"""A campaign's page: the cases tagged with it (`Case.campaign`), where and how long they are
held, requests and outcomes, and statements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count

from amparo.advocacy.models import Statement
from amparo.core.access import cases_visible_to
from amparo.custody.models import Placement
from amparo.relief.request_types import shown_types
from amparo.reports.filters import ReportFilters
from amparo.reports.selectors.custody import GROUP_LABELS, detention_length
from amparo.reports.selectors.decisions import agency_answers

if TYPE_CHECKING:
    from amparo.core.access import Actor


@dataclass(frozen=True)
class CampaignSummary:
    name: str
    cases: int
    held: int
    facilities: list[dict[str, Any]]
    detention: list[dict[str, Any]]  # rows of `detention_length`, each with `held`
    requests: list[dict[str, Any]]
    statements: list[Statement]


def campaigns(user: Actor) -> list[dict[str, Any]]:
    """Every campaign of the user's cases with its number of cases."""
    return list(
        cases_visible_to(user)
        .exclude(campaign="")
        .values("campaign")
        .annotate(cases=Count("id"))
        .order_by("campaign")
    )


def campaign_summary(user: Actor, name: str) -> CampaignSummary | None:
    cases = cases_visible_to(user).filter(campaign__iexact=name)
    if not name or not cases.exists():
        return None
    held = Placement.objects.filter(case__in=cases.values("id"), ended_at__isnull=True)
    facilities = list(
        held.values("facility__name", "facility__state")
        .annotate(held=Count("case", distinct=True))
        .order_by("-held", "facility__name")
    )
    filters = ReportFilters(campaign=name)
    statements = Statement.objects.filter(case__in=cases.values("id")).order_by("-said_at")[:50]
    return CampaignSummary(
        name=name,
        cases=cases.count(),
        held=held.values("case").distinct().count(),
        facilities=facilities,
        detention=[
            {**row, "label": GROUP_LABELS[row["status"]]} for row in detention_length(user, filters)
        ],
        requests=shown_types(agency_answers(user, filters)),
        statements=list(statements),
    )
