"""Writes about court orders the government must obey: the compliance deadline, the records
that show compliance (a release, a placement back in the district, a bond hearing), the breach
of an order not to transfer, and the alert when an order is overdue.

The watchers run inside the transaction of the service that recorded the event (a placement,
a release, a hearing, a bond decision), so an order's compliance and the event commit together.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.cases.models import Case, CaseAlert
from amparo.core.phrases import Phrase, label, phrase
from amparo.core.services import create_case_record, update_case_record, validated_save
from amparo.courts import rules
from amparo.courts.models import CourtCase, Order

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.custody.models import Placement
    from amparo.deadlines.models import Deadline

COMPLIANCE_RULE = "court-order-compliance"


def compliance_terms_check(
    *, compliance: str, days: int | None, due_on: datetime.date | None, hours: int | None = None
) -> None:
    """The terms an order needs: days, hours or a date for everything but an order not to
    transfer; days and hours are not both given."""
    if compliance and compliance not in Order.Compliance.values:
        raise ValidationError({"compliance": _("Choose what the order requires.")})
    if days is not None and hours is not None:
        raise ValidationError(
            {"compliance_hours": _("Give the days or the hours the order allows, not both.")}
        )
    if hours is not None:
        days = hours  # for the checks below: a period is given
    if not compliance:
        if days is not None or due_on is not None:
            raise ValidationError(
                {"compliance": _("Say what the order requires before giving its deadline.")}
            )
        return
    if compliance != Order.Compliance.NO_TRANSFER and days is None and due_on is None:
        raise ValidationError(
            {"compliance_days": _("Give the days the order allows or the date it sets.")}
        )


def compliance_deadline_create(
    *,
    actor: User | None,
    court_case: CourtCase,
    compliance: str,
    issued_on: datetime.date,
    days: int | None,
    due_on: datetime.date | None,
    hours: int | None = None,
    entered_at: datetime.datetime | None = None,
) -> Deadline | None:
    """The compliance deadline, counted by the deadline rules (Fed. R. Civ. P. 6(a)(1)); a date
    the order sets is the court-set date. An order not to transfer has none."""
    from amparo.deadlines.services import deadline_create_from_rule

    if compliance == Order.Compliance.NO_TRANSFER:
        return None
    if hours is not None:
        return _hours_deadline(actor, court_case, compliance, entered_at, hours)
    if days is None:
        assert due_on is not None  # compliance_terms_check
        if due_on <= issued_on:
            raise ValidationError(
                {"compliance_due_on": _("The compliance date must come after the order.")}
            )
        days = (due_on - issued_on).days
    terms = Order.Compliance(compliance).label
    try:
        return deadline_create_from_rule(
            actor=actor,
            case=court_case.case,
            court_case=court_case,
            rule=COMPLIANCE_RULE,
            trigger_on=issued_on,
            days=days,
            court_set_on=due_on,
            source_event=phrase(
                "Court order of %(day)s: %(terms)s", day=issued_on, terms=label(terms)
            ),
        )
    except ValidationError as exc:
        raise ValidationError({"compliance_days": exc.messages}) from None


def _hours_deadline(
    actor: User | None,
    court_case: CourtCase,
    compliance: str,
    entered_at: datetime.datetime | None,
    hours: int,
) -> Deadline:
    """A period in hours (Fed. R. Civ. P. 6(a)(2)), from the moment of the order where the
    organisation works, with the closures of the ordering court."""
    from amparo.deadlines.selectors import closure_dates
    from amparo.deadlines.services import task_create

    assert entered_at is not None
    local = entered_at.astimezone(_zone(court_case.case))
    closures = closure_dates(
        court=court_case.court,
        start=local.date(),
        end=local.date() + datetime.timedelta(days=60),
    )
    due_at, steps = rules.hours_due(local, hours, closures)
    terms = Order.Compliance(compliance).label
    return task_create(
        actor=actor,
        case=court_case.case,
        court_case=court_case,
        title=phrase("Compliance with the court's order due"),
        due_on=due_at.date(),
        due_at=due_at,
        rule=COMPLIANCE_RULE,
        citation="The court's order; Fed. R. Civ. P. 6(a)(2)",
        source_event=phrase(
            "Court order of %(day)s: %(terms)s", day=local.date(), terms=label(terms)
        ),
        trigger_on=local.date(),
        steps=steps,
    )


def _zone(case: Case) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(case.organisation.time_zone)


def _open_orders(case: Case, compliance: str) -> list[Order]:
    return list(
        Order.objects.select_for_update(of=("self",))
        .filter(
            court_case__case=case,
            compliance=compliance,
            complied_at__isnull=True,
            violated_at__isnull=True,
        )
        .select_related("court_case__court", "court_case__case__organisation")
    )


def _mark_complied(actor: User | None, order: Order, at: datetime.datetime, evidence: str) -> Order:
    order.complied_at = at
    order.compliance_evidence = evidence[:300]
    update_case_record(
        order,
        actor=actor,
        action="order.comply",
        fields=["complied_at", "compliance_evidence"],
        case=order.court_case.case,
    )
    return order


@transaction.atomic
def order_compliance_record(
    *, actor: User | None, order: Order, complied_at: datetime.datetime, evidence: str
) -> Order:
    """Record by hand that the government complied (e.g. a release learned from the client)."""
    if not order.compliance or order.compliance == Order.Compliance.NO_TRANSFER:
        raise ValidationError({"compliance": _("This order has no act to comply with.")})
    if order.complied_at is not None:
        raise ValidationError({"complied_at": _("Compliance is already recorded.")})
    if timezone.is_naive(complied_at):
        raise ValidationError({"complied_at": _("Give the time with its time zone offset.")})
    if complied_at < order.issued_at:
        raise ValidationError({"complied_at": _("Compliance cannot come before the order.")})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Say what shows compliance.")})
    return _mark_complied(actor, order, complied_at, evidence.strip())


def _district_of(placement: Placement) -> str | None:
    from amparo.custody.selectors import venue_of_facility

    court = venue_of_facility(placement.facility).district_court
    return court.id if court else None


def orders_watch_placement(
    *, actor: User | None, case: Case, placement: Placement, previous: Placement | None
) -> None:
    """A new placement: it returns the client (an order of return is obeyed when the client is
    held in the ordering court's district again), or breaks an order not to transfer."""
    district = _district_of(placement)
    for order in _open_orders(case, Order.Compliance.RETURN):
        if placement.started_at >= order.issued_at and district == order.court_case.court.code:
            _mark_complied(actor, order, placement.started_at, f"Held at {placement.facility}")
    if previous is None or previous.facility_id == placement.facility_id:
        return
    for order in _open_orders(case, Order.Compliance.NO_TRANSFER):
        if placement.started_at < order.issued_at:
            continue
        order.violated_at = placement.started_at
        validated_save(order, update_fields=["violated_at"])
        _alert(
            actor,
            order,
            CaseAlert.Kind.ORDER_VIOLATED,
            phrase("transferred to %(place)s", place=str(placement.facility)),
        )


def orders_watch_release(*, actor: User | None, case: Case, released_at: datetime.datetime) -> None:
    """The client's release obeys every open release order issued before it."""
    for order in _open_orders(case, Order.Compliance.RELEASE):
        if released_at >= order.issued_at:
            _mark_complied(actor, order, released_at, _("Release recorded"))


def orders_watch_hearing(
    *, actor: User | None, case: Case, held_at: datetime.datetime, evidence: str
) -> None:
    """A bond hearing (or an immigration judge's bond decision) obeys an order to hold one. A
    hearing set for after the compliance date does not: the order stays overdue."""
    for order in _open_orders(case, Order.Compliance.BOND_HEARING):
        due = order.compliance_due_on
        too_late = due is not None and timezone.localtime(held_at, _zone(case)).date() > due
        if held_at >= order.issued_at and not (too_late and held_at > timezone.now()):
            _mark_complied(actor, order, held_at, evidence)


def _alert(actor: User | None, order: Order, kind: str, what: Phrase) -> CaseAlert | None:
    case = order.court_case.case
    if CaseAlert.objects.filter(case=case, kind=kind, data__order=str(order.id)).exists():
        return None
    court = order.court_case.court
    # Saved as a phrase: each reader reads it in their language (CaseAlert.shown_message).
    message = phrase(
        "%(court)s order of %(day)s (%(terms)s): %(what)s",
        court=court.short_name or court.name,
        day=timezone.localtime(order.issued_at, _zone(case)).date(),
        terms=label(Order.Compliance(order.compliance).label),
        what=what,
    )
    alert = CaseAlert(
        case=case,
        kind=kind,
        message=message[:300],
        data={
            "order": str(order.id),
            "court_case": str(order.court_case_id),
            "due_on": order.compliance_due_on.isoformat() if order.compliance_due_on else None,
            "draft": rules.ENFORCE_TEMPLATE,
            "message": message.stored(with_text=False),
        },
    )
    create_case_record(alert, actor=actor, action="case_alert.create", case=case)
    return alert


@transaction.atomic
def orders_check_overdue(
    *, case: Case | None = None, today: datetime.date | None = None
) -> list[CaseAlert]:
    """Raise one alert for each order whose compliance date has passed with nothing recorded to
    show compliance. `today` defaults to the day in each organisation's zone. Idempotent."""
    orders = (
        Order.objects.filter(
            complied_at__isnull=True,
            violated_at__isnull=True,
            compliance_due_on__isnull=False,
        )
        .exclude(compliance="")
        .select_related("court_case__court", "court_case__case__organisation")
    )
    if case is not None:
        orders = orders.filter(court_case__case=case)
    alerts: list[CaseAlert] = []
    now = timezone.now()
    for order in orders:
        day = today or now.astimezone(_zone(order.court_case.case)).date()
        assert order.compliance_due_on is not None
        if order.compliance_due_at is not None:
            if today is None and now <= order.compliance_due_at:
                continue
            if today is not None and day <= order.compliance_due_on:
                continue
            due = timezone.localtime(order.compliance_due_at, _zone(order.court_case.case))
            what = phrase("not obeyed by %(due)s", due=f"{due:%Y-%m-%d %H:%M %Z}")
        elif day <= order.compliance_due_on:
            continue
        else:
            what = phrase("not obeyed by %(due)s", due=order.compliance_due_on)
        alert = _alert(None, order, CaseAlert.Kind.ORDER_OVERDUE, what)
        if alert is not None:
            alerts.append(alert)
    return alerts
