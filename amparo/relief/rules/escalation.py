"""The escalation engine: what a team can do after a decision (DOMAIN.md §2-§5).

`next_steps(CaseFacts)` lists each step with its citation, its deadline from the deadline rules
(amparo.deadlines.rules), what blocks it and, for a court action, the court from the
venue. What follows a denial of each request type is data (`ESCALATIONS`), keyed by request-type
slug, over a fixed vocabulary of actions (`ACTIONS`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from amparo.core.phrases import phrase, read
from amparo.deadlines import rules as deadline_rules
from amparo.relief.rules.actions import (
    ACTIONS,
    HABEAS,
    NO_COURT,
    WAIVER_MISSING,
    ActionSpec,
    cited,
    waiver_missing_for,
)
from amparo.relief.rules.detention import BASES, basis_note, bond_available

Condition = Literal[
    "",
    "imminent",
    "bond-route",
    "mandatory-detention",
    "parole-fits",
    "decision-made",
]


@dataclass(frozen=True)
class StepRule:
    """A next step after an adverse decision of one request type; title and citation override
    the action's defaults where the context changes them."""

    action: str
    title: str = ""
    citation: str = ""
    only_if: Condition = ""
    note: str = ""


_RENEWED_AFTER_PAROLE = StepRule(
    "renewed-request",
    citation="8 CFR 212.5 (no administrative appeal from a parole denial); INA § 212(d)(5)(A); "
    "ICE field office case review (ice.gov/about-ice/ero)",
)
_INQUIRY = StepRule("congressional-inquiry")
_HABEAS_STEP = StepRule("habeas-petition")
_TRO_IF_IMMINENT = StepRule(
    "tro-motion",
    title=phrase("Emergency TRO motion: transfer or removal is imminent"),
    only_if="imminent",
)
_BOND_IF_ROUTE = StepRule("bond-redetermination", only_if="bond-route")
_JOSEPH_IF_MANDATORY = StepRule("joseph-hearing", only_if="mandatory-detention")

# Request type slug (RequestType.escalation_key) → what a team can do after a denial, a partial
# grant or no answer. Data, reviewed with its citations; unknown types get GENERIC_ESCALATION.
ESCALATIONS: dict[str, tuple[StepRule, ...]] = {
    # Parole is decided by ICE; there is no administrative appeal (8 CFR 212.5) and no IJ
    # jurisdiction for arriving aliens (8 CFR 1003.19(h)(2)(i)(B)).
    "humanitarian-parole": (
        _RENEWED_AFTER_PAROLE,
        _INQUIRY,
        _HABEAS_STEP,
        _TRO_IF_IMMINENT,
        _BOND_IF_ROUTE,
        _JOSEPH_IF_MANDATORY,
    ),
    "humanitarian-release": (_RENEWED_AFTER_PAROLE, _INQUIRY),
    # An ICE custody decision under INA 236(a): ask an IJ to redetermine (8 CFR 1236.1(d)(1)).
    "recognizance": (
        StepRule("bond-redetermination", only_if="bond-route"),
        StepRule("humanitarian-parole", only_if="parole-fits"),
        _JOSEPH_IF_MANDATORY,
        _INQUIRY,
        _HABEAS_STEP,
        _TRO_IF_IMMINENT,
    ),
    # An IJ bond decision: BIA appeal received within 30 days, rolled past weekends and
    # holidays (8 CFR 1003.38(b)); a new request needs materially changed circumstances.
    "bond-redetermination": (
        StepRule("bia-appeal", only_if="decision-made"),
        StepRule(
            "bond-redetermination",
            title=phrase("New bond request on materially changed circumstances"),
            citation="8 CFR 1003.19(e)",
        ),
        _HABEAS_STEP,
        _TRO_IF_IMMINENT,
    ),
    "joseph-hearing": (
        StepRule(
            "bia-appeal",
            only_if="decision-made",
            note=phrase(
                "Appealed like a bond decision (8 CFR 1236.1(d)(3)); confirm for this case."
            ),
        ),
        _HABEAS_STEP,
        _TRO_IF_IMMINENT,
    ),
    # An I-246 denial cannot be appealed (8 CFR 241.6(b)): a stay tied to a motion before the
    # IJ or BIA, or federal court; with the stay denied, removal may come at any time.
    "stay-of-removal": (
        StepRule("stay-of-removal"),
        StepRule(
            "motion-to-reopen",
            note=phrase(
                "Due 90 days after the final order (deadline rule motion-to-reopen); "
                "enter the order's date to compute it."
            ),
        ),
        StepRule(
            "tro-motion",
            title=phrase("Emergency TRO motion: removal may proceed now the stay is denied"),
            note=phrase(
                "District-court power to stop a removal is limited (8 U.S.C. § 1252(g), "
                "(a)(5)): check the circuit's law."
            ),
        ),
        _HABEAS_STEP,
    ),
    # Post-order custody: custody review (8 CFR 241.4); detention beyond what removal
    # reasonably needs is unlawful (Zadvydas v. Davis, 533 U.S. 678 (2001)).
    "order-of-supervision": (
        StepRule(
            "renewed-request",
            title=phrase("Ask for a new custody review with new evidence"),
            citation="8 CFR 241.4",
        ),
        _INQUIRY,
        StepRule(
            "habeas-petition",
            citation=cited(HABEAS, "Zadvydas v. Davis, 533 U.S. 678 (2001)"),
        ),
    ),
    "renewed-request": (
        _INQUIRY,
        _HABEAS_STEP,
        _TRO_IF_IMMINENT,
        _BOND_IF_ROUTE,
        _JOSEPH_IF_MANDATORY,
    ),
    # The transfer is the threat: file before it, since jurisdiction attaches at filing
    # (Ex parte Endo, 323 U.S. 283 (1944), as read in Rumsfeld v. Padilla).
    "no-transfer": (
        StepRule("tro-motion", title=phrase("Emergency TRO motion to stop the transfer")),
        StepRule(
            "habeas-petition",
            title=phrase("File the habeas petition now, before a transfer moves the venue"),
            citation=cited(HABEAS, "Ex parte Endo, 323 U.S. 283 (1944)"),
        ),
        _INQUIRY,
    ),
    "medical-care": (
        StepRule(
            "humanitarian-parole",
            title=phrase("Request humanitarian parole on medical grounds"),
            citation="INA § 212(d)(5)(A); 8 CFR 212.5(b)(1)",
        ),
        _INQUIRY,
    ),
    "other": (_INQUIRY,),
}
GENERIC_ESCALATION: tuple[StepRule, ...] = (_INQUIRY, _HABEAS_STEP)

