"""Shows times in the signed-in member's organisation time zone."""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from amparo.accounts.models import Membership
from amparo.core.access import remember_roles

ZONES = "_amparo_zones"
MEMBERSHIPS = "_amparo_memberships"


def memberships_of(user: Any) -> list[tuple[uuid.UUID, str, str, bool]]:
    """(organisation id, role, the organisation's time zone, whether it requires MFA) for each
    of the user's memberships, the oldest organisation first.

    Read once a request and kept on the user object, as the roles are: the MFA check
    (`accounts.middleware`), the time zone and the access gate's roles all come from this one
    query, which two middleware classes used to make each for their part."""
    kept: list[tuple[uuid.UUID, str, str, bool]] | None = user.__dict__.get(MEMBERSHIPS)
    if kept is None:
        kept = list(
            Membership.objects.filter(user=user)
            .order_by("organisation__created_at")
            .values_list(
                "organisation_id", "role", "organisation__time_zone", "organisation__require_mfa"
            )
        )
        user.__dict__[MEMBERSHIPS] = kept
    return kept


def member_zones(user: Any) -> dict[uuid.UUID, zoneinfo.ZoneInfo]:
    """The time zones of the user's organisations as this request read them (no query); empty
    when nothing read them, and then the caller reads the zones it needs itself (as
    `cases.facts.custody_facts_of` does)."""
    return dict(getattr(user, ZONES, None) or {})


def activate_organisation_time_zone(user: Any) -> None:
    """Use the zone of the user's first organisation for dates shown and "today".

    The same read (`memberships_of`) gives the user's roles, which the access gate would
    otherwise fetch again, and the zones of all the user's organisations (`member_zones`)."""
    memberships = memberships_of(user)
    remember_roles(user, {organisation: role for organisation, role, *_rest in memberships})
    user.__dict__[ZONES] = {
        organisation: zoneinfo.ZoneInfo(zone)
        for organisation, _role, zone, _mfa in memberships
        if zone
    }
    zone = memberships[0][2] if memberships else ""
    if zone:
        timezone.activate(zoneinfo.ZoneInfo(zone))


class OrganisationTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_organisation_time_zone(user)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
