"""A request weighed against the 8 CFR 212.5(b) parole categories and the enforcement-priority
regime in force on its date (DOMAIN.md §6, §9): which factors an assessment answers, what is
wrong with the answers given, and the paragraphs and cautions they yield. Apart from `policy`,
which finds the regime of a date; this reads the factors against it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from amparo.core.phrases import phrase
from amparo.relief.rules.policy import RegimeFactor, RegimeRecord

# 8 CFR 212.5(b): for people detained under 8 CFR 235.3(c), parole is generally justified only
# for those who are neither a security nor an absconding risk and fall in one of these groups.
PAROLE_CATEGORIES: tuple[RegimeFactor, ...] = (
    RegimeFactor(
        "212.5(b)(1)",
        "serious medical conditions in which continued detention would not be appropriate",
        "category",
        "8 CFR 212.5(b)(1)",
    ),
    RegimeFactor(
        "212.5(b)(2)", "women medically certified as pregnant", "category", "8 CFR 212.5(b)(2)"
    ),
    RegimeFactor("212.5(b)(3)", "certain juveniles", "category", "8 CFR 212.5(b)(3)"),
    RegimeFactor(
        "212.5(b)(4)",
        "witnesses in judicial, administrative or legislative proceedings",
        "category",
        "8 CFR 212.5(b)(4)",
    ),
    RegimeFactor(
        "212.5(b)(5)",
        "people whose continued detention is not in the public interest",
        "category",
        "8 CFR 212.5(b)(5)",
    ),
)


def assessment_keys(regime: RegimeRecord | None) -> list[str]:
    """Every factor an assessment answers: the five 212.5(b) categories, then the regime's."""
    keys = [f.key for f in PAROLE_CATEGORIES]
    if regime is not None:
        keys += [f.key for f in regime.factors if f.key not in keys]
    return keys


def assessment_errors(
    factors: Mapping[str, Any], regime: RegimeRecord | None
) -> dict[str, list[str]]:
    """Problems with submitted factors, by factor key: unknown keys, malformed answers, and a
    factor marked as applying without evidence."""
    allowed = set(assessment_keys(regime))
    errors: dict[str, list[str]] = {}
    for key, answer in factors.items():
        if key not in allowed:
            known = ", ".join(assessment_keys(regime))
            errors[key] = [phrase("Unknown factor; use one of: %(known)s.", known=known)]
            continue
        if not isinstance(answer, Mapping) or not isinstance(answer.get("applies"), bool):
            errors[key] = [phrase('Give {"applies": true or false, "evidence": "..."}.')]
            continue
        evidence = answer.get("evidence", "")
        if not isinstance(evidence, str):
            errors[key] = [phrase("Evidence must be text.")]
        elif answer["applies"] and not evidence.strip():
            errors[key] = [phrase("Say what evidence shows this factor applies.")]
    return errors


@dataclass(frozen=True)
class Argument:
    paragraphs: list[str] = field(default_factory=list)  # letter text, in English (`letter`)
    cautions: list[str] = field(default_factory=list)  # for the team, in the reader's language


def letter(text: str) -> str:
    """Text of the request letter to ICE, which is written and sent in English whatever the
    team reads (like a court filing); only the cautions to the team are translated."""
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _applies(factors: Mapping[str, Any], key: str) -> bool | None:
    answer = factors.get(key)
    if not isinstance(answer, Mapping):
        return None
    value = answer.get("applies")
    return value if isinstance(value, bool) else None


def _evidence(factors: Mapping[str, Any], key: str) -> str:
    answer = factors.get(key)
    return str(answer.get("evidence", "")).strip() if isinstance(answer, Mapping) else ""


