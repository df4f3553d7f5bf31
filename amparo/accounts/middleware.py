"""An organisation that requires multi-factor sign-in gets it: its members set up TOTP first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from amparo.core.errors import error_response
from amparo.core.middleware import memberships_of

# Pages a member must still reach before MFA is set up: sign-in, sign-out, the MFA pages
# themselves (all under /accounts/), static files, and the public advocacy pages.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/public/")


def needs_mfa_setup(user: Any) -> bool:
    """True when one of the user's organisations requires MFA and the user has no TOTP yet.

    The memberships are the request's one read of them (`core.middleware.memberships_of`, which
    the time zone and the roles use too), so a member of no such organisation costs no query."""
    if not any(requires_mfa for *_rest, requires_mfa in memberships_of(user)):
        return False
    return not Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


class RequireMfaMiddleware:
    """Sends a signed-in member without TOTP to the TOTP setup page when an organisation of theirs
    requires MFA. The API answers 403 `mfa_required` to such a browser session. Bearer tokens are
    issued by an administrator on the command line and are not affected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and needs_mfa_setup(user)
        ):
            if request.path.startswith("/api/"):
                return error_response(
                    403, "mfa_required", "Your organisation requires multi-factor sign-in."
                )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
