"""Pure rules of the decision ledger. No database, no clock: callers pass `today` and `now`.

- `lifecycle`: which request status may follow which, the clear refusal when none may, and the
  urgency and overdue flags derived from dates, never typed;
- `actions`: the fixed vocabulary of next steps;
- `escalation`: what a team can do after an adverse decision, each step with its citation, its
  deadline from the deadline rules, what blocks it and, for a court action, the court from the
  venue;
- `detention`: the statutory bases of detention, who may release under each, and the dated
  rulings that decide bond where the client is held;
- `clock`: days detained, the post-order custody reviews and prolonged-detention review points;
- `steps`: `next_steps(CaseFacts)`, every next step of a case from all of the above;
- `policy`: enforcement-priority regimes by date (`regime_on`);
- `assessment`: the 8 CFR 212.5(b) parole categories and the argument paragraphs an assessment
  yields against the regime in force.

Sources are DOMAIN.md §2, §3, §6 and §9 unless a line says otherwise.
"""

from amparo.relief.rules.actions import ACTIONS, NO_COURT, WAIVER_MISSING, ActionSpec
from amparo.relief.rules.assessment import (
    PAROLE_CATEGORIES,
    Argument,
    assessment_argument,
    assessment_errors,
    assessment_keys,
    release_route,
)
from amparo.relief.rules.clock import DetentionClock, Milestone, detention_clock
from amparo.relief.rules.detention import BASES, RULINGS, Basis, Ruling, bond_available
from amparo.relief.rules.escalation import (
    ADVERSE_OUTCOMES,
    ESCALATIONS,
    GENERIC_ESCALATION,
    OUTCOME_WORDS,
    RELEASE_OUTCOMES,
    CaseFacts,
    CourtFacts,
    DecisionFacts,
    NextStep,
    StepRule,
    deadline_for,
)
from amparo.relief.rules.lifecycle import (
    OPEN_STATUSES,
    PENDING_STATUSES,
    REQUEST_TRANSITIONS,
    days_until,
    is_overdue,
    past_urgency,
    status_after_decision,
    to_the_minute,
    transition_refusal,
    turnaround_minutes,
)
from amparo.relief.rules.policy import RegimeAnswer, RegimeFactor, RegimeRecord, regime_on
from amparo.relief.rules.steps import facts_clock, next_steps

__all__ = [
    "ACTIONS",
    "ADVERSE_OUTCOMES",
    "BASES",
    "ESCALATIONS",
    "GENERIC_ESCALATION",
    "NO_COURT",
    "OPEN_STATUSES",
    "OUTCOME_WORDS",
    "PAROLE_CATEGORIES",
    "PENDING_STATUSES",
    "RELEASE_OUTCOMES",
    "REQUEST_TRANSITIONS",
    "RULINGS",
    "WAIVER_MISSING",
    "ActionSpec",
    "Argument",
    "Basis",
    "CaseFacts",
    "CourtFacts",
    "DecisionFacts",
    "DetentionClock",
    "Milestone",
    "NextStep",
    "RegimeAnswer",
    "RegimeFactor",
    "RegimeRecord",
    "Ruling",
    "StepRule",
    "assessment_argument",
    "assessment_errors",
    "assessment_keys",
    "bond_available",
    "days_until",
    "deadline_for",
    "detention_clock",
    "facts_clock",
    "is_overdue",
    "next_steps",
    "past_urgency",
    "regime_on",
    "release_route",
    "status_after_decision",
    "to_the_minute",
    "transition_refusal",
    "turnaround_minutes",
]
