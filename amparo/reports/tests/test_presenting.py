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
