"""How report numbers are shown and exported: durations in days, hours and minutes, shares in
percent, cells of fewer than five cases suppressed in exports for publication, and the bars of
the server-rendered chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from amparo.relief.reporting import UNKNOWN_OFFICE
from amparo.reports.catalogue import Report
from amparo.reports.selectors.custody import GROUP_LABELS

# Exports for publication hide every number built from fewer cases than this, so no one can be
# recognised from a small cell.
SMALL_NUMBER = 5
SUPPRESSED = "<5"
MINUTES_PER = {"minutes": 1, "hours": 60, "days": 1440}
# Columns of words, not numbers: never suppressed, and they name a chart's bars.
TEXT_KINDS = ("text", "status")


def duration(minutes: float) -> str:
    """29 → '29 min'; 125 → '2 h 5 min'; 10080 → '7 d'; 1530 → '1 d 1 h 30 min'."""
    total = round(minutes)
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("%(n)d d") % {"n": days})
    if hours:
        parts.append(_("%(n)d h") % {"n": hours})
    if mins or not parts:
        parts.append(_("%(n)d min") % {"n": mins})
    return " ".join(parts)


def shown(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind in MINUTES_PER:
        return duration(float(value) * MINUTES_PER[kind])
    if kind == "share":
        return f"{number_format(float(value), 1)} %"
    if kind == "number":
        number = float(value)
        return str(int(number)) if number.is_integer() else number_format(number, 1)
    if kind == "status":
        return str(GROUP_LABELS.get(value, value))
    if value == UNKNOWN_OFFICE:  # the label the reporting SQL gives a request without office
        return _("Unknown office")
    return str(value)


def is_small(row: dict[str, Any]) -> bool:
    cases = row.get("cases")
    return isinstance(cases, int) and cases < SMALL_NUMBER


def export_rows(
    report: Report, rows: list[dict[str, Any]], *, publication: bool
) -> list[list[Any]]:
    """Header and data rows; for publication, numbers of small cells are suppressed."""
    header = [str(label) for _key, label, _kind in report.columns]
    table: list[list[Any]] = [header]
    for row in rows:
        small = publication and is_small(row)
        cells: list[Any] = []
        for key, _label, kind in report.columns:
            value = row.get(key)
            if small and kind not in TEXT_KINDS:
                value = SUPPRESSED if kind == "count" else ""
            cells.append(value)
        table.append(cells)
    return table


def publication_note(rows: list[dict[str, Any]]) -> str:
    hidden = sum(1 for row in rows if is_small(row))
    return _(
        "For publication: numbers of %(hidden)d row(s) built from fewer than 5 cases are "
        "suppressed (shown as <5 or left blank), so no one can be recognised from them."
    ) % {"hidden": hidden}


# The SVG is VIEW_WIDTH units wide: each row is its label, then the bar (up to CHART_WIDTH) and
# its value beside it; the room left is enough for "19 d 16 h 42 min" at 14px (about 125).
CHART_WIDTH = 360
VIEW_WIDTH = 540
VALUE_GAP = 6
ROW_HEIGHT = 46
MAX_BARS = 25


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: int
    width: float
    # Right to left (Arabic), the bars grow from the right edge, their label starts there and
    # the value sits to the left of the bar: SVG anchors a text's start at x in its direction.
    mirrored: bool = False

    @property
    def x(self) -> float:
        return round(VIEW_WIDTH - self.width, 1) if self.mirrored else 0.0

    @property
    def label_x(self) -> int:
        return VIEW_WIDTH if self.mirrored else 0

    @property
    def value_x(self) -> float:
        if self.mirrored:
            return round(VIEW_WIDTH - self.width - VALUE_GAP, 1)
        return round(self.width + VALUE_GAP, 1)


def chart_bars(report: Report, rows: list[dict[str, Any]], *, mirrored: bool = False) -> list[Bar]:
    """Horizontal bars of the charted column, scaled to the largest value; `mirrored` for a
    right-to-left page."""
    kinds = {key: kind for key, _label, kind in report.columns}
    texts = [(key, kind) for key, _label, kind in report.columns if kind in TEXT_KINDS]
    charted = [r for r in rows if r.get(report.chart) is not None][:MAX_BARS]
    top = max((float(r[report.chart]) for r in charted), default=0.0)
    bars = []
    for index, row in enumerate(charted):
        value = float(row[report.chart])
        width = CHART_WIDTH * value / top if top > 0 else 0.0
        label = " · ".join(shown(row[k], kind) for k, kind in texts if row.get(k))
        label = label or str(report.title)
        bars.append(
            Bar(
                label=label,
                value=shown(value, kinds[report.chart]),
                y=index * ROW_HEIGHT,
                width=round(max(width, 1.0 if value > 0 else 0.0), 1),
                mirrored=mirrored,
            )
        )
    return bars


def chart_height(bars: list[Bar]) -> int:
    return max(len(bars), 1) * ROW_HEIGHT
