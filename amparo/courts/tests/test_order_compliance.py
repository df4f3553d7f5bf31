"""Orders the government must obey: the terms, the compliance deadline under Fed. R. Civ. P.
6(a)(1), the records that show compliance, the alert when an order is overdue or broken, the
draft that follows, and the report by district."""

from __future__ import annotations

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from amparo.cases.models import CaseAlert
from amparo.conftest import Cast, api_client_for
from amparo.core.phrases import read
from amparo.courts import rules
from amparo.courts.models import Court, CourtCase, Order
from amparo.courts.order_services import orders_check_overdue
from amparo.courts.selectors import order_state
from amparo.courts.services import court_case_draft, court_case_file, hearing_schedule, order_record
from amparo.custody.models import Facility
from amparo.custody.services import placement_end, placement_record

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
# Wednesday 2026-03-04, 10:00 in Louisiana.
ORDERED = datetime.datetime(2026, 3, 4, 10, tzinfo=CHICAGO)


def jena() -> Facility:
    return Facility.objects.get(name__icontains="CENTRAL LOUISIANA")


@pytest.fixture
def petition(cast: Cast) -> CourtCase:
    """A habeas petition filed in W.D. La. for a client held in Jena since 2026-02-01."""
    with time_machine.travel(datetime.datetime(2026, 3, 3, 12, tzinfo=CHICAGO), tick=False):
        placement_record(
            actor=cast.attorney,
            case=cast.case,
            facility=jena(),
            started_at=datetime.datetime(2026, 2, 1, 9, tzinfo=CHICAGO),
            source="locator",
        )
        court_case = court_case_draft(
            actor=cast.attorney,
            case=cast.case,
            court=Court.objects.get(code="lawd"),
            kind=CourtCase.Kind.HABEAS,
        )
        return court_case_file(
            actor=cast.attorney,
            court_case=court_case,
            docket_number="1:26-cv-00412",
            filed_at=datetime.datetime(2026, 3, 2, 9, tzinfo=CHICAGO),
        )


def release_order(cast: Cast, petition: CourtCase, **terms: object) -> Order:
    with time_machine.travel(ORDERED + datetime.timedelta(hours=1), tick=False):
        order, _ = order_record(
            actor=cast.attorney,
            court_case=petition,
            kind=Order.Kind.GRANT,
            issued_at=ORDERED,
            **{"compliance": "release", "compliance_days": 3, **terms},  # type: ignore[arg-type]
        )
    return order


def test_status_rule_from_worked_examples() -> None:
    """The last day counts (Fed. R. Civ. P. 6(a)(1)(C)); the day after, the order is overdue."""
    due = datetime.date(2026, 3, 9)
    status = rules.compliance_status
    assert (
        status(compliance="release", due_on=due, complied_on=None, violated=False, today=due)
        == "pending"
    )
    assert (
        status(
            compliance="release",
            due_on=due,
            complied_on=None,
            violated=False,
            today=due + datetime.timedelta(days=1),
        )
        == "overdue"
    )
    assert (
        status(
            compliance="release",
            due_on=due,
            complied_on=due + datetime.timedelta(1),
            violated=False,
            today=due,
        )
        == "complied-late"
    )
    assert (
        status(compliance="no-transfer", due_on=None, complied_on=None, violated=False, today=due)
        == "in-force"
    )
    assert (
        status(compliance="no-transfer", due_on=None, complied_on=None, violated=True, today=due)
        == "violated"
    )


def test_three_days_from_a_wednesday_run_to_monday_under_rule_6(
    cast: Cast, petition: CourtCase
) -> None:
    """Fed. R. Civ. P. 6(a)(1): from Wed 2026-03-04, day 3 is Sat 03-07, so the period runs to
    Mon 03-09; the deadline keeps the steps."""
    order = release_order(cast, petition)
    assert order.compliance_due_on == datetime.date(2026, 3, 9)
    assert order.compliance_deadline is not None
    assert order.compliance_deadline.rule == "court-order-compliance"
    assert any("6(a)(1)(C)" in step for step in map(read, order.compliance_deadline.steps))
    assert order.compliance_shown_by == rules.SHOWN_BY["release"]


def test_a_date_the_order_sets_governs(cast: Cast, petition: CourtCase) -> None:
    order = release_order(
        cast, petition, compliance_days=None, compliance_due_on=datetime.date(2026, 3, 6)
    )
    assert order.compliance_due_on == datetime.date(2026, 3, 6)
    assert order.compliance_deadline is not None and order.compliance_deadline.court_set


def test_terms_need_days_or_a_date(cast: Cast, petition: CourtCase) -> None:
    with pytest.raises(ValidationError) as raised:
        release_order(cast, petition, compliance_days=None)
    assert "compliance_days" in raised.value.message_dict
    assert Order.objects.count() == 0


