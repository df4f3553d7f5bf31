"""The public advocacy page: published only with recorded consent, showing only what is public,
gone the moment consent is withdrawn. Planted markers prove what never leaks."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from amparo.advocacy.models import Publication, Statement
from amparo.advocacy.services import (
    public_event_add,
    publication_create,
    publication_withdraw,
    statement_record,
)
from amparo.audit.models import AuditEvent
from amparo.cases.models import Note
from amparo.conftest import Cast
from amparo.factories import PlacementFactory
from amparo.people.models import Relative

pytestmark = pytest.mark.django_db

SECRETS = ("MARKER-NOTE-771", "MARKER-HISTORY-772", "MARKER-RELATIVE-773", "MARKER-STATEMENT-774")


@pytest.fixture
def published(cast: Cast) -> Publication:
    person = cast.case.person
    person.given_name, person.family_name = "Joaquín", "Herrera Lindqvist"
    person.has_criminal_history = True
    person.criminal_history_summary = "MARKER-HISTORY-772"
    person.save()
    Note.objects.create(case=cast.case, body="MARKER-NOTE-771", privileged=True)
    Note.objects.create(case=cast.case, body="MARKER-NOTE-771 (not privileged)", privileged=False)
    Relative.objects.create(
        person=person, full_name="MARKER-RELATIVE-773", relationship="spouse", phone="+12015550123"
    )
    PlacementFactory(case=cast.case, facility__name="Central Louisiana ICE Processing Center")
    said = timezone.now() - datetime.timedelta(days=2)
    statement_record(
        actor=cast.attorney,
        case=cast.case,
        author_kind=Statement.AuthorKind.AGENCY,
        author_name="ICE",
        kind=Statement.Kind.DECLINED_TO_COMMENT,
        said_at=said,
        publicity_consent=True,
    )
    statement_record(
        actor=cast.attorney,
        case=cast.case,
        author_kind=Statement.AuthorKind.FAMILY,
        author_name="A neighbour",
        kind=Statement.Kind.INTERVIEW,
        said_at=said,
        text="MARKER-STATEMENT-774",
        publicity_consent=False,
    )
    publication = publication_create(
        actor=cast.attorney,
        case=cast.case,
        name_as_consented="Joaquín H.",
        consent_on=timezone.localdate(),
        consent_note="Signed consent form, Spanish, read aloud by interpreter.",
        summary="A father of two, held since March.",
    )
    public_event_add(
        actor=cast.attorney,
        publication=publication,
        happened_on=timezone.localdate() - datetime.timedelta(days=30),
        text="Transferred from New Jersey to Louisiana.",
    )
    return publication


def _page(publication: Publication) -> tuple[int, str]:
    response = Client().get(f"/public/{publication.slug}/")
    return response.status_code, response.content.decode()


def test_public_page_shows_only_what_is_public(cast: Cast, published: Publication) -> None:
    status, page = _page(published)
    assert status == 200
    assert "Joaquín H." in page
    assert "Central Louisiana ICE Processing Center" in page
    assert "A father of two, held since March." in page
    assert "Transferred from New Jersey to Louisiana." in page
    assert "Declined to comment" in page and "ICE" in page
    for marker in SECRETS:
        assert marker not in page
    assert "Herrera Lindqvist" not in page  # only the name as consented
    assert "012345678" not in page and "012-345-678" not in page and "A•••" not in page
    assert "+12015550123" not in page
    assert "interpreter" not in page  # the consent record is for the team


def test_facility_can_be_left_off(cast: Cast, published: Publication) -> None:
    publication_withdraw(actor=cast.attorney, publication=published)
    again = publication_create(
        actor=cast.attorney,
        case=cast.case,
        name_as_consented="J. H.",
        consent_on=timezone.localdate(),
        show_facility=False,
    )
    status, page = _page(again)
    assert status == 200 and "Central Louisiana" not in page


def test_withdrawing_consent_unpublishes_at_once(cast: Cast, published: Publication) -> None:
    assert _page(published)[0] == 200
    publication_withdraw(actor=cast.attorney, publication=published)
    status, page = _page(published)
    assert status == 404
    assert "Joaquín" not in page
    assert AuditEvent.objects.filter(action="publication.withdraw", case_id=cast.case.id).exists()


def test_republishing_needs_new_consent_and_gets_a_new_address(
    cast: Cast, published: Publication
) -> None:
    with pytest.raises(ValidationError):
        publication_create(
            actor=cast.attorney,
            case=cast.case,
            name_as_consented="X",
            consent_on=timezone.localdate(),
        )
    publication_withdraw(actor=cast.attorney, publication=published)
    again = publication_create(
        actor=cast.attorney,
        case=cast.case,
        name_as_consented="J. H.",
        consent_on=timezone.localdate(),
    )
    assert again.slug != published.slug
    assert _page(published)[0] == 404 and _page(again)[0] == 200


def test_consent_cannot_be_dated_in_the_future(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        publication_create(
            actor=cast.attorney,
            case=cast.case,
            name_as_consented="J. H.",
            consent_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_slugs_are_unguessable(cast: Cast, published: Publication) -> None:
    assert len(published.slug) >= 24
    assert str(cast.case.id) not in published.slug
    assert Client().get(f"/public/{cast.case.id}/").status_code == 404


def test_team_publishes_and_withdraws_from_the_case(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    url = f"/cases/{cast.case.id}/publication/"
    response = client.post(
        url,
        {
            "action": "publish",
            "name_as_consented": "Joaquín H.",
            "consent_on": timezone.localdate().isoformat(),
            "consent_given_by": "the client",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    publication = Publication.objects.get(case=cast.case)
    assert publication.consent_recorded_by == cast.attorney
    assert _page(publication)[0] == 200
    manage = client.get(url).content.decode()
    assert publication.slug in manage
    assert 'value="publish"' not in manage  # one live page at a time: no second publish form

    unconfirmed = client.post(url, {"action": "withdraw", "publication_id": str(publication.id)})
    assert unconfirmed.status_code == 422
    assert "Confirm before taking the public page down." in unconfirmed.content.decode()
    assert _page(publication)[0] == 200

    client.post(url, {"action": "withdraw", "publication_id": str(publication.id), "confirm": "on"})

    assert _page(publication)[0] == 404
    assert 'value="publish"' in client.get(url).content.decode()


def test_publishing_asks_to_confirm_the_recorded_consent(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.advocate)
    typed = {
        "action": "publish",
        "name_as_consented": "Joaquín H.",
        "consent_on": timezone.localdate().isoformat(),
        "consent_given_by": "the client",
    }
    response = client.post(f"/cases/{cast.case.id}/publication/", typed)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Confirm the client&#x27;s consent before publishing." in page
    assert 'value="Joaquín H."' in page  # what was typed is kept
    assert not Publication.objects.exists()
    response = client.post(f"/cases/{cast.case.id}/publication/", {**typed, "confirm": "on"})
    assert response.status_code == 302
    assert Publication.objects.get(case=cast.case).consent_recorded_by == cast.advocate


@pytest.mark.parametrize("role", ["read_only", "outsider"])
def test_only_writers_and_advocacy_staff_publish(cast: Cast, role: str) -> None:
    client = Client()
    client.force_login(getattr(cast, role))
    response = client.post(
        f"/cases/{cast.case.id}/publication/",
        {
            "action": "publish",
            "name_as_consented": "J.",
            "consent_on": "2026-01-01",
            "confirm": "on",
        },
    )
    assert response.status_code == 404
    assert not Publication.objects.exists()


def test_another_organisation_cannot_withdraw_a_page(cast: Cast, published: Publication) -> None:
    client = Client()
    client.force_login(cast.outsider)
    response = client.post(
        f"/cases/{cast.outsider_case.id}/publication/",
        {"action": "withdraw", "publication_id": str(published.id), "confirm": "on"},
    )
    assert response.status_code == 404
    assert _page(published)[0] == 200
