"""The facts of a case, computed in one place: where the client is held and since when, how
urgent the case is, what is open and who works on it. The case page, the case list, the API
presenters, the documents and the next-step rules all read these, so they cannot disagree.

`fact_sheet(case)` answers for one case; `fact_sheets(cases)` for a page of cases in the same
fixed number of queries whatever the number of cases (one, and three more once what is open or
the team is asked for); `custody_facts(cases)` only where the client is held and for how long
(what a list row shows), in one plain SQL statement (and one query more for the organisations'
time zones when the caller has not read them). The callers have loaded
the cases through `core.access`; nothing here widens what they may see (requests, deadlines and
the team are not role-filtered records).

Days detained has one definition: whole days from the earlier of the first arrest
(`Arrest.arrested_at`) and the first placement (`Placement.started_at`), each taken as a date in
the organisation's time zone, to today in that zone. It is None when the client is not held now
(no current placement), as no count runs for a released client.
"""

from __future__ import annotations

import datetime
import functools
import uuid
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.db import connection
from django.db.models import Min
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.cases.models import Arrest, Case, CaseAlert
from amparo.core.rawsql import db_day, db_id, db_moment, db_uuid, model_columns, prepared_cursor
from amparo.custody.models import Facility, FieldOffice, Placement
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
    # What is open and who works on the case, read when first asked (for every sheet of the
    # batch at once): the case page shows none of it, and paid three queries for it.
    open_facts: OpenFacts = field(repr=False, compare=False)
    # The case's unresolved alerts, newest first, when the sheet was asked for them
    # (`fact_sheet(case, alerts=True)`: the case page), else None.
    open_alerts: list[CaseAlert] | None = field(default=None, repr=False, compare=False)

    @property
    def open_requests(self) -> int:
        return self.open_facts.of(self.case_id).open_requests

    @property
    def urgency_until(self) -> datetime.date | None:
        """The earliest date an open request must be answered by."""
        return self.open_facts.of(self.case_id).urgency_until

    @property
    def next_deadline(self) -> Deadline | None:
        """The earliest open deadline with a due day."""
        return self.open_facts.of(self.case_id).next_deadline

    @property
    def team(self) -> tuple[User, ...]:
        return self.open_facts.of(self.case_id).team

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


def fact_sheet(
    case: Case, *, now: datetime.datetime | None = None, alerts: bool = False
) -> CaseFactSheet:
    """The case's sheet; with `alerts`, its open alerts too, read in the same statement (the
    same rows and objects as `cases.selectors.open_alerts`)."""
    return fact_sheets([case], now=now, alerts=alerts)[case.pk]


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
    """Current facility and days detained per case, in one query however many cases (two when
    the cases do not carry their organisation), reading only the columns a list row shows (no
    model objects: a page of 50 built 150 of them)."""
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
    values, not as Case objects), in one plain SQL statement (`_custody_rows`); `zones` are the
    organisations' zones when the caller has them (`core.middleware.member_zones`), else one
    query more reads them."""
    if not organisations:
        return {}
    ids = list(organisations)
    first_placement: dict[uuid.UUID, datetime.datetime] = {}
    first_arrest: dict[uuid.UUID, datetime.datetime] = {}
    current: dict[uuid.UUID, HeldAt] = {}
    for case_id, placed_at, arrested_at, facility_id, *facility in _custody_rows(ids):
        if placed_at is not None:
            first_placement[case_id] = db_moment(placed_at)
        if arrested_at is not None:
            first_arrest[case_id] = db_moment(arrested_at)
        if facility_id is not None:
            current[case_id] = HeldAt(db_uuid(facility_id), *facility)
    zones = _zones_of(set(organisations.values()), zones or {})
    now = now or timezone.now()
    today = {org: now.astimezone(zone).date() for org, zone in zones.items()}
    found = {}
    for pk, organisation_id in organisations.items():
        since, days = days_detained(
            first_arrest.get(pk),
            first_placement.get(pk),
            held_now=pk in current,
            zone=zones[organisation_id],
            today=today[organisation_id],
        )
        found[pk] = CustodyFacts(current.get(pk), since, days)
    return found


def _custody_rows(ids: list[uuid.UUID]) -> list[tuple[Any, ...]]:
    """Per case: its first placement's start, its first arrest, and its current placement's
    facility (id, name, city, state, field office code; None when not held now).

    One statement instead of three querysets (placements, arrests, zones): a profile of the
    case list at 10,000 cases had 2.5 ms of a 10 ms request in building and converting them
    for 50 rows. A case has at most one current placement (`placement_one_current_per_case`),
    so the join adds no row. The case ids come back as the caller passed them."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return quote(model._meta.db_table)

    placement, arrest, facility = table(Placement), table(Arrest), table(Facility)
    office = table(FieldOffice)
    sql = (
        f"SELECT c.id, (SELECT MIN(fp.started_at) FROM {placement} fp WHERE fp.case_id = c.id), "
        f"(SELECT MIN(a.arrested_at) FROM {arrest} a WHERE a.case_id = c.id), "
        "f.id, f.name, f.city, f.state, o.code "
        f"FROM {table(Case)} c LEFT JOIN {placement} p ON p.case_id = c.id AND p.ended_at IS NULL "
        f"LEFT JOIN {facility} f ON f.id = p.facility_id "
        f"LEFT JOIN {office} o ON o.id = f.field_office_id "
        f"WHERE c.id IN ({', '.join(['%s'] * len(ids))})"
    )
    stored = {db_id(pk): pk for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, list(stored))
        return [(stored[row[0]], *row[1:]) for row in cursor.fetchall()]


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
    cases: Iterable[Case], *, now: datetime.datetime | None = None, alerts: bool = False
) -> dict[uuid.UUID, CaseFactSheet]:
    """Facts for each case, keyed by case id, in one query however many there are (the
    placements with their facilities, and the first arrest; the open alerts with `alerts`),
    and three more when a sheet is first asked what is open or who works on the case
    (`OpenFacts`)."""
    cases = list(cases)
    if not cases:
        return {}
    now = now or timezone.now()
    ids = [case.pk for case in cases]
    zones = _zones(cases)
    current, first_placement, first_arrest, open_alerts = _custody_of(ids, alerts=alerts)
    open_facts = OpenFacts(ids)
    facts = {}
    for case in cases:
        zone = zones[case.organisation_id]
        today = now.astimezone(zone).date()
        since, days = days_detained(
            first_arrest.get(case.pk),
            first_placement.get(case.pk),
            held_now=case.pk in current,
            zone=zone,
            today=today,
        )
        facts[case.pk] = CaseFactSheet(
            case_id=case.pk,
            zone=zone,
            today=today,
            placement=current.get(case.pk),
            detained_since=since,
            days_detained=days,
            open_facts=open_facts,
            open_alerts=open_alerts.get(case.pk, []) if alerts else None,
        )
    return facts


