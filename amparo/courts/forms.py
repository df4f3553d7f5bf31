"""Input checking for court-case forms; never saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import AmparoForm
from amparo.courts.models import CourtCase, Order, validate_docket_number


class FileForm(AmparoForm):
    docket_number = forms.CharField(
        max_length=40, validators=[validate_docket_number], help_text=_("E.g. 1:26-cv-00412")
    )
    filed_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class OrderForm(AmparoForm):
    kind = forms.ChoiceField(choices=Order.Kind.choices)
    issued_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    served_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    return_due_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only if the court set the return date (at most 20 days, 28 U.S.C. § 2243)."),
    )
    hearing_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only if the court set the hearing date (28 U.S.C. § 2243)."),
    )
    summary = forms.CharField(
        max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    compliance = forms.ChoiceField(
        choices=Order.Compliance.choices,
        required=False,
        label=_("The order requires"),
    )
    compliance_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        label=_("Within days"),
        help_text=_(
            "Counted from the order under Fed. R. Civ. P. 6(a)(1) unless it says otherwise."
        ),
    )
    compliance_hours = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=720,
        label=_("Within hours"),
        help_text=_("Counted from the moment of the order under Fed. R. Civ. P. 6(a)(2)."),
    )
    compliance_due_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=_("By date"),
        help_text=_("Only if the order sets a date; it governs."),
    )
    compliance_shown_by = forms.CharField(
        required=False, max_length=300, label=_("Compliance is shown by")
    )


class ComplianceForm(AmparoForm):
    complied_at = forms.DateTimeField(
        label=_("Complied at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    evidence = forms.CharField(max_length=300, label=_("What shows it"))


class DraftForm(AmparoForm):
    kind = forms.ChoiceField(
        choices=[
            (CourtCase.Kind.HABEAS, _("Habeas petition")),
            (CourtCase.Kind.TRO, _("TRO motion")),
        ]
    )
