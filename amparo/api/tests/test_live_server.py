"""The production server under concurrency and a crash, on the database of this test run.

`amparo serve` runs against a database of its own (a SQLite file, or a PostgreSQL database made
for the run), so requests really run in parallel, in several processes and threads.
"""

from __future__ import annotations

import collections
import concurrent.futures
import http.client
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from amparo.api.tests.live import LiveServer
from amparo.documents.tests.conftest import PDF_BYTES

pytestmark = pytest.mark.skipif(
    os.environ.get("AMPARO_SKIP_LIVE") == "1", reason="AMPARO_SKIP_LIVE=1"
)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    postgres = os.environ.get("DATABASE_URL", "") if connection.vendor == "postgresql" else ""
    server = LiveServer(tmp_path_factory.mktemp("live"), postgres_url=postgres, workers=2)
    server.prepare(cases=2)
    server.start()
    try:
        yield server
    finally:
        server.drop()


def _case(live: LiveServer, n: int = 0) -> str:
    return str(live.data["cases"][n])


def test_twenty_patches_with_one_version_give_one_200_and_nineteen_409(live: LiveServer) -> None:
    case_id = _case(live)
    version = live.request("GET", f"/api/v1/cases/{case_id}").json()["version"]
    barrier = threading.Barrier(20)

    def patch(n: int) -> int:
        barrier.wait()
        token = live.data["tokens"][n % len(live.data["tokens"])]
        body = {"version": version, "tags": [f"edit-{n}"]}
        return live.request("PATCH", f"/api/v1/cases/{case_id}", body, token=token).status

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        statuses = collections.Counter(pool.map(patch, range(20)))

    assert statuses == {200: 1, 409: 19}
    assert live.request("GET", f"/api/v1/cases/{case_id}").json()["version"] == version + 1


def _mixed(live: LiveServer, n: int) -> list[int]:
    case_id = _case(live, n % 2)
    token = live.data["tokens"][n % len(live.data["tokens"])]
    statuses = []
    for step in range(12):
        if step % 4 == 3:
            current = live.request("GET", f"/api/v1/cases/{case_id}", token=token).json()
            body = {"version": current["version"], "campaign": f"c{n}-{step}"}
            answer = live.request("PATCH", f"/api/v1/cases/{case_id}", body, token=token)
        elif step % 4 == 2:
            person = {"given_name": f"G{n}", "family_name": f"F{step}"}
            answer = live.request("POST", "/api/v1/people", person, token=token)
        else:
            path = f"/api/v1/cases/{case_id}" + ("/timeline" if step % 2 else "")
            answer = live.request("GET", path, token=token)
        statuses.append(answer.status)
    return statuses


def test_many_readers_and_writers_never_meet_a_locked_database(live: LiveServer) -> None:
    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        statuses = collections.Counter(
            s for run in pool.map(lambda n: _mixed(live, n), range(24)) for s in run
        )
    # A stale PATCH (someone else saved first) is a 409; nothing else but success.
    assert set(statuses) <= {200, 201, 409}, statuses
    assert "database is locked" not in live.log()
    assert live.manage("audit", "verify").returncode == 0


def _files(root: Path) -> set[str]:
    media = root / "media"
    return (
        {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}
        if media.exists()
        else set()
    )


def test_kill_9_during_uploads_and_writes_loses_nothing_answered(live: LiveServer) -> None:
    stop = threading.Event()
    answered: list[tuple[str, str]] = []  # (kind, id) of every write the client saw succeed

    def work(n: int) -> None:
        case_id = _case(live, n % 2)
        token = live.data["tokens"][n % len(live.data["tokens"])]
        while not stop.is_set():
            try:
                upload = live.request(
                    "POST",
                    f"/api/v1/cases/{case_id}/documents",
                    {"kind": "medical-letter", "title": f"Letter {n}"},
                    files={"file": ("letter.pdf", PDF_BYTES, "application/pdf")},
                    token=token,
                    timeout=10,
                )
                if upload.status == 201:
                    answered.append(("document", upload.json()["id"]))
                person = live.request(
                    "POST",
                    "/api/v1/people",
                    {"given_name": "K", "family_name": str(n)},
                    token=token,
                    timeout=10,
                )
                if person.status == 201:
                    answered.append(("person", person.json()["id"]))
            except (OSError, http.client.HTTPException):
                return  # the server is gone (or died mid-answer: IncompleteRead)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    live.kill(signal.SIGKILL)  # the whole process group: master, workers, the sealer threads
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert answered, "no write finished before the kill"

    # The database opens and the trail verifies (the sealer catches up on what was recorded).
    verified = live.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    check = live.manage(
        "shell",
        "-c",
        "from amparo.documents.models import Document; from amparo.people.models import Person;"
        "print('\\n'.join(f'document {i}' for i in Document.objects.values_list('id', flat=True)));"
        "print('\\n'.join(f'person {i}' for i in Person.objects.values_list('id', flat=True)));"
        "print('\\n'.join(f'file {n}' for n in Document.objects.values_list('file', flat=True)))",
    )
    assert check.returncode == 0, check.stderr
    rows = set(check.stdout.split("\n"))
    # Nothing that was answered to a client is lost.
    assert {f"{kind} {id_}" for kind, id_ in answered} <= rows
    # Every file in the document store has its row; a staged file is all a crash can leave.
    stored = {name for name in _files(live.root) if not name.startswith("incoming/")}
    assert {f"file {name}" for name in stored} <= rows
    cleaned = live.manage("documents", "cleanup", "--minutes", "0")
    assert cleaned.returncode == 0, cleaned.stderr
    assert not any(name.startswith("incoming/") for name in _files(live.root))
    live.start()  # and it serves again
