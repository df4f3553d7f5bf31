"""Writes about custody: placements and transfers."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.services import filled_fields, validated_save
from amparo.custody.models import Facility, Placement

if TYPE_CHECKING:
    from amparo.accounts.models import User


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
    """Record where the client is held now; a transfer ends the previous placement."""
    current = Placement.objects.select_for_update().filter(case=case, ended_at__isnull=True).first()
    if current is not None:
        if started_at < current.started_at:
            raise ValidationError(
                {
                    "started_at": "A transfer cannot start before the current placement began "
                    f"({current.started_at:%Y-%m-%d %H:%M} UTC)."
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
    validated_save(placement)
    audit_record(
        actor=actor,
        action="placement.create",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=placement,
        changed_fields=filled_fields(placement),
    )
    return placement
