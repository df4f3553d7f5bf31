"""Reads for the advocacy side of a case (waivers, inquiries, statements, allies), members of
Congress, and the public advocacy page and its management page.

The public page is built only from what is public by consent: the publication's own fields, the
entries written for the page, and statements the client agreed may be used in public. Nothing
else from the case (A-number, notes, documents, relatives, requests, criminal history) is read.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.advocacy.models import (
    AdvocacyOrganisation,
    CongressionalOffice,
    Inquiry,
    Publication,
    PublicEvent,
    Statement,
    Waiver,
)
from amparo.advocacy.rules import address_zip_state, normalise_district, states_for_zip
from amparo.cases.models import Arrest, Case
from amparo.core.access import case_item_for, relatives_of
from amparo.courts.models import Hearing, Order
from amparo.custody.models import Placement
from amparo.relief.models import Decision, Request

if TYPE_CHECKING:
    from amparo.core.access import Actor


def statements_public(case_id: Any, *, now: datetime.datetime | None = None) -> QuerySet[Statement]:
    """Statements that may appear in public: the client consented and no embargo is running."""
    moment = now or timezone.now()
    return Statement.objects.filter(case_id=case_id, publicity_consent=True).filter(
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=moment)
    )


def waiver_naming(case: Case, *, member_id: object, recipient: str) -> Waiver | None:
    """The latest waiver of the case naming this recipient (same member, or same office text)."""
    for waiver in Waiver.objects.filter(case=case).order_by("-signed_on", "-created_at"):
        if waiver.names(member_id=member_id, recipient=recipient):
            return waiver
    return None


def waiver_facts(case: Case) -> tuple[bool, tuple[str, ...]]:
    """Whether the client signed any waiver, and the offices of unsent inquiries that no waiver
    names yet (5 U.S.C. § 552a(b): consent is per recipient). One query without a waiver."""
    waivers = list(Waiver.objects.filter(case=case))
    if not waivers:
        return False, ()
    unsent = Inquiry.objects.filter(case=case, sent_at__isnull=True)
    return True, tuple(
        i.recipient
        for i in unsent
        if not any(w.names(member_id=i.office_id, recipient=i.recipient) for w in waivers)
    )


@dataclass(frozen=True)
class StatementRow:
    statement: Statement
    answered: list[CaseEvent]


@dataclass(frozen=True)
class AdvocacyRecord:
    waivers: list[Waiver]
    inquiries: list[Inquiry]
    statements: list[Statement]
    allies: list[AdvocacyOrganisation]
    unwaived: list[str]
    events: list[CaseEvent]
    statement_rows: list[StatementRow]
    more_statements: bool = False  # older statements than these exist (not read)


# The panel lists the newest statements only, so it costs the same however many a long case has;
# `every=True` ("Show every statement") reads them all.
STATEMENTS_SHOWN = 20


def case_advocacy(case: Case, *, every: bool = False) -> AdvocacyRecord:
    """The advocacy side of a case loaded through `access.case_for`: a fixed number of queries."""
    waivers = list(Waiver.objects.filter(case=case).select_related("member"))
    inquiries = list(
        Inquiry.objects.filter(case=case)
        .select_related("office", "waiver")
        .prefetch_related("follow_ups")
    )
    unwaived = [
        i.recipient
        for i in inquiries
        if i.sent_at is None
        and not any(w.names(member_id=i.office_id, recipient=i.recipient) for w in waivers)
    ]
    statements_of = Statement.objects.filter(case=case).select_related("advocacy_organisation")
    more = False
    if every:
        statements = list(statements_of)
    else:
        newest = list(statements_of.order_by("-said_at", "-id")[: STATEMENTS_SHOWN + 1])
        more, statements = len(newest) > STATEMENTS_SHOWN, newest[:STATEMENTS_SHOWN][::-1]
    events = answerable_events(case)
    return AdvocacyRecord(
        waivers=waivers,
        inquiries=inquiries,
        statements=statements,
        events=events,
        statement_rows=[StatementRow(s, statement_answers(s, events)) for s in statements],
        allies=list(
            AdvocacyOrganisation.objects.filter(
                organisation_id=case.organisation_id
            ).prefetch_related("contacts")
        ),
        unwaived=unwaived,
        more_statements=more,
    )


@dataclass(frozen=True)
class MemberSearch:
    state: str
    district: str
    states_from_zip: list[str]
    members: list[CongressionalOffice]


def members_for(*, state: str = "", district: str = "", zip_code: str = "") -> MemberSearch:
    """Senators of the state and the House member of the district (public reference data).

    A ZIP gives the state only (see `advocacy.rules`); the district is entered by hand.
    """
    from_zip = states_for_zip(zip_code) if zip_code else []
    state = (state or (from_zip[0] if from_zip else "")).strip().upper()
    district = normalise_district(district)
    if not state:
        return MemberSearch("", district, from_zip, [])
    found = CongressionalOffice.objects.filter(state=state)
    if district:
        found = found.filter(Q(chamber=CongressionalOffice.Chamber.SENATE) | Q(district=district))
    return MemberSearch(state, district, from_zip, list(found.order_by("-chamber", "member_name")))


@dataclass(frozen=True)
class AddressGuess:
    """Where to look for the client's members of Congress: the ZIP and state of the family's
    address (the client, detained, has none on file), and whose address it is."""

    zip_code: str
    state: str
    whose: str


def members_prefill(user: Actor, case: Case) -> AddressGuess | None:
    """The first relative's address with a ZIP Code, for prefilling the member search; only for
    roles that see the client's family (`access.relatives_of`: not advocacy staff)."""
    for relative in relatives_of(user, case.person).exclude(address=""):
        zip_code, state = address_zip_state(relative.address)
        if zip_code:
            return AddressGuess(zip_code, state, relative.get_relationship_display())
    return None


