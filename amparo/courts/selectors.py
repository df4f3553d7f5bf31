"""Reads about court cases, always through `core.access`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from amparo.cases.models import Case
from amparo.core.access import case_item_for
from amparo.courts.models import Court, CourtCase

if TYPE_CHECKING:
    from amparo.core.access import Actor


def court_case_list(case: Case) -> QuerySet[CourtCase]:
    """Court cases of a case the caller has already loaded through core.access."""
    return (
        CourtCase.objects.filter(case=case)
        .select_related("court")
        .prefetch_related("respondents", "orders", "filings", "hearings")
        .order_by("created_at")
    )


def court_case_get(user: Actor, court_case_id: Any, *, write: bool = False) -> CourtCase:
    found = case_item_for(user, CourtCase, court_case_id, write=write)
    return court_case_list(found.case).get(pk=found.pk)


def court_by_code(code: str) -> Court | None:
    return Court.objects.filter(code=code).first()
