"""Reads about requests, decisions, where a request goes, and policy regimes.

Requests are reached through `core.access`; functions taking a `Case` expect one the caller has
already loaded through `core.access.case_for`. Request types and policy regimes are public
reference data. Derived values (turnaround, countdown, overdue) are computed here from the
records and the pure rules in `relief.rules`; none is stored. What the escalation engine reads
of a case, and the next steps it finds, are in `relief.escalation_facts`.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils import timezone

from amparo.cases.models import Case
from amparo.core.access import case_item_for
from amparo.courts.models import Proceeding
from amparo.custody.models import Facility, FieldOffice, Placement
from amparo.custody.selectors import venue_of_facility
from amparo.relief import rules
from amparo.relief.models import Assessment, PolicyRegime, Request, RequestType
from amparo.relief.rules.clock import PROLONGED_REVIEW_DAYS

if TYPE_CHECKING:
    from amparo.core.access import Actor

# Used when a request type sets no threshold of its own (RequestType.overdue_after_hours).
DEFAULT_OVERDUE_HOURS = 72


def request_get(user: Actor, request_id: Any, *, write: bool = False) -> Request:
    """A request of a case the user may see (or change), with its type and decision loaded."""
    request = case_item_for(user, Request, request_id, write=write)
    return Request.objects.select_related(
        "request_type", "decision", "case__organisation", "submitted_by", "field_office"
    ).get(pk=request.pk)


def request_type_list() -> QuerySet[RequestType]:
    """Request types offered for new requests."""
    return RequestType.objects.filter(active=True).order_by("name")


def request_type_by_slug(slug: str) -> RequestType | None:
    return RequestType.objects.filter(slug=slug, active=True).first()


def case_zone(case: Case) -> zoneinfo.ZoneInfo:
    """The organisation's time zone: the day a team reads a time in (Organisation.time_zone)."""
    return zoneinfo.ZoneInfo(case.organisation.time_zone)


def local_today(case: Case, *, now: datetime.datetime | None = None) -> datetime.date:
    return (now or timezone.now()).astimezone(case_zone(case)).date()


def overdue_hours(request_type: RequestType) -> int:
    """Hours without an answer before a request is flagged: the type's, else the setting."""
    if request_type.overdue_after_hours:
        return request_type.overdue_after_hours
    return int(getattr(settings, "AMPARO_REQUEST_OVERDUE_HOURS", DEFAULT_OVERDUE_HOURS))


@dataclass(frozen=True)
class RequestState:
    """What the ledger derives for one request at one moment."""

    turnaround_minutes: int | None
    days_left: int | None  # countdown to urgency_until; None without an urgency date
    past_urgency: bool  # urgency date passed while the request is still open
    overdue: bool
    overdue_after_hours: int
    submitted_local: datetime.datetime | None
    decided_local: datetime.datetime | None
    # The statuses the rules allow next (rules.REQUEST_TRANSITIONS): the panel offers a form
    # only for a move the ledger would accept, and shows the decision once none is left.
    moves: frozenset[str] = frozenset()

    @property
    def closed(self) -> bool:
        return not self.moves


def request_state(
    request: Request, *, now: datetime.datetime | None = None, zone: zoneinfo.ZoneInfo
) -> RequestState:
    now = now or timezone.now()
    today = now.astimezone(zone).date()
    decision = getattr(request, "decision", None) if request.status != "draft" else None
    is_open = request.status in rules.OPEN_STATUSES
    hours = overdue_hours(request.request_type)
    return RequestState(
        turnaround_minutes=decision.turnaround_minutes if decision else None,
        days_left=rules.days_until(request.urgency_until, today)
        if request.urgency_until and is_open
        else None,
        past_urgency=is_open and rules.past_urgency(request.urgency_until, today),
        overdue=rules.is_overdue(
            status=request.status,
            submitted_at=request.submitted_at,
            now=now,
            threshold_hours=hours,
        ),
        overdue_after_hours=hours,
        submitted_local=request.submitted_at.astimezone(zone) if request.submitted_at else None,
        decided_local=decision.decided_at.astimezone(zone) if decision else None,
        moves=rules.REQUEST_TRANSITIONS.get(request.status, frozenset()),
    )


@dataclass(frozen=True)
class RequestRow:
    request: Request
    state: RequestState


def case_requests(case: Case, *, now: datetime.datetime | None = None) -> list[RequestRow]:
    """The case's requests, newest first, each with its derived state (two queries)."""
    zone = case_zone(case)
    requests = (
        Request.objects.filter(case=case)
        .select_related("request_type", "decision", "submitted_by")
        .order_by("-created_at")
    )
    return [RequestRow(r, request_state(r, now=now, zone=zone)) for r in requests]


# --- venue: where a request goes --------------------------------------------------------------


@dataclass(frozen=True)
class VenueFacts:
    court: rules.CourtFacts | None
    field_office_code: str | None
    field_office_name: str | None
    circuit: str | None = None  # courts-db id of the district's circuit


def facility_venue(facility: Facility) -> VenueFacts:
    """District court and field office for a facility, from the venue rules (custody.rules);
    the facility row's own field office when the rules name none."""
    office = facility.field_office
    found = venue_of_facility(facility)
    court = found.district_court
    found_office = found.field_office
    return VenueFacts(
        court=rules.CourtFacts(court.id, court.name) if court else None,
        field_office_code=found_office.code if found_office else (office.code if office else None),
        field_office_name=found_office.name if found_office else (office.name if office else None),
        circuit=found.circuit_court_id,
    )


