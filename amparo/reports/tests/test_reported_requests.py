"""The reports over the reporting rows (`relief.ReportedRequest`) give the answers the former
queries over the requests and decisions gave (`former_queries.py`), on generated cases plus
requests sent at the edges of the organisation's months; and the rows stay in step with every
write that changes them."""

from __future__ import annotations

import datetime
import io
import zoneinfo
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from amparo.conftest import Cast
from amparo.custody.models import FieldOffice
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief.models import Request
from amparo.relief.models.reported import ReportedRequest
from amparo.relief.reporting import reported_requests_differences
from amparo.relief.services import (
    decision_record,
    request_acknowledge,
    request_create,
    request_withdraw,
)
from amparo.reports import selectors
from amparo.reports.filters import ReportFilters
from amparo.reports.tests import former_queries as former
from amparo.reports.tests.answers import sent_and_answered
from amparo.sampledata.synth import generate

pytestmark = pytest.mark.django_db
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def _sent(cast: Cast, office: str, sent: datetime.datetime, *, outcome: str = "") -> Request:
    case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    request = request_create(
        actor=cast.attorney, case=case, request_type="humanitarian-parole", reason="Birth"
    )
    Request.objects.filter(pk=request.pk).update(field_office=FieldOffice.objects.get(code=office))
    request.refresh_from_db()
    after = datetime.timedelta(hours=5) if outcome else None
    sent_and_answered(
        cast, request, sent_at=sent, after=after, outcome=outcome, reasons_given=False
    )
    return request


@pytest.fixture
def generated(cast: Cast) -> Cast:
    """Generated cases of a Chicago organisation, and requests sent in the last and first hours
    of its months (in UTC they fall in the next month or the same)."""
    cast.organisation.time_zone = "America/Chicago"
    cast.organisation.save(update_fields=["time_zone"])
    generate(cases=40, organisations=[cast.organisation], seed=7, stream=io.StringIO())
    from amparo.cases.models import Case

    some = list(Case.objects.order_by("id").values_list("id", flat=True)[:25:2])
    Case.objects.filter(id__in=some).update(lead_attorney=cast.attorney, campaign="Sunrise")
    with timezone.override(datetime.UTC):
        _sent(cast, "NOL", datetime.datetime(2026, 3, 31, 23, 30, tzinfo=CHICAGO), outcome="denied")
        _sent(cast, "NOL", datetime.datetime(2026, 4, 1, 0, 10, tzinfo=CHICAGO), outcome="granted")
        _sent(cast, "CHI", datetime.datetime(2025, 12, 31, 22, 0, tzinfo=CHICAGO), outcome="moot")
        _sent(cast, "CHI", datetime.datetime(2026, 1, 1, 1, 0, tzinfo=CHICAGO))
    return cast


def _offices_in_use() -> list[str]:
    ids = ReportedRequest.objects.exclude(field_office_id=None).values("field_office_id")
    return list(
        FieldOffice.objects.filter(id__in=ids).order_by("code").values_list("code", flat=True)
    )


def _filters() -> list[ReportFilters]:
    from amparo.cases.models import Case

    codes = _offices_in_use()
    led = Case.objects.exclude(lead_attorney=None).values_list("lead_attorney_id", flat=True)
    tagged = Case.objects.exclude(campaign="").values_list("campaign", flat=True)
    assert led and tagged  # the `generated` fixture writes both: the case filters are tried
    return [
        ReportFilters(attorney=led[0]),
        ReportFilters(campaign=tagged[0], field_office="NOL"),
        ReportFilters(),
        ReportFilters(field_office=codes[0]),
        ReportFilters(field_office="NOL"),
        ReportFilters(since=datetime.date(2026, 4, 1)),
        ReportFilters(until=datetime.date(2026, 3, 31), field_office="NOL"),
        ReportFilters(request_type="humanitarian-parole"),
    ]