ADVERSE_OUTCOMES = frozenset({"denied", "partly-granted", "no-response"})
RELEASE_OUTCOMES = frozenset({"granted", "partly-granted"})
OUTCOME_WORDS = {
    "denied": phrase("denied"),
    "partly-granted": phrase("partly granted"),
    "no-response": phrase("left unanswered"),
    "granted": phrase("granted"),
}


@dataclass(frozen=True)
class CourtFacts:
    """The district court from the current venue (custody.rules.venue)."""

    id: str
    name: str


@dataclass(frozen=True)
class DecisionFacts:
    """One decision, as the escalation engine needs it."""

    request_type: str  # escalation key: the type's escalates_as, or its slug
    outcome: str
    decided_at: datetime.datetime
    decided_on: datetime.date  # the day in the team's time zone; deadlines count from it
    type_name: str = ""
    seeks_release: bool = False
    urgency_until: datetime.date | None = None
    request_id: str = ""


@dataclass(frozen=True)
class CaseFacts:
    """What the engine knows about a case; assembled by relief.escalation_facts.case_facts."""

    today: datetime.date
    decisions: tuple[DecisionFacts, ...] = ()  # the latest decision per request type
    waiver_signed: bool = False  # the client signed a privacy waiver for some recipient
    offices_without_waiver: tuple[str, ...] = ()  # unsent inquiries no waiver names
    detained: bool = True  # a current placement is recorded
    court: CourtFacts | None = None
    field_office: str | None = None
    transfer_imminent: bool = False
    removal_imminent: bool = False
    immigration_status: str = ""
    detention_basis: str | None = None  # a cases.DetentionBasis value; None: unknown
    district: str | None = None  # courts-db id of the district of confinement (venue)
    circuit: str | None = None  # courts-db id of its circuit (ca5)
    detained_since: datetime.date | None = None  # earliest arrest or placement, local day
    removal_period_began_on: datetime.date | None = None  # INA 241(a)(1)(B)
    in_progress: frozenset[str] = frozenset()  # actions already drafted or under way
    # Days every court is closed (recorded closures), counted like legal holidays.
    closures: frozenset[datetime.date] = frozenset()


