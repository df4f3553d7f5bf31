"""Reads for the organisation admin's pages (the caller has the organisation through the gate)."""

from __future__ import annotations

from amparo.accounts.models import Membership, Organisation


def organisation_memberships(organisation: Organisation) -> list[Membership]:
    """Every membership of the organisation with its account, by name then email."""
    return list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
