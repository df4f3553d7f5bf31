"""A-numbers, country codes and phone numbers: how they are read, checked, shown and stored."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from amparo.accounts.models import Organisation
from amparo.audit.models import AuditEvent
from amparo.factories import OrganisationFactory, PersonFactory
from amparo.people.identifiers import (
    country_name,
    format_a_number,
    mask_a_number,
    normalise_a_number,
    normalise_phone,
    validate_country_code,
    validate_country_list,
    validate_phone,
)
from amparo.people.models import Person
from amparo.people.services import person_create

# --- A-numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("A 012-345-678", "012345678"),
        ("A-012-345-678", "012345678"),
        ("a012345678", "012345678"),
        ("012345678", "012345678"),
        ("A12345678", "012345678"),
        ("12345678", "012345678"),
        (" A 123.456.789 ", "123456789"),
        ("A201234567", "201234567"),
    ],
)
def test_a_number_typed_any_common_way_is_stored_as_nine_digits(typed: str, stored: str) -> None:
    """DOMAIN.md §7: "A" followed by 8 or 9 digits; EOIR has required 9 digits since
    21 July 2008, so an 8-digit number takes a leading 0. Accept ^A?\\d{8,9}$ after stripping
    punctuation (justice.gov/eoir/customer-service-initiatives)."""
    assert normalise_a_number(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("1234567", id="7 digits"),
        pytest.param("A 765-4321", id="7 digits with A"),
        pytest.param("0123456789", id="10 digits"),
        pytest.param("A12B45678", id="letter inside"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("B12345678", id="wrong leading letter"),
        pytest.param("AA12345678", id="two As"),
    ],
)
def test_malformed_a_number_is_refused_without_repeating_it(typed: str) -> None:
    """DOMAIN.md §7 (8 or 9 digits after an optional A); HOUSE_STYLE.md: never put a client's
    A-number in exception text."""
    with pytest.raises(ValidationError) as caught:
        normalise_a_number(typed)

    assert caught.value.code == "invalid_a_number"
    [message] = caught.value.messages
    assert "8 or 9 digits" in message
    digits = re.sub(r"\D", "", typed)
    if typed.strip():
        assert typed.strip() not in message
    if digits:
        assert digits not in message


def test_a_number_is_displayed_in_three_groups_after_an_a() -> None:
    """DOMAIN.md §7: display as A###-###-###."""
    assert format_a_number("012345678") == "A012-345-678"


def test_masked_a_number_shows_only_the_last_three_digits() -> None:
    masked = mask_a_number("012345678")

    assert masked == "A•••-•••-678"
    assert "012" not in masked
    assert "345" not in masked


def test_person_without_a_number_displays_nothing() -> None:
    assert Person(a_number=None).a_number_display == ""
    assert Person(a_number="012345678").a_number_display == "A012-345-678"


# --- country codes --------------------------------------------------------------------------


def refusals(validator: Callable[[Any], None], value: object) -> list[str]:
    """The messages `validator` refuses `value` with; [] when it accepts it."""
    try:
        validator(value)
    except ValidationError as exc:
        return list(exc.messages)
    return []


@pytest.mark.parametrize("code", ["MX", "HT", "VE", "SV", ""])
def test_iso_country_code_or_blank_is_accepted(code: str) -> None:
    """ISO 3166-1 alpha-2; the ICE detainee locator searches by country of birth (DOMAIN.md §7)."""
    assert refusals(validate_country_code, code) == []
    assert code == "" or country_name(code) != code  # it names a country


def test_unassigned_country_code_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_country_code("XX")

    assert caught.value.code == "invalid_country"
    assert "ISO 3166-1 alpha-2" in caught.value.messages[0]


def test_lower_case_country_code_is_refused_with_the_upper_case_rule() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_country_code("mx")

    assert caught.value.messages == ["Country codes are upper case (e.g. MX)."]


@pytest.mark.parametrize("codes", [[], ["MX"], ["MX", "US", "GT"]])
def test_list_of_country_codes_is_accepted(codes: list[str]) -> None:
    assert refusals(validate_country_list, codes) == []


@pytest.mark.parametrize(
    "codes",
    [
        pytest.param(["MX", "XX"], id="one unassigned code"),
        pytest.param(["MX", "gt"], id="one lower-case code"),
        pytest.param("MX", id="a string, not a list"),
        pytest.param({"MX": True}, id="a mapping"),
    ],
)
def test_bad_list_of_country_codes_is_refused(codes: object) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_country_list(codes)

    assert caught.value.code == "invalid_country"


