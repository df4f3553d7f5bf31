"""On SQLite the browser tests' live server runs one request at a time: the test database is in
memory with a shared cache, where two threads writing at once meet "database table is locked"
(a file database in WAL mode, as Amparo runs, waits instead). The case page loads its panels in
parallel, so the plain threaded server would fail there for the test's sake only."""

from __future__ import annotations

import threading
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread


class SerialisedServer(ThreadedWSGIServer):
    """Threads for connections (keep-alive stays harmless), one lock around the application."""

    def set_app(self, application: Any) -> None:
        lock = threading.Lock()

        def serialised(environ: Any, start_response: Any) -> Any:
            with lock:
                return list(application(environ, start_response))

        super().set_app(serialised)


if connection.vendor == "sqlite":
    LiveServerThread.server_class = SerialisedServer  # type: ignore[attr-defined]
