"""The language a page is shown in: the member's profile first, then the browser.

Django's LocaleMiddleware has already chosen from the language cookie or `Accept-Language`;
a signed-in member who picked a language in the header gets that one on every device.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ProfileLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_member_language(request, user)
        return self.get_response(request)


def activate_member_language(request: HttpRequest, user: object) -> None:
    """The member's chosen language, if they chose one (the API calls this once it has read the
    bearer token, which no middleware sees)."""
    language = getattr(user, "language", "")
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
