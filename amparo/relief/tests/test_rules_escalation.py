"""The escalation engine, pure: what a team can do after a decision, from worked examples."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import replace

import pytest

from amparo.relief import rules

NEW_ORLEANS = zoneinfo.ZoneInfo("America/Chicago")
WDLA = rules.CourtFacts(
    "lawd", "United States District Court for the Western District of Louisiana"
)


def decision(
    request_type: str,
    outcome: str = "denied",
    *,
    at: datetime.datetime | None = None,
    urgency_until: datetime.date | None = None,
    seeks_release: bool = True,
) -> rules.DecisionFacts:
    at = at or datetime.datetime(2025, 3, 9, 17, 41, tzinfo=NEW_ORLEANS)
    return rules.DecisionFacts(
        request_type=request_type,
        outcome=outcome,
        decided_at=at,
        decided_on=at.astimezone(NEW_ORLEANS).date(),
        type_name=request_type.replace("-", " ").capitalize(),
        seeks_release=seeks_release,
        urgency_until=urgency_until,
    )


def facts(*decisions: rules.DecisionFacts, **kwargs: object) -> rules.CaseFacts:
    base = rules.CaseFacts(
        today=datetime.date(2025, 3, 10), decisions=decisions, court=WDLA, detained=True
    )
    return replace(base, **kwargs)  # type: ignore[arg-type]


def by_action(steps: list[rules.NextStep]) -> dict[str, rules.NextStep]:
    return {step.action: step for step in steps}


def test_after_a_parole_denial_the_story_next_steps() -> None:
    """Parole denial: no administrative appeal (8 CFR 212.5); renewed request, congressional
    inquiry (blocked without the Form 60-001 waiver, 5 U.S.C. § 552a(b)), habeas in the
    district of confinement (28 U.S.C. § 2241; Rumsfeld v. Padilla, 542 U.S. 426 (2004))."""
    steps = rules.next_steps(
        facts(decision("humanitarian-parole", urgency_until=datetime.date(2025, 3, 18)))
    )
    found = by_action(steps)
    assert list(found)[:3] == ["renewed-request", "congressional-inquiry", "habeas-petition"]
    renewed = found["renewed-request"]
    assert "8 CFR 212.5" in renewed.citation and "no administrative appeal" in renewed.citation
    assert renewed.due_on == datetime.date(2025, 3, 18)
    assert renewed.due_rule == "urgency-date"
    assert renewed.blocked_by is None and renewed.court is None
    inquiry = found["congressional-inquiry"]
    assert inquiry.blocked_by == "Form 60-001 privacy waiver not signed"
    assert "552a(b)" in inquiry.citation
    habeas = found["habeas-petition"]
    assert habeas.court == WDLA
    assert "2241" in habeas.citation and "Padilla" in habeas.citation
    assert habeas.blocked_by is None
    assert "tro-motion" not in found  # nothing imminent
    assert habeas.because == "Humanitarian parole denied on 2025-03-09"


def test_signed_waiver_unblocks_the_congressional_inquiry() -> None:
    steps = by_action(rules.next_steps(facts(decision("humanitarian-parole"), waiver_signed=True)))
    assert steps["congressional-inquiry"].blocked_by is None


@pytest.mark.parametrize("flag", ["transfer_imminent", "removal_imminent"])
def test_tro_motion_when_transfer_or_removal_is_imminent(flag: str) -> None:
    """Emergency relief: a TRO without notice (Fed. R. Civ. P. 65(b)); the All Writs Act
    preserves jurisdiction (28 U.S.C. § 1651(a))."""
    steps = by_action(rules.next_steps(facts(decision("humanitarian-parole"), **{flag: True})))
    tro = steps["tro-motion"]
    assert tro.court == WDLA
    assert "65(b)" in tro.citation and "1651" in tro.citation


def test_court_actions_without_a_known_court_are_blocked_not_guessed() -> None:
    steps = by_action(rules.next_steps(facts(decision("humanitarian-parole"), court=None)))
    assert steps["habeas-petition"].court is None
    assert steps["habeas-petition"].blocked_by == rules.NO_COURT


def test_a_released_client_gets_no_custody_court_actions() -> None:
    """Habeas needs custody (28 U.S.C. § 2241(c)); no current placement, no petition."""
    steps = by_action(rules.next_steps(facts(decision("humanitarian-parole"), detained=False)))
    assert "habeas-petition" not in steps
    assert "congressional-inquiry" in steps


def test_after_an_ij_bond_denial_the_bia_appeal_is_due_in_30_days() -> None:
    """8 CFR 1003.38(b): the BIA must receive the appeal within 30 calendar days.
    Decided Tue 2025-03-04 → due Thu 2025-04-03."""
    at = datetime.datetime(2025, 3, 4, 11, 0, tzinfo=NEW_ORLEANS)
    steps = by_action(rules.next_steps(facts(decision("bond-redetermination", at=at))))
    appeal = steps["bia-appeal"]
    assert appeal.due_on == datetime.date(2025, 4, 3)
    assert appeal.due_rule == "bia-bond-appeal"
    assert "1003.38(b)" in appeal.citation
    assert appeal.court is None
    assert steps["bond-redetermination"].citation == "8 CFR 1003.19(e)"


@pytest.mark.parametrize(
    ("decided_on", "due_on", "why"),
    [
        (datetime.date(2025, 3, 7), datetime.date(2025, 4, 7), "day 30 is Sunday 2025-04-06"),
        (datetime.date(2025, 6, 4), datetime.date(2025, 7, 7), "day 30 is Friday July 4"),
    ],
)
def test_bia_appeal_deadline_rolls_past_weekends_and_holidays(
    decided_on: datetime.date, due_on: datetime.date, why: str
) -> None:
    """8 CFR 1003.38(b): a last day on a Saturday, Sunday or legal holiday moves to the next
    business day (5 U.S.C. § 6103(a) holidays)."""
    at = datetime.datetime.combine(decided_on, datetime.time(10), tzinfo=NEW_ORLEANS)
    steps = by_action(rules.next_steps(facts(decision("bond-redetermination", at=at))))
    assert steps["bia-appeal"].due_on == due_on, why


def test_deadline_counts_from_the_local_day_of_the_decision() -> None:
    """An evening decision in New Orleans is the next day in UTC: 19:30 CST on Tue 2025-03-04
    is 01:30 UTC Wed. The 30 days run from the Tuesday (8 CFR 1003.38(b)): Thu 2025-04-03, not
    Fri 2025-04-04."""
    at = datetime.datetime(2025, 3, 4, 19, 30, tzinfo=NEW_ORLEANS)
    assert at.astimezone(datetime.UTC).date() == datetime.date(2025, 3, 5)
    steps = by_action(rules.next_steps(facts(decision("bond-redetermination", at=at))))
    assert steps["bia-appeal"].due_on == datetime.date(2025, 4, 3)


def test_after_an_ice_custody_decision_ask_an_ij_for_bond() -> None:
    """ICE decides custody first; the person may ask an IJ to redetermine (8 CFR 1236.1(d)(1))."""
    steps = by_action(rules.next_steps(facts(decision("recognizance"), detention_basis="236a")))
    bond = steps["bond-redetermination"]
    assert "1236.1(d)" in bond.citation
    assert bond.note == ""


def test_bond_route_depends_on_the_detention_basis() -> None:
    """No IJ custody jurisdiction over arriving aliens (8 CFR 1003.19(h)(2)(i)(B)); under
    INA 236(c) the IJ decides only whether the person is properly included (Matter of Joseph)."""
    unknown = by_action(rules.next_steps(facts(decision("humanitarian-parole"))))
    assert "Confirm the detention basis" in unknown["bond-redetermination"].note
    arriving = by_action(
        rules.next_steps(facts(decision("humanitarian-parole"), detention_basis="235b"))
    )
    assert "bond-redetermination" not in arriving
    assert "joseph-hearing" not in arriving
    mandatory = by_action(
        rules.next_steps(facts(decision("humanitarian-parole"), detention_basis="236c"))
    )
    assert "bond-redetermination" not in mandatory
    assert "Joseph" in mandatory["joseph-hearing"].citation


def test_after_an_i246_denial_no_appeal_but_a_stay_with_a_motion_and_federal_court() -> None:
    """8 CFR 241.6(b): a stay denial cannot be appealed; an IJ or the BIA can still stay removal
    with a motion to reopen or reconsider; with the stay denied removal may proceed, so the TRO
    motion is listed without an imminence flag."""
    steps = by_action(rules.next_steps(facts(decision("stay-of-removal", seeks_release=False))))
    assert list(steps)[:3] == ["stay-of-removal", "motion-to-reopen", "tro-motion"]
    assert "241.6(b)" in steps["stay-of-removal"].citation
    assert "bia-appeal" not in steps
    assert steps["tro-motion"].court == WDLA
    assert "1252(g)" in steps["tro-motion"].note
    assert steps["motion-to-reopen"].due_on is None  # runs from the final order, not this


def test_no_transfer_denial_calls_for_filing_before_the_transfer() -> None:
    """Jurisdiction attaches at filing (Ex parte Endo, 323 U.S. 283 (1944))."""
    steps = by_action(rules.next_steps(facts(decision("no-transfer", seeks_release=False))))
    assert list(steps)[:2] == ["tro-motion", "habeas-petition"]
    assert "Endo" in steps["habeas-petition"].citation


def test_grants_and_closing_outcomes_lead_nowhere() -> None:
    for outcome in ("granted", "withdrawn", "moot"):
        assert rules.next_steps(facts(decision("humanitarian-parole", outcome))) == []


def test_no_response_and_partial_grants_escalate_like_denials() -> None:
    for outcome in ("no-response", "partly-granted"):
        steps = by_action(rules.next_steps(facts(decision("humanitarian-parole", outcome))))
        assert "renewed-request" in steps


def test_a_later_release_grant_retires_earlier_denials() -> None:
    denied = decision("humanitarian-parole")
    granted = decision(
        "bond-redetermination",
        "granted",
        at=denied.decided_at + datetime.timedelta(days=3),
    )
    # Only the watch on DHS's automatic stay of the bond grant remains (8 CFR 1003.19(i)(2),
    # 1003.6(c)): its notice, its appeal and its lapse.
    assert [s.action for s in rules.next_steps(facts(denied, granted))] == [
        "watch-dhs-stay",
        "dhs-stay-appeal",
        "dhs-stay-lapse",
    ]


def test_each_action_once_the_newest_decision_wins() -> None:
    """A denied parole request and then a denied renewed request: one habeas step, prompted by
    the renewed request's denial."""
    first = decision("humanitarian-parole")
    second = decision("renewed-request", at=first.decided_at + datetime.timedelta(days=2))
    steps = rules.next_steps(facts(first, second))
    actions = [s.action for s in steps]
    assert len(actions) == len(set(actions))
    habeas = by_action(steps)["habeas-petition"]
    assert habeas.because.startswith("Renewed request denied")
    assert "renewed-request" in actions  # still owed for the parole denial