_PAROLE_ONLY_FOR = (
    "Parole under INA § 212(d)(5)(A) and 8 CFR 212.5(b) is the release route for applicants "
    "for admission: arriving aliens and people held under INA § 235(b)."
)
_ROUTES: dict[str, str] = {
    "236a": "{subject} is held under INA § 236(a), 8 U.S.C. § 1226(a): ICE may release on "
    "recognizance or conditional parole (INA § 236(a)(2)(B)) or on bond, an immigration judge "
    "may redetermine custody (8 CFR 1236.1(d)(1)), and the district court may grant habeas "
    "(28 U.S.C. § 2241).",
    "236c": "{subject} is held under INA § 236(c): ask an immigration judge whether the "
    "detention is properly mandatory (8 CFR 1003.19(h)(2)(ii); Matter of Joseph, 22 I&N Dec. "
    "799 (BIA 1999)), and the district court for habeas if detention is prolonged.",
    "241a": "{subject} is under a final order (INA § 241(a)): ask for release on an order of "
    "supervision at the custody review (8 CFR 241.4, 241.5), and for habeas once removal is not "
    "significantly likely in the foreseeable future (Zadvydas v. Davis, 533 U.S. 678 (2001)).",
    "lpr": "{subject} is a lawful permanent resident, who is not regarded as seeking admission "
    "(INA § 101(a)(13)(C)) and so is held under INA § 236: ask ICE for release on recognizance "
    "or bond, an immigration judge for a bond redetermination (8 CFR 1236.1(d)(1)), or the "
    "district court for habeas (28 U.S.C. § 2241).",
}
_ROUTES["236c1e"] = _ROUTES["236c"]
PAROLE_BASES = frozenset({"235b", "235b1", "235b2a", "235b2a-ewi"})


def release_route(
    detention_basis: str | None, immigration_status: str = "", subject: str = "Our client"
) -> str | None:
    """None where 212.5(b) parole fits (235(b) detention, or a basis not yet known for someone
    who is not an LPR); otherwise the release routes that do fit, as a paragraph."""
    if detention_basis in PAROLE_BASES:
        return None
    key = detention_basis or ("lpr" if immigration_status == "lpr" else "")
    if key not in _ROUTES:
        return None
    return letter(f"{_PAROLE_ONLY_FOR} {_ROUTES[key].format(subject=subject)}")


def assessment_argument(
    *,
    factors: Mapping[str, Any],
    regime: RegimeRecord | None,
    on: datetime.date,
    subject: str = "Our client",
    detention_basis: str | None = None,
    immigration_status: str = "",
) -> Argument:
    """Paragraphs a request letter can use, citing the regulation and the regime in force on
    the request's date (DOMAIN.md §9: cite the regime of the decision's date), and cautions for
    the team (factors that cut the other way, gaps in the record).

    Parole is argued only where it fits (`release_route`): for an LPR or a client held under
    236(a), 236(c) or 241(a) the argument names the routes that fit instead, and the 212.5(b)
    facts become humanitarian factors for that custody decision.

    The steps follow the law from the statute down: the release authority, the 212.5(b)
    categories, the regime in force on the date, its priorities, its mitigating factors.
    """
    route = release_route(detention_basis, immigration_status, subject)
    argument = Argument()
    _argue_authority(argument, route)
    _argue_categories(argument, factors, route=route, subject=subject)
    if regime is None:
        argument.cautions.append(
            phrase(
                "No enforcement-priority regime is recorded for %(day)s; cite none without "
                "checking the sources.",
                day=on,
            )
        )
        return argument
    _argue_priorities(argument, factors, regime, on=on, route=route, subject=subject)
    _argue_mitigating(argument, factors, regime)
    return argument


def _argue_authority(argument: Argument, route: str | None) -> None:
    """The release authority: INA § 212(d)(5)(A) parole, or the routes that fit instead."""
    argument.paragraphs.append(
        route
        or "Under INA § 212(d)(5)(A), 8 U.S.C. § 1182(d)(5)(A), DHS may parole a person case by "
        "case for urgent humanitarian reasons or significant public benefit."
    )
    if route:
        argument.cautions.append(
            phrase("Parole does not fit this client's detention: do not ask for it.")
        )


