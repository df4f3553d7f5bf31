"""Writes: deadlines from rules (with court closures), court-set dates, completion, assignment,
closures; each audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from amparo.audit.models import AuditEvent
from amparo.conftest import Cast
from amparo.core.errors import TransitionError
from amparo.core.phrases import read
from amparo.courts.models import Court, CourtCase
from amparo.deadlines.models import CourtClosure
from amparo.deadlines.services import (
    closure_add,
    deadline_assign,
    deadline_complete,
    deadline_court_date_set,
    deadline_create_from_rule,
)
from amparo.factories import CourtFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def habeas(cast: Cast, court: Court | None = None) -> CourtCase:
    return CourtCase.objects.create(
        case=cast.case, court=court or CourtFactory(), kind=CourtCase.Kind.HABEAS
    )


def test_create_from_rule_records_the_computation_and_an_audit_event(cast: Cast) -> None:
    """28 U.S.C. § 2243, Fed. R. Civ. P. 6(a)(1): served Thursday 2025-07-03 → due Monday
    2025-07-07 (day 3 is a Sunday)."""
    court_case = habeas(cast)
    deadline = deadline_create_from_rule(
        actor=cast.attorney,
        case=cast.case,
        court_case=court_case,
        rule="habeas-return",
        trigger_on=D(2025, 7, 3),
        source_event="Order to show cause of 2025-07-02",
        assignee=cast.paralegal,
    )
    deadline.refresh_from_db()
    assert deadline.due_on == deadline.computed_on == D(2025, 7, 7)
    assert deadline.court_set is False and deadline.court_set_on is None
    assert deadline.citation == "28 U.S.C. § 2243"
    assert deadline.days == 3
    assert read(deadline.steps[-1]) == "Due: 2025-07-07 (Monday)."
    assert deadline.assignee == cast.paralegal
    event = AuditEvent.objects.get(action="deadline.create")
    assert event.case_id == cast.case.id and event.actor_id == cast.attorney.id
    assert "due_on" in event.changed_fields


def test_court_set_date_wins_and_the_computed_date_is_kept(cast: Cast) -> None:
    """28 U.S.C. § 2243 ('unless for good cause additional time ... is allowed'): the court
    orders the return by 2025-07-17; § 2243 alone gives 2025-07-07."""
    deadline = deadline_create_from_rule(
        actor=cast.attorney,
        case=cast.case,
        rule="habeas-return",
        trigger_on=D(2025, 7, 3),
        court_set_on=D(2025, 7, 17),
    )
    assert (deadline.due_on, deadline.computed_on, deadline.court_set_on) == (
        D(2025, 7, 17),
        D(2025, 7, 7),
        D(2025, 7, 17),
    )
    assert deadline.court_set is True


def test_closure_of_the_court_moves_the_deadline_and_other_courts_closures_do_not(
    cast: Cast,
) -> None:
    """Fed. R. Civ. P. 6(a)(3) (clerk's office inaccessible) and 6(a)(6)(B) (declared
    holidays): with W.D. La. closed on Monday 2025-07-07, a return computed for that day runs
    to Tuesday 2025-07-08. A closure of S.D.N.Y. changes nothing; a closure of every court
    does."""
    lawd = CourtFactory()
    nysd = CourtFactory(code="nysd", name="S.D.N.Y. court", short_name="S.D.N.Y.")
    closure_add(actor=None, on=D(2025, 7, 7), reason="Hurricane", court=nysd)
    unaffected = deadline_create_from_rule(
        actor=None,
        case=cast.case,
        court_case=habeas(cast, lawd),
        rule="habeas-return",
        trigger_on=D(2025, 7, 3),
    )
    assert unaffected.due_on == D(2025, 7, 7)
    closure_add(actor=None, on=D(2025, 7, 7), reason="Hurricane", court=lawd)
    moved = deadline_create_from_rule(
        actor=None,
        case=cast.case,
        court_case=habeas(cast, lawd),
        rule="habeas-return",
        trigger_on=D(2025, 7, 3),
    )
    assert moved.due_on == D(2025, 7, 8)
    assert any(
        "2025-07-07: the clerk's office is inaccessible" in step and "6(a)(3)" in step
        for step in map(read, moved.steps)
    )
    closure_add(actor=None, on=D(2025, 7, 14), reason="Declared holiday")
    everywhere = deadline_create_from_rule(
        actor=None, case=cast.case, rule="habeas-hearing", trigger_on=D(2025, 7, 9)
    )
    assert everywhere.due_on == D(2025, 7, 15)  # Sat 12 → Sun 13 → closed Mon 14 → Tue 15


def test_unknown_rule_wrong_days_foreign_court_case_and_outside_assignee_are_refused(
    cast: Cast,
) -> None:
    base = {"actor": cast.attorney, "case": cast.case, "trigger_on": D(2025, 7, 3)}
    with pytest.raises(ValidationError) as unknown:
        deadline_create_from_rule(rule="habeas", **base)  # type: ignore[arg-type]
    assert "rule" in unknown.value.message_dict
    with pytest.raises(ValidationError) as too_long:
        deadline_create_from_rule(rule="habeas-return-extended", days=25, **base)  # type: ignore[arg-type]
    assert "days" in too_long.value.message_dict
    other = CourtCase.objects.create(
        case=cast.outsider_case, court=CourtFactory(), kind=CourtCase.Kind.HABEAS
    )
    with pytest.raises(ValidationError) as foreign:
        deadline_create_from_rule(rule="habeas-return", court_case=other, **base)  # type: ignore[arg-type]
    assert "court_case" in foreign.value.message_dict
    for assignee in (cast.outsider, cast.read_only):
        with pytest.raises(ValidationError) as bad_assignee:
            deadline_create_from_rule(rule="habeas-return", assignee=assignee, **base)  # type: ignore[arg-type]
        assert "assignee" in bad_assignee.value.message_dict
    assert not cast.case.deadlines.exists()


def test_extended_return_keeps_its_days_when_the_court_later_sets_a_date(cast: Cast) -> None:
    """28 U.S.C. § 2243: 15 days allowed from Thursday 2025-07-03 → Friday 2025-07-18; the
    court later fixes 2025-07-21. Clearing the court's date returns to the computed one."""
    deadline = deadline_create_from_rule(
        actor=cast.attorney,
        case=cast.case,
        rule="habeas-return-extended",
        trigger_on=D(2025, 7, 3),
        days=15,
    )
    assert deadline.due_on == D(2025, 7, 18)
    deadline_court_date_set(actor=cast.attorney, deadline=deadline, court_set_on=D(2025, 7, 21))
    deadline.refresh_from_db()
    assert (deadline.due_on, deadline.computed_on, deadline.court_set) == (
        D(2025, 7, 21),
        D(2025, 7, 18),
        True,
    )
    assert "court set 2025-07-21" in " ".join(map(read, deadline.steps))
    deadline_court_date_set(actor=cast.attorney, deadline=deadline, court_set_on=None)
    deadline.refresh_from_db()
    assert (deadline.due_on, deadline.court_set, deadline.court_set_on) == (
        D(2025, 7, 18),
        False,
        None,
    )
    assert AuditEvent.objects.filter(action="deadline.update").count() == 2


