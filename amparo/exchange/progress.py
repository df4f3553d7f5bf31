"""Progress of a long import or export as people read it: rows done, rate, time left."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from django.utils.translation import gettext as _

# What a long run reports its progress to: rows (or cases) done, of how many.
Progress = Callable[[int, int], None]


def describe(done: int, total: int, seconds: float, *, cases: bool = False) -> str:
    """Rows of a file (an import), or `cases` (an organisation export counts cases)."""
    rate = done / seconds if seconds > 0 else 0.0
    left = (total - done) / rate if rate else 0.0
    numbers = {
        "done": f"{done:,}",
        "total": f"{total:,}",
        "rate": f"{rate:,.0f}",
        "left": f"{left:,.0f}",
    }
    if cases:
        return _("%(done)s of %(total)s cases, %(rate)s cases/s, %(left)s s left") % numbers
    return _("%(done)s of %(total)s rows, %(rate)s rows/s, %(left)s s left") % numbers


class TerminalProgress:
    """Rewrites one line on a terminal; prints nothing when the output is not a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.stream.isatty():
            return
        line = describe(done, total, time.monotonic() - self.started)
        self.stream.write("\r" + line.ljust(70))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