_Moments = dict[uuid.UUID, datetime.datetime]


def _custody_of(
    ids: list[uuid.UUID], *, alerts: bool = False
) -> tuple[dict[uuid.UUID, Placement], _Moments, _Moments, dict[uuid.UUID, list[CaseAlert]]]:
    """Per case: the current placement (its facility and the facility's field office with it, as
    `select_related` gives them), when the first placement started, and the first arrest; with
    `alerts`, its open alerts newest first (as `cases.selectors.open_alerts`). In one plain SQL
    statement: a profile of the case page found this sheet's time in Django compiling the two
    queries it made for one row each, and on PostgreSQL the page's time following its round
    trips (the alerts were one more). The alerts are a second arm of a UNION ALL, each arm's
    columns null in the other."""
    placement, facility = model_columns(Placement, "p"), model_columns(Facility, "f")
    office, alert = model_columns(FieldOffice, "o"), model_columns(CaseAlert, "a")
    sql, width = _custody_sql(connection.vendor, len(ids), alerts)
    params = [db_id(pk) for pk in ids]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params * 2 if alerts else params)
        rows = cursor.fetchall()
    current: dict[uuid.UUID, Placement] = {}
    first_placement: dict[uuid.UUID, datetime.datetime] = {}
    first_arrest: dict[uuid.UUID, datetime.datetime] = {}
    open_alerts: dict[uuid.UUID, list[CaseAlert]] = {}
    facility_at = 3 + placement.width
    office_at = facility_at + facility.width
    set_facility = Placement._meta.get_field("facility").set_cached_value
    set_office = Facility._meta.get_field("field_office").set_cached_value
    for row in rows:
        pk = db_uuid(row[1])
        if row[0] == 1:  # an open alert
            found = cast(CaseAlert, alert.build(row[width:]))
            open_alerts.setdefault(pk, []).append(found)
            continue
        if row[2] is not None:
            first_arrest[pk] = db_moment(row[2])
        held = cast(Placement | None, placement.build(row[3:facility_at]))
        if held is None:
            continue
        first_placement.setdefault(pk, held.started_at)
        if held.ended_at is None:
            place = cast(Facility, facility.build(row[facility_at:office_at]))  # never null
            set_office(place, office.build(row[office_at:width]))
            set_facility(held, place)
            current[pk] = held
    return current, first_placement, first_arrest, open_alerts


