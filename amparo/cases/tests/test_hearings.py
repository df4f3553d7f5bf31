"""Immigration-court hearings: times entered and shown in the court's zone (else the
facility's), and the deadlines that count from a hearing created and moved with it."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amparo.cases.models import ImmigrationHearing, judge_has_title
from amparo.cases.services import hearing_schedule, hearing_update
from amparo.conftest import Cast, api_client_for, signed_in
from amparo.courts.models import Court
from amparo.deadlines.models import Deadline
from amparo.factories import FacilityFactory, PlacementFactory

pytestmark = pytest.mark.django_db

MOUNTAIN = zoneinfo.ZoneInfo("America/Denver")
CENTRAL = zoneinfo.ZoneInfo("America/Chicago")


def _at_el_paso(cast: Cast, kind: str, scheduled_at: datetime.datetime) -> ImmigrationHearing:
    """A hearing of the case at the El Paso immigration court, on Mountain time."""
    return hearing_schedule(
        actor=cast.attorney,
        case=cast.case,
        kind=kind,
        scheduled_at=scheduled_at,
        immigration_court=Court.objects.get(kind=Court.Kind.IMMIGRATION, code="ELP"),
    )


def test_a_court_in_another_zone_than_the_organisation_reads_and_shows_its_own_time(
    cast: Cast,
) -> None:
    """The organisation works in New York time; the El Paso court sits on Mountain time
    (49 CFR 71.7). 9:00 on the notice is 9:00 MST, 16:00 UTC."""
    assert cast.organisation.time_zone == "America/New_York"
    client = signed_in(cast.attorney)
    answer = client.post(
        reverse("cases:hearings", args=[cast.case.id]),
        {"kind": "master", "scheduled_at": "2026-03-02T09:00", "immigration_court": "ELP"},
    )
    assert answer.status_code == 200
    hearing = ImmigrationHearing.objects.get(case=cast.case)
    assert hearing.scheduled_at == datetime.datetime(2026, 3, 2, 16, 0, tzinfo=datetime.UTC)
    assert "Mon 2026-03-02 09:00 MST" in answer.content.decode()
    listed = api_client_for(cast.attorney).get(f"/api/v1/cases/{cast.case.id}/hearings")
    item = listed.json()["items"][0]
    assert item["time_zone"] == "America/Denver"
    assert item["scheduled_at"].startswith("2026-03-02T09:00:00-07:00")


def test_without_a_court_the_time_is_the_facility_s(cast: Cast) -> None:
    facility = FacilityFactory(name="Jena Processing", state="LA", county="LaSalle Parish")
    PlacementFactory(case=cast.case, facility=facility)
    answer = api_client_for(cast.attorney).post(
        f"/api/v1/cases/{cast.case.id}/hearings",
        {"kind": "master", "scheduled_at": "2026-07-01T08:30:00"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["scheduled_at"].startswith("2026-07-01T08:30:00-05:00")  # CDT


def test_a_bond_hearing_opens_the_thirty_day_appeal_in_the_same_write(cast: Cast) -> None:
    """8 CFR 1003.38(b), 1236.1(d)(3)(i): 30 calendar days from the oral bond decision.
    Bond hearing Monday 2026-03-02 -> due Wednesday 2026-04-01."""
    hearing = _at_el_paso(cast, "bond", datetime.datetime(2026, 3, 2, 9, 0, tzinfo=MOUNTAIN))
    deadline = Deadline.objects.get(immigration_hearing=hearing)
    assert deadline.rule == "bia-bond-appeal"
    assert deadline.trigger_on == datetime.date(2026, 3, 2)
    assert deadline.due_on == datetime.date(2026, 4, 1)
    assert "8 CFR 1003.38(b)" in deadline.citation


def test_the_hearing_day_is_the_court_s_day_not_the_organisation_s(cast: Cast) -> None:
    """22:30 MST on Friday 2026-02-27 in El Paso is already Saturday in New York; the appeal
    counts from Friday: day 30 is Sunday 2026-03-29, which moves to Monday 2026-03-30
    (8 CFR 1003.38(b))."""
    hearing = _at_el_paso(
        cast, "custody-redetermination", datetime.datetime(2026, 2, 27, 22, 30, tzinfo=MOUNTAIN)
    )
    deadline = Deadline.objects.get(immigration_hearing=hearing)
    assert deadline.trigger_on == datetime.date(2026, 2, 27)
    assert deadline.due_on == datetime.date(2026, 3, 30)


def test_master_and_individual_hearings_open_no_deadline(cast: Cast) -> None:
    """A detained client's filing deadlines before a master or individual hearing are set by
    the court (Immigration Court Practice Manual ch. 3.1(b)(i)(B), (ii)(B))."""
    for kind in ("master", "individual"):
        hearing_schedule(
            actor=cast.attorney,
            case=cast.case,
            kind=kind,
            scheduled_at=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=CENTRAL),
        )
    assert not Deadline.objects.filter(case=cast.case).exists()


def test_a_rescheduled_bond_hearing_moves_its_deadline(cast: Cast) -> None:
    hearing = _at_el_paso(cast, "bond", datetime.datetime(2026, 3, 2, 9, 0, tzinfo=MOUNTAIN))
    answer = signed_in(cast.paralegal).post(
        reverse("cases:hearing-edit", args=[cast.case.id, hearing.id]),
        {"scheduled_at": "2026-02-27T10:00", "outcome": "Reset by the court"},
    )
    assert answer.status_code == 200
    assert "Deadline:" in answer.content.decode()
    deadline = Deadline.objects.get(immigration_hearing=hearing)
    assert deadline.trigger_on == datetime.date(2026, 2, 27)
    assert deadline.due_on == datetime.date(2026, 3, 30)
    hearing.refresh_from_db()
    assert hearing.outcome == "Reset by the court"


def test_the_api_reschedules_and_a_done_deadline_stays(cast: Cast) -> None:
    hearing = _at_el_paso(cast, "bond", datetime.datetime(2026, 3, 2, 9, 0, tzinfo=MOUNTAIN))
    api = api_client_for(cast.attorney)
    moved = api.patch(
        f"/api/v1/hearings/{hearing.id}",
        {"scheduled_at": "2026-03-09T09:00:00"},
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["scheduled_at"].startswith("2026-03-09T09:00:00-06:00")  # MDT
    deadline = Deadline.objects.get(immigration_hearing=hearing)
    assert deadline.due_on == datetime.date(2026, 4, 8)
    Deadline.objects.filter(pk=deadline.pk).update(done_at=hearing.scheduled_at)
    hearing_update(
        actor=cast.attorney,
        hearing=hearing,
        scheduled_at=datetime.datetime(2026, 3, 16, 9, 0, tzinfo=MOUNTAIN),
    )
    deadline.refresh_from_db()
    assert deadline.due_on == datetime.date(2026, 4, 8)
    too_long = api.patch(
        f"/api/v1/hearings/{hearing.id}", {"outcome": "x" * 301}, content_type="application/json"
    )
    assert too_long.status_code == 422
    assert "outcome" in too_long.json()["error"]["fields"]


def test_an_outcome_is_refused_for_a_hearing_still_to_come(cast: Cast) -> None:
    """A bond decision cannot be recorded before the hearing; the hearing and its deadline are
    not written either (8 CFR 1003.38(b) counts the appeal from the decision)."""
    ahead = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as raised:
        hearing_schedule(
            actor=cast.attorney,
            case=cast.case,
            kind="bond",
            scheduled_at=ahead,
            outcome="Bond denied",
        )
    assert "has not happened yet" in raised.value.message_dict["outcome"][0]
    assert not ImmigrationHearing.objects.filter(case=cast.case).exists()
    assert not Deadline.objects.filter(case=cast.case).exists()


def test_an_outcome_added_to_a_future_hearing_is_refused_beside_the_field(cast: Cast) -> None:
    ahead = timezone.now() + datetime.timedelta(days=3)
    hearing = hearing_schedule(actor=cast.attorney, case=cast.case, kind="bond", scheduled_at=ahead)
    zone = zoneinfo.ZoneInfo(cast.organisation.time_zone)
    answer = signed_in(cast.attorney).post(
        reverse("cases:hearing-edit", args=[cast.case.id, hearing.id]),
        {
            "scheduled_at": ahead.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
            "outcome": "Bond denied",
        },
    )
    html = answer.content.decode()
    assert "has not happened yet" in html[html.index(f"id_hearing_{hearing.id}_outcome") :]
    hearing.refresh_from_db()
    assert hearing.outcome == ""


def test_an_outcome_of_a_hearing_held_is_kept(cast: Cast) -> None:
    held = timezone.now() - datetime.timedelta(hours=2)
    hearing = hearing_schedule(
        actor=cast.attorney, case=cast.case, kind="bond", scheduled_at=held, outcome="Bond denied"
    )
    assert hearing.outcome == "Bond denied"


def test_a_judge_named_with_a_title_is_not_titled_twice(cast: Cast) -> None:
    held = timezone.now() - datetime.timedelta(days=1)
    for judge in ("IJ Smith", "Ortiz"):
        hearing_schedule(
            actor=cast.attorney, case=cast.case, kind="master", scheduled_at=held, judge=judge
        )
    html = signed_in(cast.attorney).get(reverse("cases:hearings", args=[cast.case.id]))
    text = html.content.decode()
    assert "IJ IJ Smith" not in text
    assert "IJ Smith" in text and "IJ Ortiz" in text
    assert [judge_has_title(n) for n in ("Judge Ortiz", "hon. Lee", "IJ. Smith", "Ijeoma")] == [
        True,
        True,
        True,
        False,
    ]
