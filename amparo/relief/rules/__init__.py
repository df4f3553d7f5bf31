"""Pure rules of the decision ledger. No database, no clock: callers pass `today` and `now`.

- `lifecycle`: which request status may follow which, the clear refusal when none may, and the
  urgency and overdue flags derived from dates, never typed;
- `escalation`: `next_steps(CaseFacts)` lists what a team can do after a decision, each step
  with its citation, its deadline from the deadline rules, what blocks it and, for a court
  action, the court from the venue;
- `policy`: enforcement-priority regimes by date (`regime_on`), the 8 CFR 212.5(b) parole
  categories and the argument paragraphs an assessment yields.

Sources are DOMAIN.md §2, §3, §6 and §9 unless a line says otherwise.
"""

from amparo.relief.rules.escalation import (
    ACTIONS,
    ADVERSE_OUTCOMES,
    ESCALATIONS,
    GENERIC_ESCALATION,
    NO_COURT,
    OUTCOME_WORDS,
    RELEASE_OUTCOMES,
    WAIVER_MISSING,
    ActionSpec,
    CaseFacts,
    CourtFacts,
    DecisionFacts,
    NextStep,
    StepRule,
    deadline_for,
    next_steps,
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
from amparo.relief.rules.policy import (
    PAROLE_CATEGORIES,
    Argument,
    RegimeAnswer,
    RegimeFactor,
    RegimeRecord,
    assessment_argument,
    assessment_errors,
    assessment_keys,
    regime_on,
)

__all__ = [
    "ACTIONS",
    "ADVERSE_OUTCOMES",
    "ESCALATIONS",
    "GENERIC_ESCALATION",
    "NO_COURT",
    "OPEN_STATUSES",
    "OUTCOME_WORDS",
    "PAROLE_CATEGORIES",
    "PENDING_STATUSES",
    "RELEASE_OUTCOMES",
    "REQUEST_TRANSITIONS",
    "WAIVER_MISSING",
    "ActionSpec",
    "Argument",
    "CaseFacts",
    "CourtFacts",
    "DecisionFacts",
    "NextStep",
    "RegimeAnswer",
    "RegimeFactor",
    "RegimeRecord",
    "StepRule",
    "assessment_argument",
    "assessment_errors",
    "assessment_keys",
    "days_until",
    "deadline_for",
    "is_overdue",
    "next_steps",
    "past_urgency",
    "regime_on",
    "status_after_decision",
    "to_the_minute",
    "transition_refusal",
    "turnaround_minutes",
]
