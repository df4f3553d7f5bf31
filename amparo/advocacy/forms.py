"""Input checking for the advocacy panel and the public-page management page; never saves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.advocacy.models import CongressionalOffice, Inquiry, Statement, Waiver
from amparo.core.forms import AmparoForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class PublicationForm(AmparoForm):
    name_as_consented = forms.CharField(
        max_length=200, help_text=_("Exactly as the client agreed to be named in public.")
    )
    consent_on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the client gave consent."),
    )
    consent_given_by = forms.CharField(max_length=200, initial="the client")
    consent_note = forms.CharField(widget=forms.Textarea, required=False, max_length=2000)
    summary = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
    show_facility = forms.BooleanField(required=False, initial=True)
    confirm = forms.BooleanField(
        label=_(
            "I confirm the client consented to this public page, under this name, on the date "
            "above."
        ),
        error_messages={"required": _("Confirm the client's consent before publishing.")},
    )


class WithdrawForm(AmparoForm):
    confirm = forms.BooleanField(
        label=_("Yes, take the public page down now."),
        error_messages={"required": _("Confirm before taking the public page down.")},
    )


class PublicEventForm(AmparoForm):
    happened_on = forms.DateField(label=_("Date"))
    text = forms.CharField(max_length=500, label=_("What happened"))


def _when(label: StrOrPromise) -> forms.DateTimeField:
    return forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), label=label
    )


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


class WaiverForm(AmparoForm):
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


class InquiryForm(AmparoForm):
    office = _member_field()
    recipient = forms.CharField(max_length=200, required=False, label=_("Office"))
    caseworker = forms.CharField(max_length=200, required=False, label=_("Caseworker"))
    asked_for = forms.CharField(
        max_length=5000,
        required=False,
        label=_("Asked for"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SendForm(AmparoForm):
    sent_at = _when(_("Sent at"))
    channel = forms.ChoiceField(choices=Inquiry.Channel.choices, label=_("How"))


class ResponseForm(AmparoForm):
    response_at = _when(_("Answered at"))
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


class FollowUpForm(AmparoForm):
    at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), label=_("When")
    )
    note = forms.CharField(
        max_length=500,
        label=_("What was asked or said"),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
    )


class MemberSearchForm(AmparoForm):
    """Finding the client's members of Congress: a ZIP Code, or a state and House district."""

    zip = forms.CharField(max_length=10, required=False, label=_("ZIP Code"))
    state = forms.CharField(max_length=2, required=False, label=_("State"))
    district = forms.CharField(max_length=10, required=False, label=_("House district"))


class AnswersMixin(AmparoForm):
    """The case events a statement answers, chosen among the case's (`events`)."""

    answers = forms.MultipleChoiceField(
        required=False, label=_("Answers"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, events: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answers"] = self.fields.pop("answers")  # last in the form
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (e.key, f"{e.label} ({timezone.localtime(e.at).date().isoformat()})")
            for e in events or []
        ]

    def clean_answers(self) -> list[dict[str, str]]:
        keys = self.cleaned_data.get("answers") or []
        return [dict(zip(("kind", "id"), key.split(":", 1), strict=True)) for key in keys]


class StatementForm(AnswersMixin):
    author_kind = forms.ChoiceField(choices=Statement.AuthorKind.choices, label=_("Who spoke"))
    author_name = forms.CharField(max_length=200, label=_("Name, as credited"))
    kind = forms.ChoiceField(choices=Statement.Kind.choices, label=_("Kind"))
    said_at = _when(_("Said at"))
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


class StatementEditForm(AnswersMixin):
    text = forms.CharField(
        max_length=20000, required=False, label=_("Text"), widget=forms.Textarea(attrs={"rows": 2})
    )
    embargo_until = forms.DateTimeField(
        required=False,
        label=_("Embargoed until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    publicity_consent = forms.BooleanField(required=False, label=_("Public use consented"))


class AllyForm(AmparoForm):
    name = forms.CharField(max_length=200, label=_("Organisation"))
    website = forms.URLField(required=False, label=_("Website"), assume_scheme="https")
    contact_name = forms.CharField(max_length=200, required=False, label=_("Contact"))
    contact_role = forms.CharField(max_length=200, required=False, label=_("Role"))
    contact_email = forms.EmailField(required=False, label=_("E-mail"))
    contact_phone = forms.CharField(max_length=40, required=False, label=_("Phone"))
