"""The API's edge: whatever happens below, the client gets the one JSON error shape.

Before the view: a body larger than allowed answers 413; text that cannot be stored (see
`core.edge`) answers 422 naming the field. After: any error Django itself answered as a page
(a 500 from a crash in a middleware, a 400 for a bad Host header…) is turned into the shape,
without a stack trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from amparo.accounts.services import token_user
from amparo.api.errors import ERROR_CODES, error_response, server_error_response
from amparo.core.edge import data_problems, query_problems

logger = logging.getLogger("amparo.api")

# Uploads carry the file and a few form fields.
MULTIPART_OVERHEAD = 256 * 1024


def _body_limit(request: HttpRequest) -> int:
    if request.content_type == "multipart/form-data":
        return int(settings.AMPARO_UPLOAD_MAX_BYTES) + MULTIPART_OVERHEAD
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440)


def _refused(request: HttpRequest) -> HttpResponse | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > _body_limit(request):
        return error_response(413, "too_large", _("The request body is too large."))
    problems: dict[str, list[str]] = {}
    for field, problem in query_problems(request, form=True):
        problems.setdefault(field, []).append(problem)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body) if request.body else None
        except RequestDataTooBig:
            return error_response(413, "too_large", _("The request body is too large."))
        except ValueError:
            data = None  # ninja answers 400 for a body it cannot read
        for field, problem in data_problems(data):
            problems.setdefault(field, []).append(problem)
    if problems:
        return error_response(422, "invalid", _("The request has invalid fields."), problems)
    return None


def _requester_language(request: HttpRequest) -> str:
    """The bearer token's member's language, else the cookie's or `Accept-Language`'s."""
    credentials = request.headers.get("Authorization", "")
    if credentials[:7].lower() == "bearer ":
        user = token_user(credentials[7:].strip())
        if user is not None and user.language:
            return str(user.language)
    return translation.get_language_from_request(request)


class ApiEdgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        refused = _refused(request)
        if refused is not None:
            # This runs before the locale middleware: say it again in the requester's language.
            with translation.override(_requester_language(request)):
                return _refused(request) or refused
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            if response.status_code >= 500:
                return server_error_response()
            code = ERROR_CODES.get(response.status_code, "error")
            return error_response(response.status_code, code, response.reason_phrase)
        return response
