"""Reports read from the PostgreSQL replica when DATABASE_REPLICA_URL is set, and only reports:
sign-in, sessions, the audit chain and every write stay on the primary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from amparo.accounts.models import Membership, User
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.core.replica import ReportsOnReplicaMiddleware, ReportsReplicaRouter
from amparo.relief.models import Decision

router = ReportsReplicaRouter()


def _read_databases_during(path: str, models: list[type[Any]]) -> list[str | None]:
    """The database the router picks for each model while a request to `path` is served."""
    seen: list[str | None] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.extend(router.db_for_read(model) for model in models)
        return HttpResponse("ok")

    ReportsOnReplicaMiddleware(view)(RequestFactory().get(path))
    return seen


def test_report_pages_read_case_data_from_the_replica() -> None:
    for path in ("/reports/agency-answers/", "/api/v1/reports/agency-answers"):
        assert _read_databases_during(path, [Case, Decision]) == ["replica", "replica"]


def test_report_pages_read_sign_in_sessions_and_audit_from_the_primary() -> None:
    models = [User, Membership, AuditEvent]
    assert _read_databases_during("/reports/agency-answers/", models) == [None, None, None]


def test_other_pages_read_from_the_primary() -> None:
    assert _read_databases_during("/cases/", [Case, Decision]) == [None, None]
    assert _read_databases_during("/api/v1/cases", [Case]) == [None]


def test_outside_a_report_request_reads_go_to_the_primary() -> None:
    _read_databases_during("/reports/agency-answers/", [Case])
    assert router.db_for_read(Case) is None  # the mark ends with the request


def test_writes_and_migrations_go_to_the_primary_even_in_a_report() -> None:
    writes: list[str | None] = []

    def view(request: HttpRequest) -> HttpResponse:
        writes.append(router.db_for_write(Case))
        return HttpResponse("ok")

    ReportsOnReplicaMiddleware(view)(RequestFactory().get("/reports/agency-answers/"))
    assert writes == ["default"]
    assert router.allow_migrate("default", "cases") is True
    assert router.allow_migrate("replica", "cases") is False


_SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'databases': sorted(s.DATABASES), 'routers': s.DATABASE_ROUTERS, "
    "'middleware': [m for m in s.MIDDLEWARE if 'replica' in m], "
    "'replica': s.DATABASES.get('replica', {}).get('NAME')}))"
)


def _settings_with(env: dict[str, str]) -> dict[str, Any]:
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    result = subprocess.run(
        [sys.executable, "-c", _SHOW],
        env={**clean, "DJANGO_SETTINGS_MODULE": "amparo.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_the_replica_is_chosen_by_settings_alone() -> None:
    without = _settings_with({})
    assert without["databases"] == ["default"]
    assert without["routers"] == []
    assert without["middleware"] == []
    replica = "postgresql://reader@replica.internal:5432/amparo"
    configured = _settings_with({"DATABASE_REPLICA_URL": replica})
    assert configured["databases"] == ["default", "replica"]
    assert configured["replica"] == "amparo"
    assert configured["routers"] == ["amparo.core.replica.ReportsReplicaRouter"]
    assert configured["middleware"] == ["amparo.core.replica.ReportsOnReplicaMiddleware"]
