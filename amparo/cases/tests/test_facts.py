"""Each case fact is computed once (`cases/facts.py`), so the case list, the case page, the API
list and detail, and the documents say the same thing about the same case."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amparo.cases.facts import custody_facts_of, days_detained, fact_sheet, fact_sheets
from amparo.cases.models import Case
from amparo.cases.services import arrest_record
from amparo.conftest import Cast, api_client_for
from amparo.custody.models import Facility, Placement
from amparo.custody.services import placement_end, placement_record
from amparo.deadlines.models import Deadline
from amparo.documents.context import case_context
from amparo.documents.context.format import facility_name
from amparo.factories import CaseFactory, PersonFactory, RequestFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 20, 15, 0, tzinfo=datetime.UTC)
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def _arrested_then_placed(cast: Cast, *, arrested_days_ago: int, placed_days_ago: int) -> Case:
    case = cast.case
    arrest_record(
        actor=cast.attorney,
        case=case,
        arrested_at=NOW - datetime.timedelta(days=arrested_days_ago),
        place="Paterson, New Jersey",
    )
    placement_record(
        actor=cast.attorney,
        case=case,
        facility=Facility.objects.get(name__icontains="CENTRAL LOUISIANA"),
        source="locator",
        started_at=NOW - datetime.timedelta(days=placed_days_ago),
    )
    return case


def _everywhere(cast: Cast, case: Case) -> dict[str, object]:
    """Days detained and the facility as each surface shows them."""
    browser = Client()
    browser.force_login(cast.attorney)
    api = api_client_for(cast.attorney)
    listed = browser.get("/cases/").content.decode()
    page = browser.get(f"/cases/{case.id}/").content.decode()
    api_list = next(c for c in api.get("/api/v1/cases").json()["items"] if c["id"] == str(case.id))
    api_detail = api.get(f"/api/v1/cases/{case.id}").json()
    documents = case_context(case, actor=cast.attorney)["custody"]
    return {
        "list": listed,
        "page": page,
        "api list": (api_list["days_detained"], api_list["current_facility"]["name"]),
        "api detail": (api_detail["days_detained"], api_detail["current_facility"]["name"]),
        "documents": (documents["days_detained"], documents["facility"]),
    }


@time_machine.travel(NOW, tick=False)
def test_list_page_api_and_documents_agree_on_days_detained_and_facility(cast: Cast) -> None:
    case = _arrested_then_placed(cast, arrested_days_ago=12, placed_days_ago=5)
    name = Facility.objects.get(name__icontains="CENTRAL LOUISIANA").name
    seen = _everywhere(cast, case)
    assert '<td data-label="Days" class="num">12</td>' in str(seen["list"]) and name in str(
        seen["list"]
    )
    assert "<strong>12</strong> days detained" in str(seen["page"]) and name in str(seen["page"])
    assert seen["api list"] == (12, name)
    assert seen["api detail"] == (12, name)
    assert seen["documents"] == ("12", facility_name(name))
    facts = fact_sheet(case)
    assert facts.days_detained == 12 and facts.placement is not None


def test_days_are_counted_between_dates_in_the_organisation_s_zone() -> None:
    # Arrested at 23:30 in Chicago on March 1 (05:30 UTC on March 2); at 08:00 on March 13 in
    # Chicago the client has been held 12 days, not 11.
    arrested = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=CHICAGO)
    placed = datetime.datetime(2026, 3, 8, 9, 0, tzinfo=CHICAGO)
    today = datetime.date(2026, 3, 13)
    since, days = days_detained(arrested, placed, held_now=True, zone=CHICAGO, today=today)
    assert (since, days) == (datetime.date(2026, 3, 1), 12)
    # Released: the start stays on record, but no count runs.
    assert days_detained(arrested, placed, held_now=False, zone=CHICAGO, today=today)[1] is None
    # Only a placement known: counted from it.
    assert days_detained(None, placed, held_now=True, zone=CHICAGO, today=today)[1] == 5


@time_machine.travel(NOW, tick=False)
def test_open_requests_urgency_next_deadline_and_team(cast: Cast) -> None:
    case = _arrested_then_placed(cast, arrested_days_ago=3, placed_days_ago=3)
    case.team.add(cast.paralegal, cast.attorney)
    RequestFactory(case=case, urgency_until=datetime.date(2026, 3, 29))
    RequestFactory(case=case, urgency_until=datetime.date(2026, 3, 25))
    RequestFactory(case=case, status="withdrawn", urgency_until=datetime.date(2026, 3, 21))
    later = Deadline.objects.create(case=case, title="Reply", due_on=datetime.date(2026, 4, 9))
    sooner = Deadline.objects.create(case=case, title="Return", due_on=datetime.date(2026, 3, 23))
    Deadline.objects.create(
        case=case, title="Done", due_on=datetime.date(2026, 3, 21), done_at=timezone.now()
    )
    facts = fact_sheet(case)
    assert facts.open_requests == 2
    assert facts.urgency_until == datetime.date(2026, 3, 25) and facts.urgency_days_left == 5
    assert facts.next_deadline == sooner != later
    assert set(facts.team) == {cast.paralegal, cast.attorney}


def test_a_page_of_cases_costs_the_same_queries_as_one(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    cases = [CaseFactory(person=PersonFactory(organisation=cast.organisation)) for _ in range(8)]
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert len(fact_sheets(cases)) == 8
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        fact_sheet(cases[0])


def test_what_is_open_is_read_for_the_whole_batch_only_when_first_asked(cast: Cast) -> None:
    cases = [cast.case]
    for _n in range(4):
        cases.append(CaseFactory(person=PersonFactory(organisation=cast.organisation)))
    with CaptureQueriesContext(connection) as facts_only:
        sheets = fact_sheets(cases)
    assert len(facts_only) == 1  # the placements with their facilities, and the first arrests
    with CaptureQueriesContext(connection) as asked:
        answers = [(sheet.open_requests, sheet.team) for sheet in sheets.values()]
    assert len(answers) == 5
    assert len(asked) <= 3  # the counts and next deadlines' ids, the deadlines, the teams


def test_the_current_placement_is_the_orm_s_with_its_facility_and_field_office(
    cast: Cast,
) -> None:
    """The sheet reads placements by plain SQL (`facts_custody.custody_of`): the current one
    must be the object `select_related("facility__field_office")` gave, every field converted
    alike."""
    case = _arrested_then_placed(cast, arrested_days_ago=9, placed_days_ago=4)
    orm = Placement.objects.select_related("facility__field_office").get(
        case=case, ended_at__isnull=True
    )
    with CaptureQueriesContext(connection) as read:
        placement = fact_sheet(case).placement
        assert placement is not None
        facility, office = placement.facility, placement.facility.field_office
    assert len(read) == 1  # the facility and its field office came with the placement

    def values(row: Any) -> dict[str, object]:
        return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}

    assert values(placement) == values(orm)
    assert values(facility) == values(orm.facility)
    assert office is not None and values(office) == values(orm.facility.field_office)
    assert not placement._state.adding and placement._state.db == orm._state.db


@time_machine.travel(NOW, tick=False)
def test_a_list_s_custody_facts_are_the_case_page_s_in_one_query(cast: Cast) -> None:
    """`custody_facts_of` (the list and the API list, one plain SQL statement) says what
    `fact_sheets` (the case page) says, case by case: held after an arrest, held with no arrest
    on record, transferred (a placement ended, a later one current), released, nothing known,
    and counted in the organisation's own zone across midnight."""
    cast.organisation.time_zone = "America/Chicago"
    cast.organisation.save(update_fields=["time_zone"])
    louisiana = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
    other = Facility.objects.exclude(pk=louisiana.pk).exclude(field_office=None).first()
    assert other is not None

    def new_case() -> Case:
        return CaseFactory(person=PersonFactory(organisation=cast.organisation))

    def held(case: Case, facility: Facility, days_ago: float) -> None:
        placement_record(
            actor=cast.attorney,
            case=case,
            facility=facility,
            source="locator",
            started_at=NOW - datetime.timedelta(days=days_ago, microseconds=250),
        )

    # Arrested at 23:30 in Chicago (05:30 UTC the next day): its first day is Chicago's.
    arrested = _arrested_then_placed(cast, arrested_days_ago=12, placed_days_ago=5)
    placed_only, transferred, released, unknown = (new_case() for _ in range(4))
    held(placed_only, louisiana, 3.5)
    held(transferred, louisiana, 9)
    held(transferred, other, 2)
    held(released, other, 20)
    placement_end(actor=cast.attorney, case=released, ended_at=NOW - datetime.timedelta(days=1))
    arrest_record(
        actor=cast.attorney,
        case=unknown,
        arrested_at=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=CHICAGO),
        place="Chicago",
    )
    cases = list(
        Case.objects.filter(
            pk__in=[c.pk for c in (arrested, placed_only, transferred, released, unknown)]
        ).select_related("organisation")
    )
    sheets = fact_sheets(cases)
    organisations = {case.pk: case.organisation_id for case in cases}
    with CaptureQueriesContext(connection) as captured:
        listed = custody_facts_of(organisations, zones={cast.organisation.pk: CHICAGO})
    assert len(captured) == 1
    assert set(listed) == set(sheets)
    for pk, facts in listed.items():
        sheet = sheets[pk]
        assert facts.held_at == sheet.held_at, pk
        assert (facts.detained_since, facts.days_detained) == (
            sheet.detained_since,
            sheet.days_detained,
        ), pk
    now_at = listed[transferred.pk].held_at
    assert now_at is not None and other.field_office is not None
    assert (now_at.facility_id, now_at.field_office) == (other.pk, other.field_office.code)
    assert listed[released.pk].held_at is None and listed[released.pk].days_detained is None
    assert listed[unknown.pk].detained_since == datetime.date(2026, 3, 1)
    # Without the zones the caller read, one query more reads them.
    with CaptureQueriesContext(connection) as unzoned:
        assert custody_facts_of(organisations) == listed
    assert len(unzoned) == 2


