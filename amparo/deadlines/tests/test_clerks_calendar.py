"""The clerk's calendar: Fed. R. Civ. P. 6(a)(3), 6(a)(6)(B)-(C), 6(d), Fed. R. App. P. 4(a).

Worked examples from the sources: the 2009 committee note to Rule 6(a)(5) (inaccessibility
on a backward-counted period), Rule 6(d)'s three days, FRAP 4(a)(1)(B)'s sixty days, Mardi Gras
in the E.D. La., Inauguration Day in the D.D.C. (5 U.S.C. § 6103(c)).
"""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command

from amparo.deadlines.court_days import inauguration_day, mardi_gras
from amparo.deadlines.rules import compute, count

D = datetime.date


def test_inaccessible_clerks_office_extends_a_backward_count_forward() -> None:
    """2009 committee note to Rule 6(a)(5): a filing due 10 days before an event whose tenth
    day is Saturday, September 1, 2007 is due Friday, August 31; "If the clerk's office is
    inaccessible on August 31, then subdivision (a)(3) extends the filing deadline forward to
    the next accessible day that is not a Saturday, Sunday or legal holiday—no earlier than
    Tuesday, September 4" (Monday, September 3 was Labor Day)."""
    result = count(D(2007, 9, 11), 10, backward=True, closures=frozenset({D(2007, 8, 31)}))
    assert result.due_on == D(2007, 9, 4)
    text = " ".join(result.steps)
    assert "6(a)(5)" in text  # Saturday -> Friday first
    assert "6(a)(3)(A)" in text and "forward, although the period was counted backward" in text
    assert "2007-09-03 is Labor Day, a legal holiday" in text


def test_a_closure_on_a_backward_counted_weekday_moves_forward_not_back() -> None:
    """Seven days before Wednesday 2025-03-12 is Wednesday 2025-03-05; the clerk's office is
    closed that day, so Rule 6(a)(3)(A) extends the time to Thursday 2025-03-06, not to the
    Tuesday before."""
    result = count(D(2025, 3, 12), 7, backward=True, closures=frozenset({D(2025, 3, 5)}))
    assert result.due_on == D(2025, 3, 6)
    assert "the next day is the one before" not in " ".join(result.steps)


def test_a_closure_on_a_forward_count_runs_to_the_first_accessible_day() -> None:
    """Rule 6(a)(3)(A): 14 days after Monday 2025-03-03 is Monday 2025-03-17; the office is
    closed Monday and Tuesday, so the time runs to Wednesday 2025-03-19."""
    closed = frozenset({D(2025, 3, 17), D(2025, 3, 18)})
    assert count(D(2025, 3, 3), 14, closures=closed).due_on == D(2025, 3, 19)


@pytest.mark.parametrize(
    ("served_by", "due"),
    [
        ("mail", D(2025, 3, 13)),  # Rule 5(b)(2)(C)
        ("clerk", D(2025, 3, 13)),  # Rule 5(b)(2)(D)
        ("consented", D(2025, 3, 13)),  # Rule 5(b)(2)(F)
        ("electronic", D(2025, 3, 10)),  # Rule 5(b)(2)(E): no days since 2016
        ("hand", D(2025, 3, 10)),
    ],
)
def test_rule_6d_adds_three_days_after_the_period_expires(
    served_by: str, due: datetime.date
) -> None:
    """28 U.S.C. § 2243 (3 days) with Rule 6(a): an order served Thursday 2025-03-06 makes
    Sunday 2025-03-09 the last day, which runs to Monday 2025-03-10. Rule 6(d) then adds 3
    days "after the period would otherwise expire under Rule 6(a)": Thursday 2025-03-13."""
    assert compute("habeas-return", D(2025, 3, 6), served_by=served_by).due_on == due


def test_rule_6d_three_days_that_end_on_a_weekend_roll_again() -> None:
    """Served by mail Monday 2025-03-03: the 3-day return ends Thursday 2025-03-06; plus 3
    days is Sunday 2025-03-09, which runs to Monday 2025-03-10 (Rule 6(a)(1)(C))."""
    assert compute("habeas-return", D(2025, 3, 3), served_by="mail").due_on == D(2025, 3, 10)


def test_rule_6d_only_for_rules_that_count_from_service() -> None:
    with pytest.raises(ValueError, match="6\\(d\\)"):
        compute("petition-for-review", D(2025, 3, 3), served_by="mail")
    with pytest.raises(ValueError, match="6\\(d\\)"):
        compute("bia-bond-appeal", D(2025, 3, 3), served_by="mail")
    with pytest.raises(ValueError, match="means of service"):
        compute("habeas-return", D(2025, 3, 3), served_by="pigeon")


def test_frap_4_sixty_days_when_a_united_states_officer_is_a_party() -> None:
    """Fed. R. App. P. 4(a)(1)(B): a habeas judgment entered Friday 2025-01-03 may be
    appealed until Tuesday 2025-03-04; one entered Thursday 2025-07-03 has day 60 on Labor
    Day, Monday 2025-09-01, and runs to Tuesday 2025-09-02 (Fed. R. App. P. 26(a)(1)(C))."""
    first = compute("habeas-appeal", D(2025, 1, 3))
    assert (first.due_on, first.days) == (D(2025, 3, 4), 60)
    assert "4(a)(1)(B)" in first.citation
    assert "4(a)(4)" in " ".join(first.steps)  # tolling noted
    assert compute("habeas-appeal", D(2025, 7, 3)).due_on == D(2025, 9, 2)
    after = compute("habeas-appeal-after-motion", D(2025, 7, 7))
    assert after.due_on == D(2025, 9, 5)
    assert "4(a)(4)(A)" in after.citation


