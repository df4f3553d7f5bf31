"""Transfers: a venue change raises an alert and flags draft petitions; a filed petition keeps
the venue it was filed in (Ex parte Endo, 323 U.S. 283 (1944))."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from amparo.cases.models import CaseAlert
from amparo.conftest import Cast
from amparo.courts.models import Court, CourtCase
from amparo.courts.services import court_case_draft, court_case_file, habeas_draft_from_venue
from amparo.custody.models import Facility
from amparo.custody.services import placement_record

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def facility(fragment: str, state: str) -> Facility:
    return Facility.objects.get(name__icontains=fragment, state=state)


def place(cast: Cast, found: Facility, day: int) -> None:
    placement_record(
        actor=cast.attorney,
        case=cast.case,
        facility=found,
        source="locator",
        started_at=datetime.datetime(2025, 3, day, 12, tzinfo=UTC),
    )


def test_transfer_to_another_district_raises_a_venue_alert(cast: Cast) -> None:
    """D.N.J. (28 U.S.C. § 110) → W.D. La. (28 U.S.C. § 98(c)): the story's transfer."""
    place(cast, facility("DELANEY HALL", "NJ"), 1)
    draft = habeas_draft_from_venue(actor=cast.attorney, case=cast.case)
    assert draft.court.code == "njd"
    place(cast, facility("CENTRAL LOUISIANA", "LA"), 5)
    alert = CaseAlert.objects.get(case=cast.case)
    assert "venue changed: D.N.J. → W.D. La." in alert.message
    assert "NEW → NOL" in alert.message
    draft.refresh_from_db()
    assert draft.venue_changed is True
    assert alert.data["flagged_court_cases"] == [str(draft.id)]


def test_transfer_within_the_district_and_office_raises_nothing(cast: Cast) -> None:
    """Delaney Hall (Newark) and Elizabeth CDF are both in D.N.J. and the Newark AOR."""
    place(cast, facility("DELANEY HALL", "NJ"), 1)
    place(cast, facility("ELIZABETH CONTRACT", "NJ"), 2)
    assert not CaseAlert.objects.filter(case=cast.case).exists()


def test_filed_petition_keeps_its_venue_after_a_transfer(cast: Cast) -> None:
    place(cast, facility("DELANEY HALL", "NJ"), 1)
    petition = habeas_draft_from_venue(actor=cast.attorney, case=cast.case)
    court_case_file(
        actor=cast.attorney,
        court_case=petition,
        docket_number="2:25-cv-01963",
        filed_at=datetime.datetime(2025, 3, 2, 15, tzinfo=UTC),
    )
    place(cast, facility("CENTRAL LOUISIANA", "LA"), 5)
    petition.refresh_from_db()
    assert petition.status == "filed"
    assert petition.venue_changed is False
    assert petition.court.code == "njd"
    assert petition.venue_snapshot is not None
    assert petition.venue_snapshot["district_court"]["id"] == "njd"
    alert = CaseAlert.objects.get(case=cast.case)
    assert alert.data["flagged_court_cases"] == []


def test_habeas_draft_names_the_respondents_by_role(cast: Cast) -> None:
    place(cast, facility("CENTRAL LOUISIANA", "LA"), 1)
    draft = habeas_draft_from_venue(actor=cast.attorney, case=cast.case)
    assert draft.court.code == "lawd"
    roles = [r.role for r in draft.respondents.all()]
    assert roles[0] == "immediate-custodian"
    assert {"field-office-director", "ice-director", "dhs-secretary", "attorney-general"} <= set(
        roles
    )


def test_transfer_before_the_current_placement_is_refused(cast: Cast) -> None:
    place(cast, facility("DELANEY HALL", "NJ"), 5)
    with pytest.raises(ValidationError) as error:
        place(cast, facility("CENTRAL LOUISIANA", "LA"), 1)
    assert "started_at" in error.value.message_dict
    assert cast.case.placements.count() == 1


def test_manual_court_draft_is_not_re_pointed(cast: Cast) -> None:
    place(cast, facility("DELANEY HALL", "NJ"), 1)
    mandamus = court_case_draft(
        actor=cast.attorney,
        case=cast.case,
        court=Court.objects.get(code="dcd"),
        kind=CourtCase.Kind.MANDAMUS,
    )
    place(cast, facility("CENTRAL LOUISIANA", "LA"), 5)
    mandamus.refresh_from_db()
    assert mandamus.venue_changed is False


def test_dealt_with_alert_leaves_the_panel_but_stays_on_record(cast: Cast) -> None:
    from django.test import Client

    place(cast, facility("DELANEY HALL", "NJ"), 1)
    place(cast, facility("CENTRAL LOUISIANA", "LA"), 5)
    alert = CaseAlert.objects.get(case=cast.case)
    client = Client()
    client.force_login(cast.paralegal)
    url = f"/cases/{cast.case.id}/custody/alerts/{alert.id}/resolve/"
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "D.N.J. → W.D. La." not in response.content.decode()
    alert.refresh_from_db()
    assert alert.resolved_at is not None and alert.resolved_by == cast.paralegal
    client.force_login(cast.read_only)
    assert client.post(url).status_code == 404
