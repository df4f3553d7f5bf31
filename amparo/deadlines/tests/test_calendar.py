"""The iCalendar feed behind a secret, revocable address, parsed back with `icalendar`."""

from __future__ import annotations

import datetime
import re

import icalendar
import pytest
from django.test import Client

from amparo.audit.models import AuditEvent
from amparo.conftest import Cast
from amparo.deadlines.models import CalendarFeed
from amparo.deadlines.services import calendar_feed_create, calendar_feed_revoke
from amparo.deadlines.tests.helpers import make_deadline
from amparo.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def fetch(raw: str) -> tuple[int, bytes]:
    response = Client().get(f"/deadlines/calendar/{raw}.ics")
    return response.status_code, response.content


def events(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))  # type: ignore[arg-type]


def test_member_feed_parses_and_lists_their_open_deadlines(cast: Cast) -> None:
    mine = make_deadline(
        cast.case,
        D(2025, 7, 7),
        title="Return to the order to show cause",
        rule="habeas-return",
        citation="28 U.S.C. § 2243",
        assignee=cast.attorney,
        court_set=True,
        computed_on=D(2025, 7, 7),
    )
    timed = make_deadline(
        cast.case,
        None,
        title="Hearing",
        due_at=datetime.datetime(2025, 7, 9, 14, 0, tzinfo=datetime.UTC),
        assignee=cast.attorney,
    )
    make_deadline(cast.case, D(2025, 7, 8), title="Someone else's", assignee=cast.paralegal)
    make_deadline(
        cast.case,
        D(2025, 7, 8),
        title="Done already",
        assignee=cast.attorney,
        done_at=datetime.datetime(2025, 7, 1, tzinfo=datetime.UTC),
    )
    make_deadline(cast.outsider_case, D(2025, 7, 8), title="Other organisation")
    feed, raw = calendar_feed_create(actor=cast.attorney)
    assert feed.token_digest != raw and raw not in feed.prefix + feed.token_digest

    status, body = fetch(raw)

    assert status == 200
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0"
    found = {str(e["UID"]): e for e in events(body)}
    assert set(found) == {f"deadline-{mine.pk}@amparo", f"deadline-{timed.pk}@amparo"}
    all_day = found[f"deadline-{mine.pk}@amparo"]
    assert all_day.decoded("DTSTART") == D(2025, 7, 7)
    assert all_day.decoded("DTEND") == D(2025, 7, 8)
    assert str(all_day["SUMMARY"]) == "Return to the order to show cause [court-set]"
    assert "28 U.S.C. § 2243" in str(all_day["DESCRIPTION"])
    assert all_day.walk("VALARM")
    at = found[f"deadline-{timed.pk}@amparo"].decoded("DTSTART")
    assert at == datetime.datetime(2025, 7, 9, 14, 0, tzinfo=datetime.UTC)
    person = cast.case.person
    for secret in filter(None, (person.family_name, person.a_number, cast.case.title)):
        assert secret.encode() not in body
    read = AuditEvent.objects.get(action="calendar_feed.read")
    assert read.actor_id == cast.attorney.id and read.object_id == str(feed.pk)


def test_case_feed_shows_only_that_case(cast: Cast) -> None:
    other_case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    here = make_deadline(cast.case, D(2025, 7, 7), title="Here")
    make_deadline(other_case, D(2025, 7, 7), title="Elsewhere")
    _, raw = calendar_feed_create(actor=cast.read_only, case=cast.case)
    status, body = fetch(raw)
    assert status == 200
    assert [str(e["UID"]) for e in events(body)] == [f"deadline-{here.pk}@amparo"]
    event = AuditEvent.objects.get(action="calendar_feed.read")
    assert event.case_id == cast.case.id


def test_revoked_unknown_and_lost_access_feeds_answer_404(cast: Cast) -> None:
    make_deadline(cast.case, D(2025, 7, 7))
    feed, raw = calendar_feed_create(actor=cast.attorney)
    assert fetch(raw)[0] == 200
    calendar_feed_revoke(actor=cast.attorney, feed=feed)
    assert fetch(raw)[0] == 404
    assert fetch("cal_" + "x" * 43)[0] == 404
    assert fetch("not-a-token")[0] == 404

    case_feed, case_raw = calendar_feed_create(actor=cast.attorney, case=cast.case)
    cast.case.restricted = True  # the attorney is not on the team: the case is hidden now
    cast.case.save(update_fields=["restricted"])
    assert fetch(case_raw)[0] == 404
    assert CalendarFeed.objects.filter(pk=case_feed.pk, revoked_at__isnull=True).exists()
    _, admin_raw = calendar_feed_create(actor=cast.admin, case=cast.case)
    assert fetch(admin_raw)[0] == 200  # admins still see the restricted case
    cast.admin.is_active = False
    cast.admin.save(update_fields=["is_active"])
    assert fetch(admin_raw)[0] == 404  # a deactivated member's addresses stop working


def test_feed_address_is_created_from_the_page_and_shown_once(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    response = client.post("/deadlines/calendar/", {"case": str(cast.case.id)})
    assert response.status_code == 200
    url = re.search(r'value="(http://testserver/deadlines/calendar/cal_[^"]+\.ics)"', response.text)
    assert url is not None
    assert Client().get(url.group(1).removeprefix("http://testserver")).status_code == 200
    feed = CalendarFeed.objects.get(user=cast.attorney)
    assert feed.case == cast.case
    page = client.get("/deadlines/")
    assert url.group(1) not in page.text  # shown once, never again
    assert client.post(f"/deadlines/calendar/{feed.pk}/revoke/").status_code == 302
    assert Client().get(url.group(1).removeprefix("http://testserver")).status_code == 404


def test_outsider_cannot_make_a_feed_for_another_organisations_case(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.outsider)
    assert client.post("/deadlines/calendar/", {"case": str(cast.case.id)}).status_code == 404
    assert not CalendarFeed.objects.exists()
    feed, _ = calendar_feed_create(actor=cast.attorney)
    assert client.post(f"/deadlines/calendar/{feed.pk}/revoke/").status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_the_dashboard_lists_live_feeds_and_hides_those_of_a_hidden_case(cast: Cast) -> None:
    mine, _ = calendar_feed_create(actor=cast.attorney)
    on_case, _ = calendar_feed_create(actor=cast.attorney, case=cast.case)
    other = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    hidden, _ = calendar_feed_create(actor=cast.attorney, case=other)
    revoked, _ = calendar_feed_create(actor=cast.attorney)
    calendar_feed_revoke(actor=cast.attorney, feed=revoked)
    other.restricted = True  # the attorney is not on its team: the case is hidden now
    other.save(update_fields=["restricted"])
    client = Client()
    client.force_login(cast.attorney)
    shown = client.get("/deadlines/").context["feeds"]
    assert [feed.pk for feed in shown] == [on_case.pk, mine.pk]  # newest first
    # A feed of a hidden case can no more be revoked than seen (the same answer as none at all).
    assert client.post(f"/deadlines/calendar/{hidden.pk}/revoke/").status_code == 404
    assert client.post(f"/deadlines/calendar/{revoked.pk}/revoke/").status_code == 404
    assert client.post(f"/deadlines/calendar/{on_case.pk}/revoke/").status_code == 302
