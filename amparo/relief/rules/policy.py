"""Enforcement-priority regimes by date and the arguments an assessment yields (DOMAIN.md §2,
§6, §9): a request or argument must cite the regime in force on its own date."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RegimeFactor:
    key: str
    label: str
    kind: str  # "priority" (a reason to enforce) or "mitigating"
    citation: str = ""


@dataclass(frozen=True)
class RegimeRecord:
    """An enforcement-priority regime as dated data (relief.PolicyRegime, DOMAIN.md §6)."""

    name: str
    authority: str
    effective_from: datetime.date
    effective_to: datetime.date | None  # last day in force; None while in force
    source: str
    slug: str = ""
    summary: str = ""
    factors: tuple[RegimeFactor, ...] = ()
    id: str = ""

    def in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "authority": self.authority,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "source": self.source,
            "slug": self.slug,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class RegimeAnswer:
    on: datetime.date
    regimes: tuple[RegimeRecord, ...]
    message: str
    previous: RegimeRecord | None = None
    following: RegimeRecord | None = None

    @property
    def found(self) -> bool:
        return bool(self.regimes)

    @property
    def regime(self) -> RegimeRecord | None:
        """The governing record; with overlapping records, the one that began last."""
        return self.regimes[-1] if self.regimes else None


def regime_on(on: datetime.date, records: Sequence[RegimeRecord]) -> RegimeAnswer:
    """Which regime governed on `on`. A date no record covers gets a clear "none recorded"
    answer naming the records either side of it, never the nearest one as a guess."""
    ordered = sorted(records, key=lambda r: r.effective_from)
    found = tuple(r for r in ordered if r.in_force_on(on))
    if found:
        names = "; ".join(f"{r.name} ({r.source})" for r in found)
        return RegimeAnswer(on, found, f"In force on {on.isoformat()}: {names}.")
    before = [r for r in ordered if r.effective_to is not None and r.effective_to < on]
    after = [r for r in ordered if r.effective_from > on]
    previous = max(before, key=lambda r: r.effective_to or on) if before else None
    following = after[0] if after else None
    parts = [f"No enforcement-priority regime is recorded for {on.isoformat()}."]
    if previous is None and following is not None:
        parts.append(f"Amparo's records begin on {following.effective_from} ({following.name}).")
    else:
        if previous is not None:
            parts.append(
                f"The last one before it, {previous.name}, ended on {previous.effective_to}."
            )
        if following is not None:
            parts.append(f"The next, {following.name}, began on {following.effective_from}.")
    parts.append("Amparo does not guess: check the sources before citing a regime for this date.")
    return RegimeAnswer(on, (), " ".join(parts), previous=previous, following=following)


# --- assessment -------------------------------------------------------------------------------

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
            errors[key] = [f"Unknown factor; use one of: {known}."]
            continue
        if not isinstance(answer, Mapping) or not isinstance(answer.get("applies"), bool):
            errors[key] = ['Give {"applies": true or false, "evidence": "..."}.']
            continue
        evidence = answer.get("evidence", "")
        if not isinstance(evidence, str):
            errors[key] = ["Evidence must be text."]
        elif answer["applies"] and not evidence.strip():
            errors[key] = ["Say what evidence shows this factor applies."]
    return errors


@dataclass(frozen=True)
class Argument:
    paragraphs: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)


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


def assessment_argument(
    *,
    factors: Mapping[str, Any],
    regime: RegimeRecord | None,
    on: datetime.date,
    subject: str = "Our client",
) -> Argument:
    """Paragraphs a request letter can use, citing the regulation and the regime in force on
    the request's date (DOMAIN.md §9: cite the regime of the decision's date), and cautions for
    the team (factors that cut the other way, gaps in the record)."""
    paragraphs = [
        "Under INA § 212(d)(5)(A), 8 U.S.C. § 1182(d)(5)(A), DHS may parole a person case by "
        "case for urgent humanitarian reasons or significant public benefit."
    ]
    cautions: list[str] = []
    categories = [c for c in PAROLE_CATEGORIES if _applies(factors, c.key)]
    for category in categories:
        text = f"{subject} falls within {category.citation}: {category.label}."
        evidence = _evidence(factors, category.key)
        paragraphs.append(f"{text} {_sentence(evidence)}" if evidence else text)
    if not categories:
        cautions.append(
            "No 8 CFR 212.5(b) category is marked as applying; the request rests on urgent "
            "humanitarian reasons alone."
        )
    if regime is None:
        cautions.append(
            f"No enforcement-priority regime is recorded for {on.isoformat()}; cite none "
            "without checking the sources."
        )
        return Argument(paragraphs, cautions)
    intro = f"On {on.isoformat()} the regime in force was {regime.name} ({regime.source})."
    priorities = [f for f in regime.factors if f.kind == "priority"]
    if not priorities:
        paragraphs.append(
            f"{intro} It sets no national enforcement priorities that would place {subject.lower()}"
            " outside enforcement, so this request does not rely on one; it rests on the "
            "regulatory categories above and on the case-by-case discretion INA § 212(d)(5)(A) "
            "gives."
        )
    else:
        outside = [f for f in priorities if _applies(factors, f.key) is False]
        if outside:
            reasons = "; ".join(
                f"not a {f.label[0].lower()}{f.label[1:]}"
                + (f" ({_evidence(factors, f.key)})" if _evidence(factors, f.key) else "")
                for f in outside
            )
            paragraphs.append(
                f"{intro} {subject} falls within none of its priorities: {reasons}."
                if len(outside) == len(priorities)
                else f"{intro} {subject} is {reasons}."
            )
        else:
            paragraphs.append(intro)
        for factor in priorities:
            state = _applies(factors, factor.key)
            if state is True:
                cautions.append(
                    f"Marked as within the priority '{factor.label}': address it directly "
                    f"rather than claim {subject.lower()} is not a priority."
                )
            elif state is None:
                cautions.append(f"Priority not assessed: {factor.label}.")
    mitigating = [f for f in regime.factors if f.kind == "mitigating" and _applies(factors, f.key)]
    if mitigating:
        listed = "; ".join(
            f"{f.label.lower()}"
            + (f": {_evidence(factors, f.key)}" if _evidence(factors, f.key) else "")
            for f in mitigating
        )
        paragraphs.append(
            f"{regime.name} also asks officers to weigh mitigating factors: {listed}."
        )
    return Argument(paragraphs, cautions)
