"""Reads about cases for views, the API and other apps. Every function takes the acting user
and starts from `core.access`, so nothing here can reach another organisation's data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from amparo.cases.models import Case, CaseAlert

# The timeline lives in its own module; its names stay importable from here.
from amparo.cases.timeline import (  # noqa: F401
    TimelineItem,
    TimelinePage,
    case_timeline,
    case_timeline_page,
)
from amparo.core.access import cases_visible_to
from amparo.core.paging import DEFAULT_PAGE_SIZE, Page, keyset_page
from amparo.search.query import cases_matching

if TYPE_CHECKING:
    from amparo.core.access import Actor


CASE_ORDER = ("-opened_on", "-id")
# What a list row never shows: loading it would cost a conversion per row for nothing.
LIST_DEFERRED = (
    "person__aliases",
    "person__citizenships",
    "person__languages",
    "person__vulnerabilities",
    "person__vulnerability_notes",
    "person__criminal_history_summary",
    "person__date_of_birth",
    "person__status_since",
    "person__created_at",
    "person__updated_at",
)


def case_list(
    user: Actor, *, status: str | None = None, query: str | None = None
) -> QuerySet[Case]:
    """Cases the user may see, newest first; nothing is computed per case until a page is cut
    (see `case_list_page`), so the database stops reading at the page's last row."""
    cases = cases_visible_to(user).select_related("person").defer(*LIST_DEFERRED)
    if status:
        cases = cases.filter(status=status)
    if query:
        cases = cases_matching(user, cases, query)
    return cases.order_by(*CASE_ORDER)


def case_list_page(
    user: Actor,
    *,
    status: str | None = None,
    query: str | None = None,
    cursor: str | None = None,
    size: int = DEFAULT_PAGE_SIZE,
) -> Page[Case]:
    """One page of `case_list`; the facts of its rows come from `cases.facts.fact_sheets`, for
    the page only, never for the whole caseload."""
    return keyset_page(
        case_list(user, status=status, query=query), keys=CASE_ORDER, cursor=cursor, size=size
    )


def case_alerts(case: Case, *, open_only: bool = True) -> QuerySet[CaseAlert]:
    """Alerts of a case the caller has already loaded through core.access, newest first."""
    alerts = CaseAlert.objects.filter(case=case)
    if open_only:
        alerts = alerts.filter(resolved_at__isnull=True)
    return alerts.order_by("-created_at")
