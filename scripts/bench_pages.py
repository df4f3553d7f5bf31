"""One benchmark run (called by scripts/bench.py with DATABASE_URL set to a fresh database):
migrate, load the demo, `synth` N cases into the demo organisation, give the story case 500
timeline items, then time every page through Django's full stack as the signed-in attorney."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
os.environ["DJANGO_ENV"] = "development"
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["AMPARO_VAR_DIR"] = os.environ.get("AMPARO_VAR_DIR", "/tmp/amparo-bench-var")

import django  # noqa: E402

django.setup()

from bench_cpu import server_cpu  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import path  # noqa: E402


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    """The baseline: a signed-in page that renders the site's frame and reads nothing."""
    return render(request, "base.html")


urlpatterns = [path("bench/trivial/", trivial)]
BUDGET_SECONDS = 30.0  # of timed requests per page
MIN_SAMPLES = 10


def _bench_urls() -> None:
    from amparo import urls

    urlpatterns.extend(urls.urlpatterns)


def _timeline_items(case: object, count: int) -> None:
    """Give the case `count` more notes and statements, spread over the last months."""
    from amparo.advocacy.models import Statement
    from amparo.cases.models import Note
    from amparo.sampledata.bulk import Writers

    writers = Writers()
    notes = writers.table(Note, "id", "created_at", "updated_at", "case", "body", "privileged")
    said = writers.table(
        Statement,
        *("id", "created_at", "updated_at", "case", "author_kind", "author_name", "kind"),
        *("said_at", "text", "publicity_consent"),
    )
    import uuid

    now = django.utils.timezone.now()
    for n in range(count):
        at = now - datetime.timedelta(hours=3 * n + 1)
        if n % 5:
            notes.add(uuid.uuid4(), at, at, case.pk, f"Call with the family, {n}", n % 3 == 0)  # type: ignore[attr-defined]
        else:
            said.add(
                uuid.uuid4(), at, at, case.pk, "agency", "ICE",  # type: ignore[attr-defined]
                "declined-to-comment", at, "ICE declined to comment.", True,
            )  # fmt: skip
    writers.flush()


def _warm(client: Client, url: str) -> tuple[float, int]:
    """One request before timing (templates, caches, connection); its time and query count."""
    captured: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        captured.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - start) * 1000, len(captured)


def _measure(client: Client, pages: dict[str, str], repeat: int) -> dict[str, dict[str, float]]:
    """p50 and p95 of `repeat` requests of every page, after one warm-up each.

    The pages are timed in rounds: each round requests every page once, each right after the
    trivial page. A burst of load on the shared machine then weighs on every page and on the
    trivial page alike, instead of on whichever page happened to be timed in that second, and
    every page's ratio divides by the trivial page's p95 over the whole run (repeat × pages
    samples, taken at the same moments as the pages'). With `repeat` ≥ 40, p95 is the third
    slowest sample or further in, not the slowest. A page slower than the budget stops taking
    samples once it has MIN_SAMPLES (its sample count says so), so a slow report cannot hold
    the run up."""
    warm = {name: _warm(client, url) for name, url in pages.items()}
    samples: dict[str, list[float]] = {name: [] for name in pages}
    paired: dict[str, list[float]] = {name: [] for name in pages}
    spent = dict.fromkeys(pages, 0.0)
    for _ in range(repeat):
        for name, url in pages.items():
            if len(samples[name]) >= MIN_SAMPLES and spent[name] > BUDGET_SECONDS * 1000:
                continue
            if warm[name][0] > BUDGET_SECONDS * 1000 and samples[name]:
                continue  # slower than the whole budget: one timed request is all it gets
            paired[name].append(_timed(client, TRIVIAL))
            samples[name].append(_timed(client, url))
            spent[name] += samples[name][-1]
    trivial = [ms for values in paired.values() for ms in values]
    results = {}
    for name in pages:
        results[name] = {
            "p50_ms": statistics.median(samples[name]),
            "p95_ms": _p95(samples[name]),
            "queries": warm[name][1],
            "samples": len(samples[name]),
            "ratio": _p95(samples[name]) / _p95(trivial),
            # The trivial page timed right before this page's own requests only (fewer samples).
            "ratio_paired": _p95(samples[name]) / _p95(paired[name]),
            "trivial_p95_ms": _p95(trivial),
        }
    return results


TRIVIAL = "/bench/trivial/"


def _timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - start) * 1000


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def _prepare(cases: int, reuse: Path | None) -> tuple[object, dict[str, object]]:
    from amparo.sampledata.demo import demo_load
    from amparo.sampledata.synth import synth

    call_command("migrate", verbosity=0)
    if reuse is not None and reuse.exists():
        story = demo_load(generated_cases=0).story_case  # already there: changes nothing
        return story, {**json.loads(reuse.read_text()), "reused": True}
    story = demo_load(generated_cases=0).story_case
    server_started = server_cpu()
    result = synth(cases=cases, org_slug="demo", seed=cases)
    server_seconds = server_cpu() - server_started
    _timeline_items(story, 500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    made = {"synth_seconds": result.seconds, "synth_cpu_seconds": result.cpu_seconds}
    if connection.vendor == "postgresql":
        made["synth_server_cpu_seconds"] = server_seconds
    made["rows"] = result.rows
    if reuse is not None:
        reuse.write_text(json.dumps(made))
    return story, made


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reuse", default="", help="keep the data set; its synth figures here")
    args = parser.parse_args()
    story, made = _prepare(args.cases, Path(args.reuse) if args.reuse else None)
    load_before = os.getloadavg()[0]
    from amparo.accounts.models import User
    from amparo.cases.models import Case

    _bench_urls()
    client = Client()
    client.force_login(User.objects.get(email="attorney@amparo.example"))
    pages = {
        "case list, first page": "/cases/",
        "case list, status = active": "/cases/?status=active",
        "search by name (Tomás Herrera Lindqvist)": "/cases/?q=Tom%C3%A1s+Herrera+Lindqvist",
        "search by misspelled name (Lindquist)": "/cases/?q=Lindquist",
        "search by A-number (A-099-123-456)": "/cases/?q=A-099-123-456",
        "search by note word (inhaler)": "/cases/?q=inhaler",
        "GET /api/v1/cases": "/api/v1/cases",
        "case page, 500 timeline items": f"/cases/{story.pk}/",  # type: ignore[attr-defined]
        "deadlines dashboard": "/deadlines/",
        "agency-answers report": "/reports/agency-answers/",
    }
    with override_settings(ROOT_URLCONF=__name__):
        _warm(client, TRIVIAL)
        results = _measure(client, pages, args.repeat)
    for name, r in results.items():
        print(
            f"  {name:45} p95 {r['p95_ms']:8.1f} ms {r['ratio']:6.1f}× "
            f"{r['queries']:.0f} q {r['samples']:.0f} samples"
        )
    reset_queries()
    from amparo.relief.models import Decision

    out = {
        "cases": Case.objects.count(),
        "events": made["rows"] - 2 * args.cases,
        "decisions": Decision.objects.count(),
        "trivial_p95_ms": next(iter(results.values()))["trivial_p95_ms"],
        "load_average": [load_before, os.getloadavg()[0]],
        "pages": results,
        **made,
    }
    Path(args.out).write_text(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
