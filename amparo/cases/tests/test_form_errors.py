"""Form errors as the user sees them: beside their field, in their language, in our words, and
all of one submit together (not one batch per submit)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amparo.conftest import Cast, signed_in
from amparo.people.models import Relative

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
