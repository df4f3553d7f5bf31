"""`amparo serve` on loopback against a database of its own, for the concurrency and crash tests
and the load benchmark (scripts/bench_load.py).

The server runs in production mode (DEBUG off) in its own process group, so a test can kill it
with SIGKILL as a power cut or the OOM killer would. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

AMPARO = [sys.executable, "-m", "amparo"]

# Migrates and sets up in one process: each start of Django costs seconds on a busy machine.
SETUP = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from amparo.accounts.services import organisation_create, token_create, user_create
from amparo.cases.services import case_open
from amparo.people.services import person_create
org = organisation_create(name="Live Test Defenders", slug="live")
user = user_create(email="attorney@live.test", organisation=org, role="attorney",
                   password="live-test-password-2026", check_password=False)
person = person_create(actor=user, organisation=org, given_name="Rosa", family_name="Ibarra")
cases = [case_open(actor=user, person=person, title=f"Custody {n}") for n in range(%(cases)d)]
tokens = [token_create(user=user, name=f"live-{n}")[1] for n in range(4)]
print(json.dumps({"tokens": tokens, "cases": [str(c.id) for c in cases],
                  "person": str(person.id)}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Response:
    status: int
    body: bytes
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class LiveServer:
    root: Path
    postgres_url: str = ""  # a server URL: the live database is created (and dropped) on it
    workers: int = 2
    threads: int = 4
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    data: dict[str, Any] = field(default_factory=dict)
    database_url: str = ""

    @property
    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "live-test-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "AMPARO_VAR_DIR": str(self.root),
            "DATABASE_URL": self.database_url,
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env

    def manage(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*AMPARO, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )

    def prepare(self, *, cases: int = 1) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.postgres_url:
            name = f"amparo_live_{uuid.uuid4().hex[:10]}"
            self._postgres("CREATE DATABASE " + name)
            self.database_url = urlunsplit(urlsplit(self.postgres_url)._replace(path="/" + name))
        else:
            self.database_url = f"sqlite:///{self.root / 'amparo.sqlite3'}"
        setup = subprocess.run(
            [sys.executable, "-c", SETUP % {"cases": cases}],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "amparo.settings"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert setup.returncode == 0, setup.stderr
        self.data = json.loads(setup.stdout.strip().splitlines()[-1])

    def _postgres(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.postgres_url, autocommit=True) as conn:
            conn.execute(statement)

    def start(self, *, log: Path | None = None) -> None:
        out = open(log or self.root / "server.log", "ab")  # noqa: SIM115 (the server keeps it)
        self.process = subprocess.Popen(
            [
                *AMPARO,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
            ],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/accounts/login/", token=None).status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"amparo serve exited: {self.log()[-2000:]}")
            time.sleep(0.3)
        raise RuntimeError("amparo serve did not answer within 90 s")

    def log(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def kill(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        self.process.wait(timeout=60)
        self.process = None

    def drop(self) -> None:
        self.kill()
        if self.postgres_url and self.database_url:
            name = urlsplit(self.database_url).path.lstrip("/")
            self._postgres(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = "",
        files: dict[str, tuple[str, bytes, str]] | None = None,
        timeout: float = 60,
    ) -> Response:
        headers = {"Connection": "close"}
        if token == "":
            token = self.data["tokens"][0]
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload: bytes | None = None
        if files is not None:
            boundary = uuid.uuid4().hex
            payload = _multipart(boundary, body or {}, files)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=payload, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
        finally:
            conn.close()
        return Response(answer.status, data, time.perf_counter() - started)


def _multipart(
    boundary: str, fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> bytes:
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)
