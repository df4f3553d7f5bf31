"""Reads about court cases, always through `core.access`."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from amparo.cases.models import Case
from amparo.core.access import case_item_for, cases_visible_to, cases_writable_by
from amparo.courts import rules
from amparo.courts.models import Court, CourtCase, Order

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


# --- orders the government must obey ----------------------------------------------------------


@dataclass(frozen=True)
class OrderState:
    """An order with its terms and where it stands on `today` (courts.rules)."""

    order: Order
    status: rules.Status
    today: datetime.date

    @property
    def status_words(self) -> str:
        return rules.STATUS_WORDS[self.status].translated()

    @property
    def needs_enforcement(self) -> bool:
        return rules.needs_enforcement(self.status)

    @property
    def court(self) -> Court:
        return self.order.court_case.court


def order_state(order: Order, *, today: datetime.date | None = None) -> OrderState:
    zone = zoneinfo.ZoneInfo(order.court_case.case.organisation.time_zone)
    today = today or timezone.now().astimezone(zone).date()
    complied_on = order.complied_at.astimezone(zone).date() if order.complied_at else None
    status = rules.compliance_status(
        compliance=order.compliance,
        due_on=order.compliance_due_on,
        complied_on=complied_on,
        violated=order.violated_at is not None,
        today=today,
        due_at=order.compliance_due_at,
        complied_at=order.complied_at,
        now=timezone.now(),
    )
    return OrderState(order, status, today)


def _orders() -> QuerySet[Order]:
    return Order.objects.select_related(
        "court_case__court", "court_case__case__organisation", "compliance_deadline"
    ).order_by("issued_at")


def case_orders(case: Case, *, today: datetime.date | None = None) -> list[OrderState]:
    """Every order of a case the caller has already loaded through core.access."""
    return [order_state(o, today=today) for o in _orders().filter(court_case__case=case)]


def order_get(user: Actor, order_id: Any, *, write: bool = False) -> Order:
    """An order of a case the user may see (or change); 404 otherwise, alike."""
    scope = cases_writable_by(user) if write else cases_visible_to(user)
    try:
        found = _orders().filter(court_case__case__in=scope.values("id")).get(pk=order_id)
    except (Order.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such record.") from None
    return found


@dataclass
class DistrictCompliance:
    court: Court
    orders: list[OrderState] = field(default_factory=list)

    def count(self, *statuses: str) -> int:
        return sum(1 for s in self.orders if s.status in statuses)

    @property
    def complied(self) -> int:
        return self.count("complied")

    @property
    def late_or_broken(self) -> int:
        return self.count("complied-late", "overdue", "violated")


def order_compliance_report(
    user: Actor, *, today: datetime.date | None = None
) -> list[DistrictCompliance]:
    """Orders the government must obey, of the cases the user may see, by ordering court."""
    orders = _orders().filter(court_case__case__in=cases_visible_to(user).values("id"))
    by_court: dict[Any, DistrictCompliance] = {}
    for order in orders.exclude(compliance=""):
        row = by_court.setdefault(
            order.court_case.court_id, DistrictCompliance(order.court_case.court)
        )
        row.orders.append(order_state(order, today=today))
    return sorted(by_court.values(), key=lambda r: (-r.late_or_broken, r.court.name))