def test_mardi_gras_is_computed_from_easter() -> None:
    """Mardi Gras is the Tuesday 47 days before Easter Sunday."""
    assert mardi_gras(2026) == D(2026, 2, 17)
    assert mardi_gras(2027) == D(2027, 2, 9)
    assert mardi_gras(2030) == D(2030, 3, 5)
    assert all(mardi_gras(year).weekday() == 1 for year in range(1990, 2100))


def test_mardi_gras_in_the_eastern_district_of_louisiana() -> None:
    """Rule 6(a)(6)(C): a state holiday is a legal holiday for periods measured after an event.
    Ten days after Saturday 2026-02-07 is Mardi Gras, Tuesday 2026-02-17, on which the E.D.
    La. closes: due Wednesday 2026-02-18 there; elsewhere the day stands (with a warning where
    a published state calendar lists it). Counted back, a state holiday is not a legal
    holiday: the day stands and a warning says the clerk's office is closed."""
    assert count(D(2026, 2, 7), 10, court="laed").due_on == D(2026, 2, 18)
    elsewhere = count(D(2026, 2, 7), 10, court="lawd")
    assert elsewhere.due_on == D(2026, 2, 17)
    assert any("Mardi Gras" in w and "6(a)(6)(C)" in w for w in elsewhere.warnings)
    back = count(D(2026, 2, 27), 10, backward=True, court="laed")
    assert back.due_on == D(2026, 2, 17)
    assert any("state holiday" in w for w in back.warnings)


def test_inauguration_day_in_the_district_of_columbia() -> None:
    """5 U.S.C. § 6103(c): January 20 of each fourth year after 1965 is a legal public holiday
    in the District of Columbia (the 21st when the 20th is a Sunday). Ten days after Sunday
    2021-01-10 is Wednesday 2021-01-20: due Thursday 2021-01-21 in the D.D.C., and counted
    back it moves to Tuesday 2021-01-19 (a holiday declared by Congress, Rule 6(a)(6)(B))."""
    assert inauguration_day(2021) == D(2021, 1, 20)
    assert inauguration_day(2022) is None
    assert inauguration_day(2013) == D(2013, 1, 21)  # the 20th was a Sunday
    assert count(D(2021, 1, 10), 10, court="dcd").due_on == D(2021, 1, 21)
    assert count(D(2021, 1, 10), 10, court="mdd").due_on == D(2021, 1, 20)
    assert count(D(2021, 1, 30), 10, backward=True, court="dcd").due_on == D(2021, 1, 19)


def test_presidential_closure_takes_the_earlier_date_either_way_and_warns() -> None:
    """Christmas Eve 2024, closed by executive order: unsettled under Rule 6(a)(6)(B). Counted
    forward to it, the day stands; counted back to it, the period moves to Monday 2024-12-23.
    Both warn."""
    forward = count(D(2024, 12, 10), 14)
    assert forward.due_on == D(2024, 12, 24)
    assert forward.warnings
    backward = count(D(2025, 1, 7), 14, backward=True)
    assert backward.due_on == D(2024, 12, 23)
    assert any("unsettled" in w for w in backward.warnings)


def _run(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("deadline", *args, "--json", stdout=out)
    data: dict[str, object] = json.loads(out.getvalue())
    return data


@pytest.mark.django_db
def test_cli_closed_days_and_recorded_closures_apply() -> None:
    """`--closed` is repeatable and joins the closures recorded for the court."""
    from amparo.courts.models import Court
    from amparo.deadlines.services import closure_add

    data = _run(
        "count", "--from", "2007-09-11", "--days", "10", "--backward", "--closed", "2007-08-31"
    )
    assert data["due_on"] == "2007-09-04"
    court = Court.objects.filter(code="laed").first() or Court.objects.create(
        code="laed", kind="district", name="E.D. La.", short_name="E.D. La."
    )
    closure_add(actor=None, on=D(2026, 2, 18), reason="Flood", court=court)
    data = _run("count", "--from", "2026-02-07", "--days", "10", "--court", "laed")
    assert data["due_on"] == "2026-02-19"  # Mardi Gras, then the recorded closure
    data = _run(
        "habeas-return", "--from", "2025-03-06", "--served-by", "mail", "--closed", "2025-03-13"
    )
    assert data["due_on"] == "2025-03-14"


def test_business_days_follow_the_immigration_court_calendar() -> None:
    """8 CFR 1003.19(i)(2) counts business days at EOIR: the day of mourning of 2025-01-09
    closed the immigration courts (an executive agency), a recorded closure does too."""
    from amparo.deadlines.rules import non_working_reason

    assert non_working_reason(D(2025, 1, 8)) is None
    assert non_working_reason(D(2025, 1, 9)) is not None
    assert non_working_reason(D(2025, 3, 5), frozenset({D(2025, 3, 5)})) is not None


@pytest.mark.django_db
def test_cli_json_carries_the_warnings() -> None:
    data = _run("count", "--from", "2024-12-10", "--days", "14")
    assert data["due_on"] == "2024-12-24"
    assert isinstance(data["warnings"], list) and data["warnings"]