def test_release_order_overdue_with_the_client_still_held_raises_the_alert_and_offers_the_draft(
    cast: Cast, petition: CourtCase, client: Client
) -> None:
    release_order(cast, petition)
    assert orders_check_overdue(case=cast.case, today=datetime.date(2026, 3, 9)) == []
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, tzinfo=CHICAGO), tick=False):
        client.force_login(cast.attorney)
        panel = client.get(f"/cases/{cast.case.id}/court/")
    assert panel.status_code == 200
    alert = CaseAlert.objects.get(case=cast.case, kind=CaseAlert.Kind.ORDER_OVERDUE)
    assert "not obeyed by 2026-03-09" in alert.message
    assert alert.data["draft"] == rules.ENFORCE_TEMPLATE
    html = panel.content.decode()
    assert "overdue" in html and f'value="{rules.ENFORCE_TEMPLATE}"' in html
    # The sweep finds nothing new: one alert per order.
    out = io.StringIO()
    call_command("orders", "sweep", "--today", "2026-03-12", stdout=out)
    assert "0 new alerts." in out.getvalue()


def test_release_recorded_in_time_shows_compliance(cast: Cast, petition: CourtCase) -> None:
    order = release_order(cast, petition)
    with time_machine.travel(datetime.datetime(2026, 3, 6, 18, tzinfo=CHICAGO), tick=False):
        placement_end(
            actor=cast.attorney,
            case=cast.case,
            ended_at=datetime.datetime(2026, 3, 6, 17, tzinfo=CHICAGO),
        )
    order.refresh_from_db()
    assert order.compliance_evidence == "Release recorded"
    assert order_state(order, today=datetime.date(2026, 3, 20)).status == "complied"
    assert orders_check_overdue(case=cast.case, today=datetime.date(2026, 3, 20)) == []


def test_a_transfer_breaks_an_order_not_to_transfer_at_once(
    cast: Cast, petition: CourtCase
) -> None:
    with time_machine.travel(ORDERED + datetime.timedelta(hours=1), tick=False):
        order, _deadlines = order_record(
            actor=cast.attorney,
            court_case=petition,
            kind=Order.Kind.TRO,
            issued_at=ORDERED,
            compliance="no-transfer",
        )
        assert order.compliance_due_on is None
        elsewhere = Facility.objects.exclude(state="LA").order_by("name").first()
        assert elsewhere is not None
        placement_record(
            actor=cast.attorney,
            case=cast.case,
            facility=elsewhere,
            started_at=ORDERED + datetime.timedelta(minutes=30),
            source="locator",
        )
    order.refresh_from_db()
    assert order.violated_at is not None
    assert CaseAlert.objects.filter(case=cast.case, kind=CaseAlert.Kind.ORDER_VIOLATED).exists()


def test_a_placement_back_in_the_district_obeys_an_order_of_return(
    cast: Cast, petition: CourtCase
) -> None:
    away = Facility.objects.exclude(state="LA").order_by("name").first()
    assert away is not None
    with time_machine.travel(ORDERED + datetime.timedelta(hours=1), tick=False):
        placement_record(
            actor=cast.attorney,
            case=cast.case,
            facility=away,
            started_at=ORDERED - datetime.timedelta(hours=5),
            source="locator",
        )
        order = release_order(cast, petition, compliance="return", compliance_days=7)
        placement_record(
            actor=cast.attorney,
            case=cast.case,
            facility=jena(),
            started_at=ORDERED + datetime.timedelta(minutes=50),
            source="locator",
        )
    order.refresh_from_db()
    assert order.complied_at is not None and "Held at" in order.compliance_evidence


def test_a_bond_hearing_obeys_an_order_to_hold_one(cast: Cast, petition: CourtCase) -> None:
    order = release_order(cast, petition, compliance="bond-hearing", compliance_days=7)
    with time_machine.travel(datetime.datetime(2026, 3, 9, 12, tzinfo=CHICAGO), tick=False):
        hearing_schedule(
            actor=cast.attorney,
            court_case=petition,
            starts_at=datetime.datetime(2026, 3, 9, 9, tzinfo=CHICAGO),
            purpose="Bond hearing before the immigration judge",
        )
    order.refresh_from_db()
    assert order.complied_at is not None and "Bond hearing" in order.compliance_evidence


