"""The fixed vocabulary of next steps (`ACTIONS`): what each is, its source, and what taking it
creates (a draft request, a draft court case or a task with its deadline rule)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from amparo.core.phrases import Phrase, phrase

Takes = Literal["request", "court-case", "task"]

WAIVER_MISSING = phrase("Form 60-001 privacy waiver not signed")
NO_COURT = phrase(
    "No district court known for the current place of detention; record the placement"
)


def waiver_missing_for(offices: str) -> Phrase:
    """Consent is given for a named recipient (5 U.S.C. § 552a(b)): each office needs its own
    waiver."""
    return phrase("No signed privacy waiver names %(offices)s", offices=offices)


def cited(*sources: str) -> str:
    """Sources one after another, as a citation lists them. Citations stay as written (the
    reporters' and the regulations' own words), in every language."""
    return "; ".join(sources)


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
    deadline_days: int | None = None  # counted when no named rule applies
    deadline_system: str = "federal"
    needs_waiver: bool = False
    needs_custody: bool = False

    @property
    def court_action(self) -> bool:
        return self.takes == "court-case"


HABEAS = "28 U.S.C. §§ 2241(a), 2242; Rumsfeld v. Padilla, 542 U.S. 426 (2004)"
TRO = "Fed. R. Civ. P. 65(b); 28 U.S.C. § 1651(a)"

ACTIONS: dict[str, ActionSpec] = {
    spec.slug: spec
    for spec in (
        ActionSpec(
            "renewed-request",
            phrase("Renewed request with new evidence to the field office director"),
            "Discretion of the deciding officer; ICE field office case review "
            "(ice.gov/about-ice/ero)",
            "request",
            request_type="renewed-request",
        ),
        ActionSpec(
            "congressional-inquiry",
            phrase("Congressional inquiry to ICE's Office of Congressional Relations"),
            "5 U.S.C. § 552a(b) (disclosure needs the person's written consent); "
            "ICE Form 60-001 privacy waiver",
            "task",
            needs_waiver=True,
        ),
        ActionSpec(
            "habeas-petition",
            phrase("Habeas corpus petition in the district of confinement"),
            HABEAS,
            "court-case",
            court_case_kind="habeas-2241",
            needs_custody=True,
        ),
        ActionSpec(
            "tro-motion",
            phrase("Emergency motion for a temporary restraining order (TRO)"),
            TRO,
            "court-case",
            court_case_kind="tro",
            needs_custody=True,
        ),
        ActionSpec(
            "bia-appeal",
            phrase("Appeal to the BIA (Form EOIR-26), received within 30 days"),
            "8 CFR 1003.38(b)-(c), 1236.1(d)(3)(i); BIA Practice Manual 7.3",
            "task",
            deadline_rule="bia-bond-appeal",
            deadline_days=30,
            deadline_system="eoir",
        ),
        ActionSpec(
            "bond-redetermination",
            phrase("Ask an immigration judge for a custody (bond) redetermination"),
            "8 CFR 1236.1(d)(1); 8 CFR 1003.19",
            "request",
            request_type="bond-redetermination",
            needs_custody=True,
        ),
        ActionSpec(
            "joseph-hearing",
            phrase("Ask for a Joseph hearing: not properly included in mandatory detention"),
            "8 CFR 1003.19(h)(2)(ii); Matter of Joseph, 22 I&N Dec. 799 (BIA 1999)",
            "request",
            request_type="joseph-hearing",
            needs_custody=True,
        ),
        ActionSpec(
            "watch-dhs-stay",
            phrase("Watch for DHS's automatic stay of the release order (Form EOIR-43)"),
            "8 CFR 1003.19(i)(2): DHS may stay an IJ's release order by filing Form EOIR-43 "
            "within one business day, if ICE had denied bond or set it at $10,000 or more, and "
            "must then appeal within ten business days",
            "task",
            deadline_rule="dhs-auto-stay-notice",
            deadline_system="eoir",
        ),
        ActionSpec(
            "dhs-stay-appeal",
            phrase("Check that DHS appealed to the BIA in time, or the automatic stay has lapsed"),
            "8 CFR 1003.19(i)(2), 1003.6(c)(1): the stay lapses if DHS files no notice of appeal "
            "within ten business days of the immigration judge's order",
            "task",
            deadline_rule="dhs-auto-stay-appeal",
            deadline_system="eoir",
        ),
        ActionSpec(
            "dhs-stay-lapse",
            phrase(
                "The automatic stay lapses 90 days after DHS's appeal unless extended: demand "
                "release, then habeas"
            ),
            "8 CFR 1003.6(c)(4): if the Board has not acted, the automatic stay lapses 90 days "
            "after the notice of appeal is filed, unless extended under 1003.6(c)(4)-(5)",
            "task",
            deadline_rule="dhs-auto-stay-lapse",
            deadline_system="eoir",
        ),
        ActionSpec(
            "post-order-custody-review",
            phrase("Prepare the client's submission for the post-order custody review"),
            "INA § 241(a)(1), (6); 8 CFR 241.4(h), (k)",
            "task",
            deadline_rule="post-order-review-90",
        ),
        ActionSpec(
            "humanitarian-parole",
            phrase("Request humanitarian parole"),
            "INA § 212(d)(5)(A); 8 CFR 212.5(b)",
            "request",
            request_type="humanitarian-parole",
            needs_custody=True,
        ),
        ActionSpec(
            "stay-of-removal",
            phrase(
                "Ask the immigration judge or the BIA for a stay with a motion to reopen or "
                "reconsider"
            ),
            "8 CFR 241.6(b) (an I-246 denial cannot be appealed); BIA Practice Manual ch. 6",
            "task",
        ),
        ActionSpec(
            "motion-to-reopen",
            phrase("Motion to reopen before the immigration judge or the BIA"),
            "INA § 240(c)(7); 8 CFR 1003.2(c), 1003.23(b)(1)",
            "task",
        ),
        ActionSpec(
            "motion-to-reconsider",
            phrase("Motion to reconsider before the immigration judge or the BIA"),
            "INA § 240(c)(6); 8 CFR 1003.2(b), 1003.23(b)(1)",
            "task",
        ),
    )
}
