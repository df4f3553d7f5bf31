"""Reads about cases for views, the API and other apps. Every function takes the acting user
and starts from `core.access`, so nothing here can reach another organisation's data."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from amparo.cases.models import Case, CaseAlert, ImmigrationHearing, LocatorCheck, Note

# The timeline lives in its own module; its names stay importable from here.
from amparo.cases.timeline import (  # noqa: F401
    TimelineItem,
    TimelinePage,
    case_timeline,
    case_timeline_page,
)
from amparo.core.access import can_see_privileged, cases_visible_to
from amparo.core.paging import (
    DEFAULT_PAGE_SIZE,
    Page,
    decode_cursor,
    keyset_page,
    keyset_values_page,
)
from amparo.core.rawsql import db_id, model_columns
from amparo.courts.models import Court
from amparo.search.query import cases_matching, newest_cases_matching

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.core.access import Actor


T = TypeVar("T")
CASE_ORDER = ("-opened_on", "-id")
# What a list row never shows: loading it would cost a conversion per row for nothing.
LIST_DEFERRED = (
    "person__aliases",
    "person__citizenships",
    "person__languages",
    "person__vulnerabilities",
    "person__vulnerability_notes",
    "person__criminal_history_summary",
    "person__date_of_birth",
    "person__status_since",
    "person__created_at",
    "person__updated_at",
)


def case_list(
    user: Actor, *, status: str | None = None, query: str | None = None
) -> QuerySet[Case]:
    """Cases the user may see, newest first; nothing is computed per case until a page is cut
    (see `case_list_page`), so the database stops reading at the page's last row."""
    cases = _visible(user, status)
    if query:
        cases = cases_matching(user, cases, query)
    return cases.order_by(*CASE_ORDER)


def _visible(user: Actor, status: str | None) -> QuerySet[Case]:
    cases = cases_visible_to(user).select_related("person").defer(*LIST_DEFERRED)
    return cases.filter(status=status) if status else cases


def _paged(
    user: Actor,
    status: str | None,
    query: str | None,
    cursor: str | None,
    size: int,
    cut: Callable[[QuerySet[Case]], Page[T]],
) -> Page[T]:
    """`cut(case_list(...))`, the page after `cursor`. A search reads only the newest matches
    of a common word from the cursor's opening day on (`newest_cases_matching`); when the page
    of those is not full, it may be short of older matches, so it is cut again from more of
    them, in the end from them all."""
    if not query:
        return cut(case_list(user, status=status))
    newest = newest_cases_matching(
        user, _visible(user, status), query, on_or_before=_cursor_day(cursor), size=size
    )
    page = cut(newest.cases.order_by(*CASE_ORDER))
    while page.next_cursor is None and newest.rest is not None:
        newest = newest.rest()
        page = cut(newest.cases.order_by(*CASE_ORDER))
    return page


def _cursor_day(cursor: str | None) -> datetime.date | None:
    """The opening day of the last case before the page (None for the first page, or for a
    cursor Amparo did not give, which the page then refuses)."""
    if not cursor:
        return None
    try:
        return datetime.date.fromisoformat(decode_cursor(cursor, len(CASE_ORDER))[0])
    except (ValidationError, ValueError):
        return None


def case_list_page(
    user: Actor,
    *,
    status: str | None = None,
    query: str | None = None,
    cursor: str | None = None,
    size: int = DEFAULT_PAGE_SIZE,
) -> Page[Case]:
    """One page of `case_list`; the facts of its rows come from `cases.facts.fact_sheets`, for
    the page only, never for the whole caseload."""
    return _paged(
        user,
        status,
        query,
        cursor,
        size,
        lambda cases: keyset_page(cases, keys=CASE_ORDER, cursor=cursor, size=size),
    )


# What a row of the case list shows (the facts of custody come from `cases.facts`).
LIST_ROW = (
    *("id", "organisation_id", "title", "status", "opened_on"),
    *("person__given_name", "person__family_name", "person__a_number", "person__organisation_id"),
)


def case_list_rows(
    user: Actor,
    *,
    fields: tuple[str, ...] = LIST_ROW,
    status: str | None = None,
    query: str | None = None,
    cursor: str | None = None,
    size: int = DEFAULT_PAGE_SIZE,
) -> Page[dict[str, Any]]:
    """`case_list_page` with each case read as a dict of `fields` (which include "id" and
    "opened_on", the order's keys): the same cases, order and cursors, without building a Case
    and a Person per row (a third of the list's time in a profile at 100,000 cases)."""
    return _paged(
        user,
        status,
        query,
        cursor,
        size,
        lambda cases: keyset_values_page(cases, fields, keys=CASE_ORDER, cursor=cursor, size=size),
    )


def case_alerts(case: Case, *, open_only: bool = True) -> QuerySet[CaseAlert]:
    """Alerts of a case the caller has already loaded through core.access, newest first."""
    alerts = CaseAlert.objects.filter(case=case)
    if open_only:
        alerts = alerts.filter(resolved_at__isnull=True)
    return alerts.order_by("-created_at")


