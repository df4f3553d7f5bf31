"""The data a document template is rendered with, read from one case.

`case_context(case, actor=…)` returns the fields declared in `fields.py`, as plain JSON-ready
values: text, numbers, yes/no, lists. A value the case does not have is None (or an empty list),
never a placeholder; `templating` turns those into missing-data reports. The caller has loaded
`case` through `core.access`; everything read here hangs off that case.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pycountry
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from amparo.advocacy.models import Inquiry, Publication, Statement
from amparo.cases.models import Arrest, Case
from amparo.cases.selectors import case_timeline
from amparo.courts.models import CourtCase, Respondent
from amparo.custody.models import Placement
from amparo.custody.rules import STATE_NAMES, FacilityFacts, Venue, title_case, venue
from amparo.documents.fields import GROUPS
from amparo.documents.models import Document
from amparo.people.identifiers import format_a_number
from amparo.people.models import LifeEvent, Person, Relative
from amparo.relief.models import Request
from amparo.relief.rules import PAROLE_CATEGORIES
from amparo.relief.selectors import assessment_argument, assessment_latest

if TYPE_CHECKING:
    from amparo.accounts.models import User

# ICE's Office of Congressional Relations, as ICE publishes it (ice.gov/leadership/ocr;
# DOMAIN.md §5).
ICE_OCR_EMAIL = "CongressToICE@ice.dhs.gov"
ICE_OCR_PHONE = "(202) 732-4200"

PAROLE_TYPE = "humanitarian-parole"
RENEWED_TYPE = "renewed-request"

# Timeline kinds left out of a chronology: team notes are internal (and may be privileged),
# and the history of the documents themselves is not part of the story.
CHRONOLOGY_LEAVES_OUT = frozenset({"note", "document"})

_COURT_NAME = re.compile(r"^United States District Court for the (?P<district>.+)$", re.I)


# --- formatting ---------------------------------------------------------------------------------


def long_date(day: datetime.date | None) -> str | None:
    """March 18, 2026."""
    if day is None:
        return None
    return f"{day:%B} {day.day}, {day.year}"


def long_datetime(moment: datetime.datetime | None, zone: zoneinfo.ZoneInfo) -> str | None:
    """Sunday, March 15, 2026 at 5:41 PM CDT, in `zone`."""
    if moment is None:
        return None
    local = moment.astimezone(zone)
    hour = local.hour % 12 or 12
    return (
        f"{local:%A}, {long_date(local.date())} at {hour}:{local:%M} "
        f"{'AM' if local.hour < 12 else 'PM'} {local.tzname()}"
    )


def duration_words(minutes: int) -> str:
    """29 minutes; 3 hours 5 minutes; 2 days 4 hours."""

    def unit(value: int, word: str) -> str:
        return f"{value} {word}{'' if value == 1 else 's'}"

    if minutes < 60:
        return unit(minutes, "minute")
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return unit(hours, "hour") + (f" {unit(rest, 'minute')}" if rest else "")
    days, hours = divmod(hours, 24)
    return unit(days, "day") + (f" {unit(hours, 'hour')}" if hours else "")


def days_words(days: int | None) -> str | None:
    if days is None:
        return None
    return f"{days} day{'' if days == 1 else 's'}"


def country_name(code: str) -> str | None:
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def place_name(city: str, state: str) -> str | None:
    """Jena, Louisiana."""
    city = title_case(city) if city.isupper() else city
    parts = [p for p in (city, STATE_NAMES.get(state, state)) if p]
    return ", ".join(parts) or None


def facility_name(name: str) -> str:
    return title_case(name) if name.isupper() else name


def _yes(value: bool) -> bool:
    return bool(value)


# --- reading the case ---------------------------------------------------------------------------


@dataclass
class Sources:
    """The records one context is built from (all belong to `case`)."""

    case: Case
    person: Person
    actor: User | None
    zone: zoneinfo.ZoneInfo
    now: datetime.datetime
    relatives: list[Relative]
    life_events: list[LifeEvent]
    arrest: Arrest | None
    placements: list[Placement]
    venue: Venue | None
    parole: Request | None
    renewed: Request | None
    court_case: CourtCase | None
    respondents: list[Respondent]
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


def _latest_evidence(case: Case) -> list[Document]:
    """The newest version of each evidence document, in the order they first arrived."""
    latest: dict[str, Document] = {}
    for document in Document.objects.filter(case=case, kind=Document.Kind.EVIDENCE).order_by(
        "created_at"
    ):
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
    current = next((p for p in placements if p.ended_at is None), None)
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
        relatives=list(Relative.objects.filter(person=person).order_by("full_name")),
        life_events=list(LifeEvent.objects.filter(person=person).select_related("relative")),
        arrest=Arrest.objects.filter(case=case).order_by("arrested_at").first(),
        placements=placements,
        venue=venue(FacilityFacts.from_model(current.facility)) if current else None,
        parole=_latest_request(case, PAROLE_TYPE),
        renewed=_latest_request(case, RENEWED_TYPE),
        court_case=court_case,
        respondents=respondents,
        evidence=_latest_evidence(case),
        inquiry=Inquiry.objects.filter(case=case)
        .select_related("office")
        .order_by("-created_at")
        .first(),
        statements=list(Statement.objects.filter(case=case).order_by("said_at")),
        publication=Publication.objects.filter(case=case, withdrawn_at__isnull=True).first(),
        timeline=_timeline(case, actor, zone),
    )


# --- building the groups ------------------------------------------------------------------------


def _today(s: Sources) -> Any:
    return long_date(s.now.astimezone(s.zone).date())


def _organisation(s: Sources) -> dict[str, Any]:
    return {"name": s.case.organisation.name}


def _attorney(s: Sources) -> dict[str, Any]:
    signer = s.case.lead_attorney or s.actor
    return {
        "name": signer.full_name if signer else None,
        "email": signer.email if signer else None,
    }


def _client(s: Sources) -> dict[str, Any]:
    p = s.person
    labels = dict(Person.Vulnerability.choices)
    return {
        "full_name": p.full_name,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "a_number": format_a_number(p.a_number) if p.a_number else None,
        "date_of_birth": long_date(p.date_of_birth),
        "country_of_birth": country_name(p.country_of_birth),
        "citizenship": ", ".join(filter(None, (country_name(c) for c in p.citizenships))) or None,
        "languages": ", ".join(p.languages) or None,
        "immigration_status": p.get_immigration_status_display().lower()
        if p.immigration_status != Person.ImmigrationStatus.OTHER
        else None,
        "status_since": long_date(p.status_since),
        "status_since_year": str(p.status_since.year) if p.status_since else None,
        "has_criminal_history": _yes(p.has_criminal_history),
        "criminal_history": p.criminal_history_summary or None,
        "aliases": [str(a) for a in p.aliases or []],
        "vulnerabilities": [str(labels.get(v, v)) for v in p.vulnerabilities or []],
    }


def _family(s: Sources) -> list[dict[str, Any]]:
    return [
        {
            "name": r.full_name,
            "relationship": r.get_relationship_display().lower(),
            "us_citizen": _yes(bool(r.is_us_citizen)),
        }
        for r in s.relatives
    ]


def _life_events(s: Sources) -> list[dict[str, Any]]:
    events = sorted(
        (e for e in s.life_events if e.on is not None),
        key=lambda e: e.on or datetime.date.min,
    )
    return [
        {
            "description": e.description,
            "date": long_date(e.on),
            "expected": _yes(e.occurred_on is None),
        }
        for e in events
    ]


def _case(s: Sources) -> dict[str, Any]:
    return {
        "title": s.case.title,
        "reference": str(s.case.id)[:8],
        "opened_on": long_date(s.case.opened_on),
        "time_zone": str(s.zone.key),
    }


def _custody(s: Sources) -> dict[str, Any] | None:
    if not s.placements and s.arrest is None:
        return None
    current = next((p for p in s.placements if p.ended_at is None), None)
    starts = [p.started_at for p in s.placements]
    if s.arrest is not None:
        starts.append(s.arrest.arrested_at)
    today = s.now.astimezone(s.zone).date()
    first = min(starts).astimezone(s.zone).date() if starts else None
    placements = []
    transfers = []
    previous: Placement | None = None
    for placement in s.placements:
        facility = placement.facility
        placements.append(
            {
                "facility": facility_name(facility.name),
                "place": place_name(facility.city, facility.state),
                "start": long_date(placement.started_at.astimezone(s.zone).date()),
                "end": long_date(placement.ended_at.astimezone(s.zone).date())
                if placement.ended_at
                else "present",
                "current": placement.ended_at is None,
            }
        )
        if previous is not None:
            transfers.append(
                f"On {long_date(placement.started_at.astimezone(s.zone).date())}, ICE "
                f"transferred {s.person.full_name} from {facility_name(previous.facility.name)} "
                f"in {place_name(previous.facility.city, previous.facility.state)} to "
                f"{facility_name(facility.name)} in {place_name(facility.city, facility.state)}."
            )
        previous = placement
    held_at = current.facility if current else None
    address = None
    if held_at is not None and held_at.address:
        street = title_case(held_at.address) if held_at.address.isupper() else held_at.address
        city = title_case(held_at.city) if held_at.city.isupper() else held_at.city
        address = f"{street}, {city}, {held_at.state} {held_at.zip_code}".strip()
    arrest = s.arrest
    return {
        "facility": facility_name(held_at.name) if held_at else None,
        "facility_place": place_name(held_at.city, held_at.state) if held_at else None,
        "facility_address": address,
        "since": long_date(current.started_at.astimezone(s.zone).date()) if current else None,
        "detained_since": long_date(first),
        "days_detained": str((today - first).days) if first and current else None,
        "arrest_date": long_date(arrest.arrested_at.astimezone(s.zone).date()) if arrest else None,
        "arrest_place": arrest.place if arrest else None,
        "arrest_agency": arrest.get_agency_display() if arrest else None,
        "arrest_circumstances": arrest.circumstances or None if arrest else None,
        "placements": placements,
        "transfers": transfers,
    }


def _venue(s: Sources) -> dict[str, Any] | None:
    found = s.venue
    if found is None:
        return None
    office = found.field_office
    court = found.district_court
    address = None
    current = next((p for p in s.placements if p.ended_at is None), None)
    own = current.facility.field_office if current else None
    if office is not None and own is not None and own.code == office.code:
        address = own.address or None
    return {
        "field_office": office.name if office else None,
        "field_office_code": office.code if office else None,
        "field_office_director": f"Field Office Director, {office.name}" if office else None,
        "field_office_address": address,
        "district_court": court.name if court else None,
        "division": court.division if court else None,
        "circuit": f"{found.circuit} Circuit" if found.circuit else None,
        "immigration_court": "; ".join(c.name for c in found.immigration_courts) or None,
    }


# How a petition names each respondent's role ("… is named as the immediate custodian").
ROLE_LABELS = {
    Respondent.Role.IMMEDIATE_CUSTODIAN: "immediate custodian",
    Respondent.Role.FIELD_OFFICE_DIRECTOR: "ICE field office director",
    Respondent.Role.ICE_DIRECTOR: "Director of U.S. Immigration and Customs Enforcement",
    Respondent.Role.DHS_SECRETARY: "Secretary of Homeland Security",
    Respondent.Role.ATTORNEY_GENERAL: "Attorney General of the United States",
}


def _role_label(role: str) -> str:
    return ROLE_LABELS.get(role, "respondent")  # type: ignore[call-overload]


def _respondents(s: Sources) -> list[dict[str, Any]]:
    if s.respondents:
        rows = [(r.role, r.title, r.name) for r in s.respondents]
    elif s.venue is not None:
        rows = [(r.role, r.title, r.name) for r in s.venue.respondents]
    else:
        rows = []
    return [
        {
            "role": role,
            "role_label": _role_label(role),
            "title": title,
            "name": name,
            "display": f"{name}, {title}" if name else title,
        }
        for role, title, name in rows
    ]


def _court(s: Sources, respondents: list[dict[str, Any]]) -> dict[str, Any] | None:
    division: str | None = None
    docket = None
    if s.court_case is not None:
        court = s.court_case.court
        name, short = court.name, court.short_name or court.code
        division = s.court_case.division or None
        docket = s.court_case.docket_number or None
        venue_court = s.venue.district_court if s.venue else None
        if division is None and venue_court is not None and venue_court.id == court.code:
            division = venue_court.division
    elif s.venue is not None and s.venue.district_court is not None:
        found = s.venue.district_court
        name, short, division = found.name, found.short_name, found.division
    else:
        return None
    match = _COURT_NAME.match(name)
    district = match.group("district") if match else None
    custodian = next(
        (r["display"] for r in respondents if r["role"] == "immediate-custodian"), None
    )
    return {
        "name": name,
        "caption_court": "UNITED STATES DISTRICT COURT" if match else name.upper(),
        "caption_district": district.upper() if district else None,
        "district": district,
        "division": division.upper() if division else None,
        "short_name": short,
        "docket_number": docket,
        "custodian": custodian,
    }


def _parole(s: Sources) -> dict[str, Any] | None:
    request = s.parole
    if request is None:
        return None
    assessment = assessment_latest(request)
    categories: list[dict[str, Any]] = []
    argument: list[str] = []
    regime = None
    if assessment is not None:
        factors = assessment.factors or {}
        for category in PAROLE_CATEGORIES:
            answer = factors.get(category.key)
            if isinstance(answer, dict) and answer.get("applies") is True:
                categories.append(
                    {
                        "citation": category.citation,
                        "label": category.label,
                        "evidence": str(answer.get("evidence", "")).strip(),
                    }
                )
        argument = list(assessment_argument(assessment).paragraphs)
        regime = assessment.regime.name if assessment.regime else None
    return {
        "type": request.request_type.name,
        "legal_basis": request.legal_basis or request.request_type.legal_basis or None,
        "reason": request.reason or None,
        "requested_days": str(request.requested_days) if request.requested_days else None,
        "requested_duration": days_words(request.requested_days),
        "urgency_date": long_date(request.urgency_until),
        "status": request.get_status_display().lower(),
        "addressed_to": request.addressed_to or None,
        "submitted_at": long_datetime(request.submitted_at, s.zone),
        "channel": request.get_channel_display().lower() if request.channel else None,
        "categories": categories,
        "argument": argument,
        "regime": regime,
    }


def _decision(s: Sources) -> dict[str, Any] | None:
    decision = getattr(s.parole, "decision", None) if s.parole is not None else None
    if decision is None:
        return None
    return {
        "outcome": decision.get_outcome_display().lower(),
        "decided_at": long_datetime(decision.decided_at, s.zone),
        "decided_on": long_date(decision.decided_at.astimezone(s.zone).date()),
        "submitted_at": long_datetime(decision.submitted_at, s.zone),
        "turnaround": duration_words(decision.turnaround_minutes),
        "turnaround_minutes": str(decision.turnaround_minutes),
        "reasons_given": _yes(decision.reasons_given),
        "reasons": decision.reasons or None,
        "decided_by": decision.decided_by or None,
    }


def _renewed(s: Sources) -> dict[str, Any] | None:
    request = s.renewed
    if request is None:
        return None
    return {
        "reason": request.reason or None,
        "requested_days": str(request.requested_days) if request.requested_days else None,
        "requested_duration": days_words(request.requested_days),
        "urgency_date": long_date(request.urgency_until),
        "addressed_to": request.addressed_to or None,
    }


def _evidence(s: Sources) -> list[dict[str, Any]]:
    labels = dict(Document.EvidenceKind.choices)
    return [
        {
            "title": d.title,
            "kind": str(labels.get(d.evidence_kind, "Evidence")),
            "received_on": long_date(d.created_at.astimezone(s.zone).date()),
        }
        for d in s.evidence
    ]


def _inquiry(s: Sources) -> dict[str, Any] | None:
    inquiry = s.inquiry
    if inquiry is None:
        return None
    return {
        "summary": inquiry.summary or None,
        "waiver_signed_on": long_date(inquiry.waiver_signed_on),
        "status": inquiry.get_outcome_display().lower(),
    }


def _congress(s: Sources) -> dict[str, Any] | None:
    if s.inquiry is None:
        return None
    office = s.inquiry.office
    senate = office.chamber == office.Chamber.SENATE
    return {
        "member": str(office),
        "member_name": office.member_name,
        "title": "Senator" if senate else "Representative",
        "state": office.state,
        "district": office.district or None,
        "caseworker": office.caseworker or None,
    }


def _ice(s: Sources) -> dict[str, Any]:
    return {
        "congressional_relations_email": ICE_OCR_EMAIL,
        "congressional_relations_phone": ICE_OCR_PHONE,
    }


def _public(s: Sources) -> dict[str, Any] | None:
    publication = s.publication
    if publication is None:
        return None
    return {
        "name": publication.name_as_consented,
        "consent_on": long_date(publication.consent_on),
        "show_facility": _yes(publication.show_facility),
    }


def _press(s: Sources) -> dict[str, Any]:
    consented = [st for st in s.statements if st.publicity_consent]
    family = next(
        (st for st in consented if st.author_kind == Statement.AuthorKind.PERSON and st.text),
        None,
    )
    declined = next(
        (st for st in s.statements if st.kind == Statement.Kind.DECLINED_TO_COMMENT), None
    )
    allies: list[str] = []
    for st in consented:
        if st.author_kind == Statement.AuthorKind.ORGANISATION and st.author_name not in allies:
            allies.append(st.author_name)
    agency = None
    if declined is not None:
        day = long_date(declined.said_at.astimezone(s.zone).date())
        agency = f"{declined.author_name} declined to comment on {day}."
    return {
        "family_quote": family.text if family else None,
        "family_quote_author": family.author_name if family else None,
        "agency_response": agency,
        "allies": allies,
    }


def case_context(
    case: Case, *, actor: User | None, now: datetime.datetime | None = None
) -> dict[str, Any]:
    """Every declared field for `case`, as JSON-ready values (None where the case has no data)."""
    s = load_sources(case, actor=actor, now=now)
    respondents = _respondents(s)
    built: dict[str, Any] = {
        "today": _today(s),
        "organisation": _organisation(s),
        "attorney": _attorney(s),
        "client": _client(s),
        "family": _family(s),
        "life_events": _life_events(s),
        "case": _case(s),
        "custody": _custody(s),
        "venue": _venue(s),
        "court": _court(s, respondents),
        "respondents": respondents,
        "parole": _parole(s),
        "decision": _decision(s),
        "renewed": _renewed(s),
        "evidence": _evidence(s),
        "inquiry": _inquiry(s),
        "congress": _congress(s),
        "ice": _ice(s),
        "public": _public(s),
        "press": _press(s),
        "timeline": s.timeline,
    }
    assert list(built) == [g.name for g in GROUPS], "context groups out of step with fields.py"
    return built