# The case events a statement can answer, with what the case page and the public page call them.
ANSWERABLE_KINDS: dict[str, Any] = {
    "arrest": _("the arrest"),
    "placement": _("a placement or transfer"),
    "request": _("a request"),
    "decision": _("a decision"),
    "hearing": _("a hearing"),
    "order": _("a court order"),
}


@dataclass(frozen=True)
class CaseEvent:
    kind: str
    id: str
    at: datetime.datetime
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def kind_label(self) -> str:
        return str(ANSWERABLE_KINDS[self.kind])


def answerable_events(case: Case) -> list[CaseEvent]:
    """The events of a case a statement can answer (the arrest, placements and transfers,
    requests sent, decisions, hearings, court orders), oldest first. No privileged field is
    read: a label names the kind of event, the place or the outcome only."""
    events = [
        CaseEvent("arrest", str(a.id), a.arrested_at, str(_("Arrest: %s")) % a.place)
        for a in Arrest.objects.filter(case=case)
    ]
    events += [
        CaseEvent("placement", str(p.id), p.started_at, str(_("Held at %s")) % p.facility.name)
        for p in Placement.objects.filter(case=case).select_related("facility")
    ]
    events += [
        CaseEvent(
            "request",
            str(r.id),
            r.submitted_at,
            str(_("Request sent: %s")) % r.request_type.shown_name,
        )
        for r in Request.objects.filter(case=case, submitted_at__isnull=False).select_related(
            "request_type"
        )
        if r.submitted_at is not None
    ]
    events += [
        CaseEvent(
            "decision",
            str(d.id),
            d.decided_at,
            str(_("Decision: %(type)s %(outcome)s"))
            % {
                "type": d.request.request_type.shown_name,
                "outcome": d.get_outcome_display().lower(),
            },
        )
        for d in Decision.objects.filter(request__case=case).select_related("request__request_type")
    ]
    events += [
        CaseEvent("hearing", str(h.id), h.starts_at, str(_("Hearing: %s")) % (h.purpose or ""))
        for h in Hearing.objects.filter(court_case__case=case)
    ]
    events += [
        CaseEvent("order", str(o.id), o.issued_at, str(_("Order: %s")) % o.get_kind_display())
        for o in Order.objects.filter(court_case__case=case)
    ]
    events.sort(key=lambda e: (e.at, e.kind))
    return events