def test_steps_under_way_are_marked() -> None:
    steps = by_action(
        rules.next_steps(
            facts(
                decision("humanitarian-parole"),
                in_progress=frozenset({"renewed-request", "habeas-petition"}),
            )
        )
    )
    assert steps["renewed-request"].in_progress
    assert steps["habeas-petition"].in_progress
    assert not steps["congressional-inquiry"].in_progress


def test_unknown_request_types_get_the_generic_steps() -> None:
    steps = by_action(rules.next_steps(facts(decision("custom-type-added-by-an-admin"))))
    assert list(steps) == ["congressional-inquiry", "habeas-petition"]


def test_every_escalation_uses_the_fixed_vocabulary_and_cites_a_source() -> None:
    for rules_for_type in [*rules.ESCALATIONS.values(), rules.GENERIC_ESCALATION]:
        for rule in rules_for_type:
            spec = rules.ACTIONS[rule.action]
            assert (rule.citation or spec.citation).strip()
    for spec in rules.ACTIONS.values():
        assert spec.takes in {"request", "court-case", "task"}
        assert bool(spec.court_case_kind) == (spec.takes == "court-case")
        assert bool(spec.request_type) == (spec.takes == "request")


def test_next_step_as_dict_has_the_api_fields() -> None:
    steps = rules.next_steps(facts(decision("humanitarian-parole")))
    item = by_action(steps)["habeas-petition"].as_dict()
    assert {"action", "title", "due_on", "citation", "blocked_by", "court"} <= set(item)
    assert item["court"] == {"id": "lawd", "name": WDLA.name}


