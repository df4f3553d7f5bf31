"""One error shape for every error, 4xx and 5xx: {"error": {"code", "message", "fields"}}.
Codes stay English for programs; messages are in the request's language (`Accept-Language`)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from amparo.core.errors import ConflictError, TransitionError, error_response

__all__ = ["api_not_found", "error_response", "install_error_handlers"]

logger = logging.getLogger("amparo.api")


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    # ninja locations look like ("body", "payload", "a_number"); the field is what the user typed.
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "__all__"


def _describe(error: dict[str, Any]) -> str:
    if error.get("type") == "extra_forbidden":
        return _("Unknown field.")
    if error.get("type") == "missing":
        return _("This field is required.")
    message = str(error.get("msg") or _("Invalid value."))
    return message.removeprefix("Value error, ")


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_field_name(error.get("loc", ())), []).append(_describe(error))
        return error_response(422, "invalid", _("The request has invalid fields."), fields)

    @api.exception_handler(DjangoValidationError)
    def invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return error_response(422, "invalid", _("The data is not valid."), fields)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "not_found", _("Not found."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(401, "unauthenticated", _("Send a valid bearer token."))
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(ConflictError)
    def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        return error_response(409, "conflict", exc.message, {"version": [exc.message]})

    @api.exception_handler(TransitionError)
    def bad_transition(request: HttpRequest, exc: TransitionError) -> HttpResponse:
        fields = {exc.field: [exc.message]} if exc.field else {}
        return error_response(409, "invalid_transition", exc.message, fields)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(exc.status_code, ERROR_CODES.get(exc.status_code, "error"), str(exc))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged with its traceback for the operator; the client learns nothing of the insides.
        logger.exception("API error on %s %s", request.method, request.path)
        return server_error_response()


ERROR_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "too_many_requests",
}


def server_error_response() -> JsonResponse:
    return error_response(500, "server_error", _("Something went wrong in Amparo; it is logged."))


def api_not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Unknown paths under /api/ answer JSON, not the HTML 404 page."""
    return error_response(404, "not_found", _("No such API route."))
