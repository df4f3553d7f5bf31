"""An organisation that requires multi-factor sign-in gets it: its members set up TOTP first."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from amparo.accounts.models import Membership
from amparo.core.errors import error_response

# Pages a member must still reach before MFA is set up: sign-in, sign-out, the MFA pages
# themselves (all under /accounts/), static files, and the public advocacy pages.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/public/")


def needs_mfa_setup(user_id: uuid.UUID) -> bool:
    """True when one of the user's organisations requires MFA and the user has no TOTP yet."""
    has_totp = Authenticator.objects.filter(
        user_id=OuterRef("user_id"), type=Authenticator.Type.TOTP
    )
    return (
        Membership.objects.filter(user_id=user_id, organisation__require_mfa=True)
        .exclude(Exists(has_totp))
        .exists()
    )


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
            and needs_mfa_setup(user.pk)
        ):
            if request.path.startswith("/api/"):
                return error_response(
                    403, "mfa_required", "Your organisation requires multi-factor sign-in."
                )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
