"""Advocacy panel errors beside their field, never under a Python name at the top."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amparo.advocacy.models import Inquiry, Statement
from amparo.advocacy.services import statement_record
from amparo.advocacy.tests.statements import statement_form
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


def test_an_embargo_ending_before_the_statement_was_made_is_refused(cast: Cast) -> None:
    said = timezone.now() - datetime.timedelta(hours=2)
    with pytest.raises(ValidationError) as raised:
        statement_record(
            actor=cast.advocate,
            case=cast.case,
            author_kind="family",
            author_name="Ana Herrera",
            kind="interview",
            said_at=said,
            embargo_until=said - datetime.timedelta(days=2),
        )
    assert "cannot end before" in raised.value.message_dict["embargo_until"][0]
    assert not Statement.objects.filter(case=cast.case).exists()


def test_the_embargo_error_shows_beside_its_box_on_the_panel(cast: Cast) -> None:
    said = timezone.localtime(timezone.now() - datetime.timedelta(hours=2))
    early = (said - datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    answer = signed_in(cast.advocate).post(
        reverse("advocacy:statement-add", args=[cast.case.id]),
        statement_form(embargo_until=early),
    )
    html = answer.content.decode()
    box = html.index('name="embargo_until"')
    assert "cannot end before" in html[box : html.index("</label>", box)]
    assert "embargo until:" not in html.lower()
    assert not Statement.objects.filter(case=cast.case).exists()


def test_the_public_page_form_asks_for_the_consent_day_with_a_date_box(cast: Cast) -> None:
    page = signed_in(cast.attorney).get(reverse("advocacy:publication", args=[cast.case.id]))
    html = page.content.decode()
    box = html[html.index('name="consent_on"') - 200 : html.index('name="consent_on"') + 200]
    assert 'type="date"' in box
