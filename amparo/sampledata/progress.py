"""A one-line progress bar for long generation runs: items done, rows, rate, time left."""

from __future__ import annotations

import datetime
import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, unit: str = "cases", stream: TextIO | None = None):
        self.total, self.unit = total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self._last = 0.0

    def update(self, done: int, rows: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.5:
            return
        self._last = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        left = (self.total - done) / rate if rate else 0.0
        width = 30
        filled = int(width * done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r[{bar}] {done:,}/{self.total:,} {self.unit}  {rows:,} rows  "
            f"{rows / elapsed:,.0f} rows/s  {rate:,.0f} {self.unit}/s  "
            f"left {datetime.timedelta(seconds=int(left))}  "
        )
        self.stream.flush()

    def finish(self, done: int, rows: int) -> float:
        self.update(done, rows, force=True)
        self.stream.write("\n")
        self.stream.flush()
        return time.monotonic() - self.started
