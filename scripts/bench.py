"""`make bench`: Amparo's pages on generated data at scale, on SQLite and PostgreSQL.

For each database and each size, a fresh database is migrated, the demo (story case and one
account per role) is loaded, `amparo synth` adds N cases to the demo organisation, and one case
gets 500 timeline items. Every page is then requested through Django's full stack (middleware,
session, templates) as the signed-in attorney. Each page is reported as p95 and as a ratio to a
trivial signed-in page served the same way in the same run, so numbers compare across machines.
Results go to docs/benchmarks.md (with machine, date and commit) and bench-results.json.

    python scripts/bench.py [--cases 10000,100000] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEP_DIR = Path(os.environ.get("BENCH_DIR", "/tmp/amparo-bench"))
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
# Several checkouts on one server each keep their own databases (BENCH_DIR keeps the files apart).
PG_PREFIX = os.environ.get("BENCH_PG_PREFIX", "amparo_bench")
TARGETS = {  # page -> (limit, "ratio" to the trivial page or "seconds")
    "case list, first page": (3, "ratio"),
    "case list, status = active": (3, "ratio"),
    "search by name (Tomás Herrera Lindqvist)": (3, "ratio"),
    "search by misspelled name (Lindquist)": (3, "ratio"),
    "search by A-number (A-099-123-456)": (3, "ratio"),
    "search by note word (inhaler)": (3, "ratio"),
    "GET /api/v1/cases": (3, "ratio"),
    "case page, 500 timeline items": (3, "ratio"),
    "deadlines dashboard": (5, "ratio"),
    "agency-answers report": (1.0, "seconds"),
}


def postgres_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=2):
            return True
    except OSError:
        return False


def _worker(database: str, cases: int, repeat: int, out: Path, *, reuse: bool) -> dict[str, object]:
    """Run one measurement in a fresh process; `reuse` keeps a data set from an earlier run."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    keep = KEEP_DIR / f"{database}-{cases}.json"
    if not reuse:
        keep.unlink(missing_ok=True)
    KEEP_DIR.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        path = KEEP_DIR / f"bench-{cases}.sqlite3"
        if not keep.exists():
            for stale in KEEP_DIR.glob(f"bench-{cases}.sqlite3*"):
                stale.unlink()
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        name = f"{PG_PREFIX}_{cases}"
        if not keep.exists():
            subprocess.run([sys.executable, "-c", _PG_RECREATE, PG_SERVER, name], check=True)
        env["DATABASE_URL"] = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    command = [sys.executable, str(ROOT / "scripts" / "bench_pages.py")]
    command += ["--cases", str(cases), "--repeat", str(repeat), "--out", str(out)]
    command += ["--reuse", str(keep)]
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    return dict(json.loads(out.read_text()))


_PG_RECREATE = """
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    c.execute(f'CREATE DATABASE "{sys.argv[2]}"')
"""


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        ram = f"{int(memory) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        ram = "RAM unknown"
    return f"{cpu}, {os.cpu_count()} cores, {ram}, {platform.system()} {platform.release()}"


def _commit() -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    )
    return found.stdout.strip() or "unknown"


def _verdict(page: str, result: dict[str, float]) -> str:
    limit, kind = TARGETS.get(page, (None, ""))
    if limit is None:
        return ""
    value = result["p95_ms"] / 1000 if kind == "seconds" else result["ratio"]
    unit = " s" if kind == "seconds" else "×"
    return f"{'met' if value <= limit else 'MISSED'} (≤ {limit}{unit})"


def _cpu(run: dict[str, object]) -> str:
    cpu = run.get("synth_cpu_seconds")
    if not isinstance(cpu, int | float):
        return "CPU not recorded"
    server = run.get("synth_server_cpu_seconds")
    if isinstance(server, int | float) and server > 0:
        return f"{cpu:.0f} s CPU of the generating process + {server:.0f} s of its database server"
    return f"{cpu:.0f} s CPU of the generating process"


def _load(run: dict[str, object]) -> str:
    load = run.get("load_average")
    if not isinstance(load, list):
        return ""
    return f"load average {load[0]:.1f} before timing, {load[1]:.1f} after "


SYNTH_LIMIT_SECONDS = 300  # issue #14: 100,000 cases in at most 5 minutes


def _synth_verdict(run: dict[str, object]) -> str:
    seconds, cases = run["synth_seconds"], run["cases"]
    if not isinstance(seconds, int | float) or not isinstance(cases, int) or cases < 100_000:
        return ""
    met = "met" if seconds <= SYNTH_LIMIT_SECONDS else "MISSED"
    return f" ({met}: ≤ {SYNTH_LIMIT_SECONDS} s for 100,000 cases)"


