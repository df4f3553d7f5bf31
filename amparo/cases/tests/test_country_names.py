"""The country list of the intake and client forms reads in the reader's language."""

from __future__ import annotations

from django.utils import translation

from amparo.cases.workspace_forms import country_choices


def test_countries_are_named_and_sorted_in_the_readers_language() -> None:
    with translation.override("es"):
        spanish = dict(country_choices())
        order = [name for code, name in country_choices() if code]
    assert spanish["MX"] == "México" and spanish["DE"] == "Alemania"
    assert order.index("Alemania") < order.index("Brasil") < order.index("Ecuador")
    with translation.override("ar"):
        assert dict(country_choices())["MX"] == "المكسيك"
    with translation.override("en"):
        assert dict(country_choices())["IR"] == "Iran"
