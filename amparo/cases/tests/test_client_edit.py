"""Correcting the client's own details after intake: the form on the case page (reached from
the summary and from documents' "fix" links) and `PATCH /api/v1/people/{person_id}`."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.conftest import Cast, api_client_for, signed_in
from amparo.documents.tests.conftest import demo_user, media_root, story  # noqa: F401

pytestmark = pytest.mark.django_db


def _form(cast: Cast, **changes: str) -> dict[str, str]:
    person = cast.case.person
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "a_number": "A012-345-678",
        "immigration_status": person.immigration_status,
        "country_of_birth": "CO",
        "languages": "Spanish, Quechua",
        "version": str(person.version),
    }
    return {**data, **changes}


def test_the_case_summary_links_to_the_client_form(cast: Cast) -> None:
    page = signed_in(cast.paralegal).get(reverse("cases:detail", args=[cast.case.id]))
    assert reverse("cases:client", args=[cast.case.id]) in page.content.decode()


def test_a_paralegal_corrects_the_client_and_the_change_is_audited(cast: Cast) -> None:
    url = reverse("cases:client", args=[cast.case.id])
    client = signed_in(cast.paralegal)
    assert client.get(url).status_code == 200
    answer = client.post(url, _form(cast, given_name="Maríá", date_of_birth="1990-04-02"))
    assert answer.status_code == 302
    person = cast.case.person
    person.refresh_from_db()
    assert person.given_name == "Maríá"
    assert str(person.date_of_birth) == "1990-04-02"
    assert person.country_of_birth == "CO"
    assert person.languages == ["Spanish", "Quechua"]
    event = AuditEvent.objects.filter(action="person.update").latest("sequence")
    assert event.case_id == cast.case.id
    assert "given_name" in event.changed_fields


def test_a_stale_form_is_refused_with_409_and_the_typed_values_kept(cast: Cast) -> None:
    url = reverse("cases:client", args=[cast.case.id])
    stale = _form(cast, family_name="Ruiz-Ortega")
    assert signed_in(cast.attorney).post(url, _form(cast, family_name="Ortega")).status_code == 302
    answer = signed_in(cast.paralegal).post(url, stale)
    assert answer.status_code == 409
    body = answer.content.decode()
    assert "changed by someone else" in body
    assert 'value="Ruiz-Ortega"' in body
    cast.case.person.refresh_from_db()
    assert cast.case.person.family_name == "Ortega"


def test_bad_fields_are_named_next_to_them_and_nothing_is_saved(cast: Cast) -> None:
    url = reverse("cases:client", args=[cast.case.id])
    answer = signed_in(cast.paralegal).post(
        url, _form(cast, a_number="12", date_of_birth="2099-01-01", given_name="x" * 121)
    )
    assert answer.status_code == 422
    body = answer.content.decode()
    assert "A date of birth cannot be in the future." in body
    assert "at most 120 characters" in body
    cast.case.person.refresh_from_db()
    assert cast.case.person.date_of_birth is None


def test_read_only_members_and_outsiders_cannot_reach_the_form(cast: Cast) -> None:
    url = reverse("cases:client", args=[cast.case.id])
    for user in (cast.read_only, cast.advocate, cast.outsider):
        assert signed_in(user).get(url).status_code == 404


def test_the_api_patches_the_client_and_refuses_a_stale_version(cast: Cast) -> None:
    person = cast.case.person
    api = api_client_for(cast.attorney)
    url = f"/api/v1/people/{person.id}"
    answer = api.patch(
        url,
        {"version": person.version, "a_number": "A 099-123-456", "languages": ["Spanish"]},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["a_number"] == "A099-123-456"
    assert answer.json()["version"] == person.version + 1
    stale = api.patch(
        url, {"version": person.version, "given_name": "Ana"}, content_type="application/json"
    )
    assert stale.status_code == 409
    too_long = api.patch(
        url,
        {"version": person.version + 1, "family_name": "x" * 121},
        content_type="application/json",
    )
    assert too_long.status_code == 422
    assert "family_name" in too_long.json()["error"]["fields"]


def test_a_document_refused_for_a_missing_birth_date_generates_once_the_form_fixes_it(
    story: Case,  # noqa: F811 (the documents tests' story fixture)
) -> None:
    attorney = demo_user("attorney")
    person = story.person
    born = person.date_of_birth
    assert born is not None, "the story's client has a date of birth"
    person.date_of_birth = None
    person.save(update_fields=["date_of_birth"])
    api = api_client_for(attorney)
    generate = {"template": "parole-request", "format": "docx"}
    refused = api.post(
        f"/api/v1/cases/{story.id}/documents", generate, content_type="application/json"
    )
    assert refused.status_code == 422
    missing = {row["field"]: row for row in refused.json()["error"]["missing"]}
    fix = urlparse(missing["client.date_of_birth"]["fix_url"]).path
    assert fix == reverse("cases:client", args=[story.id])
    browser = signed_in(attorney)
    form = browser.get(fix).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["date_of_birth"] = born.isoformat()
    assert browser.post(fix, data).status_code == 302
    made = api.post(
        f"/api/v1/cases/{story.id}/documents", generate, content_type="application/json"
    )
    assert made.status_code == 201, made.content
