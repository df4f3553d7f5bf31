"""The Idempotency-Key header on every POST of the API (glue; the rules live in
``amparo.exchange.idempotency``)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from amparo.api.errors import error_response
from amparo.exchange.idempotency import (
    MAX_KEY_LENGTH,
    idempotency_begin,
    idempotency_finish,
)

HEADER = "Idempotency-Key"
PARAMETER = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
    "description": "Any unique string (e.g. a UUID). Repeated within 24 hours, the request "
    "creates nothing new and gets the first answer again (with `Idempotent-Replayed: true`); "
    "the same key with a different body answers 422.",
}


def _refusal(code: str) -> HttpResponse:
    if code == "in_progress":
        return error_response(
            409,
            "idempotency_in_progress",
            _("A request with this Idempotency-Key is still running."),
        )
    message = _("This Idempotency-Key was used with a different request.")
    return error_response(422, "idempotency_key_reused", message, {HEADER: [message]})


def _request_body(request: HttpRequest) -> bytes:
    """The request's body, or for a multipart upload whose stream was already parsed (the edge
    checks read the form), the form fields and each file's name and SHA-256 in a stable order."""
    try:
        return request.body
    except RawPostDataException:
        digest = hashlib.sha256()
        for name in sorted(request.POST):
            for value in request.POST.getlist(name):
                digest.update(f"{name}={value}\n".encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                digest.update(f"{name}:{upload.name}:{upload.size}:".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
        return digest.digest()


def idempotent(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wraps an operation's `run`: authenticate, then run once per key and replay after."""
    operation = getattr(run, "__self__", None)

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = request.headers.get(HEADER, "").strip()
        if request.method != "POST" or not key or operation is None:
            return run(request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            message = _("At most %(n)d characters.") % {"n": MAX_KEY_LENGTH}
            return error_response(422, "invalid", message, {HEADER: [message]})
        denied = operation._run_checks(request)  # authentication: keys belong to a user
        if denied is not None:
            return denied
        begun = idempotency_begin(
            user=request.user,
            key=key,
            method="POST",
            path=request.path,
            body=_request_body(request),
        )
        if begun.refusal:
            return _refusal(begun.refusal)
        if begun.replay is not None:
            kept = begun.replay
            replay = HttpResponse(
                bytes(kept.body), status=kept.status, content_type=kept.content_type
            )
            replay["Idempotent-Replayed"] = "true"
            return replay
        assert begun.record is not None
        response = run(request, *args, **kwargs)
        idempotency_finish(
            record=begun.record,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=response.content,
        )
        return response

    return wrapper


def install_idempotency(api: NinjaAPI) -> None:
    """Every POST honours the header, and the OpenAPI schema says so on each one."""
    api.add_decorator(idempotent, mode="view")
    schema_of = api.get_openapi_schema

    @functools.wraps(schema_of)
    def with_header(**kwargs: Any) -> Any:
        schema = schema_of(**kwargs)
        for path in schema.get("paths", {}).values():
            if "post" in path:
                parameters = path["post"].setdefault("parameters", [])
                if all(p.get("name") != HEADER for p in parameters):
                    parameters.append(dict(PARAMETER))
        return schema

    api.get_openapi_schema = with_header  # type: ignore[method-assign]
