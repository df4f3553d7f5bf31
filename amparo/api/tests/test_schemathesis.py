"""Property-based run of the whole API from its own OpenAPI schema (schemathesis).

Every operation in the live schema, as an attorney with a bearer token, with a bounded number of
generated requests and a fixed seed: no answer may be a server error, break the declared response
schema or content type, or carry a status the schema does not declare. Path ids are, every other
example, those of real records (any model named like the parameter), so bodies reach the services
rather than stopping at a 404. Generic over the schema: new routes are covered as they are added.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.apps import apps
from django.core import signals
from django.core.exceptions import FieldError
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from amparo.accounts.services import token_create
from amparo.conftest import Cast

pytestmark = pytest.mark.django_db

EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@contextmanager
def _one_connection() -> Iterator[None]:
    # As Django's test client does: the request must not close the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# How a record reaches its organisation, tried in turn, so the id is one the caller may see.
REACH = ["organisation", "case__organisation", "court_case__case__organisation"]


def _real_id(parameter: str, organisation: Any) -> str | None:
    """The id of a record of the model the path parameter names (case_id → Case…)."""
    wanted = parameter.removesuffix("_id").replace("_", "")
    for model in apps.get_models():
        if model.__name__.lower() == wanted:
            rows = model._default_manager.order_by("pk")
            for lookup in REACH:
                try:
                    pk = rows.filter(**{lookup: organisation}).values_list("pk", flat=True).first()
                except FieldError:
                    continue
                return None if pk is None else str(pk)
            pk = rows.values_list("pk", flat=True).first()
            return None if pk is None else str(pk)
    return None


def _seed(cast: Cast) -> None:
    """A few records reached only by id, so their operations get past the 404."""
    from amparo.courts.models import Court
    from amparo.courts.services import court_case_draft
    from amparo.factories import RequestFactory

    RequestFactory(case=cast.case)
    court = Court.objects.filter(kind="district").first() or Court.objects.first()
    if court is not None:
        # Best effort: the run covers the operation either way.
        with contextlib.suppress(Exception):
            court_case_draft(actor=cast.attorney, case=cast.case, court=court, kind="habeas-2241")


def _failure(operation: str, exc: BaseException) -> str:
    text = re.sub(r"\s+", " ", str(exc))[:400]
    return f"{operation}: {type(exc).__name__}: {text}"


def test_every_operation_keeps_to_the_schema(cast: Cast) -> None:
    _seed(cast)
    _, token = token_create(user=cast.attorney)
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    operations = 0
    with _one_connection():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        for result in schema.get_all_operations():
            if isinstance(result, Err):
                failures.append(f"the schema: {result.err()}")
                continue
            operation = result.ok()
            operations += 1
            _run(operation, headers, failures, cast.organisation)
    assert operations > 10
    assert not failures, "\n".join(sorted(set(failures)))


def _run(operation: Any, headers: dict[str, str], failures: list[str], organisation: Any) -> None:
    label = f"{operation.method.upper()} {operation.path}"
    toggle = itertools.cycle([True, False])

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        if next(toggle):
            for name in list(case.path_parameters or {}):
                real = _real_id(name, organisation)
                if real is not None:
                    case.path_parameters[name] = real
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        # Collect them all: one operation's failure hides no other's.
        except FailureGroup as group:
            failures.extend(_failure(label, exc) for exc in group.exceptions)
        except Exception as exc:
            failures.append(_failure(label, exc))

    run()
