"""`amparo serve [--host H] [--port P] [--workers N] [--threads T]`: the production server.

gunicorn runs Django's WSGI application in N worker processes of T threads each (defaults from
AMPARO_WORKERS / AMPARO_THREADS, else one worker per CPU core, at least two, and 4 threads).
Static files are collected first and served by WhiteNoise. Each worker also runs the audit
sealer in a background thread, a couple of seconds behind the events it records.
`make run` (Django's development server) stays the developer's path.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

from amparo.core.cli import fail


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError:
        raise fail(
            _("%(name)s must be a whole number, not %(raw)s.") % {"name": name, "raw": repr(raw)}
        ) from None


def _warm_up() -> None:
    """Do in a new worker, before it takes requests, what its first request would pay for:
    importing every view and the API's schema, reading each language's catalogue and compiling
    the page frame, so the first people after a restart do not wait a second for it."""
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (imports the URL conf and every view)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Cases")
    get_template("base.html")


def _post_worker_init(worker: Any) -> None:
    from amparo.audit.sealing import start_sealer_thread

    _warm_up()
    start_sealer_thread()


class Command(BaseCommand):
    help = "Run Amparo with gunicorn (the production server)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--host", default=os.environ.get("AMPARO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=_env_int("AMPARO_PORT", 8000))
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--threads", type=int, default=None)
        parser.add_argument("--no-collectstatic", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        workers = options["workers"] or _env_int("AMPARO_WORKERS", max(2, os.cpu_count() or 1))
        threads = options["threads"] or _env_int("AMPARO_THREADS", 4)
        if workers < 1 or threads < 1:
            raise fail(_("--workers and --threads must be at least 1."))
        if not 0 < options["port"] < 65536:
            raise fail(_("--port must be between 1 and 65535."))
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Workers are forked from this process: none may inherit its database connections.
        connections.close_all()
        config = {
            "bind": f"{options['host']}:{options['port']}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": _env_int("AMPARO_TIMEOUT", 60),
            "graceful_timeout": 30,
            "keepalive": 5,
            "accesslog": "-",
            "post_worker_init": _post_worker_init,
            # The proxy's X-Forwarded-Proto is believed only when proxies are trusted.
            "forwarded_allow_ips": "*" if _env_int("AMPARO_TRUSTED_PROXIES", 0) else "127.0.0.1",
        }
        self.stdout.write(
            _("Amparo on http://%(bind)s/ with %(workers)s worker(s) × %(threads)s thread(s)")
            % {"bind": config["bind"], "workers": workers, "threads": threads}
        )
        self.stdout.flush()
        _Server(config).run()


class _Server(BaseApplication):
    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._config.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from amparo.wsgi import application

        return application
