"""HTML pages for deadlines: the dashboard, marking done, calendar addresses, and the secret
iCalendar feed. Thin: load through access or the selectors, call one service, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from amparo.audit.services import audit_read, audit_record
from amparo.core.access import case_for
from amparo.core.errors import TransitionError
from amparo.core.htmx import download_response, is_htmx, member
from amparo.core.paging import first_rows
from amparo.deadlines.dashboard import COUNT_CAP, count_shown, deadline_dashboard
from amparo.deadlines.ical import calendar_bytes
from amparo.deadlines.selectors import (
    calendar_deadlines,
    calendar_feed_by_token,
    calendar_feed_get,
    calendar_feed_organisations,
    calendar_feeds_of,
    deadline_get,
)
from amparo.deadlines.services import (
    calendar_feed_create,
    calendar_feed_revoke,
    deadline_complete,
)
from amparo.deadlines.templatetags.deadline_rows import FIELDS as ROW_FIELDS

# Each list shows this many rows at first, earliest first; "show more" adds as many again, up
# to the badge's cap (COUNT_CAP): past it, marking done or "only yours" narrows the list.
DASHBOARD_ROWS = 20


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("deadlines:dashboard")


def _members(user: Any) -> list[object]:
    """Who a deadline can be given to, for assigning in place (one organisation only). The
    organisation's id comes from the roles the request has already read."""
    from amparo.cases.selectors import organisation_members
    from amparo.core.access import roles_of

    organisations = list(roles_of(user))
    if len(organisations) != 1:
        return []
    return list(organisation_members(user, organisations[0]))


def _pages(request: HttpRequest, name: str) -> int:
    """How many pages of the list `name` to show (`?overdue=2`), from 1 to the count's cap."""
    try:
        asked = int(request.GET.get(name, "1"))
    except ValueError:
        asked = 1
    return min(max(asked, 1), COUNT_CAP // DASHBOARD_ROWS)


def _more_query(request: HttpRequest, name: str, pages: dict[str, int]) -> str | None:
    """The query string that shows one more page of `name`; None at the cap."""
    if pages[name] * DASHBOARD_ROWS >= COUNT_CAP:
        return None
    query = request.GET.copy()
    query[name] = str(pages[name] + 1)
    return query.urlencode()


@login_required
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    user = member(request)
    mine = request.GET.get("mine") == "1"
    pages = {name: _pages(request, name) for name in ("overdue", "upcoming", "later")}
    board = deadline_dashboard(
        user, mine=mine, limit=DASHBOARD_ROWS * max(pages.values()), fields=ROW_FIELDS, later=True
    )
    # The lists are read to the largest of their pages; each shows its own.
    overdue, overdue_more = first_rows(
        board.overdue, DASHBOARD_ROWS * pages["overdue"], more=board.overdue_more
    )
    upcoming, upcoming_more = first_rows(
        board.upcoming, DASHBOARD_ROWS * pages["upcoming"], more=board.upcoming_more
    )
    later, later_more = first_rows(
        board.later, DASHBOARD_ROWS * pages["later"], more=board.later_more
    )
    context = {
        "overdue": overdue,
        "upcoming": upcoming,
        "until": board.until,
        "overdue_total": count_shown(board.overdue_total),
        "upcoming_total": count_shown(board.upcoming_total),
        "overdue_cut": overdue_more,
        "upcoming_cut": upcoming_more,
        "overdue_more": _more_query(request, "overdue", pages) if overdue_more else None,
        "upcoming_more": _more_query(request, "upcoming", pages) if upcoming_more else None,
        "later": later,
        "later_total": count_shown(board.later_total),
        "later_cut": later_more,
        "later_more": _more_query(request, "later", pages) if later_more else None,
        "mine": mine,
        "feeds": calendar_feeds_of(user),
        "members": _members(user),
    }
    return render(request, "deadlines/deadline_dashboard.html", context)


@login_required
@require_GET
def steps_page(request: HttpRequest, deadline_id: str) -> HttpResponse:
    """How a deadline was counted: the dashboard loads it when its `<details>` opens (htmx
    gets the list alone); without JavaScript the link there opens it as a page."""
    user = member(request)
    deadline = deadline_get(user, deadline_id)
    audit_read(actor=user, case=deadline.case, obj=deadline, action="deadline.read")
    name = "deadlines/_deadline_steps.html" if is_htmx(request) else "deadlines/deadline_steps.html"
    return render(request, name, {"deadline": deadline})


@login_required
@require_POST
def mark_done(request: HttpRequest, deadline_id: str) -> HttpResponse:
    user = member(request)
    deadline = deadline_get(user, deadline_id, write=True)
    try:
        deadline_complete(actor=user, deadline=deadline)
    except TransitionError as exc:
        messages.warning(request, exc.message)
    else:
        messages.success(request, _("Marked done: %(title)s.") % {"title": deadline.shown_title})
    return _back(request)


@login_required
@require_POST
def calendar_create(request: HttpRequest) -> HttpResponse:
    user = member(request)
    case_id = request.POST.get("case", "").strip()
    case = case_for(user, case_id) if case_id else None
    try:
        feed, raw = calendar_feed_create(actor=user, case=case)
    except ValidationError:
        raise Http404("No such case.") from None
    url = request.build_absolute_uri(reverse("deadlines:calendar_feed", args=[raw]))
    return render(
        request, "deadlines/calendar_feed_created.html", {"feed": feed, "url": url, "case": case}
    )


@login_required
@require_POST
def calendar_revoke(request: HttpRequest, feed_id: str) -> HttpResponse:
    user = member(request)
    feed = calendar_feed_get(user, feed_id)
    calendar_feed_revoke(actor=user, feed=feed)
    messages.success(request, _("Calendar address revoked; it no longer works."))
    return _back(request)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponseBase:
    """The secret address calendar apps poll. No session: the token is the credential; an
    unknown or revoked token, or a case the owner can no longer see, is a plain 404."""
    feed = calendar_feed_by_token(token)
    if feed is None:
        raise Http404("No such calendar.")
    deadlines = calendar_deadlines(feed)
    # No session and no browser language to follow: the feed speaks its owner's language.
    with translation.override(feed.user.language or settings.LANGUAGE_CODE):
        name = _("Amparo deadlines")
        if feed.case_id is not None:
            name = _("Amparo deadlines, case %(case)s") % {"case": str(feed.case_id)[:8]}
        calendar = calendar_bytes(deadlines, name=name)
    for organisation_id in calendar_feed_organisations(feed):
        audit_record(
            actor=feed.user,
            action="calendar_feed.read",
            organisation=organisation_id,
            case_id=feed.case_id,
            obj=feed,
        )
    response = download_response(
        calendar,
        filename="amparo-deadlines.ics",
        content_type="text/calendar; charset=utf-8",
        inline=True,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
