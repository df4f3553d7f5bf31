"""Input checking for the organisation settings page; never saves."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import MAX_LOCATOR_RECHECK_HOURS, MembershipRole
from amparo.core.forms import AmparoForm

# The zones a US legal team works in, offered first; any other IANA zone may be typed.
US_ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
]


def time_zone_choices() -> list[tuple[str, str]]:
    others = sorted(z for z in zoneinfo.available_timezones() if z not in US_ZONES and "/" in z)
    return [(z, z.replace("_", " ")) for z in US_ZONES + others]


class OrganisationSettingsForm(AmparoForm):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("Times on every page are shown in this zone."),
    )
    locator_recheck_hours = forms.IntegerField(
        label=_("Search the detainee locator again after (hours)"),
        min_value=1,
        max_value=MAX_LOCATOR_RECHECK_HOURS,
        help_text=_(
            "For a client whose location is unknown, the team is reminded to search ICE's "
            "detainee locator again after this many hours."
        ),
    )


class MemberAddForm(AmparoForm):
    email = forms.EmailField(label=_("Email"), max_length=254)
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.PARALEGAL,
        help_text=_("What they may do in the organisation's cases."),
    )


class MemberRoleForm(AmparoForm):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