def test_api_records_terms_and_reports_compliance_by_district(
    cast: Cast, petition: CourtCase
) -> None:
    api = api_client_for(cast.attorney)
    with time_machine.travel(datetime.datetime(2026, 3, 12, 9, tzinfo=CHICAGO), tick=False):
        bad = api.post(
            f"/api/v1/court-cases/{petition.id}/orders",
            {"kind": "grant", "issued_at": "2026-03-04T10:00:00-06:00", "compliance": "release"},
            content_type="application/json",
        )
        assert bad.status_code == 422 and "compliance_days" in bad.json()["error"]["fields"]
        made = api.post(
            f"/api/v1/court-cases/{petition.id}/orders",
            {
                "kind": "grant",
                "issued_at": "2026-03-04T10:00:00-06:00",
                "compliance": "release",
                "compliance_days": 3,
            },
            content_type="application/json",
        )
        assert made.status_code == 201, made.content
        assert [d["rule"] for d in made.json()["deadlines"]] == ["court-order-compliance"]
        listed = api.get(f"/api/v1/cases/{cast.case.id}/orders").json()["items"]
        assert listed[0]["status"] == "overdue" and listed[0]["draft_template"]
        assert "6(a)(1)" in listed[0]["counting"]
        report = api.get("/api/v1/court-orders/compliance").json()["items"]
        assert report[0]["court"]["id"] == "lawd" and report[0]["late_or_broken"] == 1
        page = Client()
        page.force_login(cast.attorney)
        html = page.get("/court-orders/compliance/").content.decode()
        assert "Western District of Louisiana" in html and "overdue" in html
    outsider = api_client_for(cast.outsider).get(f"/api/v1/cases/{cast.case.id}/orders")
    assert outsider.status_code == 404
    assert api_client_for(cast.outsider).get("/api/v1/court-orders/compliance").json() == {
        "items": []
    }


def test_the_motion_to_enforce_is_drafted_from_the_overdue_order(
    cast: Cast, petition: CourtCase
) -> None:
    """The draft names the order, its deadline and how it was counted, the days since, and
    where the client is still held."""
    from docx import Document as open_docx

    from amparo.documents.services import document_generate

    release_order(cast, petition)
    with time_machine.travel(datetime.datetime(2026, 3, 11, 9, tzinfo=CHICAGO), tick=False):
        document = document_generate(
            actor=cast.attorney, case=cast.case, template=rules.ENFORCE_TEMPLATE
        )
    with document.file.open("rb") as handle:
        text = "\n".join(p.text for p in open_docx(io.BytesIO(handle.read())).paragraphs)
    assert "requiring Respondents to release the client by March 9, 2026" in text
    assert "3 days from the order, counted under Fed. R. Civ. P. 6(a)(1)" in text
    assert "2 days have passed since the deadline" in text
    assert "CENTRAL LOUISIANA ICE PROCESSING CENTER" in text.upper()


def test_the_sweep_task_raises_the_overdue_alert_once(cast: Cast, petition: CourtCase) -> None:
    from amparo.courts.tasks import sweep_overdue_orders

    release_order(cast, petition)
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, tzinfo=CHICAGO), tick=False):
        assert sweep_overdue_orders.call() == 1
        assert sweep_overdue_orders.call() == 0


def test_24_hours_from_friday_afternoon_run_to_monday_at_the_same_time(
    cast: Cast, petition: CourtCase
) -> None:
    """Fed. R. Civ. P. 6(a)(2): 24 hours from Fri 2026-03-06 15:00 end Sat 15:00, a Saturday,
    so the period runs to Mon 2026-03-09 15:00; at 15:01 the order is overdue."""
    friday = datetime.datetime(2026, 3, 6, 15, tzinfo=CHICAGO)
    with time_machine.travel(friday + datetime.timedelta(hours=1), tick=False):
        order, _deadlines = order_record(
            actor=cast.attorney,
            court_case=petition,
            kind=Order.Kind.GRANT,
            issued_at=friday,
            compliance="release",
            compliance_hours=24,
        )
    assert order.compliance_due_at == datetime.datetime(2026, 3, 9, 15, tzinfo=CHICAGO)
    assert order.compliance_deadline is not None
    assert any("6(a)(2)(C)" in step for step in map(read, order.compliance_deadline.steps))
    on_time = datetime.datetime(2026, 3, 9, 14, 59, tzinfo=CHICAGO)
    with time_machine.travel(on_time, tick=False):
        assert orders_check_overdue(case=cast.case) == []
    with time_machine.travel(on_time + datetime.timedelta(minutes=2), tick=False):
        assert len(orders_check_overdue(case=cast.case)) == 1
        assert order_state(order).status == "overdue"
    with pytest.raises(ValidationError):
        release_order(cast, petition, compliance_hours=24)  # days and hours both given


def test_hours_count_real_hours_across_a_change_of_clocks() -> None:
    """48 hours from Sat 2026-03-07 12:00 CST, across the change to daylight time on Sunday,
    end Mon 2026-03-09 13:00 CDT (48 real hours)."""
    due, _steps = rules.hours_due(datetime.datetime(2026, 3, 7, 12, tzinfo=CHICAGO), 48)
    assert due == datetime.datetime(2026, 3, 9, 13, tzinfo=CHICAGO)
