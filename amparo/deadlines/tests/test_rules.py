"""Deadline counting from worked examples. Each docstring names the source of the rule."""

from __future__ import annotations

import datetime

import pytest

from amparo.deadlines.catalogue import RESERVED_WORDS, RULES, UnknownRule
from amparo.deadlines.court_days import presidential_closure
from amparo.deadlines.days import legal_holiday
from amparo.deadlines.rules import compute, count

D = datetime.date


# --- the holiday calendar --------------------------------------------------------------------


def test_juneteenth_is_a_legal_holiday_from_2021_with_its_observed_day() -> None:
    """5 U.S.C. § 6103(a) as amended by Pub. L. 117-17 (signed June 17, 2021) adds Juneteenth;
    June 19, 2021 was a Saturday, so federal offices observed Friday, June 18 (§ 6103(b)(1)).
    Before 2021 June 19 was an ordinary working day."""
    assert legal_holiday(D(2021, 6, 18)) == "Juneteenth National Independence Day (observed)"
    assert legal_holiday(D(2025, 6, 19)) == "Juneteenth National Independence Day"
    assert legal_holiday(D(2020, 6, 19)) is None


def test_weekend_holidays_are_observed_friday_before_or_monday_after() -> None:
    """5 U.S.C. § 6103(b)(1): a Saturday holiday is observed the Friday before (July 4, 2026 is
    a Saturday → Friday, July 3); Exec. Order 11582: a Sunday holiday the Monday after
    (Christmas 2022 → Monday, Dec 26). New Year's Day 2022 (a Saturday) was observed on
    Friday, Dec 31, 2021 — in the year before."""
    assert legal_holiday(D(2026, 7, 3)) == "Independence Day (observed)"
    assert legal_holiday(D(2022, 12, 26)) == "Christmas Day (observed)"
    assert legal_holiday(D(2021, 12, 31)) == "New Year's Day (observed)"
    assert legal_holiday(D(2026, 7, 2)) is None


def test_inauguration_day_is_not_a_legal_holiday_outside_the_capital_area() -> None:
    """5 U.S.C. § 6103(c) makes Inauguration Day a holiday only for employees in the District
    of Columbia area; Jan 20, 2025 counts as a legal holiday only because it was also Martin
    Luther King Jr. Day (§ 6103(a)). Jan 20, 2021 (a Wednesday) was an ordinary day."""
    assert legal_holiday(D(2025, 1, 20)) == "Martin Luther King Jr. Day"
    assert legal_holiday(D(2021, 1, 20)) is None


# --- federal counting (Fed. R. Civ. P. 6(a)) ------------------------------------------------


def test_three_day_habeas_return_served_on_a_thursday_is_due_monday() -> None:
    """28 U.S.C. § 2243 (return 'within three days'), counted under Fed. R. Civ. P. 6(a)(1):
    served Thursday 2025-03-06; Fri = 1, Sat = 2, Sun = 3 (weekends count since the 2009
    amendments); day 3 is a Sunday, so the return is due Monday 2025-03-10 (6(a)(1)(C))."""
    result = compute("habeas-return", D(2025, 3, 6))
    assert result.due_on == D(2025, 3, 10)
    assert result.computed_on == D(2025, 3, 10)
    assert result.citation == "28 U.S.C. § 2243"
    assert "2025-03-09 is a Sunday → 2025-03-10 (Monday)" in " ".join(result.steps)
    assert result.steps[2].startswith("Trigger: 2025-03-06 (Thursday)")


def test_return_due_on_new_years_day_moves_to_january_2() -> None:
    """Fed. R. Civ. P. 6(a)(1)(C), 6(a)(6)(A) (New Year's Day): an order to show cause served
    Monday 2025-12-29 makes day 3 Thursday 2026-01-01, a legal holiday; the return is due
    Friday 2026-01-02."""
    result = compute("habeas-return", D(2025, 12, 29))
    assert result.due_on == D(2026, 1, 2)
    assert "New Year's Day, a legal holiday" in " ".join(result.steps)


