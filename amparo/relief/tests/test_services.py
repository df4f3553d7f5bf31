"""Ledger services: defaults from the venue, the audit trail, moot and overdue sweeps, the data
rows the migrations ship, and the graceful fallbacks while sibling modules are missing."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.conftest import Cast
from amparo.core.errors import ConflictError, TransitionError
from amparo.factories import CaseFactory, PersonFactory
from amparo.relief import escalation_facts, selectors
from amparo.relief.models import Decision, PolicyRegime, Request, RequestType
from amparo.relief.policy_regimes import DEFAULT_POLICY_REGIMES
from amparo.relief.request_types import DEFAULT_REQUEST_TYPES
from amparo.relief.services import (
    decision_record,
    request_acknowledge,
    request_create,
    request_submit,
    requests_mark_moot,
    requests_overdue,
)
from amparo.relief.tests.conftest import DUE_DATE, MONDAY_MORNING, NEW_ORLEANS, jena

pytestmark = pytest.mark.django_db
SUNDAY_EVENING = datetime.datetime(2025, 3, 9, 17, 12, tzinfo=NEW_ORLEANS)


def parole(cast: Cast, case: Case, **extra: object) -> Request:
    return request_create(
        actor=cast.attorney,
        case=case,
        request_type="humanitarian-parole",
        reason="Birth of a child.",
        urgency_until=DUE_DATE,
        **extra,  # type: ignore[arg-type]
    )


def test_every_shipped_request_type_is_a_row_citing_its_basis() -> None:
    """Issue 4: types are rows an admin edits, each with who decides and whether an appeal
    exists (8 CFR 212.5: none for parole; 8 CFR 1003.38: BIA for IJ bond decisions)."""
    rows = {t.slug: t for t in RequestType.objects.all()}
    assert set(rows) >= {row["slug"] for row in DEFAULT_REQUEST_TYPES}
    for slug, row in rows.items():
        if slug != "other":
            assert row.legal_basis, slug
        assert not row.appeal_available or row.appeal_to, slug
    assert rows["humanitarian-parole"].decided_by == "field-office-director"
    assert rows["humanitarian-parole"].appeal_available is False
    assert rows["humanitarian-parole"].overdue_after_hours == 72
    assert rows["bond-redetermination"].decided_by == "immigration-judge"
    assert "1003.38(b)" in rows["bond-redetermination"].appeal_to
    assert rows["no-transfer"].escalation_key == "no-transfer"


def test_the_regimes_migration_loaded_every_record() -> None:
    slugs = list(PolicyRegime.objects.order_by("effective_from").values_list("slug", flat=True))
    assert slugs == [row["slug"] for row in DEFAULT_POLICY_REGIMES]
    answer = selectors.policy_regime_on(datetime.date(2025, 3, 8))
    assert answer.regime is not None and answer.regime.slug == "eo-14159"
    assert "14159" in str(PolicyRegime.objects.get(slug="eo-14159"))


def test_an_admin_threshold_overrides_the_setting(settings: object) -> None:
    parole_type = RequestType.objects.get(slug="humanitarian-parole")
    assert selectors.overdue_hours(parole_type) == 72
    parole_type.overdue_after_hours = None
    assert selectors.overdue_hours(parole_type) == selectors.DEFAULT_OVERDUE_HOURS
    settings.AMPARO_REQUEST_OVERDUE_HOURS = 12  # type: ignore[attr-defined]
    assert selectors.overdue_hours(parole_type) == 12


def test_request_is_addressed_to_the_field_office_of_the_current_venue(
    cast: Cast, story: Case
) -> None:
    request = parole(cast, story)
    assert request.addressed_to == "Field Office Director, New Orleans Field Office"
    assert request.field_office is not None and request.field_office.code == "NOL"
    typed = parole(cast, story, addressed_to="Deputy FOD, St. Rose")
    assert typed.addressed_to == "Deputy FOD, St. Rose"


def test_a_bond_request_goes_to_the_immigration_court_never_the_field_office(
    cast: Cast, story: Case
) -> None:
    """8 CFR 1003.19(c): a custody redetermination is asked of the immigration court: the court
    of the removal case, else the one at the facility, else ask which court has the case."""
    from amparo.courts.models import Court, Proceeding

    at_facility = request_create(
        actor=cast.attorney, case=story, request_type="bond-redetermination", reason="Bond"
    )
    assert at_facility.addressed_to.startswith("Immigration Judge, ")
    assert "(the court at the facility)" in at_facility.addressed_to
    assert at_facility.field_office is None
    court = Court.objects.filter(kind="immigration").exclude(code="JNA").first()
    assert court is not None
    Proceeding.objects.create(case=story, court=court)
    joseph = request_create(
        actor=cast.attorney, case=story, request_type="joseph-hearing", reason="Not included"
    )
    assert joseph.addressed_to == f"Immigration Judge, {court.name}"
    nowhere = request_create(
        actor=cast.attorney, case=cast.case, request_type="bond-redetermination", reason="Bond"
    )
    assert "Field Office" not in nowhere.addressed_to


def test_without_a_placement_the_addressee_is_filled_at_submission(cast: Cast) -> None:
    request = parole(cast, cast.case)
    assert request.addressed_to == "" and request.field_office is None
    from amparo.factories import PlacementFactory

    PlacementFactory(case=cast.case, facility=jena())
    with time_machine.travel(MONDAY_MORNING, tick=False):
        request_submit(
            actor=cast.attorney, request=request, submitted_at=SUNDAY_EVENING, channel="fax"
        )
    request.refresh_from_db()
    assert request.addressed_to == "Field Office Director, New Orleans Field Office"
    assert request.submitted_by == cast.attorney


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_every_write_is_audited_with_field_names_only(cast: Cast, story: Case) -> None:
    request = parole(cast, story)
    request_submit(
        actor=cast.attorney, request=request, submitted_at=SUNDAY_EVENING, channel="email"
    )
    request_acknowledge(
        actor=cast.attorney,
        request=request,
        acknowledged_at=SUNDAY_EVENING + datetime.timedelta(minutes=5),
    )
    decision_record(
        actor=cast.paralegal,
        request=request,
        decided_at=SUNDAY_EVENING + datetime.timedelta(minutes=29),
        outcome="denied",
        reasons_given=False,
    )
    actions = list(
        AuditEvent.objects.filter(case_id=story.id)
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == ["request.create", "request.submit", "request.acknowledge", "decision.create"]
    submit = AuditEvent.objects.get(action="request.submit")
    assert "submitted_at" in submit.changed_fields


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_stale_version_refuses_the_decision_and_saves_nothing(cast: Cast, story: Case) -> None:
    request = parole(cast, story)
    request_submit(
        actor=cast.attorney, request=request, submitted_at=SUNDAY_EVENING, channel="email"
    )
    with pytest.raises(ConflictError):
        decision_record(
            actor=cast.attorney,
            request=request,
            decided_at=SUNDAY_EVENING + datetime.timedelta(minutes=29),
            outcome="denied",
            reasons_given=False,
            expected_version=1,
        )
    request.refresh_from_db()
    assert request.status == "submitted"
    assert not Decision.objects.filter(request=request).exists()


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_decision_before_submission_is_refused(cast: Cast, story: Case) -> None:
    request = parole(cast, story)
    request_submit(
        actor=cast.attorney, request=request, submitted_at=SUNDAY_EVENING, channel="email"
    )
    with pytest.raises(ValidationError) as caught:
        decision_record(
            actor=cast.attorney,
            request=request,
            decided_at=SUNDAY_EVENING - datetime.timedelta(minutes=1),
            outcome="denied",
            reasons_given=False,
        )
    assert "decided_at" in caught.value.message_dict


def test_past_urgency_requests_become_moot_on_the_organisations_own_day(cast: Cast) -> None:
    """2025-03-19 05:30 UTC is already the 19th in New Orleans (00:30 CDT) but still the 18th
    in Los Angeles (22:30 PDT): only the New Orleans team's request is past its date."""
    cast.organisation.time_zone = "America/Chicago"
    cast.organisation.save(update_fields=["time_zone"])
    other = cast.other_organisation
    other.time_zone = "America/Los_Angeles"
    other.save(update_fields=["time_zone"])
    with time_machine.travel(MONDAY_MORNING, tick=False):
        here = parole(cast, cast.case)
        there = parole(cast, cast.outsider_case)
        submitted = parole(cast, CaseFactory(person=PersonFactory(organisation=cast.organisation)))
        request_submit(
            actor=cast.attorney, request=submitted, submitted_at=SUNDAY_EVENING, channel="email"
        )
        no_date = request_create(
            actor=cast.attorney, case=cast.case, request_type="medical-care", reason="Insulin."
        )
    with time_machine.travel(datetime.datetime(2025, 3, 19, 5, 30, tzinfo=datetime.UTC)):
        marked = requests_mark_moot()
    assert {r.id for r in marked} == {here.id, submitted.id}
    statuses = dict(Request.objects.values_list("id", "status"))
    assert statuses[here.id] == "moot" and statuses[submitted.id] == "moot"
    assert statuses[there.id] == "draft" and statuses[no_date.id] == "draft"
    assert Request.objects.get(id=here.id).closed_at is not None
    assert AuditEvent.objects.filter(action="request.moot").count() == 2
    with pytest.raises(TransitionError):
        request_submit(
            actor=cast.attorney, request=Request.objects.get(id=here.id),
            submitted_at=SUNDAY_EVENING, channel="email",
        )  # fmt: skip


