"""Editing a case: the detention basis feeds the next steps, and a stale form is refused
instead of overwriting a colleague's change."""

from __future__ import annotations

import pytest
from django.test import Client

from amparo.cases.models import Case
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
