"""Idle expiry without writing the session on every request.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) costs a database write per page.
This middleware saves it only when the last save is more than REFRESH_SECONDS old, which moves
its expiry SESSION_COOKIE_AGE ahead again: a member who keeps working stays signed in, and one
who walks away is signed out after SESSION_COOKIE_AGE idle, give or take REFRESH_SECONDS.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

REFRESH_SECONDS = 300
KEY = "_amparo_refreshed"


class SessionRefreshMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        if SESSION_KEY not in session:
            # Signed in by something other than this session (an API bearer token): there is
            # no sign-in to keep alive, and saving would create a session row per API call.
            return response
        now = int(time.time())
        if session.modified or now - int(session.get(KEY, 0)) >= REFRESH_SECONDS:
            session[KEY] = now  # marks it modified: SessionMiddleware saves it on the way out
        return response
