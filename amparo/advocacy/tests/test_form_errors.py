"""Advocacy panel errors beside their field, never under a Python name at the top."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amparo.advocacy.models import Inquiry
from amparo.conftest import Cast, signed_in

pytestmark = pytest.mark.django_db


def test_an_inquiry_with_no_office_is_refused_beside_the_member_choice(cast: Cast) -> None:
    answer = signed_in(cast.advocate).post(
        reverse("advocacy:inquiry-add", args=[cast.case.id]),
        {"office": "", "recipient": "", "caseworker": "R. Diaz", "asked_for": "A review."},
    )
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "office:" not in html
    message = "Name the office, or choose a member of Congress."
    assert html.count(message) == 1
    button = html.index("Prepare inquiry</button>")
    assert html.index('name="office"') < html.index(message) < button
    assert 'value="R. Diaz"' in html  # what was typed comes back
    assert not Inquiry.objects.filter(case=cast.case).exists()
