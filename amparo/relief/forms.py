"""Input checking for the request panel's short forms; the views hand clean data to services.

Times typed into a form carry no offset: they are read in the organisation's time zone (the
zone the team works in), which the view passes as `zone`.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import AmparoForm
from amparo.relief.models import Decision, Request
from amparo.relief.rules import ACTIONS


class ZonedDateTimeField(forms.CharField):
    """A datetime-local value ("2025-03-09T17:12") read in a given zone, or one with an offset."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"}))
        super().__init__(*args, **kwargs)
        self.zone: zoneinfo.ZoneInfo | None = None

    def to_python(self, value: Any) -> datetime.datetime | None:  # type: ignore[override]
        text = str(super().to_python(value)).strip()
        if not text:
            return None
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(_("Give a date and time, e.g. 2025-03-09 17:12.")) from None
        if parsed.tzinfo is None:
            if self.zone is None:
                raise forms.ValidationError(_("Give the time with its time zone offset."))
            parsed = parsed.replace(tzinfo=self.zone)
        return parsed


class _ZonedForm(AmparoForm):
    def __init__(self, *args: Any, zone: zoneinfo.ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for bound in self.fields.values():
            if isinstance(bound, ZonedDateTimeField):
                bound.zone = zone


class RequestForm(AmparoForm):
    type = forms.ChoiceField(label=_("Type"))
    reason = forms.CharField(
        max_length=20000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Reason")
    )
    requested_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label=_("Days asked for")
    )
    urgency_until = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=_("Urgent until"),
        help_text=_("The birth, funeral or surgery; the request is moot after it."),
    )
    addressed_to = forms.CharField(required=False, max_length=200, label=_("Addressed to"))

    def __init__(self, *args: Any, types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = types  # type: ignore[attr-defined]

    def clean_urgency_until(self) -> datetime.date | None:
        """A past urgency date is refused at entry: the request would be moot already. Today is
        the organisation's (its zone is active for the request)."""
        day = self.cleaned_data.get("urgency_until")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("This date has passed; give a date from today on."))
        return day


class SubmitForm(_ZonedForm):
    submitted_at = ZonedDateTimeField(label=_("Sent at"))
    channel = forms.ChoiceField(choices=Request.Channel.choices, label=_("By"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AcknowledgeForm(_ZonedForm):
    acknowledged_at = ZonedDateTimeField(label=_("Acknowledged at"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DecisionForm(_ZonedForm):
    """Logging a decision is one short form: when, what, and whether reasons were given."""

    decided_at = ZonedDateTimeField(label=_("Decided at"))
    outcome = forms.ChoiceField(choices=Decision.Outcome.choices, label=_("Outcome"))
    reasons_given = forms.BooleanField(required=False, label=_("Reasons given"))
    reasons = forms.CharField(
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Reasons"),
    )
    decided_by = forms.CharField(required=False, max_length=200, label=_("Decided by"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class VersionForm(AmparoForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TakeStepForm(AmparoForm):
    action = forms.ChoiceField(choices=[(slug, slug) for slug in ACTIONS])
