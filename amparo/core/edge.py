"""Input refused at the edge, the same on SQLite and PostgreSQL.

PostgreSQL cannot store a NUL character in text (or JSON), nor half of a UTF-16 surrogate pair;
SQLite would store the first and fail on the second. Both are refused before any view runs, so
the two databases hold the same things. Sizes are capped here too, so no value is large enough
to hurt on its way to a validator.
"""

from __future__ import annotations

import contextvars
import datetime
import ipaddress
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_STRING = 50_000
MAX_ITEMS = 1_000
MAX_DEPTH = 20


# Dates a legal file can hold: nothing before 1900 or after 2100 is a real date in a case.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
BIRTH_DATE_FIELDS = frozenset({"date_of_birth", "born_on"})


def text_problem(value: str, *, shown_limit: int | None = None) -> str | None:
    """Why a piece of text cannot be stored, or None. Text over the edge's limit is told
    `shown_limit` (a field's own maximum) when given."""
    if len(value) > MAX_STRING:
        limit = min(shown_limit or MAX_STRING, MAX_STRING)
        return _("Too long: at most %(limit)d characters.") % {"limit": limit}
    if "\x00" in value:
        return _("Contains a NUL character, which cannot be stored.")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return _("Contains an invalid character (a lone UTF-16 surrogate).")
    return None


def date_problem(value: datetime.date, *, name: str = "") -> str | None:
    """Why a date cannot be in a legal file, or None (a date of birth cannot be in the future)."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return _("Give a date between %(earliest)d and %(latest)d.") % {
            "earliest": EARLIEST_YEAR,
            "latest": LATEST_YEAR,
        }
    day = value.date() if isinstance(value, datetime.datetime) else value
    if name in BIRTH_DATE_FIELDS and day > timezone.localdate():
        return _("A date of birth cannot be in the future.")
    return None


def data_problems(data: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    """(field path, problem) for each string, key or list in parsed JSON that is refused."""
    if depth > MAX_DEPTH:
        yield path or "__all__", _("Nested too deeply.")
    elif isinstance(data, str):
        problem = text_problem(data)
        if problem:
            yield path or "__all__", problem
    elif isinstance(data, list):
        if len(data) > MAX_ITEMS:
            yield path or "__all__", _("Too many items: at most %(limit)d.") % {"limit": MAX_ITEMS}
            return
        for index, item in enumerate(data):
            yield from data_problems(item, f"{path}.{index}" if path else str(index), depth + 1)
    elif isinstance(data, dict):
        for key, value in data.items():
            name = f"{path}.{key}" if path else str(key)
            key_problem = text_problem(str(key))
            if key_problem:
                yield "__all__", key_problem
                return
            yield from data_problems(value, name, depth + 1)


def query_problems(request: HttpRequest, *, form: bool) -> Iterator[tuple[str, str]]:
    """Problems in the query string and, for a posted form, its fields (not its files)."""
    sources = [request.GET]
    if form and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            key_problem = text_problem(key)
            if key_problem:
                yield "__all__", key_problem
            for value in values:
                problem = text_problem(value)
                if problem:
                    yield key, problem
    path_problem = text_problem(request.path)
    if path_problem:
        yield "__all__", path_problem


PRIVATE = "no-store, private"

# The refused values the forms of the current request reported next to their fields
# (`core.forms`); None outside a posted form the edge is watching.
_reported: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "amparo_reported_values", default=None
)


def report_refused(value: str) -> None:
    """A form told the user, next to the field, that this value cannot be stored."""
    seen = _reported.get()
    if seen is not None:
        seen.add(value)


class EdgeMiddleware:
    """Pages: a value that cannot be stored never reaches the database.

    A query string with one answers the refusal page naming the field (a link or a search box,
    not a form to re-fill). A posted form with one runs as usual inside a transaction: its form
    reports the value next to the field (`core.forms`) and re-renders with everything typed
    kept. If any refused value was not reported by a form, or the view failed, the transaction
    is rolled back and the refusal page answers instead, so nothing is half-saved.

    Every answer to a signed-in member, and every case page or API answer, carries
    `Cache-Control: no-store, private`: a client's file must not stay in a shared or browser cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            response = self.get_response(request)
        else:
            response = self._page(request)
        user = getattr(request, "user", None)
        private = request.path.startswith(("/cases/", "/api/")) or (
            user is not None and user.is_authenticated
        )
        if private and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = PRIVATE
        return response

    def _page(self, request: HttpRequest) -> HttpResponse:
        problems = list(query_problems(request, form=False))
        if problems:
            return _refusal(request)
        posted = [
            (field, value)
            for field, value in _posted_values(request)
            if field == "__all__" or text_problem(value) is not None
        ]
        if not posted:
            return self.get_response(request)
        token = _reported.set(set())
        try:
            with transaction.atomic():
                response = self.get_response(request)
                seen = _reported.get() or set()
                unreported = [value for field, value in posted if value not in seen]
                refused = bool(unreported) or response.status_code >= 500
                if refused:
                    transaction.set_rollback(True)
        finally:
            _reported.reset(token)
        return _refusal(request) if refused else response


def _posted_values(request: HttpRequest) -> Iterator[tuple[str, str]]:
    """(field, value) of a posted form; a refused field name counts as `__all__`."""
    if request.method != "POST" or request.content_type not in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return
    for key, values in request.POST.lists():
        if text_problem(key):
            yield "__all__", key
        for value in values:
            yield key, value


def _refusal(request: HttpRequest) -> HttpResponse:
    return render(request, "edge/refused_input.html", status=400)


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind AMPARO_TRUSTED_PROXIES proxies, the address
    the outermost trusted proxy saw (each proxy appends its peer to X-Forwarded-For; entries to
    the left of those are whatever the client chose to send, and are ignored)."""
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = int(getattr(settings, "AMPARO_TRUSTED_PROXIES", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-trusted] if len(hops) >= trusted else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ClientAddressMiddleware:
    """First of all: REMOTE_ADDR becomes the client's address, so django-axes, allauth and the
    audit trail all record and lock the same one (off unless AMPARO_TRUSTED_PROXIES is set)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = client_address(request)
        if address is not None and address != request.META.get("REMOTE_ADDR"):
            request.META["AMPARO_PROXY_ADDR"] = request.META.get("REMOTE_ADDR", "")
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