def current_placement(case: Case) -> Placement | None:
    return (
        Placement.objects.filter(case=case, ended_at__isnull=True)
        .select_related("facility__field_office")
        .first()
    )


def current_field_office(case: Case) -> FieldOffice | None:
    """The field office of the client's current venue: where a request goes by default."""
    placement = current_placement(case)
    if placement is None:
        return None
    return facility_field_office(placement.facility)


def facility_field_office(facility: Facility) -> FieldOffice | None:
    """The field office of a facility's venue (the venue rules' office, else the facility
    row's own): the office a request made while the client is held there goes to. The request
    form (through `current_field_office`) and the case import both ask this."""
    found = facility_venue(facility)
    own = facility.field_office
    if found.field_office_code and (own is None or own.code != found.field_office_code):
        return FieldOffice.objects.filter(code=found.field_office_code).first() or own
    return own


# 8 CFR 1003.19(c): a bond request goes to the court with jurisdiction over the place of
# detention, else the court with administrative control of the case, else the Office of the
# Chief Immigration Judge for designation.
ASK_WHICH_COURT = (
    "Immigration court that has the case: confirm which (8 CFR 1003.19(c); EOIR's automated "
    "case information, 1-800-898-7180)"
)


def immigration_court_addressee(case: Case) -> str:
    """The immigration court to address an IJ request to: the court of the client's removal
    proceeding, else the one sitting at the facility holding the client, else a request to ask
    which court has the case. Never the field office."""
    proceeding = (
        Proceeding.objects.filter(case=case).select_related("court").order_by("-created_at").first()
    )
    if proceeding is not None:
        return f"Immigration Judge, {proceeding.court.name}"
    placement = current_placement(case)
    if placement is not None:
        courts = venue_of_facility(placement.facility).immigration_courts
        if len(courts) == 1:
            return f"Immigration Judge, {courts[0].name} (the court at the facility)"
    return ASK_WHICH_COURT


# --- policy regimes and assessments -----------------------------------------------------------


def regime_record(row: PolicyRegime) -> rules.RegimeRecord:
    factors = tuple(
        rules.RegimeFactor(
            key=str(f.get("key", "")),
            label=str(f.get("label", "")),
            kind=str(f.get("kind", "priority")),
            citation=str(f.get("citation", "")),
        )
        for f in row.factors or []
        if isinstance(f, dict) and f.get("key")
    )
    return rules.RegimeRecord(
        name=row.name,
        authority=row.authority,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        source=row.source,
        slug=row.slug,
        summary=row.summary,
        factors=factors,
        id=str(row.id),
    )


def policy_regime_records() -> list[rules.RegimeRecord]:
    return [regime_record(r) for r in PolicyRegime.objects.order_by("effective_from")]


def policy_regime_on(day: datetime.date) -> rules.RegimeAnswer:
    return rules.regime_on(day, policy_regime_records())


def request_date(request: Request, *, now: datetime.datetime | None = None) -> datetime.date:
    """The request's date for policy purposes: its submission day, or today for a draft."""
    zone = case_zone(request.case)
    if request.submitted_at is not None:
        return request.submitted_at.astimezone(zone).date()
    return (now or timezone.now()).astimezone(zone).date()


def assessment_latest(request: Request) -> Assessment | None:
    return (
        Assessment.objects.filter(request=request)
        .select_related("regime")
        .order_by("-created_at")
        .first()
    )


def assessment_argument(assessment: Assessment) -> rules.Argument:
    regime = regime_record(assessment.regime) if assessment.regime else None
    case = assessment.request.case
    return rules.assessment_argument(
        factors=assessment.factors,
        regime=regime,
        on=assessment.assessed_for,
        detention_basis=case.detention_basis or None,
        immigration_status=case.person.immigration_status,
    )


# --- detention lengths, for the reports ---------------------------------------------------------


@dataclass(frozen=True)
class DetentionLength:
    """One detained client's clock, as reports need it (no venue: the circuit is not read)."""

    case_id: Any
    organisation_id: Any
    basis: str
    detained_since: datetime.date | None
    days: int | None
    removal_period_began_on: datetime.date | None
    prolonged: bool  # past Amparo's review point under a basis where prolonged claims apply


def detention_lengths(user: Actor, *, today: datetime.date | None = None) -> list[DetentionLength]:
    """Days detained for every case the user may see whose client is held now, in one query:
    the earliest arrest or placement, as a day in the organisation's zone."""
    from amparo.core.access import cases_visible_to

    current = Placement.objects.filter(case_id=OuterRef("pk"), ended_at__isnull=True)
    held = (
        cases_visible_to(user)
        .filter(Exists(current))
        .annotate(
            first_arrest=Min("arrests__arrested_at"),
            first_placement=Min("placements__started_at"),
        )
        .select_related("organisation")
        .order_by("opened_on")
    )
    rows = []
    for case in held:
        zone = zoneinfo.ZoneInfo(case.organisation.time_zone)
        starts = [m for m in (case.first_arrest, case.first_placement) if m is not None]
        since = min(starts).astimezone(zone).date() if starts else None
        day = today or timezone.now().astimezone(zone).date()
        days = (day - since).days if since else None
        basis = rules.BASES.get(case.detention_basis)
        rows.append(
            DetentionLength(
                case_id=case.id,
                organisation_id=case.organisation_id,
                basis=case.detention_basis,
                detained_since=since,
                days=days,
                removal_period_began_on=case.removal_period_began_on,
                prolonged=bool(
                    basis and basis.prolonged_applies and days and days >= PROLONGED_REVIEW_DAYS
                ),
            )
        )
    return rows