def test_no_answer_from_the_immigration_judge_is_nothing_to_appeal() -> None:
    """8 CFR 1003.38(b): the 30 days run from the IJ's decision; with no decision there is no
    BIA appeal to offer, only the other routes."""
    steps = by_action(
        rules.next_steps(facts(decision("bond-redetermination", outcome="no-response")))
    )
    assert "bia-appeal" not in steps
    denied = by_action(rules.next_steps(facts(decision("bond-redetermination"))))
    assert "bia-appeal" in denied


def test_after_an_ij_grants_bond_the_team_watches_for_the_dhs_automatic_stay() -> None:
    """8 CFR 1003.19(i)(2): DHS may stay the release order by filing Form EOIR-43 within one
    business day. A bond granted on Friday 2025-03-07 is stayable until Monday 2025-03-10."""
    granted = decision(
        "bond-redetermination",
        outcome="granted",
        at=datetime.datetime(2025, 3, 7, 15, tzinfo=datetime.UTC),
    )
    steps = by_action(rules.next_steps(facts(granted)))
    assert steps["watch-dhs-stay"].due_on == datetime.date(2025, 3, 10)
    assert "bia-appeal" not in steps


def test_custody_denial_for_an_arriving_alien_points_to_parole_not_bond() -> None:
    """Held under INA 235(b): no IJ custody jurisdiction (8 CFR 1003.19(h)(2)(i)(B); for a
    credible-fear transfer, Matter of M-S-, 27 I&N Dec. 509 (A.G. 2019), which overruled
    Matter of X-K-); parole under 8 CFR 212.5 is the route."""
    steps = by_action(rules.next_steps(facts(decision("recognizance"), detention_basis="235b")))
    assert "humanitarian-parole" in steps
    assert "bond-redetermination" not in steps
