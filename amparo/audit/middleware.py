"""Carries who is acting and from where to the audit service without threading it through calls."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None
    user_agent: str


current_origin: ContextVar[RequestOrigin | None] = ContextVar("amparo_origin", default=None)


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_origin.set(
            RequestOrigin(
                ip_address=request.META.get("REMOTE_ADDR") or None,
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            )
        )
        try:
            return self.get_response(request)
        finally:
            current_origin.reset(token)
