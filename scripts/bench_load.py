"""Load run: `amparo serve` on loopback, many concurrent clients of mixed reads and writes.

    python scripts/bench_load.py [--database sqlite|postgresql|both] [--clients 50]
        [--seconds 60] [--workers 1,2,4] [--threads 4] [--think 0.2]

For each database and each worker count: a fresh database of its own, `amparo serve` on
127.0.0.1 only, a single client alone for a few seconds (its p95 is the baseline), then N clients
at once for the given time. Each client signs in with its own token and does what a team member
does, with a pause between requests (--think): reads a case, its timeline and the case list,
edits its own case (with the version it read), adds a person. Reports errors (any answer that is
not 200/201), throughput and p50/p95 against the single client's p95, then runs
`amparo audit verify`. Bounded in time and in requests; stops by itself. Each row also gives
the throughput relative to the first worker count (does it grow with workers?) and the 1-minute
load average before and after the crowd (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from amparo.api.tests.live import LiveServer

MAX_REQUESTS_PER_CLIENT = 20_000
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def _p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Client:
    def __init__(self, live: LiveServer, n: int) -> None:
        self.live, self.n = live, n
        self.token = live.data["tokens"][n % len(live.data["tokens"])]
        self.case = live.data["cases"][n % len(live.data["cases"])]
        self.times: list[float] = []
        self.errors: dict[str, int] = {}
        self.version: int | None = None
        self.rng = random.Random(n)

    def _call(self, method: str, path: str, body: object = None) -> object:
        try:
            answer = self.live.request(method, path, body, token=self.token, timeout=30)
        except OSError as exc:
            self.errors[type(exc).__name__] = self.errors.get(type(exc).__name__, 0) + 1
            return None
        self.times.append(answer.seconds)
        if answer.status not in (200, 201):
            key = f"{answer.status} {method} {path.split('/')[3] if path.count('/') > 2 else path}"
            self.errors[key] = self.errors.get(key, 0) + 1
            return None
        return answer.json()

    def step(self) -> None:
        roll = self.rng.random()
        if roll < 0.35 or self.version is None:
            case = self._call("GET", f"/api/v1/cases/{self.case}")
            if isinstance(case, dict):
                self.version = case["version"]
        elif roll < 0.55:
            self._call("GET", f"/api/v1/cases/{self.case}/timeline")
        elif roll < 0.75:
            self._call("GET", "/api/v1/cases")
        elif roll < 0.9:
            body = {"version": self.version, "campaign": f"c{self.rng.randrange(1000)}"}
            case = self._call("PATCH", f"/api/v1/cases/{self.case}", body)
            self.version = case["version"] if isinstance(case, dict) else None
        else:
            self._call("POST", "/api/v1/people", {"given_name": "Load", "family_name": str(self.n)})


def _run(clients: list[Client], seconds: float, think: float) -> float:
    stop_at = time.monotonic() + seconds

    def loop(client: Client) -> None:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= stop_at:
                return
            client.step()
            if think:
                time.sleep(client.rng.uniform(0.5 * think, 1.5 * think))

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def measure(database: str, workers: int, args: argparse.Namespace) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix=f"amparo-load-{database}-"))
    postgres = args.postgres_url if database == "postgresql" else ""
    live = LiveServer(root, postgres_url=postgres, workers=workers, threads=args.threads)
    live.prepare(cases=args.clients)
    live.data["tokens"] = live.data["tokens"] * 1  # four tokens shared round-robin
    try:
        live.start()
        alone = [Client(live, 0)]
        _run(alone, 2, args.think)  # warm-up
        alone = [Client(live, 0)]
        _run(alone, args.single_seconds, args.think)
        crowd = [Client(live, n) for n in range(args.clients)]
        load_before = os.getloadavg()[0]
        elapsed = _run(crowd, args.seconds, args.think)
        load_after = os.getloadavg()[0]
        times = [t for c in crowd for t in c.times]
        errors: dict[str, int] = {}
        for client in crowd:
            for key, count in client.errors.items():
                errors[key] = errors.get(key, 0) + count
        verified = live.manage("audit", "verify")
        locked = live.log().count("database is locked")
        single_p95 = _p(alone[0].times, 0.95)
        return {
            "database": database,
            "workers": workers,
            "threads": args.threads,
            "clients": args.clients,
            "requests": len(times),
            "errors": sum(errors.values()),
            "error_kinds": errors,
            "throughput": len(times) / elapsed,
            "p50_ms": 1000 * (statistics.median(times) if times else 0),
            "p95_ms": 1000 * _p(times, 0.95),
            "single_p95_ms": 1000 * single_p95,
            "ratio": _p(times, 0.95) / single_p95 if single_p95 else 0.0,
            "verify_ok": verified.returncode == 0,
            "locked_in_log": locked,
            "load": f"{load_before:.1f}→{load_after:.1f}",
        }
    finally:
        live.drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--single-seconds", type=float, default=8)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.2, help="Mean pause between requests (s).")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    args = parser.parse_args()
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    print(
        "| database | workers × threads | clients | requests | errors | req/s | p50 ms | p95 ms "
        "| single-client p95 ms | p95 ratio | vs 1 worker | audit verify | load avg |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    for database in databases:
        first: float | None = None
        for workers in [int(w) for w in args.workers.split(",")]:
            r = measure(database, workers, args)
            first = first or float(r["throughput"])  # type: ignore[arg-type]
            scaling = float(r["throughput"]) / first if first else 0.0  # type: ignore[arg-type]
            print(
                f"| {r['database']} | {r['workers']} × {r['threads']} | {r['clients']} "
                f"| {r['requests']} | {r['errors']} | {r['throughput']:.1f} | {r['p50_ms']:.0f} "
                f"| {r['p95_ms']:.0f} | {r['single_p95_ms']:.0f} | {r['ratio']:.1f}× "
                f"| {scaling:.2f}× | {'ok' if r['verify_ok'] else 'BROKEN'} | {r['load']} |",
                flush=True,
            )
            if r["errors"] or r["locked_in_log"]:
                print(f"  errors: {r['error_kinds']} locked in log: {r['locked_in_log']}")
            failed = failed or bool(r["errors"]) or not r["verify_ok"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
