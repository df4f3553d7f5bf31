"""Editing a case: the detention basis feeds the next steps, and a stale form is refused
instead of overwriting a colleague's change."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from amparo.cases.models import Case
from amparo.cases.services import case_update
from amparo.conftest import Cast

pytestmark = pytest.mark.django_db


def _form(case: Case, **changes: object) -> dict[str, object]:
    return {
        "title": case.title,
        "status": case.status,
        "detention_basis": "",
        "other_tags": "",
        "campaign": "",
        "version": case.version,
        **changes,
    }


def test_edit_saves_basis_and_urgent_tags(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.paralegal)
    response = client.post(
        f"/cases/{cast.case.id}/edit/",
        _form(
            cast.case,
            detention_basis="236c",
            urgent=["transfer-imminent"],
            other_tags="winter, jena",
        ),
    )
    assert response.status_code == 302
    cast.case.refresh_from_db()
    assert cast.case.detention_basis == "236c"
    assert cast.case.tags == ["transfer-imminent", "winter", "jena"]
    assert cast.case.version == 2


def test_stale_edit_is_refused_and_keeps_the_other_change(cast: Cast) -> None:
    first, second = Client(), Client()
    first.force_login(cast.paralegal)
    second.force_login(cast.attorney)
    stale = _form(cast.case)
    assert (
        first.post(f"/cases/{cast.case.id}/edit/", {**stale, "title": "Renamed"}).status_code == 302
    )
    response = second.post(f"/cases/{cast.case.id}/edit/", {**stale, "campaign": "Other"})
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    cast.case.refresh_from_db()
    assert (cast.case.title, cast.case.campaign) == ("Renamed", "")


def test_closing_needs_a_date(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    response = client.post(f"/cases/{cast.case.id}/edit/", _form(cast.case, status="closed"))
    assert response.status_code == 422
    cast.case.refresh_from_db()
    assert cast.case.status != "closed"


def test_read_only_member_cannot_open_the_form(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.read_only)
    assert client.get(f"/cases/{cast.case.id}/edit/").status_code == 404


def _edit(cast: Cast, **changes: object) -> tuple[int, str]:
    client = Client()
    client.force_login(cast.attorney)
    response = client.post(f"/cases/{cast.case.id}/edit/", _form(cast.case, **changes))
    return response.status_code, response.content.decode()


def _closed_on_error(html: str) -> str:
    """The error shown beside the closed-on box (the template puts field errors after it)."""
    start = html.index('name="closed_on"')
    return html[start : start + 1500]


def test_closed_before_opened_is_an_error_on_closed_on_not_a_raw_constraint(cast: Cast) -> None:
    day_before = cast.case.opened_on - datetime.timedelta(days=1)
    status, html = _edit(cast, status="closed", closed_on=day_before.isoformat())
    assert status == 422
    assert "case_closed_after_opened" not in html
    assert "cannot be closed before it was opened" in _closed_on_error(html)
    cast.case.refresh_from_db()
    assert (cast.case.status, cast.case.closed_on) != ("closed", day_before)
    assert cast.case.closed_on is None


def test_case_cannot_be_closed_on_a_day_to_come(cast: Cast) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as raised:
        case_update(
            actor=cast.attorney,
            case=cast.case,
            expected_version=cast.case.version,
            status="closed",
            closed_on=tomorrow,
        )
    assert "not come yet" in raised.value.message_dict["closed_on"][0]
    cast.case.refresh_from_db()
    assert cast.case.closed_on is None


def test_active_case_with_a_closed_date_typed_is_refused(cast: Cast) -> None:
    status, html = _edit(cast, status="active", closed_on=cast.case.opened_on.isoformat())
    assert status == 422
    assert "Only a closed case has a closed date" in _closed_on_error(html)
    cast.case.refresh_from_db()
    assert cast.case.closed_on is None


def test_reopening_clears_the_closed_date_it_showed(cast: Cast) -> None:
    case = case_update(
        actor=cast.attorney,
        case=cast.case,
        expected_version=cast.case.version,
        status="closed",
        closed_on=cast.case.opened_on,
    )
    case = case_update(
        actor=cast.attorney,
        case=case,
        expected_version=case.version,
        status="active",
        closed_on=case.closed_on,
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("active", None)
