"""Detention after 2025, pure: the bases, the rulings by place and date, the detention clock
and the automatic stay after a bond grant, each from a worked example of its source."""

from __future__ import annotations

import datetime
import pathlib
from dataclasses import replace

from amparo.relief import rules
from amparo.relief.rules.clock import detention_clock

D = datetime.date


def facts(**kwargs: object) -> rules.CaseFacts:
    base = rules.CaseFacts(
        today=D(2026, 3, 10),
        court=rules.CourtFacts("gamd", "Middle District of Georgia"),
        detained=True,
        district="gamd",
        circuit="ca11",
        detained_since=D(2025, 12, 1),
    )
    return replace(base, **kwargs)  # type: ignore[arg-type]


def by_action(steps: list[rules.NextStep]) -> dict[str, rules.NextStep]:
    return {step.action: step for step in steps}


def bond_granted(on: datetime.datetime) -> rules.DecisionFacts:
    return rules.DecisionFacts(
        request_type="bond-redetermination",
        outcome="granted",
        decided_at=on,
        decided_on=on.date(),
        type_name="Bond redetermination",
        seeks_release=True,
    )


def test_auto_stay_after_a_bond_grant_notice_appeal_and_90_day_lapse() -> None:
    """8 CFR 1003.19(i)(2), 1003.6(c)(1), (4): bond granted Friday 2025-03-07. Form EOIR-43 is
    due in one business day (Mon 03-10); the appeal in ten business days (Fri 03-21); the stay
    lapses 90 days after the appeal, so at the latest on 2025-06-19."""
    steps = by_action(
        rules.next_steps(
            facts(decisions=(bond_granted(datetime.datetime(2025, 3, 7, 15, tzinfo=datetime.UTC)),))
        )
    )
    assert steps["watch-dhs-stay"].due_on == D(2025, 3, 10)
    assert steps["dhs-stay-appeal"].due_on == D(2025, 3, 21)
    lapse = steps["dhs-stay-lapse"]
    assert lapse.due_on == D(2025, 6, 19)
    assert "1003.6(c)(4)" in lapse.citation and "2025-03-21" in lapse.note


def test_the_lapse_counts_90_calendar_days_from_dhs_s_actual_appeal_and_never_moves() -> None:
    """8 CFR 1003.6(c)(4): an appeal filed Wed 2025-03-12 lapses on 2025-06-10; one filed Thu
    2025-05-08 lapses on Wed 2025-08-06; a lapse falling on Sunday 2025-08-10 stays there."""
    assert rules.deadline_for(rules.ACTIONS["dhs-stay-lapse"], D(2025, 3, 12))[0] == D(2025, 6, 10)
    assert rules.deadline_for(rules.ACTIONS["dhs-stay-lapse"], D(2025, 5, 8))[0] == D(2025, 8, 6)
    assert rules.deadline_for(rules.ACTIONS["dhs-stay-lapse"], D(2025, 5, 12))[0] == D(2025, 8, 10)


def test_no_90_day_lapse_before_the_2006_rule() -> None:
    """71 FR 57873: the lapse came with the rule effective 2006-11-01."""
    old = bond_granted(datetime.datetime(2006, 10, 2, 15, tzinfo=datetime.UTC))
    assert "dhs-stay-lapse" not in by_action(rules.next_steps(facts(decisions=(old,))))


def test_post_order_reviews_count_from_the_start_of_the_removal_period() -> None:
    """INA 241(a)(1); 8 CFR 241.4(k); Zadvydas: a removal period beginning 2026-01-15 ends on
    2026-04-15, the custody review is due by then, headquarters' review and the six months on
    2026-07-14."""
    clock = detention_clock(
        basis="241a",
        detained_since=D(2025, 6, 1),
        today=D(2026, 5, 1),
        removal_period_began_on=D(2026, 1, 15),
    )
    due = {m.slug: (m.due_on, m.passed) for m in clock.milestones}
    assert due["removal-period-end"] == (D(2026, 4, 15), True)
    assert due["post-order-review-90"] == (D(2026, 4, 15), True)
    assert due["post-order-review-180"] == (D(2026, 7, 14), False)
    assert due["zadvydas-six-months"] == (D(2026, 7, 14), False)
    assert clock.days == 334 and clock.flags == []
    later = detention_clock(
        basis="241a",
        detained_since=None,
        today=D(2026, 8, 1),
        removal_period_began_on=D(2026, 1, 15),
    )
    assert any("Zadvydas" in flag for flag in later.flags)


