"""The facts of a case, computed in one place: where the client is held and since when, how
urgent the case is, what is open and who works on it. The case page, the case list, the API
presenters, the documents and the next-step rules all read these, so they cannot disagree.

`fact_sheet(case)` answers for one case; `fact_sheets(cases)` for a page of cases in the same
fixed number of queries whatever the number of cases (one, and three more once what is open or
the team is asked for); `custody_facts(cases)` only where the client is held and for how long
(what a list row shows), in one plain SQL statement (and one query more for the organisations'
time zones when the caller has not read them). The callers have loaded
the cases through `core.access`; nothing here widens what they may see (requests, deadlines and
the team are not role-filtered records). The statements that read these facts are apart: where
the client is held (`cases.facts_custody`), and what is open and who works on the case
(`cases.facts_open`, read when first asked).

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
from typing import TYPE_CHECKING

from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.cases.facts_custody import custody_of, custody_rows
from amparo.cases.facts_open import OpenFacts
from amparo.cases.models import Case, CaseAlert
from amparo.core.rawsql import db_moment, db_uuid
from amparo.custody.models import Placement
from amparo.deadlines.models import Deadline

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.custody.rules import Venue


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
    values, not as Case objects), in one plain SQL statement (`facts_custody.custody_rows`);
    `zones` are the organisations' zones when the caller has them
    (`core.middleware.member_zones`), else one query more reads them."""
    if not organisations:
        return {}
    ids = list(organisations)
    first_placement: dict[uuid.UUID, datetime.datetime] = {}
    first_arrest: dict[uuid.UUID, datetime.datetime] = {}
    current: dict[uuid.UUID, HeldAt] = {}
    for case_id, placed_at, arrested_at, facility_id, *facility in custody_rows(ids):
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
    current, first_placement, first_arrest, open_alerts = custody_of(ids, alerts=alerts)
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