def _argue_categories(
    argument: Argument, factors: Mapping[str, Any], *, route: str | None, subject: str
) -> None:
    """The 8 CFR 212.5(b) categories marked as applying, each with its evidence; where parole
    does not fit, the same facts as humanitarian factors for the custody decision."""
    categories = [c for c in PAROLE_CATEGORIES if _applies(factors, c.key)]
    for category in categories:
        text = letter(
            f"Humanitarian factor for the custody decision: {category.label}."
            if route
            else f"{subject} falls within {category.citation}: {category.label}."
        )
        evidence = _evidence(factors, category.key)
        argument.paragraphs.append(f"{text} {_sentence(evidence)}" if evidence else text)
    if not categories and not route:
        argument.cautions.append(
            phrase(
                "No 8 CFR 212.5(b) category is marked as applying; the request rests on urgent "
                "humanitarian reasons alone."
            )
        )


def _argue_priorities(
    argument: Argument,
    factors: Mapping[str, Any],
    regime: RegimeRecord,
    *,
    on: datetime.date,
    route: str | None,
    subject: str,
) -> None:
    """The regime in force on the request's date (DOMAIN.md §9) and its enforcement
    priorities: those the client falls outside of argued, the others flagged for the team."""
    intro = letter(f"On {on.isoformat()} the regime in force was {regime.name} ({regime.source}).")
    priorities = [f for f in regime.factors if f.kind == "priority"]
    if not priorities:
        rests = (
            "it rests on the humanitarian factors above and the discretion the custody statute "
            "gives."
            if route
            else "it rests on the regulatory categories above and on the case-by-case "
            "discretion INA § 212(d)(5)(A) gives."
        )
        argument.paragraphs.append(
            letter(
                f"{intro} It sets no national enforcement priorities that would place "
                f"{subject.lower()} outside enforcement, so this request does not rely on one; "
                f"{rests}"
            )
        )
        return
    outside = [f for f in priorities if _applies(factors, f.key) is False]
    if outside:
        reasons = "; ".join(
            letter(f"not a {f.label[0].lower()}{f.label[1:]}")
            + (f" ({_evidence(factors, f.key)})" if _evidence(factors, f.key) else "")
            for f in outside
        )
        argument.paragraphs.append(
            letter(
                f"{intro} {subject} falls within none of its priorities: {reasons}."
                if len(outside) == len(priorities)
                else f"{intro} {subject} is {reasons}."
            )
        )
    else:
        argument.paragraphs.append(intro)
    _caution_priorities(argument, factors, priorities, subject=subject)


def _caution_priorities(
    argument: Argument,
    factors: Mapping[str, Any],
    priorities: Sequence[RegimeFactor],
    *,
    subject: str,
) -> None:
    """For the team: each priority marked as applying, to be met head on, and each not
    assessed."""
    for factor in priorities:
        state = _applies(factors, factor.key)
        if state is True:
            argument.cautions.append(
                phrase(
                    "Marked as within the priority '%(priority)s': address it directly "
                    "rather than claim %(subject)s is not a priority.",
                    priority=factor.label,
                    subject=subject.lower(),
                )
            )
        elif state is None:
            argument.cautions.append(
                phrase("Priority not assessed: %(priority)s.", priority=factor.label)
            )


def _argue_mitigating(argument: Argument, factors: Mapping[str, Any], regime: RegimeRecord) -> None:
    """The mitigating factors the regime asks officers to weigh, where they apply."""
    mitigating = [f for f in regime.factors if f.kind == "mitigating" and _applies(factors, f.key)]
    if mitigating:
        listed = "; ".join(
            f"{f.label.lower()}"
            + (f": {_evidence(factors, f.key)}" if _evidence(factors, f.key) else "")
            for f in mitigating
        )
        argument.paragraphs.append(
            letter(f"{regime.name} also asks officers to weigh mitigating factors: {listed}.")
        )