def test_count_across_new_year_skips_the_observed_friday_and_the_weekend() -> None:
    """Fed. R. Civ. P. 6(a)(1)(C); New Year's Day 2022 fell on a Saturday and was observed on
    Friday 2021-12-31 (5 U.S.C. § 6103(b)(1)). 30 days from 2021-12-01 end on that Friday, then
    Saturday and Sunday follow: due Monday 2022-01-03."""
    result = count(D(2021, 12, 1), 30)
    assert result.due_on == D(2022, 1, 3)
    joined = " ".join(result.steps)
    assert "2021-12-31 is New Year's Day (observed), a legal holiday → 2022-01-03" in joined
    assert "2022-01-01 is a Saturday" in joined and "2022-01-02 is a Sunday" in joined


def test_ten_days_ending_on_juneteenth_move_to_the_next_day() -> None:
    """Fed. R. Civ. P. 6(a)(1)(C); Juneteenth (5 U.S.C. § 6103(a), Pub. L. 117-17): 10 days
    from Monday 2025-06-09 end on Thursday 2025-06-19, a legal holiday: due Friday 2025-06-20.
    The same count in 2020, before Juneteenth was a holiday, stays on Friday 2020-06-19."""
    assert count(D(2025, 6, 9), 10).due_on == D(2025, 6, 20)
    assert count(D(2020, 6, 9), 10).due_on == D(2020, 6, 19)


def test_independence_day_on_a_saturday_is_observed_friday_and_rolls_to_monday() -> None:
    """Fed. R. Civ. P. 6(a)(1)(C), 6(a)(6)(A); 5 U.S.C. § 6103(b)(1): July 4, 2026 is a
    Saturday, observed Friday July 3. A return served Tuesday 2026-06-30 is due on day 3,
    Friday July 3 — a legal holiday — then Saturday and Sunday: due Monday 2026-07-06."""
    result = compute("habeas-return", D(2026, 6, 30))
    assert result.due_on == D(2026, 7, 6)
    assert "2026-07-03 is Independence Day (observed), a legal holiday → 2026-07-06" in " ".join(
        result.steps
    )


def test_thanksgiving_last_day_moves_to_friday() -> None:
    """8 CFR 1003.38(b): the BIA must receive a bond appeal within 30 calendar days; if the
    last day is a legal holiday the time runs to the next business day. A decision on Tuesday
    2025-10-28 makes day 30 Thanksgiving, Thursday 2025-11-27: due Friday 2025-11-28."""
    result = compute("bia-bond-appeal", D(2025, 10, 28))
    assert result.due_on == D(2025, 11, 28)
    assert "Thanksgiving Day, a legal holiday" in " ".join(result.steps)


def test_petition_for_review_due_on_christmas_counts_the_presidential_closure_and_warns() -> None:
    """8 U.S.C. § 1252(b)(1) (30 days), counted under Fed. R. App. P. 26(a)(1) = Fed. R. Civ.
    P. 6(a)(1): a final order of Tuesday 2025-11-25 makes day 30 Christmas Day, Thursday
    2025-12-25, so the period runs to the next day. The President closed the executive
    departments on Friday 2025-12-26; whether that is a day "declared a holiday by the
    President" (6(a)(6)(B)) is unsettled, so Amparo takes the earlier date, Friday, and warns
    (a later Monday 2025-12-29 is possible if the court treats it as a holiday). In 2024 the
    same order of Monday 2024-11-25 ran to Wednesday 2024-12-25 and was due Thursday
    2024-12-26, an ordinary working day."""
    due = compute("petition-for-review", D(2025, 11, 25))
    assert due.due_on == D(2025, 12, 26)
    assert any("2025-12-26" in w and "unsettled" in w for w in due.warnings)
    assert compute("petition-for-review", D(2024, 11, 25)).due_on == D(2024, 12, 26)


