"""The facts of a case, computed in one place: where the client is held and since when, how
urgent the case is, what is open and who works on it. The case page, the case list, the API
presenters, the documents and the next-step rules all read these, so they cannot disagree.

`fact_sheet(case)` answers for one case; `fact_sheets(cases)` for a page of cases in the same
fixed number of queries (at most six), whatever the number of cases; `custody_facts(cases)` only
where the client is held and for how long (what a list row shows), in three. The callers have loaded
the cases through `core.access`; nothing here widens what they may see (requests, deadlines and
the team are not role-filtered records).

Days detained has one definition: whole days from the earlier of the first arrest
(`Arrest.arrested_at`) and the first placement (`Placement.started_at`), each taken as a date in
the organisation's time zone, to today in that zone. It is None when the client is not held now
(no current placement), as no count runs for a released client.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.cases.models import Arrest, Case
from amparo.custody.models import Placement
from amparo.deadlines.models import Deadline
from amparo.relief.models import Request, RequestStatus

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.custody.rules import Venue

# A request is open while the agency may still answer it, or while the team has yet to send it.
OPEN_REQUEST_STATUSES = (RequestStatus.DRAFT, RequestStatus.SUBMITTED, RequestStatus.ACKNOWLEDGED)


@dataclass(frozen=True)
class CaseFactSheet:
    """What every screen, presenter and document says about one case."""

    case_id: uuid.UUID
    zone: zoneinfo.ZoneInfo
    today: datetime.date  # in the organisation's zone
    placement: Placement | None  # the current one
    detained_since: datetime.date | None  # first arrest or placement, in the zone
    days_detained: int | None  # None unless held now
    open_requests: int
    urgency_until: datetime.date | None  # the earliest date an open request must be answered by
    next_deadline: Deadline | None  # the earliest open deadline with a due day
    team: tuple[User, ...] = field(default=())

    @property
    def detained(self) -> bool:
        return self.placement is not None

    @property
    def held_at(self) -> HeldAt | None:
        if self.placement is None:
            return None
        facility = self.placement.facility
        office = facility.field_office.code if facility.field_office else None
        return HeldAt(facility.id, facility.name, facility.city, facility.state, office)

    @property
    def urgency_days_left(self) -> int | None:
        """Days from today to the earliest urgency date (negative once it has passed)."""
        return (self.urgency_until - self.today).days if self.urgency_until else None

    def venue(self) -> Venue | None:
        """Venue of the current facility (computed on demand: the list does not need it)."""
        from amparo.custody.selectors import venue_of_facility

        return venue_of_facility(self.placement.facility) if self.placement else None


def days_detained(
    first_arrest: datetime.datetime | None,
    first_placement: datetime.datetime | None,
    *,
    held_now: bool,
    zone: zoneinfo.ZoneInfo,
    today: datetime.date,
) -> tuple[datetime.date | None, int | None]:
    """(detained since, days detained) by the one definition above."""
    moments = (first_arrest, first_placement)
    starts = [moment.astimezone(zone).date() for moment in moments if moment is not None]
    since = min(starts) if starts else None
    return since, (today - since).days if since is not None and held_now else None


def fact_sheet(case: Case, *, now: datetime.datetime | None = None) -> CaseFactSheet:
    return fact_sheets([case], now=now)[case.pk]


@dataclass(frozen=True)
class HeldAt:
    """The facility where a client is held now, as a list row or the API shows it."""

    facility_id: uuid.UUID
    name: str
    city: str
    state: str
    field_office: str | None  # its code


@dataclass(frozen=True)
class CustodyFacts:
    """Where the client is held now and for how many days: all a list row shows."""

    held_at: HeldAt | None
    detained_since: datetime.date | None
    days_detained: int | None


def custody_facts(
    cases: Iterable[Case], *, now: datetime.datetime | None = None
) -> dict[uuid.UUID, CustodyFacts]:
    """Current facility and days detained per case, in two queries however many cases, reading
    only the columns a list row shows (no model objects: a page of 50 built 150 of them)."""
    cases = list(cases)
    return custody_facts_of(
        {case.pk: case.organisation_id for case in cases}, zones=_zones(cases), now=now
    )


def custody_facts_of(
    organisations: dict[uuid.UUID, uuid.UUID],
    *,
    zones: dict[uuid.UUID, zoneinfo.ZoneInfo] | None = None,
    now: datetime.datetime | None = None,
) -> dict[uuid.UUID, CustodyFacts]:
    """`custody_facts` from the ids of the cases and of their organisations (a list read as
    values, not as Case objects)."""
    if not organisations:
        return {}
    ids = list(organisations)
    first_placement: dict[uuid.UUID, datetime.datetime] = {}
    current: dict[uuid.UUID, HeldAt] = {}
    rows = (
        Placement.objects.filter(case_id__in=ids)
        .order_by("started_at")
        .values_list(
            *("case_id", "started_at", "ended_at", "facility_id", "facility__name"),
            *("facility__city", "facility__state", "facility__field_office__code"),
        )
    )
    for case_id, started_at, ended_at, *facility in rows:
        first_placement.setdefault(case_id, started_at)
        if ended_at is None:
            current[case_id] = HeldAt(*facility)
    zones = _zones_of(set(organisations.values()), zones or {})
    since = _detained(organisations, zones, now or timezone.now(), first_placement, set(current))
    return {pk: CustodyFacts(current.get(pk), *since[pk]) for pk in ids}


def _detained(
    organisations: dict[uuid.UUID, uuid.UUID],
    zones: dict[uuid.UUID, zoneinfo.ZoneInfo],
    now: datetime.datetime,
    first_placement: dict[uuid.UUID, datetime.datetime],
    held: set[uuid.UUID],
) -> dict[uuid.UUID, tuple[datetime.date | None, int | None]]:
    """(detained since, days detained) per case (id -> its organisation's id), reading the
    first arrests in one query."""
    first_arrest = _first_arrests(list(organisations))
    found = {}
    for pk, organisation_id in organisations.items():
        zone = zones[organisation_id]
        found[pk] = days_detained(
            first_arrest.get(pk),
            first_placement.get(pk),
            held_now=pk in held,
            zone=zone,
            today=now.astimezone(zone).date(),
        )
    return found


def fact_sheets(
    cases: Iterable[Case], *, now: datetime.datetime | None = None
) -> dict[uuid.UUID, CaseFactSheet]:
    """Facts for each case, keyed by case id, in at most six queries however many there are."""
    cases = list(cases)
    if not cases:
        return {}
    now = now or timezone.now()
    ids = [case.pk for case in cases]
    zones = _zones(cases)
    current: dict[uuid.UUID, Placement] = {}
    first_placement: dict[uuid.UUID, datetime.datetime] = {}
    placements = Placement.objects.filter(case_id__in=ids).select_related("facility__field_office")
    for placement in placements.order_by("started_at"):
        first_placement.setdefault(placement.case_id, placement.started_at)
        if placement.ended_at is None:
            current[placement.case_id] = placement
    organisations = {case.pk: case.organisation_id for case in cases}
    detained = _detained(organisations, zones, now, first_placement, set(current))
    requests, next_deadline, team = _open_requests(ids), _next_deadlines(ids), _teams(ids)
    facts = {}
    for case in cases:
        zone = zones[case.organisation_id]
        open_requests = requests.get(case.pk, {})
        since, days = detained[case.pk]
        facts[case.pk] = CaseFactSheet(
            case_id=case.pk,
            zone=zone,
            today=now.astimezone(zone).date(),
            placement=current.get(case.pk),
            detained_since=since,
            days_detained=days,
            open_requests=open_requests.get("count", 0),
            urgency_until=open_requests.get("urgency"),
            next_deadline=next_deadline.get(case.pk),
            team=tuple(sorted(team.get(case.pk, []), key=lambda u: (u.full_name, u.email))),
        )
    return facts


def _first_arrests(ids: list[uuid.UUID]) -> dict[uuid.UUID, datetime.datetime]:
    return dict(
        Arrest.objects.filter(case_id__in=ids)
        .values("case_id")
        .annotate(first=Min("arrested_at"))
        .values_list("case_id", "first")
    )


def _open_requests(ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Per case: how many requests are open, and the earliest urgency date among them."""
    rows = (
        Request.objects.filter(case_id__in=ids, status__in=OPEN_REQUEST_STATUSES)
        .values("case_id")
        .annotate(count=Count("id"), urgency=Min("urgency_until"))
    )
    return {row["case_id"]: row for row in rows}


def _next_deadlines(ids: list[uuid.UUID]) -> dict[uuid.UUID, Deadline]:
    found: dict[uuid.UUID, Deadline] = {}
    open_deadlines = Deadline.objects.filter(
        case_id__in=ids, done_at__isnull=True, due_on__isnull=False
    )
    for deadline in open_deadlines.order_by("due_on", "due_at", "created_at"):
        found.setdefault(deadline.case_id, deadline)
    return found


def _teams(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[User]]:
    team: dict[uuid.UUID, list[User]] = {}
    for membership in Case.team.through.objects.filter(case_id__in=ids).select_related("user"):
        team.setdefault(membership.case_id, []).append(membership.user)
    return team


def _zones(cases: list[Case]) -> dict[uuid.UUID, zoneinfo.ZoneInfo]:
    """The organisations' zones, without a query when the cases carry their organisation."""
    zones = {
        case.organisation_id: zoneinfo.ZoneInfo(case.organisation.time_zone)
        for case in cases
        if Case.organisation.is_cached(case)
    }
    return _zones_of({case.organisation_id for case in cases}, zones)


def _zones_of(
    organisation_ids: set[uuid.UUID], known: dict[uuid.UUID, zoneinfo.ZoneInfo]
) -> dict[uuid.UUID, zoneinfo.ZoneInfo]:
    """`known` and the zones of the other organisations among `organisation_ids`."""
    zones = dict(known)
    missing = organisation_ids - set(zones)
    if missing:
        for organisation_id, name in Organisation.objects.filter(id__in=missing).values_list(
            "id", "time_zone"
        ):
            zones[organisation_id] = zoneinfo.ZoneInfo(name)
    return zones