def test_post_order_days_are_periods_that_end_not_filing_deadlines() -> None:
    """A removal period beginning 2026-01-11 ends on Saturday 2026-04-11: not moved."""
    clock = detention_clock(
        basis="241a",
        detained_since=None,
        today=D(2026, 1, 12),
        removal_period_began_on=D(2026, 1, 11),
    )
    assert clock.milestones[0].due_on == D(2026, 4, 11)


def test_241a_steps_custody_review_then_zadvydas_habeas() -> None:
    steps = by_action(
        rules.next_steps(
            facts(
                detention_basis="241a", removal_period_began_on=D(2025, 6, 1), today=D(2026, 1, 5)
            )
        )
    )
    review = steps["post-order-custody-review"]
    assert review.due_on == D(2025, 8, 30) and "241.4" in review.citation
    assert "Zadvydas" in steps["habeas-petition"].title
    without = rules.next_steps(facts(detention_basis="241a"))
    assert "post-order-custody-review" not in by_action(without)
    assert detention_clock(basis="241a", detained_since=None, today=D(2026, 1, 5)).flags


def test_laken_riley_act_mandatory_detention_means_a_joseph_hearing_not_bond() -> None:
    """INA 236(c)(1)(E) (Pub. L. 119-1, Jan. 29, 2025): no bond; the IJ decides only whether the
    person is properly included (8 CFR 1003.19(h)(2)(ii))."""
    steps = by_action(rules.next_steps(facts(detention_basis="236c1e")))
    assert "bond-redetermination" not in steps
    joseph = steps["joseph-hearing"]
    assert "236(c)(1)(E)" in joseph.note and "Laken Riley" in joseph.note
    assert rules.bond_available("236c1e", circuit="ca9", on=D(2025, 6, 1)) == "no"
    early = rules.detention.basis_note("236c1e", district=None, circuit=None, on=D(2025, 1, 1))
    assert "only from 2025-01-29" in early


def test_entry_without_inspection_bond_follows_the_circuit() -> None:
    """Yajure Hurtado binds IJs unless a circuit ruled: the Fifth (Buenrostro-Mendez, 2026-02-06)
    upheld DHS; the Second (Cunha v. Freden) rejected it; elsewhere habeas is the route."""
    assert rules.bond_available("235b2a-ewi", circuit="ca5", on=D(2026, 3, 1)) == "no"
    assert rules.bond_available("235b2a-ewi", circuit="ca5", on=D(2026, 2, 5)) == "contested"
    assert rules.bond_available("235b2a-ewi", circuit="ca2", on=D(2026, 6, 1)) == "yes"
    assert rules.bond_available("235b2a-ewi", circuit="ca11", on=D(2026, 6, 1)) == "contested"
    second = by_action(
        rules.next_steps(facts(detention_basis="235b2a-ewi", circuit="ca2", district="nysd"))
    )
    assert "bond-redetermination" in second


def test_a_district_s_contrary_holding_is_cited_for_habeas_there_with_its_date() -> None:
    steps = by_action(rules.next_steps(facts(detention_basis="235b2a-ewi")))
    habeas = steps["habeas-petition"]
    assert "§ 1226(a)" in habeas.title
    assert "J.A.M. v. Streeval" in habeas.note and "2025-11-01" in habeas.note
    assert "humanitarian-parole" in steps and "bond-redetermination" not in steps
    before = by_action(rules.next_steps(facts(detention_basis="235b2a-ewi", today=D(2025, 10, 1))))
    assert "Streeval" not in before["habeas-petition"].note
    elsewhere = by_action(rules.next_steps(facts(detention_basis="235b2a-ewi", district="nmd")))
    assert "Streeval" not in elsewhere["habeas-petition"].note