def test_presidential_closures_are_not_counted_as_legal_holidays_but_close_eoir() -> None:
    """The national day of mourning for President Carter, Thursday 2025-01-09, and Christmas
    Eve 2024 closed the executive departments by executive order: not a § 6103(a) holiday,
    and unsettled under Fed. R. Civ. P. 6(a)(6)(B). The orders close the immigration courts
    and the Board, so a DHS automatic-stay notice due one business day after Wednesday
    2025-01-08 is due Friday 2025-01-10 (8 CFR 1003.19(i)(2))."""
    assert legal_holiday(D(2025, 1, 9)) is None
    assert presidential_closure(D(2025, 1, 9)) is not None
    assert presidential_closure(D(2024, 12, 24)) is not None
    assert compute("dhs-auto-stay-notice", D(2025, 1, 8)).due_on == D(2025, 1, 10)


def test_backward_counted_period_rolls_to_the_day_before() -> None:
    """Fed. R. Civ. P. 6(a)(5) and the 2009 committee note's own example: a filing due 10 days
    before an event whose tenth day is Saturday, September 1, 2007 is due Friday, August 31;
    due 10 days after an event, with the tenth day that Saturday, it is due Tuesday,
    September 4 (Monday, September 3 was Labor Day)."""
    before = count(D(2007, 9, 11), 10, backward=True)
    assert before.due_on == D(2007, 8, 31)
    assert "6(a)(5)" in " ".join(before.steps)
    after = count(D(2007, 8, 22), 10)
    assert after.due_on == D(2007, 9, 4)
    assert "2007-09-03 is Labor Day, a legal holiday" in " ".join(after.steps)


def test_backward_count_skips_an_observed_holiday() -> None:
    """Fed. R. Civ. P. 6(a)(5), 6(a)(6)(A): 10 days before Monday 2026-07-13 is Friday
    2026-07-03, the observed Independence Day; counting on backward, due Thursday 2026-07-02."""
    assert count(D(2026, 7, 13), 10, backward=True).due_on == D(2026, 7, 2)


def test_habeas_hearing_five_days_after_the_return() -> None:
    """28 U.S.C. § 2243 (hearing 'not more than five days after the return'), Fed. R. Civ. P.
    6(a)(1)(C): a return of Monday 2025-07-07 puts day 5 on Saturday 2025-07-12: the hearing
    is due by Monday 2025-07-14."""
    assert compute("habeas-hearing", D(2025, 7, 7)).due_on == D(2025, 7, 14)


def test_tro_expiry_is_not_moved_past_a_holiday() -> None:
    """Fed. R. Civ. P. 65(b)(2): a TRO without notice expires at the time the court sets, no
    more than 14 days after entry. Entered Friday 2025-06-20, day 14 is Friday 2025-07-04
    (Independence Day). An expiry is not a filing: Amparo keeps July 4 so the team acts
    before the protection may lapse."""
    result = compute("tro-expiry", D(2025, 6, 20))
    assert result.due_on == D(2025, 7, 4)
    assert "not moved" in " ".join(result.steps)


# --- immigration court and BIA --------------------------------------------------------------


def test_thirty_day_bia_appeal_ending_on_a_sunday_is_due_monday() -> None:
    """8 CFR 1003.38(b): 30 calendar days after the decision; a last day on a Saturday,
    Sunday or legal holiday moves to the next business day. Decision Friday 2025-06-06; day 30
    is Sunday 2025-07-06: the BIA must receive the appeal by Monday 2025-07-07."""
    result = compute("bia-bond-appeal", D(2025, 6, 6))
    assert result.due_on == D(2025, 7, 7)
    assert result.citation == "8 CFR 1003.38(b), 1236.1(d)(3)(i)"
    joined = " ".join(result.steps)
    assert "2025-07-06 is a Sunday → 2025-07-07 (Monday)" in joined
    assert "next business day" in joined


def test_ice_custody_appeal_counts_calendar_days_and_moves_to_next_business_day() -> None:
    """8 CFR 1236.1(d)(3)(ii); BIA Practice Manual ch. 7.3(a)(2)(B): 10 days from the DHS
    custody decision. Decision Wednesday 2026-06-24; day 10 is Saturday 2026-07-04: EOIR moves
    it to the next business day, Monday 2026-07-06."""
    result = compute("ice-custody-appeal", D(2026, 6, 24))
    assert result.system == "eoir"
    assert result.due_on == D(2026, 7, 6)


