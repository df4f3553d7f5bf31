"""How report values are shown: words the reports write themselves are in the reader's
language; the names of offices and courts stay as the records have them."""

from __future__ import annotations

import pytest
from django.utils import translation

from amparo.relief.reporting import UNKNOWN_OFFICE
from amparo.reports.presenting import shown


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Unknown office"), ("es", "Oficina desconocida"), ("ar", "مكتب غير معروف")],
)
def test_unknown_office_is_shown_in_the_readers_language(language: str, label: str) -> None:
    with translation.override(language):
        assert shown(UNKNOWN_OFFICE, "text") == label


def test_an_office_name_is_shown_as_recorded() -> None:
    with translation.override("es"):
        assert shown("Miami Field Office", "text") == "Miami Field Office"


def test_a_long_duration_fits_beside_the_longest_bar() -> None:
    """ "19 d 16 h 42 min" at 14px is about 125 SVG units (16 characters of about 7.8): beside the
    longest bar it was cut to "…42 mi" in a 480-unit chart."""
    from amparo.reports.presenting import CHART_WIDTH, VIEW_WIDTH, Bar

    longest = Bar(label="Miami", value="19 d 16 h 42 min", y=0, width=CHART_WIDTH)
    room = VIEW_WIDTH - longest.value_x
    assert room >= len(longest.value) * 7.8 + 2
    mirrored = Bar(label="Miami", value="19 d 16 h 42 min", y=0, width=CHART_WIDTH, mirrored=True)
    assert mirrored.value_x >= len(mirrored.value) * 7.8 + 2
