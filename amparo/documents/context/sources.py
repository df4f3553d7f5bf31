"""The records one document context is built from, read once for a case (a fixed number of
queries). The caller has loaded `case` through `core.access`; everything read here hangs off it."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from amparo.advocacy.models import Inquiry, Publication, Statement
from amparo.cases.facts import CaseFactSheet, fact_sheet
from amparo.cases.models import Arrest, Case
from amparo.cases.selectors import case_timeline
from amparo.core.access import privileged_filtered, relatives_of
from amparo.courts.models import CourtCase, Respondent
from amparo.courts.selectors import OrderState, case_orders
from amparo.custody.models import Placement
from amparo.custody.rules import Venue
from amparo.documents.models import Document
from amparo.people.models import LifeEvent, Person, Relative
from amparo.relief.models import Request

if TYPE_CHECKING:
    from amparo.accounts.models import User

PAROLE_TYPE = "humanitarian-parole"
RENEWED_TYPE = "renewed-request"

# Timeline kinds left out of a chronology: team notes are internal (and may be privileged),
# and the history of the documents themselves is not part of the story.
CHRONOLOGY_LEAVES_OUT = frozenset({"note", "document"})


@dataclass
class Sources:
    """The records one context is built from (all belong to `case`)."""

    case: Case
    person: Person
    actor: User | None
    zone: zoneinfo.ZoneInfo
    now: datetime.datetime
    facts: CaseFactSheet  # placement, days detained: the same as every screen shows
    relatives: list[Relative]
    life_events: list[LifeEvent]
    arrest: Arrest | None
    placements: list[Placement]
    venue: Venue | None
    parole: Request | None
    renewed: Request | None
    court_case: CourtCase | None
    respondents: list[Respondent]
    court_order: OrderState | None  # the order to enforce: overdue or broken first
    evidence: list[Document]
    inquiry: Inquiry | None
    statements: list[Statement]
    publication: Publication | None
    timeline: list[dict[str, Any]]


def _latest_request(case: Case, slug: str) -> Request | None:
    return (
        Request.objects.filter(case=case, request_type__slug=slug)
        .select_related("request_type", "decision")
        .order_by("-created_at")
        .first()
    )


def _court_case(case: Case) -> CourtCase | None:
    cases = CourtCase.objects.filter(case=case).exclude(status=CourtCase.Status.CLOSED)
    cases = cases.select_related("court").order_by("-created_at")
    return (
        cases.filter(kind=CourtCase.Kind.HABEAS).first()
        or cases.filter(kind=CourtCase.Kind.TRO).first()
    )


def _order_to_enforce(case: Case) -> OrderState | None:
    """The order a notice of non-compliance is about: one overdue or broken, else the latest
    order the government must obey."""
    states = [state for state in case_orders(case) if state.order.compliance]
    broken = [state for state in states if state.needs_enforcement]
    return (broken or states)[-1] if states else None


def _latest_evidence(case: Case, actor: User | None) -> list[Document]:
    """The newest version of each evidence document, in the order they first arrived."""
    latest: dict[str, Document] = {}
    evidence = Document.objects.filter(case=case, kind=Document.Kind.EVIDENCE)
    for document in privileged_filtered(actor, case, evidence).order_by("created_at"):
        latest.setdefault(document.title, document)
        if document.version >= latest[document.title].version:
            latest[document.title] = document
    return list(latest.values())


def _timeline(case: Case, actor: User | None, zone: zoneinfo.ZoneInfo) -> list[dict[str, Any]]:
    rows = []
    viewer = actor if actor is not None else AnonymousUser()
    for item in case_timeline(viewer, case):
        if item.kind in CHRONOLOGY_LEAVES_OUT:
            continue
        local = item.at.astimezone(zone)
        time = "" if item.date_only else f"{local:%H:%M} {local.tzname()}"
        rows.append(
            {
                "date": local.date().isoformat(),
                "time": time,
                "when": f"{local:%a} {local.date().isoformat()}" + (f" {time}" if time else ""),
                "kind": item.kind.replace("-", " "),
                "summary": item.summary,
                "detail": item.detail if item.detail != item.summary else "",
            }
        )
    return rows


def load_sources(
    case: Case, *, actor: User | None, now: datetime.datetime | None = None
) -> Sources:
    """Read everything a context needs (a fixed number of queries)."""
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(case.organisation.time_zone)
    person = case.person
    placements = list(
        Placement.objects.filter(case=case)
        .select_related("facility__field_office")
        .order_by("started_at")
    )
    facts = fact_sheet(case, now=now)
    court_case = _court_case(case)
    respondents = (
        list(Respondent.objects.filter(court_case=court_case).order_by("position"))
        if court_case
        else []
    )
    return Sources(
        case=case,
        person=person,
        actor=actor,
        zone=zone,
        now=now,
        facts=facts,
        relatives=list(relatives_of(actor, person).order_by("full_name")),
        life_events=list(LifeEvent.objects.filter(person=person).select_related("relative")),
        arrest=Arrest.objects.filter(case=case).order_by("arrested_at").first(),
        placements=placements,
        venue=facts.venue(),
        parole=_latest_request(case, PAROLE_TYPE),
        renewed=_latest_request(case, RENEWED_TYPE),
        court_case=court_case,
        respondents=respondents,
        court_order=_order_to_enforce(case),
        evidence=_latest_evidence(case, actor),
        inquiry=Inquiry.objects.filter(case=case)
        .select_related("office", "waiver")
        .order_by("-created_at")
        .first(),
        statements=list(Statement.objects.filter(case=case).order_by("said_at")),
        publication=Publication.objects.filter(case=case, withdrawn_at__isnull=True).first(),
        timeline=_timeline(case, actor, zone),
    )