def test_sweep_command_marks_moot_and_lists_overdue_without_names(cast: Cast, story: Case) -> None:
    with time_machine.travel(MONDAY_MORNING, tick=False):
        waiting = parole(cast, story)
        request_submit(
            actor=cast.attorney, request=waiting, submitted_at=SUNDAY_EVENING, channel="email"
        )
        stale = request_create(
            actor=cast.attorney,
            case=story,
            request_type="humanitarian-release",
            reason="Funeral.",
            urgency_until=datetime.date(2025, 3, 11),
        )
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2025, 3, 13, 12, 0, tzinfo=NEW_ORLEANS)):
        call_command("requests", "sweep", "--today", "2025-03-12", stdout=out)
        assert [r.id for r in requests_overdue()] == [waiting.id]
    text = out.getvalue()
    assert f"moot {stale.id} humanitarian-release" in text
    assert f"overdue {waiting.id} humanitarian-parole riverside waiting" in text
    assert "1 marked moot; 1 overdue." in text
    assert story.person.family_name not in text
    with pytest.raises(CommandError):
        call_command("requests", "sweep", "--today", "next tuesday")


def test_case_facts_read_the_records(cast: Cast, story: Case) -> None:
    story.tags = ["transfer-imminent"]
    story.save(update_fields=["tags"])
    facts = escalation_facts.case_facts(story, now=MONDAY_MORNING)
    assert facts.today == datetime.date(2025, 3, 10)
    assert facts.detained is True
    assert facts.court is not None and facts.court.id == "lawd"
    assert facts.transfer_imminent is True and facts.removal_imminent is False
    assert facts.waiver_signed is False
    assert facts.immigration_status == "lpr"
    assert facts.decisions == ()


def test_detention_lengths_count_from_the_earliest_arrest_or_placement(
    cast: Cast, story: Case
) -> None:
    """The story's client is held in Jena since 2025-03-01 (New Orleans time)."""
    story.detention_basis = "236c"
    story.save(update_fields=["detention_basis"])
    rows = selectors.detention_lengths(cast.attorney, today=datetime.date(2025, 9, 1))
    row = next(r for r in rows if r.case_id == story.id)
    assert row.detained_since == datetime.date(2025, 3, 1)
    assert row.days == 184 and row.prolonged
    outsider = selectors.detention_lengths(cast.outsider, today=datetime.date(2025, 9, 1))
    assert story.id not in {r.case_id for r in outsider}
