"""The escalation engine: what a team can do after a decision (DOMAIN.md §2-§5).

`next_steps(CaseFacts)` lists each step with its citation, its deadline from the deadline rules
(amparo.deadlines.rules, contract 2), what blocks it and, for a court action, the court from the
venue. What follows a denial of each request type is data (`ESCALATIONS`), keyed by request-type
slug, over a fixed vocabulary of actions (`ACTIONS`).
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

Takes = Literal["request", "court-case", "task"]

WAIVER_MISSING = "Form 60-001 privacy waiver not signed"
NO_COURT = "No district court known for the current place of detention; record the placement"


@dataclass(frozen=True)
class ActionSpec:
    """One entry of the fixed vocabulary of next steps, and what taking it creates."""

    slug: str
    title: str
    citation: str
    takes: Takes
    request_type: str = ""  # takes == "request": the request type drafted
    court_case_kind: str = ""  # takes == "court-case": CourtCase.Kind value
    deadline_rule: str = ""  # slug in amparo.deadlines.rules.RULES
    deadline_days: int | None = None  # used if the deadline rules lack the slug
    deadline_system: str = "federal"
    needs_waiver: bool = False
    needs_custody: bool = False

    @property
    def court_action(self) -> bool:
        return self.takes == "court-case"


_HABEAS = "28 U.S.C. §§ 2241(a), 2242; Rumsfeld v. Padilla, 542 U.S. 426 (2004)"
_TRO = "Fed. R. Civ. P. 65(b); 28 U.S.C. § 1651(a)"

ACTIONS: dict[str, ActionSpec] = {
    spec.slug: spec
    for spec in (
        ActionSpec(
            "renewed-request",
            "Renewed request with new evidence to the field office director",
            "Discretion of the deciding officer; ICE field office case review "
            "(ice.gov/about-ice/ero)",
            "request",
            request_type="renewed-request",
        ),
        ActionSpec(
            "congressional-inquiry",
            "Congressional inquiry to ICE's Office of Congressional Relations",
            "5 U.S.C. § 552a(b) (disclosure needs the person's written consent); "
            "ICE Form 60-001 privacy waiver",
            "task",
            needs_waiver=True,
        ),
        ActionSpec(
            "habeas-petition",
            "Habeas corpus petition in the district of confinement",
            _HABEAS,
            "court-case",
            court_case_kind="habeas-2241",
            needs_custody=True,
        ),
        ActionSpec(
            "tro-motion",
            "Emergency motion for a temporary restraining order",
            _TRO,
            "court-case",
            court_case_kind="tro",
            needs_custody=True,
        ),
        ActionSpec(
            "bia-appeal",
            "Appeal to the BIA (Form EOIR-26), received within 30 days",
            "8 CFR 1003.38(b)-(c), 1236.1(d)(3)(i); BIA Practice Manual 7.3",
            "task",
            deadline_rule="bia-bond-appeal",
            deadline_days=30,
            deadline_system="eoir",
        ),
        ActionSpec(
            "bond-redetermination",
            "Ask an immigration judge for a custody (bond) redetermination",
            "8 CFR 1236.1(d)(1); 8 CFR 1003.19",
            "request",
            request_type="bond-redetermination",
            needs_custody=True,
        ),
        ActionSpec(
            "joseph-hearing",
            "Ask for a Joseph hearing: not properly included in mandatory detention",
            "8 CFR 1003.19(h)(2)(ii); Matter of Joseph, 22 I&N Dec. 799 (BIA 1999)",
            "request",
            request_type="joseph-hearing",
            needs_custody=True,
        ),
        ActionSpec(
            "watch-dhs-stay",
            "Watch for DHS's automatic stay of the release order (Form EOIR-43)",
            "8 CFR 1003.19(i)(2): DHS may stay an IJ's release order by filing Form EOIR-43 "
            "within one business day, if ICE had denied bond or set it at $10,000 or more, and "
            "must then appeal within ten business days",
            "task",
            deadline_rule="dhs-auto-stay-notice",
            deadline_system="eoir",
        ),
        ActionSpec(
            "humanitarian-parole",
            "Request humanitarian parole",
            "INA § 212(d)(5)(A); 8 CFR 212.5(b)",
            "request",
            request_type="humanitarian-parole",
            needs_custody=True,
        ),
        ActionSpec(
            "stay-of-removal",
            "Ask the immigration judge or the BIA for a stay with a motion to reopen or reconsider",
            "8 CFR 241.6(b) (an I-246 denial cannot be appealed); BIA Practice Manual ch. 6",
            "task",
        ),
        ActionSpec(
            "motion-to-reopen",
            "Motion to reopen before the immigration judge or the BIA",
            "INA § 240(c)(7); 8 CFR 1003.2(c), 1003.23(b)(1)",
            "task",
        ),
        ActionSpec(
            "motion-to-reconsider",
            "Motion to reconsider before the immigration judge or the BIA",
            "INA § 240(c)(6); 8 CFR 1003.2(b), 1003.23(b)(1)",
            "task",
        ),
    )
}

Condition = Literal[
    "", "imminent", "bond-route", "mandatory-detention", "arriving", "decision-made"
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
    title="Emergency TRO motion: transfer or removal is imminent",
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
        StepRule("humanitarian-parole", only_if="arriving"),
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
            title="New bond request on materially changed circumstances",
            citation="8 CFR 1003.19(e)",
        ),
        _HABEAS_STEP,
        _TRO_IF_IMMINENT,
    ),
    "joseph-hearing": (
        StepRule(
            "bia-appeal",
            only_if="decision-made",
            note="Appealed like a bond decision (8 CFR 1236.1(d)(3)); confirm for this case.",
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
            note="Due 90 days after the final order (deadline rule motion-to-reopen); "
            "enter the order's date to compute it.",
        ),
        StepRule(
            "tro-motion",
            title="Emergency TRO motion: removal may proceed now the stay is denied",
            note="District-court power to stop a removal is limited (8 U.S.C. § 1252(g), "
            "(a)(5)): check the circuit's law.",
        ),
        _HABEAS_STEP,
    ),
    # Post-order custody: custody review (8 CFR 241.4); detention beyond what removal
    # reasonably needs is unlawful (Zadvydas v. Davis, 533 U.S. 678 (2001)).
    "order-of-supervision": (
        StepRule(
            "renewed-request",
            title="Ask for a new custody review with new evidence",
            citation="8 CFR 241.4",
        ),
        _INQUIRY,
        StepRule(
            "habeas-petition",
            citation=f"{_HABEAS}; Zadvydas v. Davis, 533 U.S. 678 (2001)",
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
        StepRule("tro-motion", title="Emergency TRO motion to stop the transfer"),
        StepRule(
            "habeas-petition",
            title="File the habeas petition now, before a transfer moves the venue",
            citation=f"{_HABEAS}; Ex parte Endo, 323 U.S. 283 (1944)",
        ),
        _INQUIRY,
    ),
    "medical-care": (
        StepRule(
            "humanitarian-parole",
            title="Request humanitarian parole on medical grounds",
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
    "denied": "denied",
    "partly-granted": "partly granted",
    "no-response": "left unanswered",
    "granted": "granted",
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
    """What the engine knows about a case; assembled by relief.selectors.case_facts."""

    today: datetime.date
    decisions: tuple[DecisionFacts, ...] = ()  # the latest decision per request type
    waiver_signed: bool = False  # an inquiry of the case has Inquiry.waiver_signed_on
    detained: bool = True  # a current placement is recorded
    court: CourtFacts | None = None
    field_office: str | None = None
    transfer_imminent: bool = False
    removal_imminent: bool = False
    immigration_status: str = ""
    detention_basis: str | None = None  # "235b", "236a", "236c", "241a"; None: unknown
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
        return {
            "action": self.action,
            "title": self.title,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "citation": self.citation,
            "blocked_by": self.blocked_by,
            "court": {"id": self.court.id, "name": self.court.name} if self.court else None,
            "due_rule": self.due_rule,
            "note": self.note,
            "because": self.because,
            "in_progress": self.in_progress,
        }


def deadline_for(
    spec: ActionSpec,
    trigger_on: datetime.date,
    closures: frozenset[datetime.date] = frozenset(),
) -> tuple[datetime.date | None, str]:
    """Due date of an action from the deadline rules (amparo.deadlines.rules, contract 2).

    Falls back to counting the action's own days under the same rules when the slug is unknown
    there, and to no date at all when the deadline rules are not installed.
    """
    if not spec.deadline_rule:
        return None, ""
    try:  # contract 2; imported late so Amparo runs while that module is missing
        deadline_rules = importlib.import_module("amparo.deadlines.rules")
    except ImportError:
        return None, ""
    try:
        computed = deadline_rules.compute(spec.deadline_rule, trigger_on, closures=closures)
        return computed.due_on, spec.deadline_rule
    except KeyError:  # UnknownRule is a KeyError
        if spec.deadline_days is None:
            return None, ""
        counted = deadline_rules.count(
            trigger_on, spec.deadline_days, system=spec.deadline_system, closures=closures
        )
        return counted.due_on, f"count-{spec.deadline_days}-{spec.deadline_system}"


def _condition_holds(condition: Condition, facts: CaseFacts) -> bool:
    if condition == "imminent":
        return facts.transfer_imminent or facts.removal_imminent
    if condition == "bond-route":
        # IJs redetermine custody under INA 236(a) only: not for arriving aliens (235(b), 8 CFR
        # 1003.19(h)(2)(i)(B)) nor under 236(c) (a Joseph hearing instead).
        return facts.detention_basis in (None, "236a")
    if condition == "mandatory-detention":
        return facts.detention_basis == "236c"
    if condition == "arriving":
        # Held under 235(b): only ICE parole can release (8 CFR 212.5; Matter of X-K-, 23 I&N
        # Dec. 731 (BIA 2005): no IJ custody jurisdiction).
        return facts.detention_basis == "235b"
    return True


def _note_for(rule: StepRule, facts: CaseFacts) -> str:
    if rule.only_if == "bond-route" and facts.detention_basis is None:
        return (
            "Confirm the detention basis first: an immigration judge cannot redetermine custody "
            "of an arriving alien (8 CFR 1003.19(h)(2)(i)(B)) or of a person held under INA "
            "236(c) (ask for a Joseph hearing instead)."
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


def _step(rule: StepRule, decision: DecisionFacts, facts: CaseFacts) -> NextStep | None:
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
    court = facts.court if spec.court_action else None
    if spec.court_action and court is None:
        blocked_by = NO_COURT
    word = OUTCOME_WORDS.get(decision.outcome, decision.outcome)
    because = f"{decision.type_name or decision.request_type} {word} on {decision.decided_on}"
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


# After a favourable decision: what the team must watch for. Keyed like ESCALATIONS.
GRANT_FOLLOW_UPS: dict[str, tuple[StepRule, ...]] = {
    "bond-redetermination": (StepRule("watch-dhs-stay"),),
}
GRANT_OUTCOMES = frozenset({"granted", "partly-granted"})


def next_steps(facts: CaseFacts) -> list[NextStep]:
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
            step = _step(rule, decision, facts)
            if step is not None:
                steps[rule.action] = step
    for decision in decisions:
        if decision.outcome not in GRANT_OUTCOMES:
            continue
        for rule in GRANT_FOLLOW_UPS.get(decision.request_type, ()):
            if rule.action not in steps:
                step = _step(rule, decision, facts)
                if step is not None:
                    steps[rule.action] = step
    return list(steps.values())
