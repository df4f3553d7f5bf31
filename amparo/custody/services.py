"""Writes about custody: placements and transfers, and the alert a venue change raises."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.audit.services import audit_case_write
from amparo.cases.models import Case, CaseAlert
from amparo.core.dateformats import shown_moment
from amparo.core.phrases import joined, phrase, phrase_plural
from amparo.core.services import create_case_record, validated_save
from amparo.courts.models import CourtCase
from amparo.courts.order_services import orders_watch_placement, orders_watch_release
from amparo.custody.models import Facility, Placement
from amparo.custody.selectors import venue_of_facility

# Clocks differ a little between phones, fax machines and servers; an hour ahead is a mistake.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.custody.rules import Venue


@transaction.atomic
def placement_record(
    *,
    actor: User | None,
    case: Case,
    facility: Facility,
    started_at: datetime.datetime,
    source: str,
    observed_at: datetime.datetime | None = None,
) -> Placement:
    """Record where the client is held now; a transfer ends the previous placement.

    When the transfer changes the venue (habeas district or field office) the case gets an alert
    and every habeas petition still in draft is flagged: a petition must be filed in the district
    of confinement at filing (Rumsfeld v. Padilla, 542 U.S. 426 (2004)). Filed petitions keep the
    venue they were filed in (Ex parte Endo, 323 U.S. 283 (1944)) and are left alone.
    """
    if timezone.is_naive(started_at):
        raise ValidationError({"started_at": _("Give the time with its time zone offset.")})
    if started_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"started_at": _("This time is in the future.")})
    current = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("facility__field_office")
        .filter(case=case, ended_at__isnull=True)
        .first()
    )
    if current is not None:
        if started_at < current.started_at:
            raise ValidationError(
                {
                    "started_at": _(
                        "A transfer cannot start before the current placement began (%(began)s)."
                    )
                    % {"began": shown_moment(current.started_at)}
                }
            )
        current.ended_at = started_at
        validated_save(current, update_fields=["ended_at"])
    placement = Placement(
        case=case,
        facility=facility,
        started_at=started_at,
        source=source,
        observed_at=observed_at or timezone.now(),
    )
    create_case_record(placement, actor=actor, action="placement.create", case=case)
    # Court orders of return or of no transfer are watched in this same transaction.
    orders_watch_placement(actor=actor, case=case, placement=placement, previous=current)
    # Found again: the client is no longer "location unknown".
    Case.objects.filter(pk=case.pk, location_unknown_since__isnull=False).update(
        location_unknown_since=None
    )
    if current is not None and current.facility_id != facility.id:
        _alert_if_venue_changed(
            actor=actor,
            case=case,
            before=venue_of_facility(current.facility),
            after=venue_of_facility(facility),
        )
    return placement


@transaction.atomic
def placement_end(*, actor: User | None, case: Case, ended_at: datetime.datetime) -> Placement:
    """Record the client's release: the current placement ends and no new one begins. Release
    orders of the court are obeyed by it, in the same transaction."""
    if timezone.is_naive(ended_at):
        raise ValidationError({"ended_at": _("Give the time with its time zone offset.")})
    if ended_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"ended_at": _("This time is in the future.")})
    current = (
        Placement.objects.select_for_update(of=("self",))
        .filter(case=case, ended_at__isnull=True)
        .first()
    )
    if current is None:
        raise ValidationError({"ended_at": _("No current placement is recorded for this case.")})
    if ended_at < current.started_at:
        raise ValidationError(
            {"ended_at": _("The release cannot come before the placement began.")}
        )
    current.ended_at = ended_at
    validated_save(current, update_fields=["ended_at"])
    audit_case_write(actor, "placement.end", current, changed_fields=["ended_at"])
    orders_watch_release(actor=actor, case=case, released_at=ended_at)
    return current


def _court_label(venue: Venue) -> str:
    court = venue.district_court
    return court.short_name if court else phrase("no district (venue needs legal analysis)")


def _draft_petitions(case: Case, *, redirect: bool) -> list[Any]:
    """The ids of the case's draft habeas petitions; `redirect`: the district changed, so each
    is marked to be redirected to the new court."""
    drafts = CourtCase.objects.filter(
        case=case, kind=CourtCase.Kind.HABEAS, status=CourtCase.Status.DRAFT
    )
    flagged = list(drafts.values_list("id", flat=True))
    if redirect and flagged:
        drafts.update(venue_changed=True, updated_at=timezone.now())
    return flagged


def _alert_if_venue_changed(
    *, actor: User | None, case: Case, before: Venue, after: Venue
) -> CaseAlert | None:
    before_court = before.district_court.id if before.district_court else None
    after_court = after.district_court.id if after.district_court else None
    before_office = before.field_office.code if before.field_office else None
    after_office = after.field_office.code if after.field_office else None
    if before_court == after_court and before_office == after_office:
        return None
    parts: list[str] = []
    if before_court != after_court:
        parts.append(
            phrase(
                "venue changed: %(before)s → %(after)s",
                before=_court_label(before),
                after=_court_label(after),
            )
        )
    if before_office != after_office:
        parts.append(
            phrase(
                "field office changed: %(before)s → %(after)s",
                before=before_office or "?",
                after=after_office or "?",
            )
        )
    flagged = _draft_petitions(case, redirect=before_court != after_court)
    if before_court != after_court and flagged:
        parts.append(
            phrase_plural(
                "%(count)s draft habeas petition must be redirected",
                "%(count)s draft habeas petitions must be redirected",
                number="count",
                count=len(flagged),
            )
        )
    message = joined(parts, "; ")
    alert = CaseAlert(
        case=case,
        kind=CaseAlert.Kind.VENUE_CHANGED,
        message=message[:300],
        data={
            # Read in each reader's language (CaseAlert.shown_message).
            "message": message.stored(with_text=False),
            "from": before.as_dict(),
            "to": after.as_dict(),
            "flagged_court_cases": [str(i) for i in flagged],
        },
    )
    validated_save(alert)
    audit_case_write(
        actor,
        "case_alert.create",
        alert,
        changed_fields=["kind", "message"],
        case=case,
    )
    return alert


@transaction.atomic
def case_alert_resolve(*, actor: User, alert: CaseAlert) -> CaseAlert:
    if alert.resolved_at is None:
        alert.resolved_at = timezone.now()
        alert.resolved_by = actor
        validated_save(alert, update_fields=["resolved_at", "resolved_by"])
        audit_case_write(
            actor, "case_alert.resolve", alert, changed_fields=["resolved_at", "resolved_by"]
        )
    return alert
