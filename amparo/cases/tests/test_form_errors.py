"""Form errors as the user sees them: beside their field, in their language, in our words, and
all of one submit together (not one batch per submit)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amparo.cases.intake import Intake, check_intake, intake_record
from amparo.conftest import Cast, signed_in
from amparo.factories import FacilityFactory
from amparo.people.models import Person, Relative

pytestmark = pytest.mark.django_db


def _after(html: str, marker: str, length: int = 1500) -> str:
    """The page from `marker` on: a field's box, then the errors shown beside it."""
    return html[html.index(marker) : html.index(marker) + length]


def test_a_relative_s_phone_of_letters_is_refused_in_spanish_beside_the_phone_box(
    cast: Cast,
) -> None:
    cast.attorney.language = "es"
    cast.attorney.save(update_fields=["language"])
    answer = signed_in(cast.attorney).post(
        reverse("cases:people", args=[cast.case.id]),
        {"full_name": "Lucía Ortega", "relationship": "spouse", "phone": "abc"},
    )
    html = answer.content.decode()
    assert "no es un número de teléfono" in _after(html, 'id="id_relative_phone"').lower()
    assert "did not seem" not in html
    assert "string supplied" not in html
    assert not Relative.objects.filter(person=cast.case.person).exists()


def _intake(**typed: str) -> dict[str, str]:
    return {
        "given_name": "Ana",
        "family_name": "Ruiz",
        "immigration_status": "other",
        "relative_relationship": "spouse",
        "proceed": "on",
        **typed,
    }


def test_intake_refuses_a_date_of_birth_in_the_future(cast: Cast) -> None:
    """Service level: the person's own rule, whatever form or API sent it."""
    intake = Intake(
        given_name="Ana",
        family_name="Ruiz",
        date_of_birth=timezone.localdate() + datetime.timedelta(days=30),
    )
    errors = check_intake(intake, organisation=cast.organisation)
    assert errors["date_of_birth"] == ["A date of birth cannot be in the future."]


def test_held_there_since_without_a_facility_is_an_error_not_dropped(cast: Cast) -> None:
    people = Person.objects.count()  # the fixture's, whatever their names
    held = timezone.now() - datetime.timedelta(days=2)
    intake = Intake(given_name="Ana", family_name="Ruiz", held_since=held)
    with pytest.raises(ValidationError) as raised:
        intake_record(actor=cast.attorney, organisation=cast.organisation, intake=intake)
    assert "Name the facility" in raised.value.message_dict["held_since"][0]
    assert Person.objects.count() == people


def test_intake_shows_every_error_of_one_submit_together(cast: Cast) -> None:
    """The urgency date passed (a form rule before), a bad A-number and an arrest after the
    detention began (the service's rules) and a date of birth to come, all on one submit."""
    people = Person.objects.count()  # the fixture's, whatever their names
    facility = FacilityFactory()
    now = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(cast.organisation.time_zone))
    answer = signed_in(cast.attorney).post(
        reverse("cases:intake"),
        _intake(
            a_number="12",
            date_of_birth=(now.date() + datetime.timedelta(days=3)).isoformat(),
            facility=str(facility.id),
            held_since=(now - datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
            arrested_at=(now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            urgency_until=(now.date() - datetime.timedelta(days=1)).isoformat(),
            urgency_reason="Wife due",
        ),
    )
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "urgency date has passed" in _after(html, 'name="urgency_until"')
    assert "A date of birth cannot be in the future." in _after(html, 'name="date_of_birth"')
    assert "The arrest comes before the detention" in _after(html, 'name="arrested_at"')
    assert "A-number" in _after(html, 'name="a_number"', 600) and "9 digits" in html
    assert Person.objects.count() == people


def test_intake_held_since_without_a_facility_is_shown_beside_the_date(cast: Cast) -> None:
    people = Person.objects.count()  # the fixture's, whatever their names
    now = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(cast.organisation.time_zone))
    held = (now - datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    answer = signed_in(cast.attorney).post(reverse("cases:intake"), _intake(held_since=held))
    assert answer.status_code == 422
    assert "Name the facility" in _after(answer.content.decode(), 'name="held_since"')
    assert Person.objects.count() == people


def test_relative_form_shows_a_bad_email_and_a_bad_phone_together(cast: Cast) -> None:
    answer = signed_in(cast.attorney).post(
        reverse("cases:people", args=[cast.case.id]),
        {"full_name": "Lucía Ortega", "relationship": "spouse", "phone": "abc", "email": "x@"},
    )
    html = answer.content.decode()
    assert "not a phone number" in _after(html, 'id="id_relative_phone"').lower()
    assert "valid email" in _after(html, 'id="id_relative_email"')
    assert not Relative.objects.filter(person=cast.case.person).exists()
