"""Errors services raise; the API and the views translate them to responses. The one JSON error
shape lives here too, so middleware below the API can answer in it without importing the API."""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse
from django.utils.translation import gettext


class ConflictError(Exception):
    """Someone else changed the record since the caller read it (optimistic locking)."""

    def __init__(self, message: str | None = None) -> None:
        message = message or gettext("This record was changed by someone else; reload it.")
        super().__init__(message)
        self.message = message


class TransitionError(Exception):
    """The action is not allowed in the record's current state."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def error_response(
    status: int, code: str, message: str, fields: dict[str, Any] | None = None
) -> JsonResponse:
    """The API's one error shape: {"error": {"code", "message", "fields"}}. Messages are cut
    short: one may quote what was sent ("“…” is not a valid UUID."), and a 422 never echoes much."""
    shaped = {
        _short(name): [_short(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
        for name, msgs in (fields or {}).items()
    }
    return JsonResponse(
        {"error": {"code": code, "message": _short(message), "fields": shaped}}, status=status
    )


MESSAGE_LIMIT = 200


def _short(text: Any) -> str:
    text = str(text)
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"