def _table(runs: dict[str, dict[str, object]]) -> list[str]:
    lines = []
    for label, run in runs.items():
        pages: dict[str, dict[str, float]] = run["pages"]  # type: ignore[assignment]
        lines += [
            f"### {label}",
            "",
            f"synth: {run['synth_seconds']:.0f} s wall{_synth_verdict(run)}, {_cpu(run)} "
            f"for {run['cases']:,} cases "
            f"({run['rows']:,} rows, {run['events']:,} timeline events); "
            f"trivial signed-in page p95 {run['trivial_p95_ms']:.1f} ms over the run; "
            f"{_load(run)}(the pages are timed in rounds, each request right after the trivial "
            "page; each ratio is the page's p95 over the trivial page's p95 of the whole run)",
            "",
            "| page | p50 ms | p95 ms | × trivial (p95) | queries | samples | target |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for page, r in pages.items():
            lines.append(
                f"| {page} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['ratio']:.1f} | "
                f"{int(r['queries'])} | {int(r.get('samples', 0)) or '—'} | {_verdict(page, r)} |"
            )
        lines.append("")
    return lines


def _growth(runs: dict[str, dict[str, object]], sizes: list[int]) -> list[str]:
    if len(sizes) < 2:
        return []
    small, large = sizes[0], sizes[-1]
    lines = [
        f"### Growth {small:,} → {large:,} cases (p95 ratio to trivial, large ÷ small; "
        "target ≤ 1.5)",
        "",
        "| page | " + " | ".join(d for d in _databases(runs)) + " |",
        "|---|" + "---:|" * len(_databases(runs)),
    ]
    for page in TARGETS:
        cells = []
        for database in _databases(runs):
            a = runs.get(f"{database}, {small:,} cases")
            b = runs.get(f"{database}, {large:,} cases")
            if not a or not b:
                cells.append("—")
                continue
            ra, rb = a["pages"][page]["ratio"], b["pages"][page]["ratio"]  # type: ignore[index]
            cells.append(f"{rb / ra:.2f}")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _databases(runs: dict[str, dict[str, object]]) -> list[str]:
    return list(dict.fromkeys(label.split(",")[0] for label in runs))


REPORTS_BEGIN = "<!-- reports: written by scripts/bench_reports.py -->"
REPORTS_END = "<!-- /reports -->"


def write_report(runs: dict[str, dict[str, object]], sizes: list[int], path: Path) -> None:
    head = [
        "# Benchmarks",
        "",
        "Written by `make bench` (scripts/bench.py); the section after the tables is kept by hand.",
        "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- commit: {_commit()}",
        f"- machine: {_machine()}",
        "- note: the machine is shared with other engineers' builds and tests, so absolute times "
        "vary; the ratios to the trivial page of the same run are what to compare.",
        "",
        "## Results",
        "",
    ]
    kept = ""
    if path.exists() and "\n## Analysis" in path.read_text():
        kept = "## Analysis" + path.read_text().split("\n## Analysis", 1)[1]
        # The reports bench's own table (scripts/bench_reports.py) stays where it was written.
        reports = path.read_text().split(REPORTS_BEGIN, 1)
        if len(reports) == 2 and REPORTS_END in reports[1]:
            block = reports[1].split(REPORTS_END, 1)[0]
            kept = f"{REPORTS_BEGIN}{block}{REPORTS_END}\n\n{kept}"
    body = head + _table(runs) + _growth(runs, sizes)
    path.write_text("\n".join(body) + "\n" + kept)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default="10000,100000", help="sizes, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--results", default=str(ROOT / "bench-results.json"))
    parser.add_argument(
        "--reuse", action="store_true", help="measure again on the data sets of the last run"
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.cases.split(",")]
    runs: dict[str, dict[str, object]] = {}
    results = Path(args.results)
    if results.exists():
        runs = json.loads(results.read_text())
    for database in args.databases.split(","):
        if database == "postgresql" and not postgres_up():
            print("PostgreSQL is not running on 127.0.0.1:5432: its benchmark is skipped.")
            continue
        for cases in sizes:
            out = Path(tempfile.mkdtemp(prefix="amparo-bench-")) / "result.json"
            print(f"== {database}, {cases:,} cases", flush=True)
            runs[f"{database}, {cases:,} cases"] = _worker(
                database, cases, args.repeat, out, reuse=args.reuse
            )
            results.write_text(json.dumps(runs, indent=1))
    write_report(runs, sizes, Path(args.out))
    print(f"wrote {args.out}")
    missed = [
        f"{label}: {page}"
        for label, run in runs.items()
        for page, result in run["pages"].items()  # type: ignore[attr-defined]
        if _verdict(page, result).startswith("MISSED")
    ]
    missed += [label for label, run in runs.items() if "MISSED" in _synth_verdict(run)]
    print("missed: " + ("; ".join(missed) if missed else "none"))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
