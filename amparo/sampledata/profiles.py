"""How generated requests behave: which types are asked for, how fast each is answered and how.

Turnarounds are log-normal around a median (minutes); these are plausible shapes for a demo and
a benchmark, not statistics about any office.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from dataclasses import dataclass

OUTCOMES = ("granted", "denied", "partly-granted", "no-response")


@dataclass(frozen=True)
class RequestProfile:
    slug: str
    weight: float
    median_minutes: float
    spread: float  # sigma of the log-normal
    outcomes: tuple[float, float, float, float]  # weights in OUTCOMES order
    channels: tuple[str, ...]

    def turnaround(self, rng: random.Random) -> int:
        return max(5, int(rng.lognormvariate(math.log(self.median_minutes), self.spread)))

    def outcome(self, rng: random.Random) -> str:
        return rng.choices(OUTCOMES, cum_weights=self._cum_outcomes)[0]

    @functools.cached_property
    def _cum_outcomes(self) -> list[float]:
        """What `choices` would sum from the weights at every draw, summed once."""
        return list(itertools.accumulate(self.outcomes))


AGENCY = ("email", "fax", "portal")
COURT = ("ecas", "in-person", "mail")

PROFILES = (
    RequestProfile("humanitarian-parole", 22, 2 * 1440, 1.6, (2, 6, 1, 1), AGENCY),
    RequestProfile("humanitarian-release", 6, 3 * 1440, 1.4, (2, 5, 1, 2), AGENCY),
    RequestProfile("recognizance", 8, 5 * 1440, 1.2, (2, 5, 1, 2), AGENCY),
    RequestProfile("bond-redetermination", 18, 9 * 1440, 0.8, (5, 4, 2, 0), COURT),
    RequestProfile("joseph-hearing", 3, 14 * 1440, 0.7, (1, 5, 0, 0), COURT),
    RequestProfile("stay-of-removal", 9, 4 * 1440, 1.0, (2, 6, 0, 2), AGENCY),
    RequestProfile("order-of-supervision", 4, 20 * 1440, 1.0, (3, 4, 0, 3), AGENCY),
    RequestProfile("renewed-request", 7, 3 * 1440, 1.3, (2, 6, 1, 1), AGENCY),
    RequestProfile("no-transfer", 5, 720, 1.5, (1, 4, 0, 5), AGENCY),
    RequestProfile("medical-care", 14, 1440, 1.5, (4, 3, 3, 2), AGENCY),
    RequestProfile("other", 4, 5 * 1440, 1.4, (2, 3, 1, 3), AGENCY),
)
WEIGHTS = [p.weight for p in PROFILES]
CUM_WEIGHTS = list(itertools.accumulate(WEIGHTS))  # as `choices` sums them, once


def pick(rng: random.Random) -> RequestProfile:
    return rng.choices(PROFILES, cum_weights=CUM_WEIGHTS)[0]
