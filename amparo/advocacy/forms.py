"""Input checking for the public-page management page; never saves."""

from __future__ import annotations

from django import forms


class PublicationForm(forms.Form):
    name_as_consented = forms.CharField(
        max_length=200, help_text="Exactly as the client agreed to be named in public."
    )
    consent_on = forms.DateField(help_text="Date the client gave consent (YYYY-MM-DD).")
    consent_given_by = forms.CharField(max_length=200, initial="the client")
    consent_note = forms.CharField(widget=forms.Textarea, required=False)
    summary = forms.CharField(widget=forms.Textarea, required=False)
    show_facility = forms.BooleanField(required=False, initial=True)


class PublicEventForm(forms.Form):
    happened_on = forms.DateField()
    text = forms.CharField(max_length=500)