def test_country_list_that_is_not_a_list_says_a_list_is_expected() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_country_list("MX")

    assert caught.value.messages == ["A list of country codes is expected."]


# --- phone numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("(504) 555-0123", "+15045550123", id="US number without +"),
        pytest.param("504.555.0123", "+15045550123", id="US number with dots"),
        pytest.param("+1 504 555 0123", "+15045550123", id="US number with +1"),
        pytest.param("+52 55 1234 5678", "+525512345678", id="Mexico City with +52"),
        pytest.param("+44 20 7946 0958", "+442079460958", id="London with +44"),
    ],
)
def test_phone_number_is_stored_in_e164_form(typed: str, stored: str) -> None:
    """ITU-T E.164: + country code, then the national number without spaces or punctuation.
    Numbers without + are read as US numbers (the organisations are in the US)."""
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("not a phone", id="words"),
        pytest.param("12", id="too short"),
        pytest.param("+1 504 555", id="US number cut short"),
        pytest.param("", id="empty"),
    ],
)
def test_garbage_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone(typed)

    assert caught.value.code == "invalid_phone"


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "not a phone number"), ("es", "no es un número de teléfono"), ("ar", "ليس رقم هاتف")],
)
def test_a_phone_number_of_letters_is_refused_in_our_words_and_the_user_s_language(
    language: str, words: str
) -> None:
    """The library's own reason ("The string supplied did not seem to be a phone number") is
    English and technical; the message is ours, translated."""
    with translation.override(language), pytest.raises(ValidationError) as caught:
        normalise_phone("abc")

    message = caught.value.messages[0]
    assert words in message.lower()
    assert "string supplied" not in message
    assert "(1)" not in message


def test_phone_field_accepts_only_the_e164_form() -> None:
    validate_phone("+15045550123")
    validate_phone("")
    with pytest.raises(ValidationError) as caught:
        validate_phone("(504) 555-0123")

    assert "E.164" in caught.value.messages[0]


# --- person_create --------------------------------------------------------------------------


def create(organisation: Organisation, a_number: str | None) -> Person:
    return person_create(
        actor=None,
        organisation=organisation,
        given_name="Rosa",
        family_name="Doe",
        a_number=a_number,
        country_of_birth="hn",
    )


@pytest.mark.django_db
def test_new_client_with_eight_digit_a_number_is_stored_with_a_leading_zero() -> None:
    """DOMAIN.md §7: pad 8-digit A-numbers with a leading 0 (EOIR, since 21 July 2008)."""
    organisation = OrganisationFactory()

    person = create(organisation, "A 87654321")

    person.refresh_from_db()
    assert person.a_number == "087654321"
    assert person.a_number_display == "A087-654-321"
    assert person.country_of_birth == "HN"


@pytest.mark.django_db
def test_new_client_without_a_number_is_stored_with_none() -> None:
    organisation = OrganisationFactory()

    person = create(organisation, "")

    person.refresh_from_db()
    assert person.a_number is None


@pytest.mark.django_db
def test_new_client_with_malformed_a_number_is_refused_and_nothing_is_saved() -> None:
    organisation = OrganisationFactory()
    people, events = Person.objects.count(), AuditEvent.objects.count()

    with pytest.raises(ValidationError) as caught:
        create(organisation, "A 876-5432")

    assert list(caught.value.message_dict) == ["a_number"]
    assert "8 or 9 digits" in caught.value.message_dict["a_number"][0]
    assert "8765432" not in str(caught.value)
    assert Person.objects.count() == people
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_number_already_held_in_the_organisation_is_refused_however_typed() -> None:
    organisation = OrganisationFactory()
    PersonFactory(organisation=organisation, a_number="087654321")
    people = Person.objects.count()

    with pytest.raises(ValidationError) as caught:
        create(organisation, "A87654321")

    assert list(caught.value.message_dict) == ["a_number"]
    assert "087654321" not in str(caught.value)
    assert Person.objects.count() == people


@pytest.mark.django_db
def test_a_number_held_in_another_organisation_is_allowed() -> None:
    """Each organisation keeps its own client list; the same detainee may be helped by two."""
    organisation, other = OrganisationFactory(), OrganisationFactory()
    PersonFactory(organisation=other, a_number="087654321")

    person = create(organisation, "087654321")

    assert Person.objects.filter(a_number="087654321").count() == 2
    assert person.organisation == organisation
