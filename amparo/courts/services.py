"""Writes about court cases: drafts with venue and respondents, filing, papers, hearings, orders."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.audit.services import audit_case_write
from amparo.cases.models import Case
from amparo.core.errors import TransitionError
from amparo.core.phrases import Phrase, label, phrase
from amparo.core.services import create_case_record, validated_save
from amparo.courts.models import Court, CourtCase, Hearing, Order, Respondent
from amparo.courts.rules import SHOWN_BY

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.custody.rules import Venue
    from amparo.deadlines.models import Deadline


@transaction.atomic
def court_case_draft(
    *,
    actor: User | None,
    case: Case,
    court: Court,
    kind: str,
    division: str = "",
    caption: str = "",
    respondents: list[tuple[str, str, str]] | None = None,
) -> CourtCase:
    """Start a court case in draft; respondents are (role, name, title) in caption order."""
    court_case = CourtCase(case=case, court=court, kind=kind, division=division, caption=caption)
    validated_save(court_case)
    for position, (role, name, title) in enumerate(respondents or []):
        validated_save(
            Respondent(court_case=court_case, role=role, name=name, title=title, position=position)
        )
    audit_case_write(actor, "court_case.create", court_case, case=case)
    return court_case


def _current_venue(case: Case, on: datetime.date | None = None) -> Venue | None:
    from amparo.custody.selectors import case_venue

    return case_venue(case, on=on)


@transaction.atomic
def habeas_draft_from_venue(
    *, actor: User | None, case: Case, kind: str = CourtCase.Kind.HABEAS
) -> CourtCase:
    """Draft a habeas petition (or TRO motion) in the district where the client is held now,
    naming the respondents the venue rules give, with their roles (28 U.S.C. §§ 2241(a), 2242;
    Rumsfeld v. Padilla, 542 U.S. 426 (2004))."""
    venue = _current_venue(case)
    if venue is None or venue.district_court is None:
        raise ValidationError(
            {
                "court": _(
                    "The client's current facility is unknown or has no district court; "
                    "record a placement or choose the court by hand."
                )
            }
        )
    court = Court.objects.filter(code=venue.district_court.id).first()
    if court is None:
        raise ValidationError(
            {
                "court": _("Court %(court)s is not loaded; run `amparo reference load`.")
                % {"court": venue.district_court.id}
            }
        )
    custodian = next(
        (r.title for r in venue.respondents if r.role == Respondent.Role.IMMEDIATE_CUSTODIAN),
        "Respondents",
    )
    caption = f"{case.person.full_name} v. {custodian}, et al."
    return court_case_draft(
        actor=actor,
        case=case,
        court=court,
        kind=kind,
        division=venue.district_court.division or "",
        caption=caption,
        respondents=[(r.role, r.name, r.title) for r in venue.respondents],
    )


@transaction.atomic
def court_case_file(
    *,
    actor: User | None,
    court_case: CourtCase,
    docket_number: str,
    filed_at: datetime.datetime,
) -> CourtCase:
    """Record filing: docket number, time, and the venue snapshot at that moment.

    Jurisdiction attaches at filing; a later transfer does not re-point the case (Ex parte Endo,
    323 U.S. 283 (1944), as described in Rumsfeld v. Padilla, 542 U.S. 426, 441 (2004)).
    """
    if court_case.status != CourtCase.Status.DRAFT:
        raise TransitionError(_("Only a draft can be filed."), field="status")
    if timezone.is_naive(filed_at):
        raise ValidationError({"filed_at": _("Give the time with its time zone offset.")})
    # The snapshot keeps the division of the filing day, dated like the statute.
    venue = _current_venue(court_case.case, on=filed_at.date())
    court_case.docket_number = docket_number.strip()
    court_case.filed_at = filed_at
    court_case.status = CourtCase.Status.FILED
    court_case.venue_snapshot = venue.as_dict() if venue is not None else None
    court_case.venue_changed = False
    validated_save(
        court_case,
        update_fields=["docket_number", "filed_at", "status", "venue_snapshot", "venue_changed"],
    )
    audit_case_write(
        actor,
        "court_case.file",
        court_case,
        changed_fields=["docket_number", "filed_at", "status", "venue_snapshot"],
    )
    return court_case


@transaction.atomic
def hearing_schedule(
    *,
    actor: User | None,
    court_case: CourtCase,
    starts_at: datetime.datetime,
    location: str = "",
    judge: str = "",
    purpose: str = "",
) -> Hearing:
    hearing = Hearing(
        court_case=court_case,
        starts_at=starts_at,
        location=location,
        judge=judge,
        purpose=purpose,
    )
    create_case_record(hearing, actor=actor, action="hearing.create", case=court_case.case)
    if "bond" in purpose.lower():
        from amparo.courts.order_services import orders_watch_hearing

        orders_watch_hearing(
            actor=actor,
            case=court_case.case,
            held_at=starts_at,
            evidence=f"Bond hearing on {starts_at:%Y-%m-%d %H:%M} recorded",
        )
    return hearing


@transaction.atomic
def order_record(
    *,
    actor: User | None,
    court_case: CourtCase,
    kind: str,
    issued_at: datetime.datetime,
    served_on: datetime.date | None = None,
    summary: str = "",
    return_due_on: datetime.date | None = None,
    hearing_on: datetime.date | None = None,
    compliance: str = "",
    compliance_days: int | None = None,
    compliance_due_on: datetime.date | None = None,
    compliance_shown_by: str = "",
    compliance_hours: int | None = None,
) -> tuple[Order, list[Deadline]]:
    """Record an order and create the deadlines it triggers.

    An order to show cause starts the return (3 days from service, or a court-set date of at most
    20 days) and the hearing (5 days after the return): 28 U.S.C. § 2243. A TRO issued without
    notice expires after 14 days: Fed. R. Civ. P. 65(b)(2). A date the court sets overrides the
    default and the deadline records both.

    An order the government must obey (release, a bond hearing, a return, no transfer) keeps its
    terms; its compliance deadline counts the days it allows under Fed. R. Civ. P. 6(a)(1), or
    takes the date it sets (`courts.order_services`).
    """
    # The day of the order where the organisation works, not wherever the server runs.
    zone = zoneinfo.ZoneInfo(court_case.case.organisation.time_zone)
    issued_on = issued_at.astimezone(zone).date()
    order = Order(
        court_case=court_case,
        kind=kind,
        issued_at=issued_at,
        served_on=served_on,
        summary=summary,
        compliance=compliance,
        compliance_days=compliance_days,
        compliance_hours=compliance_hours,
        compliance_shown_by=compliance_shown_by or SHOWN_BY.get(compliance, ""),
    )
    compliance_deadline = _compliance_deadline(
        actor=actor, order=order, issued_on=issued_on, due_on=compliance_due_on
    )
    if compliance_deadline is not None:
        order.compliance_deadline = compliance_deadline
        order.compliance_due_at = compliance_deadline.due_at
        order.compliance_due_on = compliance_deadline.due_on
    create_case_record(order, actor=actor, action="order.create", case=court_case.case)
    deadlines = _order_deadlines(
        actor=actor,
        order=order,
        issued_on=issued_on,
        return_due_on=return_due_on,
        hearing_on=hearing_on,
    )
    if compliance_deadline is not None:
        deadlines.append(compliance_deadline)
    return order, deadlines


def _compliance_deadline(
    *, actor: User | None, order: Order, issued_on: datetime.date, due_on: datetime.date | None
) -> Deadline | None:
    """The deadline to obey an order the government must obey, once its terms are checked;
    None for an order that requires nothing (`courts.order_services`)."""
    from amparo.courts.order_services import compliance_deadline_create, compliance_terms_check

    compliance_terms_check(
        compliance=order.compliance,
        days=order.compliance_days,
        due_on=due_on,
        hours=order.compliance_hours,
    )
    if not order.compliance:
        return None
    return compliance_deadline_create(
        actor=actor,
        court_case=order.court_case,
        compliance=order.compliance,
        issued_on=issued_on,
        days=order.compliance_days,
        due_on=due_on,
        hours=order.compliance_hours,
        entered_at=order.issued_at,
    )


def _order_deadlines(
    *,
    actor: User | None,
    order: Order,
    issued_on: datetime.date,
    return_due_on: datetime.date | None,
    hearing_on: datetime.date | None,
) -> list[Deadline]:
    """The deadlines the order's kind starts: an order to show cause's return and hearing
    (28 U.S.C. § 2243), a TRO's expiry (Fed. R. Civ. P. 65(b)(2)); none for other kinds."""
    court_case = order.court_case
    # Saved with the deadline as a phrase: each reader reads it in their language.
    source = phrase("%(kind)s of %(day)s", kind=label(Order.Kind(order.kind).label), day=issued_on)
    if order.kind == Order.Kind.ORDER_TO_SHOW_CAUSE:
        return _show_cause_deadlines(
            actor=actor,
            court_case=court_case,
            trigger_on=order.served_on or issued_on,
            source=source,
            return_due_on=return_due_on,
            hearing_on=hearing_on,
        )
    if order.kind == Order.Kind.TRO:
        return [
            _rule_deadline(
                actor, court_case, "tro-expiry", trigger_on=issued_on, source_event=source
            )
        ]
    return []


def _rule_deadline(
    actor: User | None, court_case: CourtCase, rule: str, **counting: Any
) -> Deadline:
    from amparo.deadlines.services import deadline_create_from_rule

    return deadline_create_from_rule(
        actor=actor, case=court_case.case, court_case=court_case, rule=rule, **counting
    )


def _show_cause_deadlines(
    *,
    actor: User | None,
    court_case: CourtCase,
    trigger_on: datetime.date,
    source: Phrase,
    return_due_on: datetime.date | None,
    hearing_on: datetime.date | None,
) -> list[Deadline]:
    """An order to show cause: the return (3 days from service, or the court's date) and the
    hearing (5 days after the return), 28 U.S.C. § 2243."""
    return_deadline = _rule_deadline(
        actor,
        court_case,
        "habeas-return",
        trigger_on=trigger_on,
        source_event=source,
        court_set_on=return_due_on,
    )
    assert return_deadline.due_on is not None
    hearing = _rule_deadline(
        actor,
        court_case,
        "habeas-hearing",
        trigger_on=return_deadline.due_on,
        source_event=phrase("Return due under %(source)s", source=source),
        court_set_on=hearing_on,
    )
    return [return_deadline, hearing]
