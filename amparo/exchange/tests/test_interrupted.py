"""An import killed part-way (SIGKILL) leaves every row or none, and Amparo starts cleanly."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from amparo.exchange.tests.conftest import csv_bytes
from amparo.exchange.tests.helpers import AMPARO, amparo, database_url
from amparo.exchange.tests.test_backup import _drop, _new_database

# Committed rows: the database is copied for the other process (a copy waits for an open
# transaction to end, and a test transaction never ends): SQLite's backup API, or
# `amparo backup` and `amparo restore` into a new PostgreSQL database.
pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 10_000  # a multiple of 1,000: the progress line reaches the total when checking ends


def _counter(url: str):  # type: ignore[no-untyped-def]
    """count(sql) on the database at `url`, from outside the test's connection."""
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")

        def count(sql: str) -> int:
            reader = sqlite3.connect(path, timeout=1)
            try:
                return int(reader.execute(sql).fetchone()[0])
            except sqlite3.OperationalError:  # locked while the other process switches to WAL
                return 0
            finally:
                reader.close()

        return count

    def count_pg(sql: str) -> int:
        with psycopg.connect(url) as pg, pg.cursor() as cursor:
            cursor.execute(sql)
            row = cursor.fetchone()
            return int(row[0]) if row else 0

    return count_pg


def _copy_of_the_test_database(tmp_path: Path) -> str:
    """The migrated test database with the cast, as a database another process can use."""
    if connection.vendor == "sqlite":
        db = tmp_path / "amparo.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(db)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{db}"
    backup = tmp_path / "cast.zip"
    call_command("backup", str(backup), stdout=io.StringIO())
    name = _new_database(tmp_path)
    url = database_url(name)
    amparo("restore", str(backup), url=url, media=tmp_path / "media")
    return url


def test_killing_the_import_while_it_writes_leaves_all_or_nothing(cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = _copy_of_the_test_database(tmp_path)
    count = _counter(url)
    rows = [[f"K{n}", f"Given{n}", f"Family{n}"] for n in range(ROWS)]
    sheet = tmp_path / "raid.csv"
    sheet.write_bytes(csv_bytes(rows, header=["external_id", "given_name", "family_name"]))
    cases_before = count("SELECT count(*) FROM cases_case")
    env = {**os.environ, "DJANGO_ENV": "test", "DATABASE_URL": url}
    process = subprocess.Popen(
        [str(AMPARO), "import", "cases", str(sheet), "--org", "riverside"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        checked = "SELECT count(*) FROM exchange_importrun WHERE rows_done = rows_total"
        checked += " AND rows_total > 0"
        while time.monotonic() < deadline and process.poll() is None:
            if count(checked):  # every row checked: the write transaction is under way
                break
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    try:
        assert process.returncode == -signal.SIGKILL  # killed, not finished
        added = count("SELECT count(*) FROM cases_case") - cases_before
        assert added in (0, ROWS)
        assert count("SELECT count(*) FROM exchange_externalrecord") == added
        people = "SELECT count(*) FROM people_person WHERE family_name LIKE 'Family%'"
        assert count(people) == added
        verified = amparo("audit", "verify", url=url, media=tmp_path / "media")
        assert verified.returncode == 0 and "BROKEN" not in verified.stdout
        listed = amparo("import", "runs", url=url, media=tmp_path / "media")
        assert "raid.csv" in listed.stdout  # the app starts and lists the killed run
    finally:
        if connection.vendor == "postgresql":
            _drop(url.rsplit("/", 1)[1])


def test_an_import_without_a_heartbeat_is_shown_interrupted_and_can_run_again(  # type: ignore[no-untyped-def]
    cast, client, django_capture_on_commit_callbacks
) -> None:
    import datetime

    from django.utils import timezone

    from amparo.exchange.models import STALE_AFTER, ImportRun

    long_ago = timezone.now() - STALE_AFTER - datetime.timedelta(minutes=1)
    data = csv_bytes([["R1", "Ana", "Ruiz"]], header=["external_id", "given_name", "family_name"])
    killed = ImportRun.objects.create(
        organisation=cast.organisation,
        actor=cast.admin,
        file_name="raid.csv",
        content=data,
        status=ImportRun.Status.RUNNING,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    alive = ImportRun.objects.create(
        organisation=cast.organisation,
        file_name="other.csv",
        content=data,
        status=ImportRun.Status.RUNNING,
        started_at=long_ago,
        heartbeat_at=timezone.now(),
    )
    assert killed.is_interrupted() and not alive.is_interrupted()
    client.force_login(cast.admin)
    page = client.get(f"/imports/{killed.id}/").content.decode()
    assert "Interrupted" in page and "Run this import again" in page
    assert "every 1s" not in page  # no longer polled as if it were running
    assert "Run this import again" not in client.get(f"/imports/{alive.id}/").content.decode()
    assert "Interrupted" in client.get("/imports/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/imports/{killed.id}/rerun/")
    again = ImportRun.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])
    killed.refresh_from_db()
    assert killed.status == "interrupted" and killed.content == b""
    assert again.status == "done" and again.report["added"] == 1
    # A live import is not run twice.
    client.post(f"/imports/{alive.id}/rerun/")
    assert ImportRun.objects.count() == 3


def test_the_command_line_lists_an_interrupted_import_and_runs_it_again(cast) -> None:  # type: ignore[no-untyped-def]
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from amparo.cases.models import Case
    from amparo.exchange.models import ImportRun

    long_ago = timezone.now() - datetime.timedelta(hours=1)
    killed = ImportRun.objects.create(
        organisation=cast.organisation,
        file_name="raid.csv",
        # A family name no fixture person is given (theirs are random).
        content=csv_bytes([["Ana", "Ruiz-Okafor"]], header=["given_name", "family_name"]),
        status=ImportRun.Status.RUNNING,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    out = io.StringIO()
    call_command("import", "runs", stdout=out)
    assert f"{killed.id}" in out.getvalue() and "Interrupted" in out.getvalue()
    out = io.StringIO()
    call_command("import", "rerun", str(killed.id), stdout=out)
    assert "1 added" in out.getvalue()
    assert Case.objects.filter(person__family_name="Ruiz-Okafor").count() == 1