def test_every_ruling_names_its_court_and_a_date_or_says_it_is_unconfirmed() -> None:
    for ruling in rules.RULINGS:
        assert ruling.court and ruling.circuit.startswith("ca")
        assert ruling.decided_on is not None or "not confirmed" in ruling.citation


def test_prolonged_detention_is_flagged_with_the_circuit_s_own_test() -> None:
    """Jennings v. Rodriguez: no statutory six-month limit; German Santos (3d Cir. 2020) weighs
    factors with no bright line; Banyee (8th Cir. 2024) forecloses the claim."""
    third = detention_clock(
        basis="236c", detained_since=D(2025, 8, 1), today=D(2026, 3, 1), circuit="ca3"
    )
    assert "German Santos" in third.flags[0] and "no bright line" in third.flags[0]
    eighth = detention_clock(
        basis="236c", detained_since=D(2025, 8, 1), today=D(2026, 3, 1), circuit="ca8"
    )
    assert "Banyee" in eighth.flags[0] and "foreclosed" in eighth.flags[0]
    # The recorded circuit tests are about § 1226(c); § 1225(b) detention gets Jennings only.
    third_235 = detention_clock(
        basis="235b1", detained_since=D(2025, 8, 1), today=D(2026, 3, 1), circuit="ca3"
    )
    assert "German Santos" not in third_235.flags[0] and "Jennings" in third_235.flags[0]
    ninth = detention_clock(
        basis="235b1", detained_since=D(2025, 8, 1), today=D(2026, 3, 1), circuit="ca9"
    )
    assert "No circuit bright line" in ninth.flags[0] and "Jennings" in ninth.flags[0]
    short = detention_clock(
        basis="236c", detained_since=D(2025, 12, 1), today=D(2026, 3, 1), circuit="ca3"
    )
    assert short.flags == [] and short.days == 90
    assert (
        detention_clock(basis="236a", detained_since=D(2024, 1, 1), today=D(2026, 3, 1)).flags == []
    )
    steps = by_action(rules.next_steps(facts(detention_basis="236c", detained_since=D(2025, 1, 2))))
    assert "prolonged" in steps["habeas-petition"].title


def test_expedited_removal_after_credible_fear_cites_matter_of_m_s() -> None:
    """Matter of M-S-, 27 I&N Dec. 509 (A.G. 2019), overruled Matter of X-K-: no IJ bond after a
    credible-fear transfer; parole is the route."""
    assert "Matter of M-S-, 27 I&N Dec. 509 (A.G. 2019)" in rules.BASES["235b1"].citation
    steps = by_action(rules.next_steps(facts(detention_basis="235b1")))
    assert "M-S-" in steps["humanitarian-parole"].citation
    assert "bond-redetermination" not in steps


def test_no_source_cites_x_k_except_as_overruled_by_m_s() -> None:
    root = pathlib.Path(rules.__file__).parents[2]
    sources = [*root.rglob("*.py"), *root.rglob("*.html"), *(root.parent / "docs").glob("*.md")]
    for path in sources:
        if path.name == "test_rules_detention.py":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "X-K-" in line:
                near = " ".join(lines[max(0, number - 1) : number + 1])
                assert "overrul" in near and "M-S-" in near, f"{path}: {line.strip()}"


def test_parole_is_argued_only_where_it_fits() -> None:
    """8 CFR 212.5(b) is for applicants for admission; an LPR (INA 101(a)(13)(C)) or a 236(a)
    client is pointed to recognizance, bond or habeas."""
    assert rules.release_route("235b1") is None
    assert rules.release_route(None, "undocumented") is None
    route = rules.release_route("236a")
    assert route is not None and "recognizance" in route and "1236.1(d)(1)" in route
    lpr = rules.release_route(None, "lpr")
    assert lpr is not None and "101(a)(13)(C)" in lpr and "habeas" in lpr
    argument = rules.assessment_argument(
        factors={"212.5(b)(2)": {"applies": True, "evidence": "Certified pregnant"}},
        regime=None,
        on=D(2026, 3, 1),
        detention_basis="236a",
    )
    text = " ".join(argument.paragraphs)
    assert "falls within 8 CFR 212.5(b)(2)" not in text and "Certified pregnant" in text
    assert any("Parole does not fit" in c for c in argument.cautions)
