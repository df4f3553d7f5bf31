"""`make bench` (reports): every report page's SQL over a large number of decisions.

Target (issue #12): every report answers in at most 1 s over 1,000,000 decisions.

A fresh database is migrated, `amparo synth` writes N cases into one organisation, and the
requests and their decisions, and the congressional inquiries with their waivers, are then
copied in SQL (INSERT … SELECT, each copy given new ids and moved an hour later per round, so a
case's first answer is still the one synth wrote after its arrest) until the organisation holds
the asked number of decisions. Each report of the catalogue is then run as the organisation's
attorney (through the access gate, no filter, and once more with a field-office and date
filter); its best and median wall times over `--repeat` runs are printed, written to
bench-reports.json and, for every database asked, to a table in docs/benchmarks.md. A report is
judged by its median. Exits 1 when any report misses 1 s.

    nice -n 10 python scripts/bench_reports.py --decisions 1000000 [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEP_DIR = Path(os.environ.get("BENCH_DIR", "/tmp/amparo-bench"))
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
# The PostgreSQL database is <prefix>_reports_<decisions>: a prefix of its own keeps one
# checkout's run from dropping another's (as `scripts/bench.py`).
PG_PREFIX = os.environ.get("BENCH_PG_PREFIX", "amparo_bench")
LIMIT_SECONDS = 1.0


def _setup(database: str, decisions: int, *, reuse: bool = False) -> None:
    KEEP_DIR.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        path = KEEP_DIR / f"reports-{decisions}.sqlite3"
        for stale in KEEP_DIR.glob(f"reports-{decisions}.sqlite3*"):
            if not reuse:
                stale.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        name = f"{PG_PREFIX}_reports_{decisions}"
        recreate = (
            "import sys, psycopg\n"
            "with psycopg.connect(sys.argv[1], autocommit=True) as c:\n"
            "    c.execute(f'DROP DATABASE IF EXISTS \"{sys.argv[2]}\"')\n"
            "    c.execute(f'CREATE DATABASE \"{sys.argv[2]}\"')\n"
        )
        if not reuse:
            subprocess.run([sys.executable, "-c", recreate, PG_SERVER, name], check=True)
        os.environ["DATABASE_URL"] = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    os.environ["DJANGO_ENV"] = "development"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["AMPARO_VAR_DIR"] = os.environ.get("AMPARO_VAR_DIR", "/tmp/amparo-bench-var")
    import django

    django.setup()


def _copy_sql(model: object, round_no: int, vendor: str, ids: str) -> str:
    """INSERT … SELECT copying the rows whose id is in `ids` (a subquery), with new ids (the
    first eight hex digits marking the round) and every moment an hour later per round."""
    meta = model._meta  # type: ignore[attr-defined]
    columns, values = [], []
    for field in meta.concrete_fields:
        column = field.column
        columns.append(f'"{column}"')
        if column in {"id", "request_id", "waiver_id"}:
            # The first eight hex digits become be0c + the round: synth's ids differ in
            # their last digits, so the copies never meet an id already written.
            marker = 0xBE0C0000 + round_no
            if vendor == "sqlite":
                values.append(f"printf('%08x', {marker}) || substr({column}, 9)")
            else:
                values.append(
                    f"overlay({column}::text placing to_hex({marker}) from 1 for 8)::uuid"
                )
        elif field.get_internal_type() == "DateTimeField":
            # Later, not earlier: an answer moved before the client's arrest would give the
            # arrest-to-decision report negative hours.
            if vendor == "sqlite":
                values.append(f"datetime({column}, '+{round_no} hours')")
            else:
                values.append(f"{column} + interval '{round_no} hours'")
        else:
            values.append(f'"{column}"')
    table = meta.db_table
    return (
        f'INSERT INTO "{table}" ({", ".join(columns)}) '
        f'SELECT {", ".join(values)} FROM "{table}" WHERE id IN ({ids})'
    )


def _grow(decisions: int, cases: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection, transaction

    from amparo.accounts.models import Organisation
    from amparo.accounts.services import organisation_create, user_create
    from amparo.advocacy.models import Inquiry, Waiver
    from amparo.custody.reference import reference_load
    from amparo.relief.models import Decision, Request
    from amparo.sampledata.synth import generate

    call_command("migrate", verbosity=0)
    reference_load()
    organisation = Organisation.objects.filter(slug="bench-reports").first()
    if organisation is None:
        organisation = organisation_create(name="Bench Reports")
        for role in ("attorney", "paralegal"):
            user_create(
                email=f"{role}@bench-reports.test",
                organisation=organisation,
                role=role,
                password="amparo-bench-2026",
                full_name=f"Bench {role}",
                check_password=False,
            )
    started = time.monotonic()
    generate(cases=cases, organisations=[organisation], stream=sys.stderr)
    base = Decision.objects.count()
    if base == 0:
        raise SystemExit("synth wrote no decision to copy")
    decision_table = Decision._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_base AS SELECT ROW_NUMBER() OVER (ORDER BY id) AS n, "
            f'request_id AS rid, id AS did FROM "{decision_table}"'
        )
    total, round_no = base, 1
    while total < decisions:
        take = min(decisions - total, base)
        vendor = connection.vendor
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                _copy_sql(
                    Request, round_no, vendor, f"SELECT rid FROM bench_base WHERE n <= {take}"
                )
            )
            cursor.execute(
                _copy_sql(
                    Decision, round_no, vendor, f"SELECT did FROM bench_base WHERE n <= {take}"
                )
            )
            # Congressional inquiries grow with the requests, each copy under its waiver's copy.
            for model in (Waiver, Inquiry):
                table = model._meta.db_table
                ids = f"SELECT id FROM \"{table}\" WHERE substr(CAST(id AS TEXT), 1, 4) != 'be0c'"
                cursor.execute(_copy_sql(model, round_no, vendor, ids))
        total += take
        print(f"round {round_no}: {total:,} decisions", file=sys.stderr)
        round_no += 1
    from amparo.relief.reporting import reported_requests_refresh

    # The copies went in by SQL, past the services: write their reporting rows as a restore would.
    rebuilt = time.monotonic()
    reported_requests_refresh()
    rebuild_seconds = round(time.monotonic() - rebuilt, 1)
    _analyze()
    return {
        "cases": cases,
        "synth_decisions": base,
        "decisions": Decision.objects.count(),
        "requests": Request.objects.count(),
        "setup_seconds": round(time.monotonic() - started),
        "rebuild_seconds": rebuild_seconds,
    }


def _analyze() -> None:
    """Fresh statistics, and on PostgreSQL a vacuum so that index-only scans need not visit
    the table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _measure(repeat: int, *, narrowed_too: bool = True) -> dict[str, dict[str, float]]:
    import datetime
    import zoneinfo

    from bench_cpu import server_cpu
    from django.utils import timezone

    from amparo.accounts.models import User
    from amparo.reports.catalogue import REPORTS
    from amparo.reports.filters import ReportFilters

    user = User.objects.get(email="attorney@bench-reports.test")
    timezone.activate(zoneinfo.ZoneInfo("America/Chicago"))
    narrowed = ReportFilters(
        since=datetime.date(2024, 1, 1), until=datetime.date(2026, 12, 31), field_office="NOL"
    )
    results: dict[str, dict[str, float]] = {}
    for report in REPORTS:
        runs = [("all", ReportFilters()), ("NOL, 2024–2026", narrowed)]
        for label, filters in runs if narrowed_too else runs[:1]:
            times, cpus, rows = [], [], 0
            for _ in range(repeat):
                started, cpu = time.perf_counter(), time.process_time() + server_cpu()
                rows = len(report.rows(user, filters))
                times.append(time.perf_counter() - started)
                cpus.append(time.process_time() + server_cpu() - cpu)
            results[f"{report.slug} ({label})"] = {
                "best_s": round(min(times), 3),
                "median_s": round(statistics.median(times), 3),
                "best_cpu_s": round(min(cpus), 3),
                "rows": rows,
            }
            print(
                f"{report.slug:<22} {label:<16} best {min(times):.3f} s, CPU {min(cpus):.3f} s",
                file=sys.stderr,
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=200_000)
    parser.add_argument("--cases", type=int, default=0, help="synth cases (default decisions/60)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="comma-separated")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench-reports.json"))
    parser.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--reuse", action="store_true", help="measure the data of a past run")
    parser.add_argument("--unfiltered-only", action="store_true", help="skip the filtered runs")
    args = parser.parse_args()
    if args.database:
        return _one(args)
    from bench import postgres_up

    runs: dict[str, dict[str, object]] = {}
    for database in args.databases.split(","):
        if database == "postgresql" and not postgres_up():
            print("PostgreSQL is not running on 127.0.0.1:5432: its reports are skipped.")
            continue
        out = Path(args.out).with_suffix(f".{database}.json")
        command = [sys.executable, __file__, "--database", database, "--out", str(out)]
        command += ["--decisions", str(args.decisions), "--repeat", str(args.repeat)]
        command += ["--cases", str(args.cases)] if args.cases else []
        command += ["--reuse"] if args.reuse else []
        command += ["--unfiltered-only"] if args.unfiltered_only else []
        subprocess.run(command, check=True)
        runs[database] = json.loads(out.read_text())
    Path(args.out).write_text(json.dumps(runs, indent=2) + "\n")
    doc = Path(args.doc)
    if doc.exists():
        doc.write_text(with_reports_table(doc.read_text(), runs))
    slow = [f"{db}: {name}" for db, run in runs.items() for name in _slow(run)]
    print("over 1 s (median): " + (", ".join(slow) if slow else "none"))
    return 1 if slow else 0


