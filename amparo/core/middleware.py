"""Shows times in the signed-in member's organisation time zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from amparo.accounts.models import Membership
from amparo.core.access import remember_roles


def activate_organisation_time_zone(user: Any) -> None:
    """Use the zone of the user's first organisation for dates shown and "today".

    The same read gives the user's roles, which the access gate would otherwise fetch again."""
    memberships = list(
        Membership.objects.filter(user=user)
        .order_by("organisation__created_at")
        .values_list("organisation_id", "role", "organisation__time_zone")
    )
    remember_roles(user, {organisation: role for organisation, role, _zone in memberships})
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
