"""The language switch in the header."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from amparo.accounts.services import user_language_set


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the language for this browser (a cookie) and, for a member, in their profile."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {"en", "es", "ar"}:
        user_language_set(user=request.user, language=language)
    return set_language(request)
