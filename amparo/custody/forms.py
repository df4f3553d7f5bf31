"""Input checking for custody forms; never saves."""

from __future__ import annotations

from django import forms

from amparo.custody.models import Facility, Placement


class PlacementForm(forms.Form):
    facility = forms.ModelChoiceField(
        queryset=Facility.objects.order_by("name"), help_text="Where the client is held now."
    )
    started_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Arrival time, in your organisation's time zone.",
    )
    source = forms.ChoiceField(choices=Placement.Source.choices)
