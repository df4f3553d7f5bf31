"""Reads about cases for views, the API and other apps. Every function takes the acting user
and starts from `core.access`, so nothing here can reach another organisation's data."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone

from amparo.advocacy.models import Inquiry, Statement
from amparo.cases.models import (
    Arrest,
    Case,
    CaseAlert,
    ImmigrationHearing,
    LocatorCheck,
    Note,
)
from amparo.core.access import (
    can_see_privileged,
    cases_visible_to,
    organisations_searchable_by_a_number,
)
from amparo.courts.models import Court, CourtCase, Filing, Hearing, Order
from amparo.custody.models import Placement
from amparo.documents.models import Document
from amparo.people.models import LifeEvent
from amparo.relief.models import Request

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.core.access import Actor


def case_list(
    user: Actor, *, status: str | None = None, query: str | None = None
) -> QuerySet[Case]:
    """Cases the user may see, with client and current placement loaded in two extra queries."""
    cases = cases_visible_to(user).select_related("person", "lead_attorney")
    if status:
        cases = cases.filter(status=status)
    if query:
        digits = "".join(c for c in query if c.isdigit())
        match = (
            Q(title__icontains=query)
            | Q(person__given_name__icontains=query)
            | Q(person__family_name__icontains=query)
        )
        # Matching a full A-number would confirm it to roles that only see it masked.
        if len(digits) >= 8:
            match |= Q(
                person__a_number=digits.zfill(9),
                organisation_id__in=organisations_searchable_by_a_number(user),
            )
        cases = cases.filter(match)
    return (
        cases.annotate(
            detained_since=Min("placements__started_at"),
        )
        .prefetch_related(
            Prefetch(
                "placements",
                queryset=Placement.objects.filter(ended_at__isnull=True).select_related(
                    "facility__field_office"
                ),
                to_attr="current_placements",
            )
        )
        .order_by("-opened_on", "title")
    )


@dataclass(frozen=True)
class CustodySummary:
    placement: Placement | None
    detained_since: datetime.datetime | None
    days_detained: int | None


def custody_summary(case: Case, *, today: datetime.date | None = None) -> CustodySummary:
    """Current placement and days detained, counted from the first placement or arrest."""
    placements = list(
        case.placements.select_related("facility__field_office").order_by("started_at")
    )
    current = next((p for p in placements if p.ended_at is None), None)
    starts = [p.started_at for p in placements]
    first_arrest = (
        case.arrests.order_by("arrested_at").values_list("arrested_at", flat=True).first()
    )
    if first_arrest:
        starts.append(first_arrest)
    if current is None or not starts:
        return CustodySummary(current, min(starts) if starts else None, None)
    since = min(starts)
    today = today or timezone.localdate()
    return CustodySummary(current, since, (today - timezone.localtime(since).date()).days)


@dataclass(frozen=True)
class TimelineItem:
    at: datetime.datetime
    kind: str
    summary: str
    object_id: uuid.UUID
    privileged: bool = False
    date_only: bool = False
    detail: str = field(default="", compare=False)


def _at_start_of(day: datetime.date, tz: zoneinfo.ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def case_timeline(user: Actor, case: Case) -> list[TimelineItem]:
    """Every dated item of the case in time order, in a fixed number of queries.

    Privileged notes are left out for users who may not see privileged material.
    """
    tz = zoneinfo.ZoneInfo(case.organisation.time_zone)
    items: list[TimelineItem] = []

    for arrest in Arrest.objects.filter(case=case):
        items.append(
            TimelineItem(
                arrest.arrested_at,
                "arrest",
                f"Arrested by {arrest.get_agency_display()}: {arrest.place}",
                arrest.id,
                detail=arrest.circumstances,
            )
        )

    for placement in (
        Placement.objects.filter(case=case).select_related("facility").order_by("started_at")
    ):
        facility = placement.facility
        where = f"{facility.name}, {facility.city.title()}, {facility.state}".strip(", ")
        items.append(
            TimelineItem(
                placement.started_at,
                "placement",
                f"Held at {where} (source: {placement.get_source_display()})",
                placement.id,
            )
        )

    for request in Request.objects.filter(case=case).select_related("request_type", "decision"):
        label = request.request_type.name
        if request.submitted_at:
            to = f" to {request.addressed_to}" if request.addressed_to else ""
            items.append(
                TimelineItem(
                    request.submitted_at,
                    "request",
                    f"{label} request submitted{to} by {request.get_channel_display().lower()}",
                    request.id,
                    detail=request.reason,
                )
            )
        else:
            items.append(
                TimelineItem(
                    request.created_at,
                    "request",
                    f"{label} request drafted",
                    request.id,
                    detail=request.reason,
                )
            )
        decision = getattr(request, "decision", None)
        if decision is not None:
            reasons = "reasons given" if decision.reasons_given else "no reasons given"
            items.append(
                TimelineItem(
                    decision.decided_at,
                    "decision",
                    f"{label} request {decision.get_outcome_display().lower()} "
                    f"{decision.turnaround_minutes} minutes after submission; {reasons}",
                    decision.id,
                    detail=decision.reasons,
                )
            )

    court_cases = CourtCase.objects.filter(case=case).select_related("court")
    for court_case in court_cases:
        if court_case.filed_at:
            items.append(
                TimelineItem(
                    court_case.filed_at,
                    "court-case",
                    f"{court_case.get_kind_display()} filed in "
                    f"{court_case.court.name}, {court_case.docket_number}",
                    court_case.id,
                )
            )
        else:
            items.append(
                TimelineItem(
                    court_case.created_at,
                    "court-case",
                    f"{court_case.get_kind_display()} drafted for {court_case.court.name}",
                    court_case.id,
                )
            )
    for filing in Filing.objects.filter(court_case__case=case).select_related("court_case"):
        items.append(TimelineItem(filing.filed_at, "filing", f"Filed: {filing.title}", filing.id))
    for hearing in Hearing.objects.filter(court_case__case=case):
        items.append(
            TimelineItem(
                hearing.starts_at,
                "hearing",
                f"Hearing: {hearing.purpose or 'scheduled'}"
                f"{' before ' + hearing.judge if hearing.judge else ''}",
                hearing.id,
            )
        )
    for order in Order.objects.filter(court_case__case=case):
        items.append(
            TimelineItem(
                order.issued_at,
                "order",
                f"Order: {order.get_kind_display()}",
                order.id,
                detail=order.summary,
            )
        )

    for inquiry in Inquiry.objects.filter(case=case).select_related("office"):
        if inquiry.sent_at:
            items.append(
                TimelineItem(
                    inquiry.sent_at,
                    "inquiry",
                    f"Congressional inquiry sent via {inquiry.office}",
                    inquiry.id,
                )
            )
        else:
            waiver = (
                "privacy waiver signed"
                if inquiry.waiver_signed_on
                else "waiting for signed ICE Form 60-001 privacy waiver"
            )
            items.append(
                TimelineItem(
                    inquiry.created_at,
                    "inquiry",
                    f"Congressional inquiry with {inquiry.office} in preparation ({waiver})",
                    inquiry.id,
                )
            )
        if inquiry.response_at:
            items.append(
                TimelineItem(
                    inquiry.response_at,
                    "inquiry-response",
                    f"Reply from {inquiry.office}: {inquiry.get_outcome_display()}",
                    inquiry.id,
                )
            )

    for statement in Statement.objects.filter(case=case):
        verb = (
            "declined to comment"
            if statement.kind == Statement.Kind.DECLINED_TO_COMMENT
            else f"issued a {statement.get_kind_display().lower()}"
        )
        items.append(
            TimelineItem(
                statement.said_at,
                "statement",
                f"{statement.author_name} {verb}",
                statement.id,
                detail=statement.text,
            )
        )

    for event in LifeEvent.objects.filter(person_id=case.person_id):
        day = event.occurred_on or event.expected_on
        assert day is not None  # life_event_has_a_date
        state = "" if event.occurred_on else " (expected)"
        items.append(
            TimelineItem(
                _at_start_of(day, tz),
                "life-event",
                f"{event.description}{state}",
                event.id,
                date_only=True,
            )
        )

    # Documents: generated and uploaded files; privileged ones only for those who may see them.
    documents = Document.objects.filter(case=case)
    if not can_see_privileged(user, case):
        documents = documents.filter(privileged=False)
    for document in documents:
        verb = "Generated" if document.kind == Document.Kind.GENERATED else "Uploaded"
        items.append(
            TimelineItem(
                document.created_at,
                "document",
                f"{verb} {document.title} v{document.version} ({document.extension.upper()})",
                document.id,
                privileged=document.privileged,
            )
        )

    notes = Note.objects.filter(case=case)
    if not can_see_privileged(user, case):
        notes = notes.filter(privileged=False)
    for note in notes:
        items.append(
            TimelineItem(
                note.created_at,
                "note",
                note.body[:200],
                note.id,
                privileged=note.privileged,
                detail=note.body,
            )
        )

    items.sort(key=lambda item: (item.at, item.kind))
    return items


def case_alerts(case: Case, *, open_only: bool = True) -> QuerySet[CaseAlert]:
    """Alerts of a case the caller has already loaded through core.access, newest first."""
    alerts = CaseAlert.objects.filter(case=case)
    if open_only:
        alerts = alerts.filter(resolved_at__isnull=True)
    return alerts.order_by("-created_at")


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
        Member(m.user_id, m.user.full_name or m.user.email, m.user.email, m.role, labels[m.role])
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


def locator_recheck_hours() -> int:
    from django.conf import settings

    return int(getattr(settings, "AMPARO_LOCATOR_RECHECK_HOURS", 24))


def locator_recheck_due(case: Case, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """When the team should search the locator again for a client whose location is unknown."""
    last = case_locator_checks(case).values_list("checked_at", flat=True).first()
    since = last or case.location_unknown_since or timezone.now()
    return since + datetime.timedelta(hours=locator_recheck_hours())


def case_hearings(case: Case) -> QuerySet[ImmigrationHearing]:
    return ImmigrationHearing.objects.filter(case=case).select_related("immigration_court")


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
