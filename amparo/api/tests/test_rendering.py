"""`GET /api/v1/cases` writes its body itself (`api.rendering.schema_json`): the same bytes as
django-ninja's own check of the body against `CaseList` would give."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from amparo.api import cases as cases_api
from amparo.conftest import Cast, api_client_for
from amparo.custody.models import Facility
from amparo.custody.services import placement_record
from amparo.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _varied_cases(cast: Cast) -> None:
    """Cases with every optional field set and unset: a facility or none, tags, a closing day,
    a lead attorney, a moment with microseconds (the JSON keeps milliseconds)."""
    for n in range(4):
        case = CaseFactory(
            person=PersonFactory(organisation=cast.organisation, a_number=f"0991234{n:02d}"),
            title=f'Case "{n}" & <more>',
            tags=["bond", f"tag {n}"] if n % 2 else [],
            opened_on=datetime.date(2025, 1, n + 1),
            closed_on=datetime.date(2026, 2, n + 1) if n == 3 else None,
            status="closed" if n == 3 else "active",
            lead_attorney=cast.attorney if n % 2 else None,
            location_unknown_since=(
                timezone.now() - datetime.timedelta(days=n, microseconds=123456) if n else None
            ),
        )
        if n % 2 == 0:
            placement_record(
                actor=cast.attorney,
                case=case,
                facility=Facility.objects.exclude(field_office=None).first(),  # type: ignore[arg-type]
                source="locator",
                started_at=timezone.now() - datetime.timedelta(days=n + 2),
            )


@pytest.mark.parametrize("role", ["attorney", "advocate"])
@pytest.mark.parametrize("signed_in_by", ["bearer token", "session"])
def test_the_case_list_is_the_json_ninja_would_write(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, role: str, signed_in_by: str
) -> None:
    _varied_cases(cast)
    user = getattr(cast, role)
    if signed_in_by == "session":
        client = Client()
        client.force_login(user)
    else:
        client = api_client_for(user)
    urls = ["/api/v1/cases", "/api/v1/cases?limit=2", "/api/v1/cases?status=closed"]
    written = {url: client.get(url) for url in urls}
    first = written["/api/v1/cases?limit=2"].json()
    urls.append(f"/api/v1/cases?limit=2&cursor={first['next_cursor']}")
    written[urls[-1]] = client.get(urls[-1])
    # Ninja's own path: the view hands back the body and ninja checks it against CaseList.
    monkeypatch.setattr(cases_api, "schema_json", lambda body: body)
    for url in urls:
        checked = client.get(url)
        assert written[url].status_code == checked.status_code == 200, url
        assert written[url]["Content-Type"] == checked["Content-Type"]
        assert written[url].content == checked.content, url
    items = written["/api/v1/cases"].json()["items"]
    assert len(items) == 5 and first["next_cursor"]
    assert any(item["current_facility"] for item in items)
    assert any(item["location_unknown_since"] for item in items)
    shown = {item["person"]["a_number"] for item in items}
    assert ("A099-123-401" in shown) is (role == "attorney")
