"""Input checking for custody forms; never saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import AmparoForm
from amparo.custody.models import Facility, Placement


class PlacementForm(AmparoForm):
    # The facility picker (cases/_facility_picker.html): type, then choose one of the matches.
    facility_query = forms.CharField(
        label=_("Moved to"),
        max_length=200,
        required=False,
        help_text=_("Type the facility's name, alias, city or state, then choose it."),
    )
    facility = forms.UUIDField(
        required=False, error_messages={"invalid": _("Choose a facility from the list.")}
    )
    started_at = forms.DateTimeField(
        label=_("Arrived"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Arrival time, in your organisation's time zone."),
    )
    source = forms.ChoiceField(label=_("Source"), choices=Placement.Source.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from amparo.cases.workspace_forms import picker_attrs

        super().__init__(*args, **kwargs)
        picker_attrs(self.fields["facility_query"], "facility", "id_facility_query")

    def clean_facility(self) -> Facility:
        from amparo.custody.selectors import facility_get

        value = self.cleaned_data.get("facility")
        if value is None:
            raise forms.ValidationError(_("Type part of the facility's name, then choose it."))
        try:
            return facility_get(value)
        except Http404:
            raise forms.ValidationError(_("Choose a facility from the list.")) from None
