"""Enforcement-priority regimes by date (DOMAIN.md §2, §6, §9): a request or argument must cite
the regime in force on its own date, and a date no record covers is said to be so, never
guessed. What an assessment argues from a regime is in `assessment`."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from amparo.core.phrases import joined, phrase


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
        return RegimeAnswer(
            on, found, phrase("In force on %(day)s: %(names)s.", day=on, names=names)
        )
    before = [r for r in ordered if r.effective_to is not None and r.effective_to < on]
    after = [r for r in ordered if r.effective_from > on]
    previous = max(before, key=lambda r: r.effective_to or on) if before else None
    following = after[0] if after else None
    parts = [phrase("No enforcement-priority regime is recorded for %(day)s.", day=on)]
    if previous is None and following is not None:
        parts.append(
            phrase(
                "Amparo's records begin on %(day)s (%(name)s).",
                day=following.effective_from,
                name=following.name,
            )
        )
    else:
        if previous is not None and previous.effective_to is not None:
            parts.append(
                phrase(
                    "The last one before it, %(name)s, ended on %(day)s.",
                    name=previous.name,
                    day=previous.effective_to,
                )
            )
        if following is not None:
            parts.append(
                phrase(
                    "The next, %(name)s, began on %(day)s.",
                    name=following.name,
                    day=following.effective_from,
                )
            )
    parts.append(
        phrase("Amparo does not guess: check the sources before citing a regime for this date.")
    )
    return RegimeAnswer(on, (), joined(parts, " "), previous=previous, following=following)