def _one(args: argparse.Namespace) -> int:
    """One database, in a process of its own (Django's settings are read once per process)."""
    _setup(args.database, args.decisions, reuse=args.reuse)
    if args.reuse:
        from django.core.management import call_command

        from amparo.relief.models import Decision

        call_command("migrate", verbosity=0)  # a database of an older version: backfill
        _analyze()
        size: dict[str, float] = {"decisions": Decision.objects.count(), "reused": 1}
    else:
        size = _grow(args.decisions, args.cases or max(args.decisions // 60, 100))
    results = _measure(args.repeat, narrowed_too=not args.unfiltered_only)
    run = {"database": args.database, **size, "repeat": args.repeat}
    run |= {"load_average": os.getloadavg(), "reports": results}
    Path(args.out).write_text(json.dumps(run, indent=2) + "\n")
    print(json.dumps(size), file=sys.stderr)
    return 0


def _slow(run: dict[str, object]) -> list[str]:
    reports: dict[str, dict[str, float]] = run["reports"]  # type: ignore[assignment]
    return [name for name, r in reports.items() if r["median_s"] > LIMIT_SECONDS]


BEGIN, END = "<!-- reports: written by scripts/bench_reports.py -->", "<!-- /reports -->"


def with_reports_table(text: str, runs: dict[str, dict[str, object]]) -> str:
    """`text` (docs/benchmarks.md) with its reports table replaced, or put before the analysis."""
    lines = [BEGIN, "", f"### Reports ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", ""]
    for database, run in runs.items():
        load: list[float] = run.get("load_average") or []  # type: ignore[assignment]
        times = run.get("repeat", 3)
        lines += [
            f"{database}: {run['decisions']:,} decisions; each report run {times} times as the "
            "organisation's attorney; target: median ≤ 1 s; load average at the end "
            + ("/".join(f"{x:.1f}" for x in load) if load else "not recorded"),
            "",
            "| report | median s | best s | best CPU s | rows | target |",
            "|---|---:|---:|---:|---:|---|",
        ]
        reports: dict[str, dict[str, float]] = run["reports"]  # type: ignore[assignment]
        for name, r in reports.items():
            verdict = "met" if r["median_s"] <= LIMIT_SECONDS else "MISSED"
            lines.append(
                f"| {name} | {r['median_s']:.3f} | {r['best_s']:.3f} | "
                f"{r['best_cpu_s']:.3f} | {int(r['rows'])} | {verdict} (≤ 1 s) |"
            )
        lines.append("")
    block = "\n".join(lines) + END + "\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        return head + block + rest.split(END, 1)[1].lstrip("\n")
    if "\n## Analysis" in text:
        head, rest = text.split("\n## Analysis", 1)
        return head.rstrip("\n") + "\n\n" + block + "\n## Analysis" + rest
    return text.rstrip("\n") + "\n\n" + block


if __name__ == "__main__":
    sys.exit(main())
