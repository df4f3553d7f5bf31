"""`make bench`: Amparo's speed on generated data, as ratios against a baseline from the same run.

Loads the demo with N generated cases into a throw-away SQLite database (or the DATABASE_URL
given), then times the reads a team does all day. Each result is reported as a ratio to the time
of one trivial indexed read measured in the same run, so numbers compare across machines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _timed(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000, help="generated cases (default 2000)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--database-url",
        default="",
        help="database to fill and measure (default: a throw-away SQLite file); never the "
        "DATABASE_URL of the shell, which may be real data",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="amparo-bench-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    os.environ["DJANGO_ENV"] = "test"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from amparo.accounts.models import User
    from amparo.cases.models import Case
    from amparo.cases.selectors import case_list, case_timeline
    from amparo.custody.models import Facility
    from amparo.custody.rules import FacilityFacts, venue
    from amparo.deadlines.rules import compute
    from amparo.reports.selectors import agency_answers
    from amparo.sampledata.demo import demo_load

    started = time.perf_counter()
    story = demo_load(generated_cases=args.cases).story_case
    print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f}s")
    attorney = User.objects.get(email="attorney@amparo.example")
    facilities = list(Facility.objects.select_related("field_office"))
    facts = [FacilityFacts.from_model(f) for f in facilities]

    def baseline() -> None:
        Case.objects.filter(pk=story.pk).values_list("id", flat=True).first()

    def fresh_user() -> User:
        return User.objects.get(pk=attorney.pk)

    measures: dict[str, Callable[[], object]] = {
        "case list, first page of 50": lambda: list(case_list(fresh_user())[:50]),
        f"case list, all {args.cases + 1} cases": lambda: list(case_list(fresh_user())),
        "case list, search by name": lambda: list(case_list(fresh_user(), query="Rojas")),
        "story case timeline": lambda: case_timeline(fresh_user(), story),
        f"venue of all {len(facts)} facilities": lambda: [venue(f) for f in facts],
        "1,000 deadline computations": lambda: [
            compute("bia-bond-appeal", story.opened_on) for _ in range(1000)
        ],
        "agency-answers report over all cases": lambda: agency_answers(fresh_user()),
    }
    base = _timed(baseline, args.repeat * 4)
    print(f"baseline (one indexed read): {base * 1000:.3f} ms")
    print(f"{'measure':45} {'median ms':>10} {'× baseline':>11}")
    for name, fn in measures.items():
        fn()  # warm caches (reference tables, compiled templates)
        took = _timed(fn, args.repeat)
        print(f"{name:45} {took * 1000:10.2f} {took / base:11.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