def test_the_case_page_s_sheet_reads_the_open_alerts_in_its_one_query(cast: Cast) -> None:
    """`fact_sheet(case, alerts=True)` (the case page) gives the sheet `fact_sheet(case)` gives
    (after a transfer: the current placement, the first one's start) and, from the same
    statement, the case's open alerts; another case's are not among them. (That they are the
    objects `case_alerts` gives: `test_case_page.test_open_alerts_are_the_orm_s_newest_first`.)"""
    from amparo.cases.models import CaseAlert

    case = _arrested_then_placed(cast, arrested_days_ago=9, placed_days_ago=4)
    placement_end(actor=cast.attorney, case=case, ended_at=timezone.now())
    placement_record(
        actor=cast.attorney,
        case=case,
        facility=Facility.objects.exclude(field_office=None).first(),  # type: ignore[arg-type]
        source="locator",
        started_at=timezone.now(),
    )
    other: Case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    kind = CaseAlert.Kind.VENUE_CHANGED
    mine = CaseAlert.objects.create(case=case, kind=kind, message="Venue changed <&>")
    CaseAlert.objects.create(case=other, kind=kind, message="Another case's")

    def values(row: Any) -> dict[str, object]:
        return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}

    plain = fact_sheet(case)
    with CaptureQueriesContext(connection) as read:
        sheet = fact_sheet(case, alerts=True)
        assert sheet.placement is not None and sheet.placement.facility.field_office is not None
    assert len(read) == 1
    assert plain.open_alerts is None
    assert [values(a) for a in sheet.open_alerts or []] == [values(mine)]
    assert plain.placement is not None
    assert values(sheet.placement) == values(plain.placement)
    assert (sheet.detained_since, sheet.days_detained) == (
        plain.detained_since,
        plain.days_detained,
    )
    nothing = fact_sheet(
        CaseFactory(person=PersonFactory(organisation=cast.organisation)), alerts=True
    )
    assert nothing.open_alerts == [] and nothing.placement is None
