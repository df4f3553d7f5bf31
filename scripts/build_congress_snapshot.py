"""Build Amparo's shipped snapshot of the members of Congress from the public
congress-legislators files (github.com/unitedstates/congress-legislators, CC0 1.0):

    python scripts/build_congress_snapshot.py DIR [--commit SHA --date YYYY-MM-DD]

DIR holds `legislators-current.yaml` and `legislators-district-offices.yaml`. Each member keeps
the fields `amparo congress import` reads (ids, name, and the current term only — the files list
terms oldest first), so a new installation finds every member by state and district without a
download; `amparo congress import FILE…` loads newer files over it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent.parent / "amparo" / "advocacy" / "data" / "congress.json"


def _member(entry: dict) -> dict:
    return {
        "id": {"bioguide": entry["id"]["bioguide"]},
        "name": {
            k: entry["name"][k] for k in ("official_full", "first", "last") if k in entry["name"]
        },
        "terms": [entry["terms"][-1]],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", type=Path)
    parser.add_argument("--commit", default="")
    parser.add_argument("--date", default="")
    args = parser.parse_args()
    load = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    with (args.dir / "legislators-current.yaml").open(encoding="utf-8") as handle:
        members = [_member(e) for e in yaml.load(handle, Loader=load)]
    with (args.dir / "legislators-district-offices.yaml").open(encoding="utf-8") as handle:
        offices = yaml.load(handle, Loader=load)
    head = {
        "source": "https://github.com/unitedstates/congress-legislators",
        "license": "CC0 1.0 Universal",
        "commit": args.commit,
        "date": args.date,
    }
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ","]
    for key, entries in (("legislators", members), ("district_offices", offices)):
        # One entry a line, so that a newer snapshot reads as a diff of the members who changed.
        rows = [json.dumps(e, ensure_ascii=False, sort_keys=True, default=str) for e in entries]
        lines.append(f'"{key}": [\n' + ",\n".join(rows) + "\n],")
    OUT.write_text("\n".join(lines).rstrip(",") + "}\n", encoding="utf-8")
    print(f"{OUT}: {len(members)} members, {len(offices)} with district offices")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
