"""CPU time of the database's side of a benchmark (used by bench_pages and bench_reports)."""

from __future__ import annotations

import os
from pathlib import Path


def server_cpu() -> float:
    """CPU seconds so far of this connection's PostgreSQL server process, when it runs on this
    machine (a benchmark's own CPU time leaves out the database's work); 0 on SQLite, whose work
    is the benchmark's own. Parallel workers of a statement are other processes, not counted."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a server on another machine
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
