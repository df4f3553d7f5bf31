"""Input checking for court-case forms; never saves."""

from __future__ import annotations

from django import forms

from amparo.courts.models import CourtCase, Order, validate_docket_number


class FileForm(forms.Form):
    docket_number = forms.CharField(
        max_length=40, validators=[validate_docket_number], help_text="E.g. 1:26-cv-00412"
    )
    filed_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class OrderForm(forms.Form):
    kind = forms.ChoiceField(choices=Order.Kind.choices)
    issued_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    served_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    return_due_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Only if the court set the return date (at most 20 days, 28 U.S.C. § 2243).",
    )
    hearing_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Only if the court set the hearing date (28 U.S.C. § 2243).",
    )
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DraftForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(CourtCase.Kind.HABEAS, "Habeas petition"), (CourtCase.Kind.TRO, "TRO motion")]
    )