def test_complete_records_who_and_when_once(cast: Cast) -> None:
    deadline = deadline_create_from_rule(
        actor=None, case=cast.case, rule="tro-expiry", trigger_on=D(2025, 6, 20)
    )
    deadline_complete(actor=cast.paralegal, deadline=deadline)
    deadline.refresh_from_db()
    assert deadline.done_at is not None and deadline.done_by == cast.paralegal
    assert AuditEvent.objects.filter(action="deadline.complete", actor=cast.paralegal).exists()
    with pytest.raises(TransitionError):
        deadline_complete(actor=cast.attorney, deadline=deadline)
    deadline.refresh_from_db()
    assert deadline.done_by == cast.paralegal


def test_assign_to_a_member_who_can_work_on_the_case(cast: Cast) -> None:
    deadline = deadline_create_from_rule(
        actor=None, case=cast.case, rule="tro-expiry", trigger_on=D(2025, 6, 20)
    )
    deadline_assign(actor=cast.attorney, deadline=deadline, assignee=cast.intake)
    deadline.refresh_from_db()
    assert deadline.assignee == cast.intake
    with pytest.raises(ValidationError):
        deadline_assign(actor=cast.attorney, deadline=deadline, assignee=cast.advocate)
    deadline.refresh_from_db()
    assert deadline.assignee == cast.intake
    assert AuditEvent.objects.filter(action="deadline.assign").count() == 1


def test_closures_are_for_site_staff_and_adding_twice_keeps_one(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        closure_add(actor=cast.admin, on=D(2025, 12, 24), reason="Declared by the President")
    cast.admin.is_staff = True
    cast.admin.save(update_fields=["is_staff"])
    first = closure_add(actor=cast.admin, on=D(2025, 12, 24), reason="Declared by the President")
    again = closure_add(actor=cast.admin, on=D(2025, 12, 24), reason="Declared again")
    assert first.pk == again.pk
    assert CourtClosure.objects.count() == 1
    assert AuditEvent.objects.filter(action="court_closure.create").count() == 1