def test_motion_to_reopen_ninety_days_ending_on_a_sunday() -> None:
    """INA § 240(c)(7)(C)(i); 8 CFR 1003.23(b)(1): 90 days after the final order of Monday
    2025-03-10 end on Sunday 2025-06-08; EOIR counting moves it to Monday 2025-06-09."""
    assert compute("motion-to-reopen", D(2025, 3, 10)).due_on == D(2025, 6, 9)


def test_motion_to_reconsider_thirty_days() -> None:
    """INA § 240(c)(6)(B); 8 CFR 1003.2(b)(2): 30 days after the BIA decision of Wednesday
    2025-01-15 is Friday 2025-02-14, a business day."""
    assert compute("motion-to-reconsider", D(2025, 1, 15)).due_on == D(2025, 2, 14)


def test_bond_request_after_release_moves_earlier_never_later() -> None:
    """8 CFR 1236.1(d)(1); Matter of Aguilar-Aquino, 24 I&N Dec. 747 (BIA 2009): the IJ has
    jurisdiction only within 7 days of release. Released Saturday 2026-06-27, day 7 is Saturday
    2026-07-04; the Friday before is the observed Independence Day, so Amparo asks for
    Thursday 2026-07-02."""
    result = compute("bond-after-release", D(2026, 6, 27))
    assert result.due_on == D(2026, 7, 2)


def test_eoir_count_backward_takes_the_earlier_business_day() -> None:
    """DOMAIN.md §8: EOIR texts differ on which way a counted-back weekend deadline moves
    (8 CFR 1003.38(b) speaks only of periods after a decision); Amparo takes the earlier day.
    10 days before Wednesday 2026-06-24 is Sunday 2026-06-14 → Friday 2026-06-12."""
    result = count(D(2026, 6, 24), 10, backward=True, system="eoir")
    assert result.due_on == D(2026, 6, 12)


# --- business days --------------------------------------------------------------------------


def test_dhs_automatic_stay_notice_one_business_day_skips_holiday_and_weekend() -> None:
    """8 CFR 1003.19(i)(2): DHS must file Form EOIR-43 within one business day of the custody
    order. Order Thursday 2025-07-03; Friday July 4 is Independence Day and the weekend
    follows: due Monday 2025-07-07."""
    result = compute("dhs-auto-stay-notice", D(2025, 7, 3))
    assert result.due_on == D(2025, 7, 7)
    assert result.business


def test_dhs_automatic_stay_appeal_ten_business_days() -> None:
    """8 CFR 1003.19(i)(2), 1003.6(c)(1): the stay lapses unless DHS appeals within ten
    business days. Order Friday 2025-06-27: Jun 30, Jul 1, 2, 3 (1-4), Jul 4 holiday, Jul 7-11
    (5-9), Jul 14 (10)."""
    result = compute("dhs-auto-stay-appeal", D(2025, 6, 27))
    assert result.due_on == D(2025, 7, 14)
    assert "2025-07-04 (Independence Day, a legal holiday)" in " ".join(result.steps)


def test_business_day_count_skips_a_court_closure() -> None:
    """Fed. R. Civ. P. 6(a)(3), 6(a)(6)(B): a day the court is closed is not a day to count
    business days on. 3 business days from Monday 2025-03-03 with Thursday 03-06 closed:
    Tue, Wed, Fri → Friday 2025-03-07; backward 2 business days from Friday: Thu, Wed → Wed
    2025-03-05 becomes Tuesday 2025-03-04 when Thursday is closed."""
    closed = frozenset({D(2025, 3, 6)})
    assert count(D(2025, 3, 3), 3, business=True, closures=closed).due_on == D(2025, 3, 7)
    assert count(D(2025, 3, 3), 3, business=True).due_on == D(2025, 3, 6)
    assert count(D(2025, 3, 7), 2, business=True, backward=True).due_on == D(2025, 3, 5)
    back = count(D(2025, 3, 7), 2, business=True, backward=True, closures=closed)
    assert back.due_on == D(2025, 3, 4)


