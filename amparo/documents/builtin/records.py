"""Records of the case: the chronology exhibit."""

from __future__ import annotations

from amparo.documents.builtin.writer import Writer


def build_chronology() -> bytes:
    w = Writer("Chronology")
    w.center("CHRONOLOGY")
    w.center("{{ client.full_name }}, A-number {{ client.a_number }}", bold=False, after=6)
    w.p(
        "Prepared by {{ organisation.name }} on {{ today }} from the case record. Times are "
        "given in the {{ case.time_zone }} time zone.",
        align="center",
        after=12,
    )
    w.rows(
        [
            ("{%tr for item in timeline %}", ""),
            (
                "{{ item.when }}",
                "{{ item.summary }}{% if item.detail %} \u2014 {{ item.detail }}{% endif %}",
            ),
            ("{%tr endfor %}", ""),
        ],
        header=("Date and time", "Event"),
    )
    return w.bytes()
