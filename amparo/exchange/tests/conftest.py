"""Case files built in memory for the import tests."""

from __future__ import annotations

import csv
import io

HEADER = [
    "external_id",
    "given_name",
    "family_name",
    "a_number",
    "country_of_birth",
    "immigration_status",
    "facility",
    "held_since",
]
FACILITIES = ["Delaney Hall", "Stewart Detention Center", "Krome North Service Processing Center"]


def case_rows(count: int, *, start: int = 0) -> list[list[str]]:
    return [
        [
            f"EXT-{n:06d}",
            f"Given{n}",
            f"Family{n}",
            f"A{300000000 + n:09d}",
            "MX" if n % 2 else "Guatemala",
            "undocumented",
            FACILITIES[n % 3],
            "2026-02-01",
        ]
        for n in range(start, start + count)
    ]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()