# --- court-set dates and the rule table -----------------------------------------------------


def test_court_set_date_overrides_and_both_are_kept() -> None:
    """28 U.S.C. § 2243 lets the court allow more time; DOMAIN.md §4: store the date the court
    sets with § 2243 as the default. Served Thursday 2025-07-03, the rule gives Monday
    2025-07-07; the court orders the return by 2025-07-17."""
    result = compute("habeas-return", D(2025, 7, 3), court_set_on=D(2025, 7, 17))
    assert result.due_on == D(2025, 7, 17)
    assert result.computed_on == D(2025, 7, 7)
    assert result.court_set_on == D(2025, 7, 17)
    assert result.court_set
    assert result.steps[-1] == "Due: 2025-07-17 (Thursday)."
    assert "10 days later than the computed date" in result.steps[-2]
    data = result.as_dict()
    assert data["computed_on"] == "2025-07-07" and data["court_set_on"] == "2025-07-17"


def test_extended_return_needs_the_days_the_court_allowed_at_most_twenty() -> None:
    """28 U.S.C. § 2243: 'additional time, not exceeding twenty days'. 20 days from Thursday
    2025-07-03 is Wednesday 2025-07-23; 21 days is refused, and so is no number at all."""
    assert compute("habeas-return-extended", D(2025, 7, 3), days=20).due_on == D(2025, 7, 23)
    with pytest.raises(ValueError, match="at most 20"):
        compute("habeas-return-extended", D(2025, 7, 3), days=21)
    with pytest.raises(ValueError, match="needs the number of days"):
        compute("habeas-return-extended", D(2025, 7, 3))


def test_fixed_rule_refuses_a_different_number_of_days() -> None:
    """8 CFR 1003.38(b) fixes 30 days for a bond appeal; another period is not the rule."""
    with pytest.raises(ValueError, match="30 days by law"):
        compute("bia-bond-appeal", D(2025, 6, 6), days=20)
    assert compute("bia-bond-appeal", D(2025, 6, 6), days=30).due_on == D(2025, 7, 7)


def test_unknown_rule_is_a_key_error_naming_the_rules() -> None:
    with pytest.raises(UnknownRule) as caught:
        compute("habeas-retrun", D(2025, 7, 3))
    assert isinstance(caught.value, KeyError)
    assert "habeas-return" in str(caught.value)


def test_count_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        count(D(2025, 7, 3), 0)
    with pytest.raises(ValueError):
        count(D(2025, 7, 3), 3, system="state")


def test_every_required_rule_exists_with_a_citation_and_a_known_system() -> None:
    required = {
        "habeas-return": (3, "federal", False),
        "habeas-return-extended": (None, "federal", False),
        "habeas-hearing": (5, "federal", False),
        "tro-expiry": (14, "federal", False),
        "bia-bond-appeal": (30, "eoir", False),
        "ice-custody-appeal": (10, "eoir", False),
        "dhs-auto-stay-notice": (1, "eoir", True),
        "dhs-auto-stay-appeal": (10, "eoir", True),
        "motion-to-reconsider": (30, "eoir", False),
        "motion-to-reopen": (90, "eoir", False),
        "petition-for-review": (30, "federal", False),
        "bond-after-release": (7, "eoir", False),
    }
    for slug, (days, system, business) in required.items():
        rule = RULES[slug]
        assert (rule.days, rule.system, rule.business) == (days, system, business), slug
        assert rule.citation and rule.counting_note, slug
    assert not RESERVED_WORDS & RULES.keys()


def test_as_dict_has_the_contract_keys() -> None:
    data = compute("habeas-return", D(2025, 3, 6)).as_dict()
    assert {"rule", "trigger_on", "due_on", "citation", "steps"} <= set(data)
    assert data["rule"] == "habeas-return"
    assert data["trigger_on"] == "2025-03-06" and data["due_on"] == "2025-03-10"
    assert all(isinstance(step, str) for step in data["steps"])
