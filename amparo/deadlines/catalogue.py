"""The named deadline rules: each period, how it is counted and the law that says so.

Data read by ``deadlines.rules`` (which counts them; see its docstring for the two counting
systems). Pure: no database, no clock. Every rule cites its source in `citation` and explains
Amparo's choices, where the law leaves room, in `counting_note`.
"""

from __future__ import annotations

from dataclasses import dataclass

from amparo.core.phrases import Phrase, joined, phrase
from amparo.deadlines.counting import Roll


class UnknownRule(KeyError):
    """No rule has this slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug

    def __str__(self) -> str:
        return self.explained()

    def explained(self) -> Phrase:
        return phrase(
            "Unknown deadline rule %(rule)s; known rules: %(known)s.",
            rule=repr(self.slug),
            known=", ".join(RULES),
        )


@dataclass(frozen=True)
class Rule:
    """A named deadline: its period, how it is counted, and the law that says so."""

    slug: str
    title: str
    days: int | None
    citation: str
    system: str = "federal"
    business: bool = False
    backward: bool = False
    # What starts the clock, in words ("service of the order to show cause").
    trigger: str = ""
    # Why this counting system applies, and any choice Amparo makes.
    counting_note: str = ""
    # Where a last day that is not a working day goes; None follows the counting direction.
    roll: Roll | None = None
    # A period the court chooses (habeas-return-extended): `days` must be given, at most this.
    max_days: int | None = None
    # Counts from service of a paper, so Fed. R. Civ. P. 6(d) may add 3 days (--served-by).
    from_service: bool = False

    @property
    def court_chooses_days(self) -> bool:
        return self.max_days is not None


# --- the named rules -------------------------------------------------------------------------
# Titles, triggers and notes are phrases: English where stored or printed as JSON, each in the
# reader's language where shown (`Phrase.translated()`, the `phrase` template filter).


def _note(*parts: Phrase) -> Phrase:
    """A counting note of shared and own sentences, each translated on its own."""
    return joined(parts, " ")


_HABEAS_COUNTING = phrase(
    "28 U.S.C. § 2243 does not say how to count, so Fed. R. Civ. P. 6(a) applies (its first "
    "sentence reaches 'any statute that does not specify a method of computing time'; Fed. R. "
    "Civ. P. 81(a)(4) and Rules 1(b) and 12 of the Rules Governing Section 2254 Cases bring the "
    "civil rules to habeas). Since 2009 Rule 6(a) counts weekends and holidays inside short "
    "periods too, so 3 days are 3 calendar days."
)
_SERVICE_NOTE = phrase(
    "Fed. R. Civ. P. 6(d) adds 3 days only where the paper was served by mail, left with the "
    "clerk, or served by other means consented to (Rule 5(b)(2)(C), (D), (F)); give the means "
    "with --served-by. Orders to show cause are often served electronically, which adds none."
)
_APPEAL_COUNTING = phrase(
    "The notice of appeal is filed with the district clerk (Fed. R. App. P. 3(a)(1), 4(a)(1)); "
    "Fed. R. App. P. 26(a) counts the days as Fed. R. Civ. P. 6(a) does. Sixty days, not "
    "thirty, because the United States or its officer is a party: the ICE field office "
    "director, the DHS Secretary and the Attorney General are named in their official "
    "capacity (Fed. R. App. P. 4(a)(1)(B)(i)-(iii); 28 U.S.C. § 2107(b)). If no federal "
    "officer is a party (only a private warden), the time is 30 days (4(a)(1)(A)): check the "
    "caption. Tolling: a timely motion under Fed. R. Civ. P. 50(b), 52(b), 54 (fees, if the "
    "court orders under Rule 58), 59 (due 28 days after judgment, not extendable: Rule "
    "6(b)(2)) or 60 (filed within 28 days) restarts the time from the entry of the order "
    "disposing of the last such motion (Fed. R. App. P. 4(a)(4)(A)); use "
    "habeas-appeal-after-motion. The district court may extend the time on a motion filed "
    "within 30 days after it expires (4(a)(5))."
)
_EOIR_COUNTING = phrase(
    "Filed with the immigration court or the Board, so EOIR counting applies: calendar days, the "
    "filing counts when received (8 CFR 1003.38(c)), a last day on a weekend or legal holiday "
    "moves to the next business day (8 CFR 1003.38(b); BIA Practice Manual ch. 3.1(b))."
)

_RULE_LIST = [
    Rule(
        slug="habeas-return",
        title=phrase("Return to the order to show cause"),
        days=3,
        citation="28 U.S.C. § 2243",
        system="federal",
        trigger=phrase("service of the writ or order to show cause"),
        counting_note=_note(_HABEAS_COUNTING, _SERVICE_NOTE),
        from_service=True,
    ),
    Rule(
        slug="habeas-return-extended",
        title=phrase("Return to the order to show cause (time allowed by the court)"),
        days=None,
        max_days=20,
        citation="28 U.S.C. § 2243 ('additional time, not exceeding twenty days')",
        system="federal",
        trigger=phrase("service of the writ or order to show cause"),
        counting_note=_note(
            _HABEAS_COUNTING,
            phrase(
                "The court allows the days, for good cause, up to twenty; give them with --days."
            ),
            _SERVICE_NOTE,
        ),
        from_service=True,
    ),
    Rule(
        slug="habeas-hearing",
        title=phrase("Habeas hearing (latest day without more time for good cause)"),
        days=5,
        citation="28 U.S.C. § 2243 ('not more than five days after the return')",
        system="federal",
        trigger=phrase("the return"),
        counting_note=_HABEAS_COUNTING,
    ),
    Rule(
        slug="tro-expiry",
        title=phrase("Temporary restraining order expires"),
        days=14,
        citation="Fed. R. Civ. P. 65(b)(2)",
        system="federal",
        trigger=phrase("entry of a TRO issued without notice"),
        counting_note=phrase(
            "Rule 65(b)(2): a TRO issued without notice expires at the time after entry, not "
            "over 14 days, that the court sets, unless extended once for good cause. Amparo "
            "counts 14 days under Rule 6(a)(1)(A)-(B) but never moves an expiry past a weekend "
            "or holiday: the protection may lapse on that day, so the team must act before it. "
            "Enter the expiry stated in the order as the court-set date."
        ),
        roll="none",
    ),
    Rule(
        slug="bia-bond-appeal",
        title=phrase("Appeal of the immigration judge's bond decision to the BIA (Form EOIR-26)"),
        days=30,
        citation="8 CFR 1003.38(b), 1236.1(d)(3)(i)",
        system="eoir",
        trigger=phrase(
            "the oral bond decision, or the mailing or electronic service of a written one"
        ),
        counting_note=_note(
            _EOIR_COUNTING,
            phrase(
                "For an oral ruling the clock runs from the ruling even if a memorandum is mailed "
                "later (Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025))."
            ),
        ),
    ),
    Rule(
        slug="ice-custody-appeal",
        # Only the (d)(2) decision on the release conditions of someone already released may
        # go straight to the BIA; other ICE custody decisions go to an IJ first (1236.1(d)(1)).
        title=phrase(
            "Appeal to the BIA of DHS's decision on release conditions, 8 CFR 1236.1(d)(2)"
        ),
        days=10,
        citation="8 CFR 1236.1(d)(3)(ii); BIA Practice Manual ch. 7.3(a)(2)(B)",
        system="eoir",
        trigger=phrase("DHS's decision on an application to amend release conditions"),
        counting_note=_EOIR_COUNTING,
    ),
    Rule(
        slug="dhs-auto-stay-notice",
        title=phrase(
            "DHS notice of intent to appeal a release order (Form EOIR-43), automatic stay"
        ),
        days=1,
        citation="8 CFR 1003.19(i)(2); BIA Practice Manual ch. 6.1",
        system="eoir",
        business=True,
        trigger=phrase("the immigration judge's custody order"),
        counting_note=phrase(
            "The regulation gives one business day: Saturdays, Sundays, legal holidays and "
            "court closures are skipped. Without a timely EOIR-43 there is no automatic stay."
        ),
    ),
    Rule(
        slug="dhs-auto-stay-appeal",
        title=phrase("DHS appeal to keep the automatic stay (the stay lapses without it)"),
        days=10,
        citation="8 CFR 1003.19(i)(2), 1003.6(c)(1); BIA Practice Manual ch. 6.1",
        system="eoir",
        business=True,
        trigger=phrase("the immigration judge's custody order"),
        counting_note=phrase(
            "Ten business days: Saturdays, Sundays, legal holidays and court closures are "
            "skipped. If DHS files no appeal by then the automatic stay lapses."
        ),
    ),
    Rule(
        slug="motion-to-reconsider",
        title=phrase("Motion to reconsider"),
        days=30,
        citation="INA § 240(c)(6)(B); 8 CFR 1003.2(b)(2) (BIA), 1003.23(b)(1) (immigration court)",
        system="eoir",
        trigger=phrase("the final administrative order (its mailing or service)"),
        counting_note=_EOIR_COUNTING,
    ),
    Rule(
        slug="motion-to-reopen",
        title=phrase("Motion to reopen"),
        days=90,
        citation=(
            "INA § 240(c)(7)(C)(i); 8 CFR 1003.2(c)(2) (BIA), 1003.23(b)(1) (immigration court)"
        ),
        system="eoir",
        trigger=phrase("the final administrative order of removal"),
        counting_note=_EOIR_COUNTING,
    ),
    Rule(
        slug="petition-for-review",
        title=phrase("Petition for review in the court of appeals"),
        days=30,
        citation="8 U.S.C. § 1252(b)(1)",
        system="federal",
        trigger=phrase("the final order of removal"),
        counting_note=phrase(
            "Filed in a federal court of appeals, so federal counting applies: Fed. R. App. P. "
            "26(a)(1), which mirrors Fed. R. Civ. P. 6(a)(1) and reaches statutes that do not "
            "specify a method. The 30 days run from the BIA's order, not its receipt; a motion "
            "to reopen or reconsider does not stop them."
        ),
    ),
    Rule(
        slug="habeas-appeal",
        title=phrase(
            "Notice of appeal from the habeas judgment (a United States officer is a party)"
        ),
        days=60,
        citation="Fed. R. App. P. 4(a)(1)(B); 28 U.S.C. § 2107(b)",
        system="federal",
        trigger=phrase("entry of the judgment or order appealed from"),
        counting_note=_APPEAL_COUNTING,
    ),
    Rule(
        slug="habeas-appeal-after-motion",
        title=phrase("Notice of appeal after a tolling motion was decided"),
        days=60,
        citation="Fed. R. App. P. 4(a)(4)(A), 4(a)(1)(B); 28 U.S.C. § 2107(b)",
        system="federal",
        trigger=phrase(
            "entry of the order disposing of the last timely Rule 50(b), 52(b), 54, 59 or 60 motion"
        ),
        counting_note=_APPEAL_COUNTING,
    ),
    Rule(
        slug="bond-after-release",
        title=phrase("Ask an immigration judge to change release terms (released persons)"),
        days=7,
        citation="8 CFR 1236.1(d)(1); Matter of Aguilar-Aquino, 24 I&N Dec. 747 (BIA 2009)",
        system="eoir",
        trigger=phrase("release from DHS custody"),
        counting_note=phrase(
            "Seven calendar days under EOIR counting. The limit decides whether the immigration "
            "judge has jurisdiction at all (Aguilar-Aquino), and 8 CFR 1236.1(d)(1) has no "
            "weekend clause of its own, so Amparo moves a last day on a weekend or holiday to "
            "the business day before, never after."
        ),
        roll="backward",
    ),
]

RULES: dict[str, Rule] = {rule.slug: rule for rule in _RULE_LIST}

# Words the `amparo deadline` command uses for itself; no rule may take them.
RESERVED_WORDS = frozenset({"count", "list"})
assert not RESERVED_WORDS & RULES.keys()


# Deadlines that count from an immigration-court hearing, by the hearing's kind. Only the
# custody hearings have one: the immigration judge decides custody orally at the bond (custody
# redetermination) hearing, and the 30-day appeal to the Board runs from that oral decision
# (8 CFR 1003.38(b), 1236.1(d)(3)(i); Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025)), so the
# hearing day is the trigger. Master and individual calendar hearings have none for a detained
# client: the Immigration Court Practice Manual fixes filing deadlines counted back from a
# hearing only for non-detained respondents and leaves detained ones to the deadlines the court
# sets (ICPM ch. 3.1(b)(i)(B), (ii)(B)); those are entered as court-set dates.
HEARING_RULES: dict[str, tuple[str, ...]] = {
    "bond": ("bia-bond-appeal",),
    "custody-redetermination": ("bia-bond-appeal",),
}


# --- detention and court-order rules ---------------------------------------------------------
# Periods that end rather than filing deadlines: counted in calendar days from the day after the
# trigger and never moved off a weekend or holiday (`roll="none"`), since the law gives no
# extension and the team must act before the day.

_AGENCY_PERIOD = phrase(
    "Neither the statute nor the regulation says how to count; Amparo counts calendar days from "
    "the day after the trigger, as Fed. R. Civ. P. 6(a)(1) would, and never moves the day: it "
    "is when a period ends, not a filing deadline."
)

_DETENTION_RULES = [
    Rule(
        slug="removal-period-end",
        title=phrase("Removal period ends (90 days after it began)"),
        days=90,
        citation="INA § 241(a)(1)(A)-(B), 8 U.S.C. § 1231(a)(1)(A)-(B)",
        trigger=phrase(
            "the start of the removal period: the order became administratively final, a "
            "court's stay of removal ended, or release from non-immigration custody (the latest)"
        ),
        counting_note=_note(
            _AGENCY_PERIOD,
            phrase(
                "The period is extended while the person fails to cooperate with removal "
                "(INA § 241(a)(1)(C))."
            ),
        ),
        roll="none",
    ),
    Rule(
        slug="post-order-review-90",
        title=phrase("Post-order custody review due before the removal period expires"),
        days=90,
        citation="8 CFR 241.4(k)(1)(i), (h)",
        trigger=phrase("the start of the removal period"),
        counting_note=_note(
            _AGENCY_PERIOD,
            phrase(
                "The review must come before the 90-day removal period ends; the detainee is to "
                "get about 30 days' notice of it to submit documents (8 CFR 241.4(h)(2))."
            ),
        ),
        roll="none",
    ),
    Rule(
        slug="post-order-review-180",
        title=phrase(
            "Headquarters post-order custody review (three months after the removal period)"
        ),
        days=180,
        citation="8 CFR 241.4(k)(2)(ii); 8 CFR 241.13",
        trigger=phrase("the start of the removal period"),
        counting_note=_note(
            _AGENCY_PERIOD,
            phrase(
                "Three months after the 90-day period is counted as 90 more days; ICE's own "
                "guidance reviews post-order custody under 8 CFR 241.13 at 180 days."
            ),
        ),
        roll="none",
    ),
    Rule(
        slug="zadvydas-six-months",
        title=phrase("Presumptively reasonable post-order detention ends (six months)"),
        days=180,
        citation="Zadvydas v. Davis, 533 U.S. 678, 701 (2001); Clark v. Martinez, 543 U.S. 371 "
        "(2005)",
        trigger=phrase("the start of the removal period"),
        counting_note=_note(
            _AGENCY_PERIOD,
            phrase(
                "Zadvydas speaks of six months including the removal period; Amparo counts 180 "
                "days, which is never later than six calendar months."
            ),
        ),
        roll="none",
    ),
    Rule(
        slug="dhs-auto-stay-lapse",
        title=phrase("DHS's automatic stay of the release order lapses (90 days after its appeal)"),
        days=90,
        citation="8 CFR 1003.6(c)(4); 71 FR 57873 (Oct. 2, 2006, effective Nov. 1, 2006)",
        system="eoir",
        trigger=phrase("DHS's notice of appeal of the custody order filed with the Board"),
        counting_note=phrase(
            "Calendar days: the regulation counts business days only where it says so. "
            "The stay lapses 90 days after DHS files its appeal if the Board has not acted, unless "
            "the period is extended under 8 CFR 1003.6(c)(4)-(5) or the Board grants DHS a "
            "discretionary stay (8 CFR 1003.19(i)(1)); check the Board's docket. A lapse is not a "
            "filing deadline, so the day is never moved."
        ),
        roll="none",
    ),
    Rule(
        slug="court-order-compliance",
        title=phrase("Compliance with the court's order due"),
        days=None,
        max_days=365,
        citation="The court's order; Fed. R. Civ. P. 6(a)(1)",
        trigger=phrase("entry of the order"),
        counting_note=phrase(
            "A period in days set by a court order is counted under Fed. R. Civ. P. "
            "6(a)(1) (its first sentence reaches 'any ... court order'): the day of the order is "
            "not counted, every day is, and a last day on a Saturday, Sunday or legal holiday runs "
            "to the next day that is none of those. An order that sets a date, or says how to "
            "count, governs: enter that date as the court-set date."
        ),
    ),
]
RULES.update({rule.slug: rule for rule in _DETENTION_RULES})
