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


def member_zones(user: Any) -> dict[uuid.UUID, zoneinfo.ZoneInfo]:
    """The time zones of the user's organisations as this request's middleware read them (no
    query); empty when it did not (an API call signed in by a bearer token), and then the
    caller reads the zones it needs itself (as `cases.facts.custody_facts_of` does)."""
    return dict(getattr(user, ZONES, None) or {})


def activate_organisation_time_zone(user: Any) -> None:
    """Use the zone of the user's first organisation for dates shown and "today".

    The same read gives the user's roles, which the access gate would otherwise fetch again,
    and the zones of all the user's organisations (`member_zones`)."""
    memberships = list(
        Membership.objects.filter(user=user)
        .order_by("organisation__created_at")
        .values_list("organisation_id", "role", "organisation__time_zone")
    )
    remember_roles(user, {organisation: role for organisation, role, _zone in memberships})
    user.__dict__[ZONES] = {
        organisation: zoneinfo.ZoneInfo(zone) for organisation, _role, zone in memberships if zone
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
