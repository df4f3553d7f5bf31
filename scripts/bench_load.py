"""Load run: `amparo serve` on loopback, many concurrent clients of mixed reads and writes.

    python scripts/bench_load.py [--database sqlite|postgresql|both] [--clients 50]
        [--seconds 60] [--workers 1,2,4] [--threads 4] [--think 2.0]
        [--saturation-think 0.2] [--saturation-workers 1,2]

For each database and each worker count: a fresh database of its own, `amparo serve` on
127.0.0.1 only, a single client alone for a few seconds, back to back (its p95 is the baseline),
then N clients at once for the given time, each starting at a random moment of its first think
time. Each client holds one keep-alive connection and a token of its own and does what a team
member does: reads a case, its timeline and the case list, edits its own
case (with the version it read), adds a person. Reports errors (any answer that is not
200/201), throughput and p50/p95 against the single client's p95, then runs
`amparo audit verify`. Bounded in time and in requests; stops by itself. Each row also gives
the throughput relative to the first worker count (does it grow with workers?), the server's
CPU time per request (all of its processes, from /proc: what a request costs, whatever else
the machine runs), the load generator's own CPU per request, and the 1-minute load average
before and after the crowd (the machine may be shared).

Think time (--think, the mean pause between one client's actions, drawn uniformly from half to
one and a half times it): 2 s by default. A member of a legal team reads what a page shows or
types a note between actions; 1 to 3 s between requests is already faster than people work
(each of them sends a request every 2 s for the whole run), so 50 such clients are a busy
office of 50, not a typical one. Capacity rows per database (--saturation-think, 0.2 s, at 1 and
2 workers) offer far more than two cores serve: they show the capacity (requests per second at
saturation), whether it grows with workers, and
that a queue, not an error, is what overload gives.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from amparo.api.tests.live import LiveServer, Response

MAX_REQUESTS_PER_CLIENT = 20_000
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
# gunicorn closes a keep-alive connection idle for 5 s (`amparo serve`); reopen before that.
IDLE_REOPEN_SECONDS = 4.0


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
        self.conn: http.client.HTTPConnection | None = None
        self.last_used = 0.0

    def _send(self, method: str, path: str, body: object) -> Response:
        """One request on this client's keep-alive connection (as a browser keeps one)."""
        if self.conn is None or time.monotonic() - self.last_used > IDLE_REOPEN_SECONDS:
            if self.conn is not None:
                self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.live.port, timeout=30)
        headers = {"Authorization": f"Bearer {self.token}"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=payload, headers=headers)
            answer = self.conn.getresponse()
            data = answer.read()
        except OSError:
            self.conn.close()
            self.conn = None
            raise
        finally:
            self.last_used = time.monotonic()
        return Response(answer.status, data, time.perf_counter() - started)

    def _call(self, method: str, path: str, body: object = None) -> object:
        try:
            answer = self._send(method, path, body)
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
        try:
            if think and len(clients) > 1:
                # People do not all press a key at the same instant: each client's first action
                # falls somewhere in one think time, as every later one does.
                time.sleep(client.rng.uniform(0, 1.5 * think))
            for _ in range(MAX_REQUESTS_PER_CLIENT):
                if time.monotonic() >= stop_at:
                    return
                client.step()
                if think:
                    time.sleep(client.rng.uniform(0.5 * think, 1.5 * think))
        finally:
            if client.conn is not None:
                client.conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def server_cpu_seconds(pgid: int) -> float:
    """User + system CPU of every process of the server's process group (master and workers)."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(
    database: str, workers: int, args: argparse.Namespace, think: float
) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix=f"amparo-load-{database}-"))
    postgres = args.postgres_url if database == "postgresql" else ""
    live = LiveServer(root, postgres_url=postgres, workers=workers, threads=args.threads)
    live.prepare(cases=args.clients)
    live.data["tokens"] = live.data["tokens"] * 1  # four tokens shared round-robin
    try:
        live.start()
        alone = [Client(live, 0)]
        _run(alone, 2, think)  # warm-up
        alone = [Client(live, 0)]
        # Back to back: the uncontended answer time, from hundreds of samples (at a think time of
        # 2 s a few seconds would give four, and their p95 would be their slowest).
        _run(alone, args.single_seconds, 0)
        crowd = [Client(live, n) for n in range(args.clients)]
        assert live.process is not None
        load_before = os.getloadavg()[0]
        server_before, client_before = server_cpu_seconds(live.process.pid), time.process_time()
        elapsed = _run(crowd, args.seconds, think)
        server_cpu = server_cpu_seconds(live.process.pid) - server_before
        client_cpu = time.process_time() - client_before
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
            "think": think,
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
            "server_cpu_ms": 1000 * server_cpu / len(times) if times else 0.0,
            "client_cpu_ms": 1000 * client_cpu / len(times) if times else 0.0,
            "load": f"{load_before:.1f}→{load_after:.1f}",
        }
    finally:
        live.drop()


def _row(r: dict[str, object], scaling: str) -> str:
    return (
        f"| {r['database']} | {r['workers']} × {r['threads']} | {r['think']:.1f} | {r['clients']} "
        f"| {r['requests']} | {r['errors']} | {r['throughput']:.1f} | {r['p50_ms']:.0f} "
        f"| {r['p95_ms']:.0f} | {r['single_p95_ms']:.0f} | {r['ratio']:.1f}× | {scaling} "
        f"| {r['server_cpu_ms']:.1f} | {r['client_cpu_ms']:.1f} "
        f"| {'ok' if r['verify_ok'] else 'BROKEN'} | {r['load']} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--single-seconds", type=float, default=8)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--think", type=float, default=2.0, help="Mean pause between a client's actions (s)."
    )
    parser.add_argument(
        "--saturation-think",
        type=float,
        default=0.2,
        help="Think time of the extra capacity row (s); 0 leaves the row out.",
    )
    parser.add_argument(
        "--saturation-workers",
        default="1,2",
        help="Worker counts of the capacity rows: does capacity grow with workers?",
    )
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    args = parser.parse_args()
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    print(
        "| database | workers × threads | think s | clients | requests | errors | req/s | p50 ms "
        "| p95 ms | single-client p95 ms | p95 ratio | vs 1 worker | server CPU ms/req "
        "| client CPU ms/req | audit verify | load avg |"
    )
    print("|---" * 16 + "|")
    failed = False
    for database in databases:
        runs = [(int(w), args.think) for w in args.workers.split(",")]
        if args.saturation_think:
            runs += [(int(w), args.saturation_think) for w in args.saturation_workers.split(",")]
        first: dict[float, float] = {}  # each think time's throughput at its first worker count
        for workers, think in runs:
            r = measure(database, workers, args, think)
            throughput = float(r["throughput"])  # type: ignore[arg-type]
            base = first.setdefault(think, throughput)
            scaling = f"{throughput / base:.2f}×" if base else "0.00×"
            if think == args.saturation_think:
                scaling += " (capacity)"
            print(_row(r, scaling), flush=True)
            if r["errors"] or r["locked_in_log"]:
                print(f"  errors: {r['error_kinds']} locked in log: {r['locked_in_log']}")
            failed = failed or bool(r["errors"]) or not r["verify_ok"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
