"""All next steps of a case: after adverse decisions (`escalation`), after a bond grant (DHS's
automatic stay, 8 CFR 1003.19(i)(2), 1003.6(c)), and from the detention basis and its clock
(`detention`, `clock`). Each action appears once; a later source adds its note to an earlier
step rather than repeating it.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from amparo.core.phrases import joined, phrase
from amparo.deadlines import rules as deadline_rules
from amparo.relief.rules.actions import ACTIONS, HABEAS, NO_COURT, cited
from amparo.relief.rules.clock import DetentionClock, detention_clock
from amparo.relief.rules.detention import (
    BASES,
    M_S,
    basis_note,
    bond_available,
)
from amparo.relief.rules.escalation import (
    CaseFacts,
    DecisionFacts,
    NextStep,
    StepRule,
    decision_steps,
    step_after,
)

# The 90-day lapse came with the final rule effective on this day (71 FR 57873); before it the
# automatic stay had no fixed end.
AUTO_STAY_LAPSE_FROM = datetime.date(2006, 11, 1)

GRANT_OUTCOMES = frozenset({"granted", "partly-granted"})
GRANT_FOLLOW_UPS: dict[str, tuple[StepRule, ...]] = {
    "bond-redetermination": (
        StepRule(
            "watch-dhs-stay",
            note=phrase(
                "Only where ICE had denied bond or set it at $10,000 or more; without a "
                "timely Form EOIR-43 the release order stands: insist on release."
            ),
        ),
        StepRule(
            "dhs-stay-appeal",
            note=phrase(
                "Without DHS's notice of appeal by this day the automatic stay lapses "
                "(8 CFR 1003.6(c)(1)): demand release, then habeas."
            ),
        ),
        StepRule("dhs-stay-lapse"),
    ),
}


def _lapse_step(decision: DecisionFacts, facts: CaseFacts) -> NextStep | None:
    """The lapse counts from DHS's appeal, not the IJ's order: until the appeal's day is known,
    the latest possible lapse is 90 days after the last day DHS could appeal."""
    if decision.decided_on < AUTO_STAY_LAPSE_FROM:
        return None
    appeal_due = deadline_rules.compute(
        "dhs-auto-stay-appeal", decision.decided_on, closures=facts.closures
    ).due_on
    lapse = deadline_rules.compute("dhs-auto-stay-lapse", appeal_due, closures=facts.closures)
    spec = ACTIONS["dhs-stay-lapse"]
    return NextStep(
        action=spec.slug,
        title=spec.title,
        citation=spec.citation,
        due_on=lapse.due_on,
        due_rule=spec.deadline_rule,
        note=phrase(
            "Counted from %(day)s, the last day DHS could appeal; if DHS appealed earlier, count "
            "90 days from its filing. The Board may extend the stay or grant DHS a discretionary "
            "one (8 CFR 1003.19(i)(1)): check its docket.",
            day=appeal_due,
        ),
        because=phrase(
            "%(request)s granted on %(day)s",
            request=decision.type_name or decision.request_type,
            day=decision.decided_on,
        ),
        in_progress=spec.slug in facts.in_progress,
        trigger_on=appeal_due,
    )


def grant_steps(facts: CaseFacts) -> list[NextStep]:
    """After a favourable decision: what the team must watch for."""
    steps: list[NextStep] = []
    decisions = sorted(facts.decisions, key=lambda d: d.decided_at, reverse=True)
    for decision in decisions:
        if decision.outcome not in GRANT_OUTCOMES:
            continue
        for rule in GRANT_FOLLOW_UPS.get(decision.request_type, ()):
            if rule.action == "dhs-stay-lapse":
                step = _lapse_step(decision, facts)
            else:
                step = step_after(rule, decision, facts)
            if step is not None:
                steps.append(step)
    return steps


def _basis_step(
    action: str, facts: CaseFacts, *, title: str = "", citation: str = "", note: str = ""
) -> NextStep:
    spec = ACTIONS[action]
    court = facts.court if spec.court_action else None
    since = facts.detained_since or phrase("an unknown day")
    basis = BASES[facts.detention_basis or ""]
    return NextStep(
        action=spec.slug,
        title=title or spec.title,
        citation=citation or spec.citation,
        blocked_by=NO_COURT if spec.court_action and court is None else None,
        court=court,
        note=note,
        because=phrase("Held under %(statute)s since %(day)s", statute=basis.statute, day=since),
        in_progress=spec.slug in facts.in_progress,
        trigger_on=facts.detained_since,
    )


def basis_steps(facts: CaseFacts) -> list[NextStep]:
    """What the detention basis and the length of detention call for, decision or not."""
    basis = BASES.get(facts.detention_basis or "")
    if basis is None or not facts.detained:
        return []
    note = basis_note(basis.slug, district=facts.district, circuit=facts.circuit, on=facts.today)
    decided = {d.request_type for d in facts.decisions}
    steps: list[NextStep] = []
    if basis.parole_fits and "humanitarian-parole" not in decided:
        citation = "INA § 212(d)(5)(A); 8 CFR 212.5(b)"
        if basis.slug == "235b1":
            citation = cited(citation, M_S)
        steps.append(_basis_step("humanitarian-parole", facts, citation=citation))
    if basis.slug == "235b2a-ewi":
        steps.append(
            _basis_step(
                "habeas-petition",
                facts,
                title=phrase("Habeas petition: held under § 1226(a), not § 1225(b)(2)(A)"),
                citation=cited(HABEAS, "INA § 236(a), 8 U.S.C. § 1226(a)"),
                note=note,
            )
        )
        if bond_available(basis.slug, circuit=facts.circuit, on=facts.today) == "yes":
            steps.append(_basis_step("bond-redetermination", facts, note=note))
    if basis.mandatory:
        steps.append(_basis_step("joseph-hearing", facts, note=note))
    if basis.slug == "236a" and "bond-redetermination" not in decided:
        steps.append(_basis_step("bond-redetermination", facts))
    steps += _clock_steps(facts)
    return steps


def facts_clock(facts: CaseFacts) -> DetentionClock:
    """The detention clock of a case from its facts; no days while the client is not held."""
    return detention_clock(
        basis=facts.detention_basis,
        detained_since=facts.detained_since if facts.detained else None,
        today=facts.today,
        circuit=facts.circuit,
        removal_period_began_on=facts.removal_period_began_on,
    )


def _clock_steps(facts: CaseFacts) -> list[NextStep]:
    clock = facts_clock(facts)
    steps: list[NextStep] = []
    if facts.detention_basis == "241a" and clock.milestones:
        review = next(m for m in clock.milestones if m.slug == "post-order-review-90")
        step = _basis_step(
            "post-order-custody-review",
            facts,
            note=review.next_step if review.passed else "",
        )
        steps.append(
            replace(
                step,
                due_on=review.due_on,
                due_rule=review.rule,
                trigger_on=facts.removal_period_began_on,
            )
        )
        six_months = clock.milestones[-1]
        if six_months.passed:
            steps.append(
                _basis_step(
                    "habeas-petition",
                    facts,
                    title=phrase(
                        "Habeas petition: post-order detention beyond six months (Zadvydas)"
                    ),
                    citation=cited(HABEAS, six_months.citation, "8 CFR 241.13"),
                    note=six_months.next_step,
                )
            )
    for flag in clock.flags:
        if facts.detention_basis == "241a":
            continue
        steps.append(
            _basis_step(
                "habeas-petition",
                facts,
                title=phrase("Habeas petition: prolonged detention without a bond hearing"),
                note=flag,
            )
        )
    return steps


def _merge(steps: dict[str, NextStep], step: NextStep) -> None:
    found = steps.get(step.action)
    if found is None:
        steps[step.action] = step
    elif step.note and step.note not in found.note:
        notes = [p for p in (found.note, step.note) if p]
        steps[step.action] = replace(found, note=joined(notes, " "))


def next_steps(facts: CaseFacts) -> list[NextStep]:
    """Every next step of the case: decisions first (newest first), then grants, then the
    detention basis and its clock."""
    steps: dict[str, NextStep] = {}
    for step in [*decision_steps(facts), *grant_steps(facts), *basis_steps(facts)]:
        _merge(steps, step)
    return list(steps.values())
