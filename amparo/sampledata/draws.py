"""What every part of a generated case draws with: the seeded random numbers, the clock, values
drawn by weight and time-ordered ids (`Drawing`, the base of the generator and of its parts).
Apart so that the parts of a case in their own modules (`court_rows`, `advocacy_rows`) draw from
the same generator in the same order as the case itself: a seed gives the same data."""

from __future__ import annotations

import datetime
import itertools
import random
import time
import uuid
from typing import Any

from django.utils import timezone

from amparo.sampledata.sites import Site

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)


class Weighted:
    """Values drawn by weight: `draw` gives what `rng.choices(values, weights)[0]` gives (the
    weights are summed the same way), without summing the weights again at every draw."""

    def __init__(self, values: list[Any], weights: list[int]) -> None:
        self.values, self.cum_weights = values, list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


def time_ordered_id(epoch_ms: int, sequence: int, rng: random.Random) -> uuid.UUID:
    """A UUID laid out as RFC 9562's version 7: 48 bits of Unix milliseconds, the version,
    12 bits of a counter within the millisecond, the variant and 62 random bits. The clock is
    the start of the run plus one millisecond per 4,096 ids (RFC 9562, 6.2, method 1: a fixed
    counter), so ids sort in the order they were made, and a later run starts after.

    Why (docs/benchmarks.md, synth): with random keys each batch of `synth` wrote its rows all
    over every key index of an 800 MB SQLite file, which then outgrew the page cache; 100,000
    cases wrote 21 GB. In order, each batch fills the last pages of each index."""
    millisecond = epoch_ms + (sequence >> 12)
    value = (
        (millisecond & 0xFFFF_FFFF_FFFF) << 80
        | 0x7 << 76
        | (sequence & 0xFFF) << 64
        | 0b10 << 62
        | rng.getrandbits(62)
    )
    return uuid.UUID(int=value)


class Drawing:
    """The seeded draws and the clock a generated case and each of its parts share."""

    current_site: Site  # where the client is held as the case's story has reached

    def __init__(self, *, seed: int, now: datetime.datetime) -> None:
        self.rng = random.Random(seed)
        self.now = now
        # Ids draw from a generator of their own, so the data of a seed does not depend on them.
        self._id_rng = random.Random(seed ^ 0x1D5)
        self._id_epoch_ms = time.time_ns() // 1_000_000
        self._ids_made = 0
        self.today = timezone.localdate(now)

    def _id(self) -> uuid.UUID:
        """A time-ordered id (`time_ordered_id`): each table's new rows go to the end of its
        key index, and of every index that starts with a case id."""
        self._ids_made += 1
        return time_ordered_id(self._id_epoch_ms, self._ids_made, self._id_rng)