@functools.lru_cache(maxsize=64)
def _custody_sql(vendor: str, cases: int, alerts: bool) -> tuple[str, int]:
    """`_custody_of`'s statement for this many cases, and where an alert's columns start."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return quote(model._meta.db_table)

    def column(model: Any, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    placement, facility = model_columns(Placement, "p"), model_columns(Facility, "f")
    office, alert = model_columns(FieldOffice, "o"), model_columns(CaseAlert, "a")
    marks = ", ".join(["%s"] * cases)
    arrested_at = column(Arrest, "arrested_at")
    facts = (
        f"SELECT 0, c.id, (SELECT MIN(a.{arrested_at}) FROM {table(Arrest)} a "
        f"WHERE a.{column(Arrest, 'case')} = c.id), {placement.sql}, {facility.sql}, "
        f"{office.sql}"
    )
    tables = (
        f"FROM {table(Case)} c "
        f"LEFT JOIN {table(Placement)} p ON p.{column(Placement, 'case')} = c.id "
        f"LEFT JOIN {table(Facility)} f ON f.id = p.{column(Placement, 'facility')} "
        f"LEFT JOIN {table(FieldOffice)} o ON o.id = f.{column(Facility, 'field_office')} "
        f"WHERE c.id IN ({marks})"
    )
    width = 3 + placement.width + facility.width + office.width
    started_at, placement_id = 4 + placement.names.index("started_at"), 4
    if not alerts:
        order = f"ORDER BY p.{column(Placement, 'started_at')}, p.id"
        return f"{facts} {tables} {order}", width
    created_at = width + 1 + alert.names.index("created_at")
    arrested_field: Any = Arrest._meta.get_field("arrested_at")
    arrested = str(arrested_field.cast_db_type(connection))
    open_alerts = (
        f"SELECT 1, a.{column(CaseAlert, 'case')}, CAST(NULL AS {arrested}), "
        f"{placement.nulls}, {facility.nulls}, {office.nulls}, {alert.sql} "
        f"FROM {table(CaseAlert)} a WHERE a.{column(CaseAlert, 'case')} IN ({marks}) "
        f"AND a.{column(CaseAlert, 'resolved_at')} IS NULL"
    )
    # Each arm in its own order: the placements by start, the alerts newest first.
    order = f"ORDER BY 1, {started_at}, {placement_id}, {created_at} DESC"
    return f"{facts}, {alert.nulls} {tables} UNION ALL {open_alerts} {order}", width


@dataclass(frozen=True)
class WhatIsOpen:
    open_requests: int
    urgency_until: datetime.date | None
    next_deadline: Deadline | None
    team: tuple[User, ...]


class OpenFacts:
    """The open requests, urgency, next deadline and team of a batch of cases, read for all of
    them the first time any sheet is asked, in at most three queries: one plain SQL statement
    for the counts and the next deadline's id (a profile of the case page found the fact sheet's
    time in Django compiling a queryset per fact, each for one row), the deadlines, the teams."""

    def __init__(self, ids: list[uuid.UUID]) -> None:
        self.ids = ids
        self.found: dict[uuid.UUID, WhatIsOpen] | None = None

    def of(self, case_id: uuid.UUID) -> WhatIsOpen:
        if self.found is None:
            self.found = _open_facts(self.ids)
        return self.found[case_id]


def _open_facts(ids: list[uuid.UUID]) -> dict[uuid.UUID, WhatIsOpen]:
    """Per case: how many requests are open and the earliest urgency date among them, the
    earliest open deadline with a due day (by due day, then time, then creation), the team."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return quote(model._meta.db_table)

    statuses = ", ".join(["%s"] * len(OPEN_REQUEST_STATUSES))
    open_request = f"FROM {table(Request)} r WHERE r.case_id = c.id AND r.status IN ({statuses})"
    sql = (
        f"SELECT c.id, (SELECT COUNT(*) {open_request}), (SELECT MIN(r.urgency_until) "
        f"{open_request}), (SELECT d.id FROM {table(Deadline)} d WHERE d.case_id = c.id AND "
        "d.done_at IS NULL AND d.due_on IS NOT NULL ORDER BY d.due_on, d.due_at, d.created_at "
        f"LIMIT 1) FROM {table(Case)} c WHERE c.id IN ({', '.join(['%s'] * len(ids))})"
    )
    statuses_params = [str(status) for status in OPEN_REQUEST_STATUSES]
    params = [*statuses_params, *statuses_params, *(db_id(case_id) for case_id in ids)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    deadline_ids = [db_uuid(row[3]) for row in rows if row[3] is not None]
    deadlines = Deadline.objects.in_bulk(deadline_ids) if deadline_ids else {}
    teams = _teams(ids)
    return {
        db_uuid(case_id): WhatIsOpen(
            int(open_requests or 0),
            db_day(urgency_until) if urgency_until is not None else None,
            deadlines.get(db_uuid(deadline_id)) if deadline_id is not None else None,
            tuple(sorted(teams.get(db_uuid(case_id), []), key=lambda u: (u.full_name, u.email))),
        )
        for case_id, open_requests, urgency_until, deadline_id in rows
    }


def _first_arrests(ids: list[uuid.UUID]) -> dict[uuid.UUID, datetime.datetime]:
    return dict(
        Arrest.objects.filter(case_id__in=ids)
        .values("case_id")
        .annotate(first=Min("arrested_at"))
        .values_list("case_id", "first")
    )


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
