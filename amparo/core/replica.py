"""Reports read from a PostgreSQL read replica, chosen by settings only (DATABASE_REPLICA_URL).

The middleware marks requests for report pages and report API routes; while one is served, the
router sends reads of case data to the `replica` database. Writes always go to the primary, and
so do reads of what must never lag (sign-in, sessions, the audit chain, task queues): a report
may be a few seconds behind, a sign-in may not.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

REPORT_PATHS = ("/reports/", "/api/v1/reports")
PRIMARY_ONLY = frozenset(
    {"sessions", "accounts", "auth", "axes", "audit", "account", "mfa", "django_tasks_db"}
)
_reporting: contextvars.ContextVar[bool] = contextvars.ContextVar("reporting", default=False)


class ReportsReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _reporting.get() and model._meta.app_label not in PRIMARY_ONLY:
            return "replica"
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"


class ReportsOnReplicaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(REPORT_PATHS):
            return self.get_response(request)
        token = _reporting.set(True)
        try:
            return self.get_response(request)
        finally:
            _reporting.reset(token)
