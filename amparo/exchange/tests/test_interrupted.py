"""An import killed part-way (SIGKILL) leaves every row or none, and Amparo starts cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from amparo.exchange.tests.conftest import csv_bytes
from amparo.exchange.tests.helpers import AMPARO, amparo

# Committed rows: the database is copied to a file for the other process (a copy waits for
# an open transaction to end, and a test transaction never ends).
pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 10_000  # a multiple of 1,000: the progress line reaches the total when checking ends


def _count(db: Path, sql: str) -> int:
    reader = sqlite3.connect(db, timeout=1)
    try:
        return int(reader.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # locked while the other process switches to WAL
        return 0
    finally:
        reader.close()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="kills a process holding a file database")
def test_killing_the_import_while_it_writes_leaves_all_or_nothing(cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "amparo.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(db)  # the migrated test database, with the cast, as a file
    connection.connection.backup(copy)
    copy.close()
    rows = [[f"K{n}", f"Given{n}", f"Family{n}"] for n in range(ROWS)]
    sheet = tmp_path / "raid.csv"
    sheet.write_bytes(csv_bytes(rows, header=["external_id", "given_name", "family_name"]))
    cases_before = _count(db, "SELECT count(*) FROM cases_case")
    env = {**os.environ, "DJANGO_ENV": "test", "DATABASE_URL": f"sqlite:///{db}"}
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
            if _count(db, checked):  # every row checked: the write transaction is under way
                break
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL  # killed, not finished
    added = _count(db, "SELECT count(*) FROM cases_case") - cases_before
    assert added in (0, ROWS)
    assert _count(db, "SELECT count(*) FROM exchange_externalrecord") == added
    assert (
        _count(db, "SELECT count(*) FROM people_person WHERE family_name LIKE 'Family%'") == added
    )
    verified = amparo("audit", "verify", url=f"sqlite:///{db}", media=tmp_path / "media")
    assert verified.returncode == 0 and "BROKEN" not in verified.stdout