def open_alerts(case: Case) -> list[CaseAlert]:
    """`list(case_alerts(case))` by one plain SQL statement: the same rows, newest first, the
    same objects (a profile of the case page found a tenth of its view in Django compiling
    this one small query). The caller has loaded `case` through core.access."""
    columns = model_columns(CaseAlert, "a")
    quote = connection.ops.quote_name
    meta: Any = CaseAlert._meta
    case_id, resolved_at, created_at = (
        quote(meta.get_field(name).column) for name in ("case", "resolved_at", "created_at")
    )
    sql = (
        f"SELECT {columns.sql} FROM {quote(meta.db_table)} a WHERE a.{case_id} = %s "
        f"AND a.{resolved_at} IS NULL ORDER BY a.{created_at} DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [db_id(case.pk)])
        rows = cursor.fetchall()
    return [cast(CaseAlert, columns.build(row)) for row in rows]


# --- the workspace panels -----------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    id: uuid.UUID
    full_name: str
    email: str
    role: str
    role_label: str


def organisation_members(user: Actor, organisation_id: uuid.UUID) -> list[Member]:
    """Members of an organisation the user belongs to, with their roles (else none)."""
    from amparo.accounts.models import Membership
    from amparo.core.access import role_in

    if role_in(user, organisation_id) is None:
        return []
    labels = dict(Membership.Role.choices)
    rows = (
        Membership.objects.filter(organisation_id=organisation_id, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return [
        Member(
            m.user_id, m.user.full_name or m.user.email, m.user.email, m.role, str(labels[m.role])
        )
        for m in rows
    ]


def case_team(case: Case) -> list[uuid.UUID]:
    """Ids of the members on a case the caller loaded through core.access."""
    return list(case.team.values_list("id", flat=True))


def case_notes(user: Actor, case: Case) -> QuerySet[Note]:
    """Notes of a case loaded through core.access; privileged ones only for those who may."""
    notes = Note.objects.filter(case=case).select_related("author").prefetch_related("revisions")
    if not can_see_privileged(user, case):
        notes = notes.filter(privileged=False)
    return notes.order_by("-pinned", "-occurred_at")


def case_locator_checks(case: Case) -> QuerySet[LocatorCheck]:
    return LocatorCheck.objects.filter(case=case).select_related("checked_by")


def locator_recheck_hours(case: Case) -> int:
    """The re-check interval the case's organisation set (Organisation.locator_recheck_hours)."""
    return int(case.organisation.locator_recheck_hours)


_UNREAD = object()


def locator_recheck_due(
    case: Case, *, now: datetime.datetime | None = None, last_check: object = _UNREAD
) -> datetime.datetime:
    """When the team should search the locator again for a client whose location is unknown.

    `last_check` is the latest check's time when the caller already read it (the home page
    reads it for every row in its one query), None for a client never checked."""
    if last_check is _UNREAD:
        last_check = case_locator_checks(case).values_list("checked_at", flat=True).first()
    assert last_check is None or isinstance(last_check, datetime.datetime)
    since = last_check or case.location_unknown_since or timezone.now()
    return since + datetime.timedelta(hours=locator_recheck_hours(case))


def case_hearings(case: Case) -> QuerySet[ImmigrationHearing]:
    return ImmigrationHearing.objects.filter(case=case).select_related(
        "immigration_court", "case__organisation"
    )


def immigration_courts() -> QuerySet[Court]:
    return Court.objects.filter(kind=Court.Kind.IMMIGRATION).order_by("name")


def organisation_member_user(
    user: Actor, organisation_id: uuid.UUID, member_id: object
) -> User | None:
    """The member `member_id` of an organisation the user belongs to, else None."""
    from amparo.accounts.models import Membership
    from amparo.core.access import role_in

    if role_in(user, organisation_id) is None:
        return None
    try:
        pk = uuid.UUID(str(member_id))
    except ValueError:
        return None
    found = (
        Membership.objects.filter(organisation_id=organisation_id, user_id=pk, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def organisation_member_users(
    user: Actor, organisation_id: uuid.UUID, member_ids: list[object]
) -> tuple[list[User], list[str]]:
    """Members among `member_ids`, and the ids that are not members (for an error)."""
    found, unknown = [], []
    for member_id in member_ids:
        one = organisation_member_user(user, organisation_id, member_id)
        if one is None:
            unknown.append(str(member_id))
        else:
            found.append(one)
    return found, unknown


def hearing_zone(case: Case, court: Court | None) -> zoneinfo.ZoneInfo:
    """The zone a hearing's time is entered and shown in: the immigration court's, else that of
    the facility where the client is held (hearings are held there or by video from there),
    else the organisation's."""
    from amparo.custody.selectors import current_placement

    name = court.zone_name if court is not None else ""
    if not name:
        placement = current_placement(case)
        name = placement.facility.zone_name if placement is not None else ""
    return zoneinfo.ZoneInfo(name or case.organisation.time_zone)
