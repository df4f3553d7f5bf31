"""Input checking for the staff workspace: intake, team, notes, family, locator checks and
hearings. Never saves. Times typed without an offset are read in the organisation's zone (the
view passes it); every field has the model's maximum length and an error in words."""

from __future__ import annotations

import datetime
import functools
import gettext as gettext_module
import unicodedata
import zoneinfo
from typing import Any

import pycountry
from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amparo.cases.models import NOTE_MAX_LENGTH, ImmigrationHearing, LocatorCheck, Note
from amparo.core.forms import AmparoForm
from amparo.people.identifiers import normalise_phone
from amparo.people.models import LifeEvent, Person, Relative
from amparo.relief.forms import ZonedDateTimeField


def country_choices() -> list[tuple[str, Any]]:
    """Countries by name in the reader's language (users never see a code), in alphabetical
    order; the names are ISO 3166's as translated by the iso-codes project, shipped with
    pycountry."""
    return [("", _("— choose or type —")), *_countries(get_language() or "en")]


@functools.lru_cache(maxsize=8)
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    names = gettext_module.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language.split("-")[0]], fallback=True
    )
    rows = [(c.alpha_2, _country_name(c, names)) for c in pycountry.countries]
    return tuple(sorted(rows, key=lambda pair: _sort_key(pair[1])))


def _country_name(country: Any, names: gettext_module.NullTranslations) -> str:
    # The everyday name ("Iran") where the catalogue has it, else the official one translated
    # ("جمهورية إيران الإسلامية"), else the everyday English name.
    everyday = getattr(country, "common_name", country.name)
    for name in (everyday, country.name):
        translated = names.gettext(name)
        if translated != name:
            return translated
    return everyday


def _sort_key(name: str) -> str:
    # "Åland" among the A's and "Émirats" among the E's, as a reader looks for them.
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


def picker_attrs(field: forms.Field, name: str, box_id: str) -> None:
    """Make a text box the facility picker: matches load below it as one types."""
    from django.urls import reverse

    field.widget.input_type = "search"
    field.widget.attrs.update(
        {
            "hx-get": f"{reverse('cases:facility-picker')}?field={name}",
            "hx-trigger": "input changed delay:250ms, search",
            "hx-target": f"#{box_id}_choices",
            "hx-swap": "innerHTML",
            "autocomplete": "off",
        }
    )