def statement_answers(statement: Statement, events: list[CaseEvent]) -> list[CaseEvent]:
    """The events a statement names, among the case's (a removed event drops out)."""
    by_key = {e.key: e for e in events}
    keys = [f"{a.get('kind')}:{a.get('id')}" for a in statement.answers or []]
    return [by_key[k] for k in keys if k in by_key]


@dataclass(frozen=True)
class PublicItem:
    on: datetime.date
    text: str
    author: str = ""
    url: str = ""
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublicPage:
    name: str
    facility: str | None
    summary: str
    items: list[PublicItem]


def public_page(publication: Publication) -> PublicPage:
    """What the public page shows for a live publication (from `access.publication_live`)."""
    facility = None
    if publication.show_facility:
        placement = (
            Placement.objects.filter(case_id=publication.case_id, ended_at__isnull=True)
            .select_related("facility")
            .first()
        )
        if placement is not None:
            where = placement.facility
            facility = ", ".join(
                part for part in (where.name, where.city.title(), where.state) if part
            )
    items = [
        PublicItem(on=event.happened_on, text=event.text)
        for event in PublicEvent.objects.filter(publication=publication)
    ]
    zone = zoneinfo.ZoneInfo(publication.case.organisation.time_zone)
    statements = list(statements_public(publication.case_id))
    events = answerable_events(publication.case) if any(s.answers for s in statements) else []
    # What a statement answers shows as the kind of event and its date only: no place, outcome
    # or facility reaches the public page through it.
    items += [
        PublicItem(
            on=statement.said_at.astimezone(zone).date(),
            text=statement.text or statement.get_kind_display(),
            author=statement.author_name,
            url=statement.url,
            answers=tuple(
                f"{e.kind_label} ({e.at.astimezone(zone).date().isoformat()})"
                for e in statement_answers(statement, events)
            ),
        )
        for statement in statements
    ]
    items.sort(key=lambda item: item.on)
    return PublicPage(
        name=publication.name_as_consented,
        facility=facility,
        summary=publication.summary,
        items=items,
    )


@dataclass(frozen=True)
class PublicationRecord:
    publication: Publication
    events: list[PublicEvent]


def case_publications(case: Case) -> list[PublicationRecord]:
    """Every publication of a case (live and withdrawn) with its public entries; the caller
    loaded the case through `access.case_for`."""
    publications = (
        Publication.objects.filter(case=case)
        .select_related("consent_recorded_by", "withdrawn_by")
        .prefetch_related("events")
    )
    return [PublicationRecord(p, list(p.events.all())) for p in publications]


def inquiry_get(user: Actor, inquiry_id: Any, *, write: bool = False) -> Inquiry:
    """An inquiry through the case gate; `write` asks for the advocacy writers' scope."""
    return case_item_for(user, Inquiry, inquiry_id, advocacy=write)


def statement_get(user: Actor, statement_id: Any, *, write: bool = False) -> Statement:
    return case_item_for(user, Statement, statement_id, advocacy=write)


def member_get(member_id: Any) -> CongressionalOffice | None:
    """A loaded member of Congress (public reference data), or None."""
    return CongressionalOffice.objects.filter(pk=member_id).first() if member_id else None


def case_statements(case: Case) -> list[Statement]:
    return list(Statement.objects.filter(case=case).select_related("advocacy_organisation"))


def case_waivers(case: Case) -> list[Waiver]:
    return list(Waiver.objects.filter(case=case))


def case_inquiries(case: Case) -> list[Inquiry]:
    return list(
        Inquiry.objects.filter(case=case)
        .select_related("office", "waiver")
        .prefetch_related("follow_ups")
    )
