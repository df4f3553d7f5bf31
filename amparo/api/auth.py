"""API authentication: bearer tokens (stored hashed, revocable) or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from amparo.accounts.language import activate_member_language
from amparo.accounts.models import User
from amparo.accounts.services import token_user
from amparo.core.middleware import activate_organisation_time_zone


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_user(token)
        if user is not None:
            request.user = user
            # Middleware ran before the token was read; show times in the member's zone and
            # messages in the member's language now.
            activate_organisation_time_zone(user)
            activate_member_language(request, user)
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; ninja checks CSRF for unsafe methods.

    The CSRF check runs only for a signed-in session: an anonymous call has no session to forge,
    and answers 401 (no valid credentials), not a CSRF 403.
    """

    param_name = "sessionid"

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


API_AUTH = [BearerToken(), SessionAuth()]


def member(request: HttpRequest) -> User:
    """The authenticated user of an API call (both auth classes guarantee one)."""
    user = request.user
    if not isinstance(user, User):
        raise AuthenticationError()
    return user
