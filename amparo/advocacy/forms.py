"""Input checking for the advocacy panel and the public-page management page; never saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.advocacy.models import CongressionalOffice, Inquiry, Statement, Waiver


class PublicationForm(forms.Form):
    name_as_consented = forms.CharField(
        max_length=200, help_text="Exactly as the client agreed to be named in public."
    )
    consent_on = forms.DateField(help_text="Date the client gave consent (YYYY-MM-DD).")
    consent_given_by = forms.CharField(max_length=200, initial="the client")
    consent_note = forms.CharField(widget=forms.Textarea, required=False, max_length=2000)
    summary = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
    show_facility = forms.BooleanField(required=False, initial=True)


class PublicEventForm(forms.Form):
    happened_on = forms.DateField()
    text = forms.CharField(max_length=500)


def _when() -> forms.DateTimeField:
    return forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class MemberChoiceField(forms.ModelChoiceField[CongressionalOffice]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _member_field() -> MemberChoiceField:
    return MemberChoiceField(
        queryset=CongressionalOffice.objects.all(),
        required=False,
        label=_("Member of Congress"),
        empty_label=_("— or name the office —"),
    )


class WaiverForm(forms.Form):
    member = _member_field()
    recipient = forms.CharField(
        max_length=200, required=False, label=_("Office named on the waiver")
    )
    form = forms.ChoiceField(choices=Waiver.Form.choices, label=_("Form"))
    signed_on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), label=_("Signed on")
    )
    signed_by = forms.ChoiceField(choices=Waiver.SignedBy.choices, label=_("Signed by"))
    signer_name = forms.CharField(max_length=200, required=False, label=_("Guardian's name"))
    scope = forms.CharField(
        max_length=2000, required=False, label=_("Scope"), widget=forms.Textarea(attrs={"rows": 2})
    )


class InquiryForm(forms.Form):
    office = _member_field()
    recipient = forms.CharField(max_length=200, required=False, label=_("Office"))
    caseworker = forms.CharField(max_length=200, required=False, label=_("Caseworker"))
    asked_for = forms.CharField(
        max_length=5000,
        required=False,
        label=_("Asked for"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SendForm(forms.Form):
    sent_at = _when()
    channel = forms.ChoiceField(choices=Inquiry.Channel.choices, label=_("How"))


class ResponseForm(forms.Form):
    response_at = _when()
    outcome = forms.ChoiceField(
        choices=[c for c in Inquiry.Outcome.choices if c[0] != Inquiry.Outcome.PENDING],
        label=_("Outcome"),
    )
    summary = forms.CharField(
        max_length=5000,
        required=False,
        label=_("What they said"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StatementForm(forms.Form):
    author_kind = forms.ChoiceField(choices=Statement.AuthorKind.choices, label=_("Who spoke"))
    author_name = forms.CharField(max_length=200, label=_("Name, as credited"))
    kind = forms.ChoiceField(choices=Statement.Kind.choices, label=_("Kind"))
    said_at = _when()
    language = forms.CharField(max_length=35, initial="en", label=_("Language"))
    text = forms.CharField(
        max_length=20000, required=False, label=_("Text"), widget=forms.Textarea(attrs={"rows": 3})
    )
    url = forms.URLField(required=False, max_length=500, label=_("Link"), assume_scheme="https")
    embargo_until = forms.DateTimeField(
        required=False,
        label=_("Embargoed until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    publicity_consent = forms.BooleanField(
        required=False, label=_("The client consents to public use")
    )


class StatementEditForm(forms.Form):
    text = forms.CharField(
        max_length=20000, required=False, label=_("Text"), widget=forms.Textarea(attrs={"rows": 2})
    )
    embargo_until = forms.DateTimeField(
        required=False,
        label=_("Embargoed until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    publicity_consent = forms.BooleanField(required=False, label=_("Public use consented"))


class AllyForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Organisation"))
    website = forms.URLField(required=False, label=_("Website"), assume_scheme="https")
    contact_name = forms.CharField(max_length=200, required=False, label=_("Contact"))
    contact_role = forms.CharField(max_length=200, required=False, label=_("Role"))
    contact_email = forms.EmailField(required=False, label=_("E-mail"))
    contact_phone = forms.CharField(max_length=40, required=False, label=_("Phone"))
