"""The cases a report counts: those the user may read (`core.access`), narrowed by the filters
that belong to the case (campaign, lead attorney). With no user, the command line runs as the
installation's operator and counts every case (`--org` narrows it)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from amparo.accounts.models import Membership
from amparo.core.access import (
    cases_hidden_from,
    cases_of_the_installation,
    cases_visible_to,
    roles_of,
)
from amparo.custody.models import FieldOffice
from amparo.relief.models import RequestType
from amparo.relief.models.reported import ReportedRequest
from amparo.relief.request_types import shown_type_name
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


HIDDEN_AS_LIST = 1000


def _gate(user: Actor | None, filters: ReportFilters) -> tuple[Q, Q]:
    """The organisations a report counts (the user's, narrowed by the organisation filter) as a
    condition on `organisation_id`, and the cases of theirs hidden from the user as a condition
    on `case_id` (empty when none is)."""
    organisations, visible = Q(), Q()
    if user is not None:
        organisations &= Q(organisation_id__in=list(roles_of(user)))
        # Few cases are hidden from anyone (restricted to a team): as a list of ids they cost
        # one look-up per row, as a subquery 7 s over a million rows on the loaded machine.
        # Only a restricted case can be hidden; saying so, and dropping the cases' default
        # order, spares the probe a sort of all the organisation's cases (docs/benchmarks.md).
        probe = cases_hidden_from(user).filter(restricted=True).order_by()
        hidden = list(probe.values_list("id", flat=True)[: HIDDEN_AS_LIST + 1])
        if len(hidden) > HIDDEN_AS_LIST:
            visible &= ~Q(case_id__in=cases_hidden_from(user))
        elif hidden:
            visible &= ~Q(case_id__in=hidden)
    if filters.organisation:
        organisations &= Q(organisation_id=filters.organisation)
    return organisations, visible


def whole_organisations(user: Actor | None, filters: ReportFilters) -> Q | None:
    """When a report counts every sent request of some organisations (no filter but the
    organisation, no case hidden from the user), those organisations as a condition on
    `organisation_id`, which their summaries (`relief.ReportedAnswers`) can answer; else None."""
    narrowed = (f.name for f in dataclasses.fields(filters) if f.name != "organisation")
    if any(getattr(filters, name) for name in narrowed):
        return None
    organisations, visible = _gate(user, filters)
    return None if visible else organisations


def reported_requests(
    user: Actor | None, filters: ReportFilters, *, office_named: bool = True
) -> QuerySet[ReportedRequest]:
    """The sent requests a report counts: of the user's organisations, less the cases hidden
    from the user (the gate's own answer, `core.access`), narrowed by every filter.

    With `office_named`, a field-office filter is said a second time as the office's name,
    for the reports read along the index that begins (organisation, office); a report read
    along another index (outcomes by month) leaves it out, since SQLite would then take the
    office's index, which lacks its columns, and look up each row (0.4 → 0.7 s)."""
    organisations, visible = _gate(user, filters)
    q = organisations & visible
    if filters.campaign or filters.attorney:
        q &= Q(case_id__in=cases_in_report(user, filters))
    if filters.since:
        q &= Q(submitted_on__gte=filters.since)
    if filters.until:
        q &= Q(submitted_on__lte=filters.until)
    if filters.field_office:
        offices = FieldOffice.objects.filter(code=filters.field_office)
        q &= Q(field_office_id__in=offices.values("id"))
        # A field office's rows carry its name as their office (`relief.reporting` keeps them
        # so when it is renamed): saying so lets SQLite seek that office's rows in the index
        # that begins (organisation, office) instead of reading all the organisation's, 0.4 s
        # of CPU at a million rows (docs/benchmarks.md).
        names = [name for name in offices.values_list("name", flat=True) if name]
        if names and office_named:
            q &= Q(office__in=names)
    if filters.request_type:
        types = RequestType.objects.filter(slug=filters.request_type).values("id")
        q &= Q(request_type_id__in=types)
    return ReportedRequest.objects.filter(q)


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
        request_types=sorted(
            (
                (slug, shown_type_name(name))
                for slug, name in RequestType.objects.values_list("slug", "name")
            ),
            key=lambda choice: choice[1],
        ),
        campaigns=list(campaigns),
        attorneys=[(str(m.user_id), str(m.user)) for m in members],
    )