class ZonedForm(AmparoForm):
    def __init__(self, *args: Any, zone: zoneinfo.ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        for bound in self.fields.values():
            if isinstance(bound, ZonedDateTimeField):
                bound.zone = zone


def _not_future(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is not None and value > timezone.now() + datetime.timedelta(minutes=5):
        raise forms.ValidationError(_("This time is in the future."))
    return value


class ClientIdentityForm(AmparoForm):
    """Who the client is, as intake takes it and the client's details correct it."""

    given_name = forms.CharField(label=_("Given name"), max_length=120)
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    a_number = forms.CharField(
        label=_("A-number"),
        max_length=20,
        required=False,
        help_text=_("Any spelling, e.g. A 099-123-456 or 99123456."),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    country_of_birth = forms.ChoiceField(label=_("Country of birth"), required=False)
    immigration_status = forms.ChoiceField(
        label=_("Immigration status"), choices=Person.ImmigrationStatus.choices
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country_of_birth"].choices = country_choices()  # type: ignore[attr-defined]


class IntakeForm(ZonedForm, ClientIdentityForm):
    facility_query = forms.CharField(
        label=_("Where held"),
        max_length=200,
        required=False,
        help_text=_("Type the facility's name, alias, city or state, then choose it."),
    )
    facility = forms.UUIDField(required=False, widget=forms.HiddenInput)
    held_since = ZonedDateTimeField(label=_("Held there since"), required=False)
    arrested_at = ZonedDateTimeField(label=_("Arrested at"), required=False)
    arrest_place = forms.CharField(
        label=_("Where arrested"), max_length=300, required=False, help_text=_("E.g. at home.")
    )
    location_unknown = forms.BooleanField(
        label=_("Location unknown (not found in the ICE detainee locator)"), required=False
    )
    relative_name = forms.CharField(label=_("Family contact"), max_length=200, required=False)
    relative_relationship = forms.ChoiceField(
        label=_("Relationship"),
        choices=Relative.Relationship.choices,
        initial="spouse",
        required=False,
    )
    relative_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    relative_language = forms.CharField(label=_("Language"), max_length=60, required=False)
    relative_may_contact = forms.BooleanField(label=_("We may contact them"), required=False)
    urgency_until = forms.DateField(
        label=_("Urgent until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The birth, surgery or funeral the request is about."),
    )
    urgency_reason = forms.CharField(
        label=_("Why urgent"), max_length=300, required=False, help_text=_("E.g. wife due 12-10.")
    )
    note = forms.CharField(
        label=_("First note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proceed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["immigration_status"].initial = Person.ImmigrationStatus.OTHER
        picker_attrs(self.fields["facility_query"], "facility", "id_facility_query")

    # No rule of the intake is checked here: `cases.intake.check_intake` checks them all
    # (times in the future, the urgency date passed, the arrest before the detention, the
    # A-number) and reports every one on the same submit; a check here would stop the form
    # first and hold the others back until the next submit.


class TeamForm(AmparoForm):
    lead_attorney = forms.ChoiceField(label=_("Lead attorney"), required=False)
    team = forms.MultipleChoiceField(
        label=_("Team"), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leads = [
            (str(m.id), f"{m.full_name} ({m.role_label})")
            for m in members
            if m.role in {"attorney", "admin"}
        ]
        self.fields["lead_attorney"].choices = [("", _("— nobody yet —")), *leads]  # type: ignore[attr-defined]
        self.fields["team"].choices = [  # type: ignore[attr-defined]
            (str(m.id), f"{m.full_name} ({m.role_label})") for m in members
        ]


class NoteForm(ZonedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Note.Kind.choices)
    occurred_at = ZonedDateTimeField(label=_("When"), required=False)
    body = forms.CharField(
        label=_("What was said or done"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privileged = forms.BooleanField(
        label=_("Privileged (hidden from advocacy staff)"), required=False, initial=True
    )
    pinned = forms.BooleanField(label=_("Pin to the top"), required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_occurred_at(self) -> datetime.datetime | None:
        return _not_future(self.cleaned_data.get("occurred_at"))


def _phone_as_typed(value: str) -> str:
    """A phone number the service will accept, kept as typed (the service stores it in E.164
    form); checked here too so that it is refused on the same submit as the form's own
    errors (an email address, a missing name), not only once those are fixed."""
    if value.strip():
        normalise_phone(value.strip())
    return value


class RelativeForm(AmparoForm):
    full_name = forms.CharField(label=_("Name"), max_length=200)
    relationship = forms.ChoiceField(label=_("Relationship"), choices=Relative.Relationship.choices)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    other_phone = forms.CharField(label=_("Other phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    language = forms.CharField(label=_("Language"), max_length=60, required=False)
    may_contact = forms.BooleanField(label=_("We may contact them"), required=False)
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    event_kind = forms.ChoiceField(
        label=_("Life event"),
        choices=[("", _("— none —")), *LifeEvent.Kind.choices],
        required=False,
    )
    event_description = forms.CharField(label=_("What"), max_length=300, required=False)
    event_on = forms.DateField(
        label=_("Expected on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_phone(self) -> str:
        return _phone_as_typed(self.cleaned_data.get("phone", ""))

    def clean_other_phone(self) -> str:
        return _phone_as_typed(self.cleaned_data.get("other_phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("event_kind") and not data.get("event_on"):
            self.add_error("event_on", _("Give the date of the event (a due date, for a birth)."))
        if data.get("event_kind") and not data.get("event_description"):
            self.add_error("event_description", _("Say what the event is, e.g. baby due."))
        return data


class LocatorCheckForm(ZonedForm):
    result = forms.ChoiceField(label=_("Result"), choices=LocatorCheck.Result.choices)
    detail = forms.CharField(label=_("What the locator said"), max_length=300, required=False)
    checked_at = ZonedDateTimeField(label=_("Checked at"), required=False)

    def clean_checked_at(self) -> datetime.datetime | None:
        return _not_future(self.cleaned_data.get("checked_at"))


class HearingForm(ZonedForm):
    kind = forms.ChoiceField(label=_("Hearing"), choices=ImmigrationHearing.Kind.choices)
    scheduled_at = ZonedDateTimeField(label=_("Date and time"))
    immigration_court = forms.ChoiceField(label=_("Immigration court"), required=False)
    judge = forms.CharField(label=_("Judge"), max_length=120, required=False)
    mode = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *ImmigrationHearing.Mode.choices], required=False
    )
    outcome = forms.CharField(label=_("Outcome"), max_length=300, required=False)

    def __init__(self, *args: Any, courts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["immigration_court"].choices = [("", "—"), *courts]  # type: ignore[attr-defined]


class HearingEditForm(ZonedForm):
    """Reschedule a hearing or record how it went; the time is read in the hearing's zone."""

    scheduled_at = ZonedDateTimeField(label=_("Date and time"))
    judge = forms.CharField(label=_("Judge"), max_length=120, required=False)
    mode = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *ImmigrationHearing.Mode.choices], required=False
    )
    outcome = forms.CharField(label=_("Outcome"), max_length=300, required=False)


def _list_of(text: str, limit: int, item_length: int, what: Any) -> list[str]:
    items = [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]
    if len(items) > limit:
        raise forms.ValidationError(_("Give at most %(n)d %(what)s.") % {"n": limit, "what": what})
    if any(len(item) > item_length for item in items):
        raise forms.ValidationError(
            _("Each one may have at most %(n)d characters.") % {"n": item_length}
        )
    return items


class ClientForm(ClientIdentityForm):
    """The client's own details, corrected after intake (people.services.person_update)."""

    # The other names read best next to the name.
    field_order = ["given_name", "family_name", "aliases"]

    aliases = forms.CharField(
        label=_("Other names and spellings"),
        max_length=1000,
        required=False,
        help_text=_("Separate them with commas."),
    )
    status_since = forms.DateField(
        label=_("Status held since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    languages = forms.CharField(
        label=_("Languages"),
        max_length=500,
        required=False,
        help_text=_("Preferred first, separated by commas."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_date_of_birth(self) -> datetime.date | None:
        day = self.cleaned_data.get("date_of_birth")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(_("A date of birth cannot be in the future."))
        return day

    def clean_aliases(self) -> list[str]:
        return _list_of(self.cleaned_data.get("aliases", ""), 20, 200, _("names"))

    def clean_languages(self) -> list[str]:
        return _list_of(self.cleaned_data.get("languages", ""), 10, 60, _("languages"))

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        from amparo.people.identifiers import format_a_number

        return {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "aliases": ", ".join(person.aliases or []),
            "a_number": format_a_number(person.a_number) if person.a_number else "",
            "date_of_birth": person.date_of_birth,
            "country_of_birth": person.country_of_birth,
            "immigration_status": person.immigration_status,
            "status_since": person.status_since,
            "languages": ", ".join(person.languages or []),
            "version": person.version,
        }