@dataclass(frozen=True)
class NextStep:
    action: str
    title: str
    citation: str
    due_on: datetime.date | None = None
    due_rule: str = ""
    blocked_by: str | None = None
    court: CourtFacts | None = None
    note: str = ""
    because: str = ""
    in_progress: bool = False
    trigger_on: datetime.date | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON for the API: the words in the active (the requester's) language, the field
        names as before."""
        return {
            "action": self.action,
            "title": read(self.title),
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "citation": self.citation,
            "blocked_by": read(self.blocked_by) if self.blocked_by else None,
            "court": {"id": self.court.id, "name": self.court.name} if self.court else None,
            "due_rule": self.due_rule,
            "note": read(self.note),
            "because": read(self.because),
            "in_progress": self.in_progress,
        }


def deadline_for(
    spec: ActionSpec,
    trigger_on: datetime.date,
    closures: frozenset[datetime.date] = frozenset(),
) -> tuple[datetime.date | None, str]:
    """Due date of an action from the deadline rules (amparo.deadlines.rules).

    Counts the action's own days under the same rules when it names days but no rule.
    """
    if spec.deadline_rule:
        computed = deadline_rules.compute(spec.deadline_rule, trigger_on, closures=closures)
        return computed.due_on, spec.deadline_rule
    if spec.deadline_days is None:
        return None, ""
    counted = deadline_rules.count(
        trigger_on, spec.deadline_days, system=spec.deadline_system, closures=closures
    )
    return counted.due_on, f"count-{spec.deadline_days}-{spec.deadline_system}"


def _condition_holds(condition: Condition, facts: CaseFacts) -> bool:
    basis = BASES.get(facts.detention_basis or "")
    if condition == "imminent":
        return facts.transfer_imminent or facts.removal_imminent
    if condition == "bond-route":
        # IJs redetermine custody under INA 236(a) only: not for arriving aliens (235(b), 8 CFR
        # 1003.19(h)(2)(i)(B)), not after a credible-fear transfer (Matter of M-S-), not under
        # 236(c) (a Joseph hearing instead); for entry without inspection the circuit decides.
        bond = bond_available(facts.detention_basis, circuit=facts.circuit, on=facts.today)
        return bond in ("yes", "unknown")
    if condition == "mandatory-detention":
        return basis is not None and basis.mandatory
    if condition == "parole-fits":
        # Held under 235(b): only ICE parole can release (INA § 212(d)(5)(A); 8 CFR 212.5(b);
        # Matter of M-S-, 27 I&N Dec. 509 (A.G. 2019), which overruled Matter of X-K-).
        return basis is not None and basis.parole_fits
    return True


def _note_for(rule: StepRule, facts: CaseFacts) -> str:
    if rule.only_if == "bond-route" and facts.detention_basis in (None, "235b2a-ewi"):
        return basis_note(
            facts.detention_basis,
            district=facts.district,
            circuit=facts.circuit,
            on=facts.today,
        )
    return rule.note


def _superseded(decision: DecisionFacts, decisions: Sequence[DecisionFacts]) -> bool:
    """A release granted after this decision makes its custody escalations moot."""
    return any(
        other.seeks_release
        and other.outcome in RELEASE_OUTCOMES
        and other.decided_at > decision.decided_at
        for other in decisions
    )


def step_after(rule: StepRule, decision: DecisionFacts, facts: CaseFacts) -> NextStep | None:
    spec = ACTIONS[rule.action]
    if spec.needs_custody and not facts.detained:
        return None
    if rule.only_if == "decision-made":
        # Silence is not a decision: there is nothing to appeal until the IJ rules.
        if decision.outcome == "no-response":
            return None
    elif not _condition_holds(rule.only_if, facts):
        return None
    due_on, due_rule = deadline_for(spec, decision.decided_on, facts.closures)
    urgency = decision.urgency_until
    if due_on is None and spec.slug == "renewed-request" and urgency and urgency >= facts.today:
        # No legal deadline: the practical one is the urgency date of the denied request.
        due_on, due_rule = urgency, "urgency-date"
    blocked_by: str | None = None
    if spec.needs_waiver and not facts.waiver_signed:
        blocked_by = WAIVER_MISSING
    elif spec.needs_waiver and facts.offices_without_waiver:
        blocked_by = waiver_missing_for(", ".join(facts.offices_without_waiver))
    court = facts.court if spec.court_action else None
    if spec.court_action and court is None:
        blocked_by = NO_COURT
    because = phrase(
        "%(request)s %(outcome)s on %(day)s",
        request=decision.type_name or decision.request_type,
        outcome=OUTCOME_WORDS.get(decision.outcome, decision.outcome),
        day=decision.decided_on,
    )
    return NextStep(
        action=spec.slug,
        title=rule.title or spec.title,
        citation=rule.citation or spec.citation,
        due_on=due_on,
        due_rule=due_rule,
        blocked_by=blocked_by,
        court=court,
        note=_note_for(rule, facts),
        because=because,
        in_progress=spec.slug in facts.in_progress,
        trigger_on=decision.decided_on,
    )


def decision_steps(facts: CaseFacts) -> list[NextStep]:
    """What the team can do now, from every adverse decision still live, newest first.

    Each action appears once (the newest decision that calls for it wins). Steps that need the
    client in custody disappear when no placement is current or a later grant released them.
    """
    decisions = sorted(facts.decisions, key=lambda d: d.decided_at, reverse=True)
    steps: dict[str, NextStep] = {}
    for decision in decisions:
        if decision.outcome not in ADVERSE_OUTCOMES or _superseded(decision, decisions):
            continue
        for rule in ESCALATIONS.get(decision.request_type, GENERIC_ESCALATION):
            if rule.action in steps:
                continue
            step = step_after(rule, decision, facts)
            if step is not None:
                steps[rule.action] = step
    return list(steps.values())
