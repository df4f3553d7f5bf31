"""Identifiers of people: A-numbers, country codes and phone numbers.

A-number: "A" followed by 8 or 9 digits; EOIR has required 9 digits since 21 July 2008, so an
8-digit number takes a leading 0 (EOIR, "Customer Service Initiatives"; DOMAIN.md §7). There is
no public check digit, so none is validated.
"""

from __future__ import annotations

import re

import phonenumbers
import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_A_NUMBER_PUNCTUATION = re.compile(r"[\s\-.·/]")
_A_NUMBER = re.compile(r"^A?([0-9]{8,9})\Z", re.IGNORECASE)


def normalise_a_number(raw: str) -> str:
    """Return the 9-digit form of an A-number typed in any common way.

    `A 012-345-678`, `A12345678` and `12345678` all give `012345678`. Raises ValidationError
    with a message that never repeats the input (it is a client identifier).
    """
    compact = _A_NUMBER_PUNCTUATION.sub("", raw.strip())
    match = _A_NUMBER.match(compact)
    if not match:
        digits = sum(c.isdigit() for c in compact)
        other = not compact.upper().lstrip("A").isdigit()
        raise ValidationError(
            (
                ngettext(
                    "An A-number is 8 or 9 digits, optionally preceded by 'A' "
                    "(e.g. A 012-345-678); this one has %(digits)d digit and other characters.",
                    "An A-number is 8 or 9 digits, optionally preceded by 'A' "
                    "(e.g. A 012-345-678); this one has %(digits)d digits and other characters.",
                    digits,
                )
                if other
                else ngettext(
                    "An A-number is 8 or 9 digits, optionally preceded by 'A' "
                    "(e.g. A 012-345-678); this one has %(digits)d digit.",
                    "An A-number is 8 or 9 digits, optionally preceded by 'A' "
                    "(e.g. A 012-345-678); this one has %(digits)d digits.",
                    digits,
                )
            )
            % {"digits": digits},
            code="invalid_a_number",
        )
    return match.group(1).zfill(9)


def format_a_number(digits: str) -> str:
    """Display form A###-###-###."""
    return f"A{digits[0:3]}-{digits[3:6]}-{digits[6:9]}"


def mask_a_number(digits: str) -> str:
    """Masked display form that shows only the last three digits."""
    return f"A•••-•••-{digits[6:9]}"


def validate_country_code(value: str) -> None:
    if value and pycountry.countries.get(alpha_2=value.upper()) is None:
        raise ValidationError(
            _("'%(value)s' is not an ISO 3166-1 alpha-2 country code (e.g. MX, HT, VE).")
            % {"value": value},
            code="invalid_country",
        )
    if value and value != value.upper():
        raise ValidationError(_("Country codes are upper case (e.g. MX)."), code="invalid_country")


def validate_country_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("A list of country codes is expected."), code="invalid_country")
    for code in value:
        validate_country_code(str(code))


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return str(country.name) if country else code


def normalise_phone(raw: str, region: str = "US") -> str:
    """E.164 form of a phone number; numbers without + are read as `region` numbers."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        # The library's reason is English and speaks of "the string supplied": our own words.
        message = _(
            "This is not a phone number. Type its digits, with + and the country code for a "
            "number outside the US, e.g. +1 504 555 0123."
        )
        raise ValidationError(message, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Not a valid phone number; include the country code for numbers outside the US."),
            code="invalid_phone",
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def validate_phone(value: str) -> None:
    if value and normalise_phone(value) != value:
        raise ValidationError(
            _("Store phone numbers in E.164 form (e.g. +15045550123)."), code="invalid_phone"
        )