def _same(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> None:
    def key(row: dict[str, Any]) -> str:
        return repr(sorted(row.items()))

    assert sorted(new, key=key) == sorted(old, key=key)


REPORTS = [
    (selectors.turnaround, former.turnaround),
    (selectors.outcomes, former.outcomes),
    (selectors.denials_without_reasons, former.denials_without_reasons),
    (selectors.agency_answers, former.agency_answers),
]


@pytest.mark.parametrize(("new", "old"), REPORTS, ids=lambda f: f.__name__)
def test_reports_over_the_reporting_rows_answer_as_the_former_queries(
    generated: Cast, new: Any, old: Any
) -> None:
    with timezone.override(CHICAGO):  # the organisation's zone, as its pages are read
        for filters in _filters():
            for user in (generated.attorney, generated.outsider, None):
                _same(new(user, filters), old(user, filters))
        assert new(generated.attorney, ReportFilters())  # the data set is not empty


def test_outcomes_put_a_request_sent_late_on_31_march_in_march(generated: Cast) -> None:
    with timezone.override(CHICAGO):
        rows = selectors.outcomes(generated.attorney, ReportFilters(field_office="NOL"))
    nola = FieldOffice.objects.get(code="NOL").name
    months = {r["month"]: r["decided"] for r in rows if r["field_office"] == nola}
    assert months.get("2026-03", 0) >= 1
    assert months.get("2026-04", 0) >= 1


def test_arrest_to_first_decision_answers_as_before_without_an_office_filter(
    generated: Cast,
) -> None:
    dated = ReportFilters(since=datetime.date(2026, 1, 1), until=datetime.date(2026, 9, 30))
    with timezone.override(CHICAGO):
        for filters in (ReportFilters(), dated, ReportFilters(request_type="humanitarian-parole")):
            new = selectors.arrest_to_first_decision(generated.attorney, filters)
            old = former.arrest_to_first_decision_former(generated.attorney, filters)
            _same(new, old)


def test_a_restricted_case_stays_out_of_the_reports_of_those_who_may_not_read_it(
    generated: Cast,
) -> None:
    request = _sent(generated, "NOL", timezone.now() - datetime.timedelta(days=3), outcome="denied")
    request.case.restricted = True
    request.case.save(update_fields=["restricted"])
    with timezone.override(CHICAGO):
        for user in (generated.attorney, generated.paralegal, generated.admin):
            for filters in (ReportFilters(), ReportFilters(field_office="NOL")):
                _same(selectors.turnaround(user, filters), former.turnaround(user, filters))
                _same(selectors.outcomes(user, filters), former.outcomes(user, filters))


def test_the_reporting_rows_follow_every_step_of_a_request(cast: Cast) -> None:
    sent = timezone.now() - datetime.timedelta(days=2)
    request = _sent(cast, "NOL", sent)
    row = ReportedRequest.objects.get(request_id=request.id)
    assert (row.status, row.outcome, row.turnaround_minutes) == ("submitted", "", None)
    request_acknowledge(actor=cast.attorney, request=request, acknowledged_at=sent)
    assert ReportedRequest.objects.get(request_id=request.id).status == "acknowledged"
    decision_record(
        actor=cast.attorney,
        request=request,
        outcome="granted",
        decided_at=sent + datetime.timedelta(minutes=90),
        reasons_given=True,
    )
    row = ReportedRequest.objects.get(request_id=request.id)
    assert (row.status, row.outcome, row.turnaround_minutes) == ("decided", "granted", 90)
    other = _sent(cast, "NOL", sent)
    request_withdraw(actor=cast.attorney, request=other)
    assert ReportedRequest.objects.get(request_id=other.id).status == "withdrawn"
    assert reported_requests_differences() == 0


def test_a_draft_has_no_reporting_row(cast: Cast) -> None:
    case = CaseFactory(person=PersonFactory(organisation=cast.organisation))
    request_create(actor=cast.attorney, case=case, request_type="humanitarian-parole", reason="x")
    assert not ReportedRequest.objects.exists()


def test_synth_writes_the_reporting_rows_of_its_cases(generated: Cast) -> None:
    assert ReportedRequest.objects.count() == Request.objects.exclude(submitted_at=None).count()
    assert reported_requests_differences() == 0


def test_reports_check_finds_rows_out_of_step_and_rebuild_puts_them_right(generated: Cast) -> None:
    ReportedRequest.objects.filter(outcome="denied").update(outcome="granted")
    ReportedRequest.objects.filter(
        request_id__in=ReportedRequest.objects.values("request_id")[:1]
    ).delete()
    assert reported_requests_differences() > 0
    with pytest.raises(CommandError, match="differ"):
        call_command("reports", "check", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("reports", "rebuild", stdout=io.StringIO())
    assert reported_requests_differences() == 0
    out = io.StringIO()
    call_command("reports", "check", stdout=out)
    assert "match" in out.getvalue()


def test_a_new_time_zone_moves_the_organisations_report_months(cast: Cast) -> None:
    from amparo.accounts.services import organisation_settings_update

    request = _sent(cast, "NOL", datetime.datetime(2026, 3, 31, 23, 30, tzinfo=CHICAGO))
    assert ReportedRequest.objects.get(request_id=request.id).submitted_month == "2026-04"
    organisation_settings_update(
        actor=cast.admin, organisation=cast.organisation, time_zone="America/Chicago"
    )
    assert ReportedRequest.objects.get(request_id=request.id).submitted_month == "2026-03"
    assert reported_requests_differences() == 0


def test_reference_data_renaming_a_field_office_renames_it_in_the_reports(cast: Cast) -> None:
    """A load of the shipped tables that renames an office (ICE renames them) relabels the
    reporting rows in the load's own transaction: no `amparo reports rebuild` needed."""
    from amparo.custody.reference import reference_load

    _sent(cast, "NOL", datetime.datetime(2026, 3, 10, 12, 0, tzinfo=CHICAGO), outcome="denied")
    office = FieldOffice.objects.get(code="NOL")
    shipped = office.name
    office.name = "New Orleans (old name)"  # as a load of an older table left it
    office.save(update_fields=["name"])
    call_command("reports", "rebuild", stdout=io.StringIO())
    assert set(ReportedRequest.objects.values_list("office", flat=True)) == {office.name}

    reference_load()

    assert set(ReportedRequest.objects.values_list("office", flat=True)) == {shipped}
    assert reported_requests_differences() == 0
    assert selectors.turnaround(cast.attorney, ReportFilters())[0]["field_office"] == shipped


def test_a_failed_reference_load_leaves_the_reports_office_names_as_they_were(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from amparo.custody import reference

    _sent(cast, "NOL", datetime.datetime(2026, 3, 10, 12, 0, tzinfo=CHICAGO), outcome="denied")
    FieldOffice.objects.filter(code="NOL").update(name="New Orleans (old name)")
    call_command("reports", "rebuild", stdout=io.StringIO())

    def broken(counts: dict[str, int]) -> None:
        raise ValueError("a bad court row")

    monkeypatch.setattr(reference, "_load_courts", broken)
    with pytest.raises(ValueError, match="bad court row"):
        reference.reference_load()

    assert FieldOffice.objects.get(code="NOL").name == "New Orleans (old name)"
    assert set(ReportedRequest.objects.values_list("office", flat=True)) == {
        "New Orleans (old name)"
    }


def test_renaming_a_field_office_in_the_admin_renames_it_in_the_reports(
    cast: Cast, client: Any
) -> None:
    from amparo.accounts.models import User

    _sent(cast, "NOL", datetime.datetime(2026, 3, 10, 12, 0, tzinfo=CHICAGO), outcome="denied")
    office = FieldOffice.objects.get(code="NOL")
    operator = User.objects.create_superuser(email="operator@amparo.test", password="x" * 16)
    client.force_login(operator)
    page = client.get(f"/admin/custody/fieldoffice/{office.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["name"] = "New Orleans Field Office (renamed)"
    answer = client.post(f"/admin/custody/fieldoffice/{office.pk}/change/", data)

    assert answer.status_code == 302, answer.content[:500]
    assert set(ReportedRequest.objects.values_list("office", flat=True)) == {
        "New Orleans Field Office (renamed)"
    }
    assert reported_requests_differences() == 0
