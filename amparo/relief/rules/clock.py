"""The detention clock: days held, the post-order custody reviews and the prolonged-detention
review points, each with its source. Pure: callers pass the dates and the circuit.

Days held count from the earliest arrest or placement, in the organisation's time zone (the
caller supplies the day). After a final order the clock that matters starts with the removal
period (INA 241(a)(1)(B)): 90 days to remove (241(a)(1)(A)); the custody review before the
period ends (8 CFR 241.4(k)(1)(i)); headquarters' review three months later (8 CFR
241.4(k)(2)(ii)), when the six months Zadvydas v. Davis presumed reasonable also run out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from amparo.core.phrases import phrase, read
from amparo.deadlines import rules as deadline_rules
from amparo.relief.rules.detention import BASES, JENNINGS, ZADVYDAS


@dataclass(frozen=True)
class ProlongedAuthority:
    """How a circuit decides when detention without a bond hearing becomes unconstitutional."""

    circuit: str
    case: str
    test: str
    bright_line_days: int | None = None  # None: the circuit sets no bright line
    forecloses: bool = False  # the circuit rejects as-applied prolonged-detention claims


PROLONGED: dict[str, ProlongedAuthority] = {
    a.circuit: a
    for a in (
        ProlongedAuthority(
            "ca2",
            "Black v. Decker, 103 F.4th 133 (2d Cir. May 31, 2024)",
            phrase(
                "Due process bars unreasonably prolonged § 1226(c) detention without a bond "
                "hearing; Mathews v. Eldridge balancing, no bright line (seven months was a "
                "serious infringement there); at the hearing the government bears a "
                "clear-and-convincing burden."
            ),
        ),
        ProlongedAuthority(
            "ca3",
            "German Santos v. Warden Pike County Correctional Facility, 965 F.3d 203 "
            "(3d Cir. 2020)",
            phrase(
                "As-applied due process, no bright line: duration (the most important factor), "
                "whether detention is likely to continue, the reasons for delay, and whether the "
                "conditions are meaningfully different from criminal punishment."
            ),
        ),
        ProlongedAuthority(
            "ca8",
            "Banyee v. Garland, No. 22-2252 (8th Cir. Sept. 17, 2024)",
            phrase(
                "Due process imposes no time limit on § 1226(c) detention while removal remains "
                "possible: a prolonged-detention claim is foreclosed in this circuit."
            ),
            forecloses=True,
        ),
    )
}
NO_CIRCUIT_RULE = phrase(
    "No circuit bright line recorded here. Jennings forecloses a statutory six-month limit; an "
    "as-applied due process claim in habeas remains, weighed on the facts."
)
# Amparo's own review point, not a legal threshold: six months echoes Zadvydas and Demore v.
# Kim, 538 U.S. 510, 530 (2003) ("brief period"), and is where district courts most often begin
# the as-applied inquiry. Jennings rejected it as a statutory limit.
PROLONGED_REVIEW_DAYS = 180
PROLONGED_LATER_DAYS = 365


@dataclass(frozen=True)
class Milestone:
    slug: str
    title: str
    due_on: datetime.date
    citation: str
    passed: bool
    rule: str = ""  # the deadline rule that counted it
    next_step: str = ""


@dataclass(frozen=True)
class DetentionClock:
    detained_since: datetime.date | None
    days: int | None
    basis: str | None
    milestones: list[Milestone] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """JSON for the API: the words in the active (the requester's) language, the field
        names as before."""
        return {
            "detained_since": self.detained_since.isoformat() if self.detained_since else None,
            "days": self.days,
            "basis": self.basis,
            "milestones": [
                {
                    "slug": m.slug,
                    "title": read(m.title),
                    "due_on": m.due_on.isoformat(),
                    "citation": m.citation,
                    "passed": m.passed,
                    "rule": m.rule,
                    "next_step": read(m.next_step),
                }
                for m in self.milestones
            ],
            "flags": [read(flag) for flag in self.flags],
        }


# (rule slug, next step once the day has passed) for the post-order clock, in order.
_POST_ORDER = (
    (
        "removal-period-end",
        phrase(
            "Removal period over: ask why removal has not happened, and press "
            "for the custody review (8 CFR 241.4(k)(1)(i))."
        ),
    ),
    (
        "post-order-review-90",
        phrase(
            "Submit the client's evidence for the custody review "
            "(8 CFR 241.4(h)(2)) or complain that it was not held; ask for release on an order "
            "of supervision (8 CFR 241.5)."
        ),
    ),
    (
        "post-order-review-180",
        phrase(
            "Headquarters review due: follow up, and ask under 8 CFR 241.13 "
            "for release because removal is not significantly likely in the foreseeable future."
        ),
    ),
    (
        "zadvydas-six-months",
        phrase(
            "The presumptively reasonable period is over: a Zadvydas habeas "
            "petition is ripe if removal is not significantly likely in the foreseeable future."
        ),
    ),
)


def post_order_milestones(
    removal_period_began_on: datetime.date, today: datetime.date
) -> list[Milestone]:
    """The 241(a) clock from the start of the removal period (INA 241(a)(1)(B))."""
    milestones = []
    for slug, step in _POST_ORDER:
        computed = deadline_rules.compute(slug, removal_period_began_on)
        milestones.append(
            Milestone(
                slug=slug,
                title=computed.title,
                due_on=computed.due_on,
                citation=computed.citation,
                passed=today > computed.due_on,
                rule=slug,
                next_step=step,
            )
        )
    return milestones


def prolonged_flags(basis: str, days: int, circuit: str | None) -> list[str]:
    """Prolonged detention under 235(b) or 236(c), flagged at Amparo's review points with the
    circuit's own test (or the absence of one)."""
    spec = BASES.get(basis)
    if spec is None or not spec.prolonged_applies or days < PROLONGED_REVIEW_DAYS:
        return []
    # The circuit tests recorded are about § 1226(c); none is applied to § 1225(b) detention.
    authority = PROLONGED.get(circuit or "") if spec.mandatory else None
    months = phrase("over a year") if days >= PROLONGED_LATER_DAYS else phrase("over six months")
    head = phrase(
        "Detained %(days)s days (%(months)s) under %(statute)s, with no bond hearing.",
        days=days,
        months=months,
        statute=spec.statute,
    )
    if authority is None:
        return [
            phrase(
                "%(head)s %(rule)s (%(citation)s).",
                head=head,
                rule=NO_CIRCUIT_RULE,
                citation=JENNINGS,
            )
        ]
    if authority.forecloses:
        return [
            phrase(
                "%(head)s %(case)s: %(test)s Preserve the claim; %(citation)s.",
                head=head,
                case=authority.case,
                test=authority.test,
                citation=JENNINGS,
            )
        ]
    return [
        phrase(
            "%(head)s Habeas for a bond hearing: %(case)s: %(test)s",
            head=head,
            case=authority.case,
            test=authority.test,
        )
    ]


def detention_clock(
    *,
    basis: str | None,
    detained_since: datetime.date | None,
    today: datetime.date,
    circuit: str | None = None,
    removal_period_began_on: datetime.date | None = None,
) -> DetentionClock:
    """Days held and what the length of detention now calls for."""
    days = (today - detained_since).days if detained_since else None
    clock = DetentionClock(detained_since, days, basis)
    if basis == "241a":
        if removal_period_began_on is None:
            clock.flags.append(
                phrase(
                    "Record the day the removal period began (INA 241(a)(1)(B): the order "
                    "became final, a court's stay ended, or release from criminal custody) to "
                    "count the custody reviews."
                )
            )
        else:
            clock.milestones.extend(post_order_milestones(removal_period_began_on, today))
            if today > clock.milestones[-1].due_on:
                clock.flags.append(
                    phrase(
                        "Post-order detention beyond six months: %(citation)s.", citation=ZADVYDAS
                    )
                )
    elif basis is not None and days is not None:
        clock.flags.extend(prolonged_flags(basis, days, circuit))
    return clock
