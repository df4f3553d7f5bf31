"""The cases a report counts: those the user may read (`core.access`), narrowed by the filters
that belong to the case (campaign, lead attorney). With no user, the command line runs as the
installation's operator and counts every case (`--org` narrows it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from amparo.accounts.models import Membership
from amparo.core.access import cases_of_the_installation, cases_visible_to, roles_of
from amparo.custody.models import FieldOffice
from amparo.relief.models import RequestType
from amparo.reports.filters import ReportFilters

if TYPE_CHECKING:
    from amparo.core.access import Actor


def cases_in_report(user: Actor | None, filters: ReportFilters) -> Any:
    """A subquery of case ids."""
    cases = cases_visible_to(user) if user is not None else cases_of_the_installation()
    if filters.organisation:
        cases = cases.filter(organisation_id=filters.organisation)
    if filters.campaign:
        cases = cases.filter(campaign__iexact=filters.campaign)
    if filters.attorney:
        cases = cases.filter(lead_attorney_id=filters.attorney)
    return cases.order_by().values("id")


@dataclass(frozen=True)
class FilterChoices:
    field_offices: list[tuple[str, str]]
    request_types: list[tuple[str, str]]
    campaigns: list[str]
    attorneys: list[tuple[str, str]]


def filter_choices(user: Actor) -> FilterChoices:
    """What the report filters offer: reference lists and the user's organisations' own."""
    campaigns = (
        cases_visible_to(user)
        .exclude(campaign="")
        .order_by("campaign")
        .values_list("campaign", flat=True)
        .distinct()
    )
    members = (
        Membership.objects.filter(
            organisation_id__in=list(roles_of(user)),
            role__in=[Membership.Role.ATTORNEY, Membership.Role.ADMIN],
        )
        .select_related("user")
        .order_by("user__email")
    )
    return FilterChoices(
        field_offices=list(FieldOffice.objects.order_by("name").values_list("code", "name")),
        request_types=list(RequestType.objects.order_by("name").values_list("slug", "name")),
        campaigns=list(campaigns),
        attorneys=[(str(m.user_id), str(m.user)) for m in members],
    )
