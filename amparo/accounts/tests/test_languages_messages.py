"""Messages beyond the templates read in the member's language: a service's refusal, a form's
help text, a command's output for people, and dates on the case page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils import translation

from amparo.courts.forms import OrderForm
from amparo.people.identifiers import normalise_a_number
from amparo.people.models import Person


def test_an_a_number_refusal_reads_in_spanish_with_the_digit_count_in_the_plural() -> None:
    with translation.override("es"), pytest.raises(ValidationError) as raised:
        normalise_a_number("A12345")
    assert raised.value.messages == [
        "Un número A tiene 8 o 9 dígitos, con una «A» delante si se quiere "
        "(p. ej., A 012-345-678); este tiene 5 dígitos."
    ]


def test_a_model_help_text_reads_in_arabic_on_a_form() -> None:
    form_class = modelform_factory(Person, fields=["a_number"])
    with translation.override("ar"):
        html = str(form_class()["a_number"].help_text)
    assert "رقم الأجنبي (A-number)" in html
    assert "Alien registration number" not in html


def test_a_court_order_form_help_text_reads_in_arabic() -> None:
    with translation.override("ar"):
        html = OrderForm().as_div()
    assert "فقط إذا حددت المحكمة موعد الرد" in html
