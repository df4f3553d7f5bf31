"""Sign-in plumbing: django-axes lockout for web sign-ins, by the email address typed."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins that come with a web request.

    Axes refuses `authenticate()` calls without a request. Those come from code, not from a
    browser (Django's test client, a management command), so there is no client to lock out; they
    pass on to the next backend, which checks the password as usual.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        return None


def attempted_email(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The email address a sign-in attempt was for, lower-cased.

    allauth passes `email`, Django's own forms (the admin) pass `username`, and allauth's form
    posts the field as `login`.
    """
    found: Any = None
    if credentials:
        found = credentials.get("email") or credentials.get("username")
    if not found and request is not None:
        data = getattr(request, "POST", {})
        found = data.get("login") or data.get("username") or data.get("email")
    return str(found).strip().lower() if found else None
