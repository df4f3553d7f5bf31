"""Reads about deadlines. Every read for a person starts from `core.access`; the few system
reads (closures, the reminder job's candidates) are marked as such and never reach a view. The
dashboard, read in halves in one statement, is `deadlines.dashboard`, built on these."""

from __future__ import annotations

import datetime
import hashlib
import uuid
import zoneinfo
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.cases.models import Case
from amparo.core.access import case_for, case_item_for, cases_visible_to, in_visible_cases
from amparo.deadlines.models import CalendarFeed, CourtClosure, Deadline, DeadlineDigest

if TYPE_CHECKING:
    from amparo.core.access import Actor
    from amparo.courts.models import Court

# The warning goes out this long before a deadline's due moment.
WARNING_AHEAD = datetime.timedelta(hours=24)


def _parse_uuid(value: Any, field: str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError({field: _("Give an id (UUID).")}) from None


def is_open() -> Q:
    """The condition of an open deadline: not yet done."""
    return Q(done_at__isnull=True)


def _overdue(now: datetime.datetime, today: datetime.date) -> Q:
    """Open and past: past its due time, or (with no time) its due day is over."""
    return is_open() & (Q(due_at__lt=now) | Q(due_at__isnull=True, due_on__lt=today))


def deadline_list(
    user: Actor,
    case: Any = None,
    assignee: Any = None,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
    overdue: bool | None = None,
    *,
    done: bool | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet[Deadline]:
    """Deadlines of the cases the user may see, earliest first.

    `case` (a Case or its id) must be visible to the user, or Http404 — the same answer for a
    case that does not exist. `assignee` is a user or a user id. `due_from` / `due_to` bound
    the due day (inclusive). `overdue=True` keeps open deadlines that are past; `False` leaves
    them out. `done` keeps only done (True) or open (False) deadlines.
    """
    deadlines = in_visible_cases(user, Deadline.objects.all())
    if case is not None:
        deadlines = deadlines.filter(case=case_for(user, getattr(case, "pk", case)))
    if assignee is not None:
        assignee_id = (
            assignee.pk if isinstance(assignee, User) else _parse_uuid(assignee, "assignee")
        )
        deadlines = deadlines.filter(assignee_id=assignee_id)
    due_day = Q(due_on__isnull=False)
    if due_from is not None:
        deadlines = deadlines.filter(
            (due_day & Q(due_on__gte=due_from)) | Q(due_on__isnull=True, due_at__date__gte=due_from)
        )
    if due_to is not None:
        deadlines = deadlines.filter(
            (due_day & Q(due_on__lte=due_to)) | Q(due_on__isnull=True, due_at__date__lte=due_to)
        )
    if overdue is not None:
        now = now or timezone.now()
        condition = _overdue(now, timezone.localdate(now))
        deadlines = deadlines.filter(condition) if overdue else deadlines.exclude(condition)
    if done is not None:
        deadlines = deadlines.filter(done_at__isnull=not done)
    return deadlines.select_related("case", "assignee", "done_by", "court_case").order_by(
        "due_on", "due_at", "created_at"
    )


def deadline_get(user: Actor, deadline_id: Any, *, write: bool = False) -> Deadline:
    """One deadline of a case the user may see (or change); Http404 otherwise."""
    found = case_item_for(user, Deadline, deadline_id, write=write)
    return Deadline.objects.select_related("case", "assignee", "done_by", "court_case").get(
        pk=found.pk
    )


def deadlines_for_member(user: Actor) -> QuerySet[Deadline]:
    """The user's own deadlines: assigned to them, or unassigned on a case they lead or work."""
    if not isinstance(user, User):
        return Deadline.objects.none()
    user_id = user.pk
    on_team = Case.team.through.objects.filter(user_id=user_id).values("case_id")
    return deadline_list(user).filter(
        Q(assignee_id=user_id)
        | Q(assignee__isnull=True, case__lead_attorney_id=user_id)
        | Q(assignee__isnull=True, case_id__in=on_team)
    )


# --- calendar feeds ---------------------------------------------------------------------------


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def calendar_feed_by_token(raw: str) -> CalendarFeed | None:
    """The live feed a secret token opens (not revoked, owner active), or None."""
    if not raw.startswith("cal_"):
        return None
    return (
        CalendarFeed.objects.select_related("user", "case")
        .filter(token_digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def calendar_feeds_of(user: Actor) -> list[CalendarFeed]:
    """The user's live feeds, newest first; a feed for a case they can no longer see is left out.

    The user's own feeds are read first, and only the cases of case feeds go through the gate:
    most members have no feed, and building the gate as a subquery of every read was a tenth of
    the deadlines dashboard's time (docs/benchmarks.md)."""
    if not isinstance(user, User):
        return []
    feeds = list(
        CalendarFeed.objects.filter(user_id=user.pk, revoked_at__isnull=True).select_related("case")
    )
    case_ids = {feed.case_id for feed in feeds if feed.case_id is not None}
    if not case_ids:
        return feeds
    visible = set(cases_visible_to(user).filter(id__in=case_ids).values_list("id", flat=True))
    return [feed for feed in feeds if feed.case_id is None or feed.case_id in visible]


def calendar_feed_get(user: Actor, feed_id: Any) -> CalendarFeed:
    """One of the user's own live feeds; Http404 otherwise."""
    try:
        parsed = uuid.UUID(str(feed_id))
    except ValueError:
        raise Http404("No such feed.") from None
    feed = next((feed for feed in calendar_feeds_of(user) if feed.id == parsed), None)
    if feed is None:
        raise Http404("No such feed.")
    return feed


def calendar_feed_organisations(feed: CalendarFeed) -> list[uuid.UUID]:
    """The organisations whose audit trail records a read of the feed."""
    if feed.case is not None:
        return [feed.case.organisation_id]
    return sorted(set(feed.user.memberships.values_list("organisation_id", flat=True)), key=str)


def calendar_deadlines(feed: CalendarFeed) -> list[Deadline]:
    """Open deadlines a feed shows, read as its owner: Http404 when the owner lost the case."""
    if feed.case_id is not None:
        deadlines = deadline_list(feed.user, case=feed.case_id, done=False)
    else:
        deadlines = deadlines_for_member(feed.user).filter(is_open())
    return list(deadlines[:1000])


# --- system reads (no acting user) ------------------------------------------------------------


def closure_dates(
    *, court: Court | None, start: datetime.date, end: datetime.date
) -> frozenset[datetime.date]:
    """Days between `start` and `end` on which the court (or every court) is closed.

    Reference data, not protected: closures belong to no organisation.
    """
    scope = Q(court__isnull=True)
    if court is not None:
        scope |= Q(court=court)
    return frozenset(
        CourtClosure.objects.filter(scope, on__gte=start, on__lte=end).values_list("on", flat=True)
    )


def due_moment(deadline: Deadline) -> datetime.datetime:
    """When the deadline falls due: its time, or the start of its day in the organisation's zone.

    Starting from the beginning of the day gives the team the whole day before to act.
    """
    if deadline.due_at is not None:
        return deadline.due_at
    assert deadline.due_on is not None  # deadline_has_due_date
    zone = zoneinfo.ZoneInfo(deadline.case.organisation.time_zone)
    return datetime.datetime.combine(deadline.due_on, datetime.time.min, tzinfo=zone)


def due_end(deadline: Deadline) -> datetime.datetime:
    """When the last moment to act has passed: its time, or the end of its day."""
    if deadline.due_at is not None:
        return deadline.due_at
    return due_moment(deadline) + datetime.timedelta(days=1)


def warning_due(deadline: Deadline, now: datetime.datetime) -> bool:
    """Open, not yet over, and within 24 hours of falling due."""
    if deadline.done_at is not None:
        return False
    return due_moment(deadline) - WARNING_AHEAD <= now < due_end(deadline)


def deadlines_needing_warning(now: datetime.datetime) -> list[Deadline]:
    """System read for the reminder job: open deadlines due within 24 hours, not yet warned."""
    # A window wide enough for any organisation's zone; warning_due() decides exactly.
    start, end = (
        (now - datetime.timedelta(days=2)).date(),
        (now + datetime.timedelta(days=3)).date(),
    )
    candidates = (
        Deadline.objects.filter(is_open(), warning__isnull=True)
        .filter(
            Q(due_at__gte=now - datetime.timedelta(days=2), due_at__lte=now + WARNING_AHEAD)
            | Q(due_at__isnull=True, due_on__gte=start, due_on__lte=end)
        )
        .select_related("case__organisation")
    )
    return [d for d in candidates if warning_due(d, now)]


def members_needing_digest(on: datetime.date) -> list[uuid.UUID]:
    """System read for the reminder job: active members with an open deadline overdue or due
    within three days of `on` who have had no digest for `on`. The digest itself is read
    through `deadline_dashboard` as the member, so it shows only what they may see."""
    horizon = on + datetime.timedelta(days=3)
    rows = (
        Deadline.objects.filter(is_open())
        .filter(Q(due_on__lte=horizon) | Q(due_on__isnull=True, due_at__date__lte=horizon))
        .values_list("assignee_id", "case__lead_attorney_id", "case_id")
    )
    members: set[uuid.UUID] = set()
    unassigned_cases: set[uuid.UUID] = set()
    for assignee_id, lead_id, case_id in rows:
        if assignee_id is not None:
            members.add(assignee_id)
            continue
        if lead_id is not None:
            members.add(lead_id)
        unassigned_cases.add(case_id)
    members.update(
        Case.team.through.objects.filter(case_id__in=unassigned_cases).values_list(
            "user_id", flat=True
        )
    )
    already = set(DeadlineDigest.objects.filter(on=on).values_list("user_id", flat=True))
    active = set(
        User.objects.filter(id__in=members - already, is_active=True).values_list("id", flat=True)
    )
    return sorted(active, key=str)
