"""Generated cases, written with bulk inserts: a client at real facilities (weighted by each
facility's average daily population in ICE's statistics), transfers, requests of every type with
decisions and realistic turnarounds, habeas petitions with their orders and deadlines,
congressional inquiries with the privacy waivers they need, statements, notes and life
events — about ten dated events per case.

Every row is set here, including creation times in the past, so timelines read as if the team had
recorded things as they happened. The database's constraints check every row. Audit events are
not generated: synthetic rows were never read or written by a person, and the audit trail stays
a record of what people did (so `amparo audit verify` holds after a run).
"""

from __future__ import annotations

import csv
import datetime
import itertools
import random
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone

from amparo.advocacy.models import CongressionalOffice, Inquiry, Statement, Waiver
from amparo.cases.models import Arrest, Case, Note
from amparo.core.phrases import stored
from amparo.courts.models import Court, CourtCase, Filing, Hearing, Order
from amparo.custody.models import Facility, Placement
from amparo.custody.rules import FacilityFacts, VenueError, venue
from amparo.deadlines import rules as deadline_rules
from amparo.deadlines.models import Deadline
from amparo.people.models import LifeEvent, Person
from amparo.relief.models import Decision, Request, RequestType
from amparo.sampledata import names
from amparo.sampledata.bulk import Writers
from amparo.sampledata.profiles import pick

POPULATION_FILE = Path(__file__).parent / "data" / "facility_population.csv"
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)


class Weighted:
    """Values drawn by weight: `draw` gives what `rng.choices(values, weights)[0]` gives (the
    weights are summed the same way), without summing the weights again at every draw."""

    def __init__(self, values: list[Any], weights: list[int]) -> None:
        self.values, self.cum_weights = values, list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


OPEN_STATUSES = Weighted(["active", "intake", "on-hold"], [85, 8, 7])
TRANSFERS = Weighted([0, 1, 2, 3], [60, 25, 10, 5])
REQUESTS = Weighted([0, 1, 2, 3, 4, 5], [12, 30, 28, 16, 9, 5])
NOTES = Weighted([0, 1, 2, 3, 4, 5, 6], [5, 12, 20, 22, 18, 13, 10])
# A choice type's `.values` builds a new list at every call: a tenth of the generator's time.
IMMIGRATION_STATUSES = list(Person.ImmigrationStatus.values)
ARREST_AGENCIES = list(Arrest.Agency.values)
PLACEMENT_SOURCES = list(Placement.Source.values)
WAIVER_FORMS = list(Waiver.Form.values)
INQUIRY_CHANNELS = ["email", "portal", "phone"]
INQUIRY_OUTCOMES = Weighted(
    ["information", "custody-review", "released", "declined"], [45, 20, 5, 30]
)


@dataclass(frozen=True)
class Site:
    """A facility with what generation needs about it."""

    id: uuid.UUID
    name: str
    field_office_id: uuid.UUID | None
    field_office_name: str
    district_court_id: uuid.UUID | None
    district_code: str
    state: str


@dataclass(frozen=True)
class Team:
    """Who works an organisation's generated cases."""

    organisation_id: uuid.UUID
    time_zone: str
    attorneys: tuple[uuid.UUID, ...]
    staff: tuple[uuid.UUID, ...]


def _populations() -> dict[tuple[str, str], float]:
    with POPULATION_FILE.open(encoding="utf-8") as handle:
        return {
            (row["name"], row["state"]): float(row["average_daily_population"])
            for row in csv.DictReader(handle)
        }


def load_sites() -> tuple[list[Site], list[float]]:
    """Facilities with a field office, their venue's district court, and population weights."""
    population = _populations()
    courts = dict(Court.objects.values_list("code", "id"))
    sites, weights = [], []
    for facility in Facility.objects.select_related("field_office").order_by("name"):
        office = facility.field_office
        if office is None:
            continue
        try:
            district = venue(FacilityFacts.from_model(facility)).district_court
        except VenueError:
            district = None
        code = district.id if district else ""
        sites.append(
            Site(
                facility.id,
                facility.name,
                office.id,
                office.name,
                courts.get(code),
                code,
                facility.state,
            )
        )
        weights.append(max(population.get((facility.name, facility.state), 5.0), 1.0))
    return sites, weights


def _offices_by_state() -> dict[str, list[tuple[uuid.UUID | None, str]]]:
    offices: dict[str, list[tuple[uuid.UUID | None, str]]] = {}
    for office in CongressionalOffice.objects.order_by("state", "member_name"):
        offices.setdefault(office.state, []).append((office.id, f"Office of {office}"))
    return offices


def time_ordered_id(epoch_ms: int, sequence: int, rng: random.Random) -> uuid.UUID:
    """A UUID laid out as RFC 9562's version 7: 48 bits of Unix milliseconds, the version,
    12 bits of a counter within the millisecond, the variant and 62 random bits. The clock is
    the start of the run plus one millisecond per 4,096 ids (RFC 9562, 6.2, method 1: a fixed
    counter), so ids sort in the order they were made, and a later run starts after.

    Why (docs/benchmarks.md, synth): with random keys each batch of `synth` wrote its rows all
    over every key index of an 800 MB SQLite file, which then outgrew the page cache; 100,000
    cases wrote 21 GB. In order, each batch fills the last pages of each index."""
    millisecond = epoch_ms + (sequence >> 12)
    value = (
        (millisecond & 0xFFFF_FFFF_FFFF) << 80
        | 0x7 << 76
        | (sequence & 0xFFF) << 64
        | 0b10 << 62
        | rng.getrandbits(62)
    )
    return uuid.UUID(int=value)


class Generator:
    """Adds the rows of one case at a time to buffered writers; the caller flushes them."""

    def __init__(self, *, seed: int, now: datetime.datetime, used_a_numbers: set[str]):
        self.rng = random.Random(seed)
        self.now = now
        # Ids draw from a generator of their own, so the data of a seed does not depend on them.
        self._id_rng = random.Random(seed ^ 0x1D5)
        self._id_epoch_ms = time.time_ns() // 1_000_000
        self._ids_made = 0
        self.today = timezone.localdate(now)
        self.used_a_numbers = used_a_numbers
        self.sites, self.site_weights = load_sites()
        self._site_cum_weights = list(itertools.accumulate(self.site_weights))
        self.request_types = dict(RequestType.objects.values_list("slug", "id"))
        self.dockets: set[tuple[uuid.UUID, str]] = set(
            CourtCase.objects.exclude(docket_number="").values_list("court_id", "docket_number")
        )
        self.offices = _offices_by_state()
        self.writers = Writers()
        self._tables()

    def _tables(self) -> None:
        w, base = self.writers, ("id", "created_at", "updated_at")
        self.person = w.table(
            Person, *base, "organisation", "given_name", "family_name", "aliases", "a_number",
            "date_of_birth", "country_of_birth", "citizenships", "languages",
            "immigration_status",
        )  # fmt: skip
        self.case = w.table(
            Case, *base, "organisation", "person", "title", "status", "lead_attorney",
            "opened_on", "closed_on", "tags",
        )  # fmt: skip
        self.arrest = w.table(Arrest, *base, "case", "arrested_at", "place", "agency")
        self.placement = w.table(
            Placement, *base, "case", "facility", "started_at", "ended_at", "source",
            "observed_at",
        )  # fmt: skip
        self.request = w.table(
            Request, *base, "case", "request_type", "reason", "requested_days", "addressed_to",
            "field_office", "status", "submitted_at", "channel", "submitted_by",
        )  # fmt: skip
        self.decision = w.table(
            Decision, *base, "request", "submitted_at", "decided_at", "outcome",
            "reasons_given", "reasons", "decided_by", "recorded_by",
        )  # fmt: skip
        self.court_case = w.table(
            CourtCase, *base, "case", "court", "kind", "status", "docket_number", "caption",
            "filed_at",
        )  # fmt: skip
        self.filing = w.table(Filing, *base, "court_case", "title", "filed_at", "filed_by")
        self.order = w.table(Order, *base, "court_case", "kind", "issued_at", "served_on")
        self.hearing = w.table(Hearing, *base, "court_case", "starts_at", "purpose")
        self.deadline = w.table(
            Deadline, *base, "case", "court_case", "title", "rule", "citation", "source_event",
            "trigger_on", "computed_on", "due_on", "days", "steps", "assignee", "done_at",
            "done_by",
        )  # fmt: skip
        self.statement = w.table(
            Statement, *base, "case", "author_kind", "author_name", "kind", "said_at", "text",
            "publicity_consent",
        )  # fmt: skip
        self.note = w.table(Note, *base, "case", "author", "body", "privileged")
        self.waiver = w.table(
            Waiver, *base, "case", "member", "recipient", "form", "signed_on", "signed_by",
            "scope",
        )  # fmt: skip
        self.inquiry = w.table(
            Inquiry, *base, "case", "office", "recipient", "asked_for", "waiver", "sent_at",
            "channel", "response_at", "outcome", "summary",
        )  # fmt: skip
        self.life_event = w.table(
            LifeEvent, *base, "person", "kind", "description", "expected_on", "occurred_on"
        )

    def _id(self) -> uuid.UUID:
        """A time-ordered id (`time_ordered_id`): each table's new rows go to the end of its
        key index, and of every index that starts with a case id."""
        self._ids_made += 1
        return time_ordered_id(self._id_epoch_ms, self._ids_made, self._id_rng)

    def _a_number(self) -> str:
        while True:
            number = f"{self.rng.randrange(200_000_000, 320_000_000):09d}"
            if number not in self.used_a_numbers:
                self.used_a_numbers.add(number)
                return number

    def _site(self) -> Site:
        return self.rng.choices(self.sites, cum_weights=self._site_cum_weights)[0]

    def add_case(self, team: Team) -> uuid.UUID:
        """One client and their case with everything that happened since the arrest."""
        rng = self.rng
        person_id, case_id = self._id(), self._id()
        given = rng.choice(names.GIVEN_NAMES)
        family = f"{rng.choice(names.FAMILY_NAMES)} {rng.choice(names.FAMILY_NAMES)}"
        # Most cases are recent; a long tail has been open for a year or two.
        age_days = min(int(rng.expovariate(1 / 120)) + 2, 900)
        arrested = self.now - datetime.timedelta(days=age_days, minutes=rng.randint(0, 1439))
        self.person.add(
            person_id, arrested + HOUR, arrested + HOUR, team.organisation_id, given, family,
            [f"{given} {family.split()[0]}"] if rng.random() < 0.2 else [], self._a_number(),
            datetime.date(rng.randint(1960, 2006), rng.randint(1, 12), rng.randint(1, 28)),
            rng.choice(names.COUNTRIES), [], rng.choice([["Spanish"], ["Spanish", "English"]]),
            rng.choice(IMMIGRATION_STATUSES),
        )  # fmt: skip
        lead = rng.choice(team.attorneys) if team.attorneys else None
        released = self._custody(case_id, arrested, team)
        status, closed_on = self._status(released, team)
        self.case.add(
            case_id, arrested + 2 * HOUR, arrested + 2 * HOUR, team.organisation_id, person_id,
            f"{family} — custody", status, lead, timezone.localtime(arrested).date(), closed_on,
            ["generated"],
        )  # fmt: skip
        self._requests(case_id, arrested, released, team)
        if released is None and rng.random() < 0.04:
            # A petition filed this week with an order to show cause just served: the
            # deadlines dashboard has returns and hearings coming up.
            filed = self.now - DAY * rng.randint(3, 6)
            if filed > arrested:
                self._habeas(case_id, filed, self.now, team, served_days_ago=rng.randint(0, 2))
        self._notes(case_id, arrested, released, team)
        if rng.random() < 0.12:
            self._statements(case_id, given, family, arrested, released)
        if rng.random() < 0.08:
            self._inquiry(case_id, arrested, released)
        if rng.random() < 0.06:
            self._life_event(person_id, arrested)
        return case_id

    def _status(
        self, released: datetime.datetime | None, team: Team
    ) -> tuple[str, datetime.date | None]:
        if released is not None:
            return Case.Status.CLOSED, released.astimezone(timezone.get_current_timezone()).date()
        return OPEN_STATUSES.draw(self.rng), None

    def _custody(
        self, case_id: uuid.UUID, arrested: datetime.datetime, team: Team
    ) -> datetime.datetime | None:
        """Arrest, first placement and transfers; returns the release time, if released."""
        rng = self.rng
        self.arrest.add(
            self._id(), arrested + 3 * HOUR, arrested + 3 * HOUR, case_id, arrested,
            rng.choice(names.ARREST_PLACES), rng.choice(ARREST_AGENCIES),
        )  # fmt: skip
        started = arrested + datetime.timedelta(hours=rng.randint(2, 12))
        site = self._site()
        self.current_site = site
        transfers = TRANSFERS.draw(rng)
        moves = sorted(
            started + datetime.timedelta(minutes=rng.randint(60, 60 * 24 * 40))
            for _ in range(transfers)
        )
        moves = [m for m in moves if m < self.now - HOUR]
        span = (self.now - started).days
        released = None
        if span > 20 and rng.random() < min(0.6, span / 300):
            released = started + datetime.timedelta(days=rng.randint(10, span))
            moves = [m for m in moves if m < released]
        ends = [*moves, released]
        for start, end in zip([started, *moves], ends, strict=False):
            source = rng.choice(PLACEMENT_SOURCES)
            self.placement.add(
                self._id(), start + 6 * HOUR, start + 6 * HOUR, case_id, site.id, start, end,
                source, start + 6 * HOUR,
            )  # fmt: skip
            self.current_site = site
            site = self._site()
        return released

    def _requests(
        self,
        case_id: uuid.UUID,
        arrested: datetime.datetime,
        released: datetime.datetime | None,
        team: Team,
    ) -> None:
        rng = self.rng
        count = REQUESTS.draw(rng)
        moment = arrested + datetime.timedelta(hours=rng.randint(4, 48))
        end = released or self.now
        for _ in range(count):
            if moment >= end:
                break
            moment = self._request(case_id, moment, end, team)
            moment += datetime.timedelta(hours=rng.randint(2, 24 * 14))

    def _request(
        self, case_id: uuid.UUID, drafted: datetime.datetime, end: datetime.datetime, team: Team
    ) -> datetime.datetime:
        """One request, submitted (most) and decided (most of those); returns its last moment."""
        rng, profile, site = self.rng, pick(self.rng), self.current_site
        request_id, staff = self._id(), rng.choice(team.staff) if team.staff else None
        submitted = drafted + datetime.timedelta(minutes=rng.randint(20, 60 * 30))
        if submitted >= end or rng.random() < 0.04:
            self.request.add(
                request_id, drafted, drafted, case_id, self.request_types[profile.slug],
                "Draft: gather the evidence before sending.", None, "", None, "draft", None,
                "", None,
            )  # fmt: skip
            return drafted
        decided = submitted + profile.turnaround(rng) * MINUTE
        answered = decided < end and rng.random() < 0.9
        self.request.add(
            request_id, drafted, submitted, case_id, self.request_types[profile.slug],
            f"Request under {profile.slug.replace('-', ' ')} for the client held at "
            f"{site.name}.", rng.choice([None, 14, 30, 60]), site.field_office_name,
            site.field_office_id, "decided" if answered else "submitted", submitted,
            rng.choice(profile.channels), staff,
        )  # fmt: skip
        if not answered:
            return submitted
        reasons_given = rng.random() < 0.35
        self.decision.add(
            self._id(), decided, decided, request_id, submitted, decided, profile.outcome(rng),
            reasons_given, "Not a priority for release at this time." if reasons_given else "",
            site.field_office_name, staff,
        )  # fmt: skip
        if profile.slug == "bond-redetermination" and rng.random() < 0.5:
            self._deadline(case_id, None, "bia-bond-appeal", decided, team)
        if rng.random() < 0.06 and site.district_court_id is not None:
            self._habeas(case_id, decided + HOUR * rng.randint(12, 96), end, team)
        return decided

    def _habeas(
        self,
        case_id: uuid.UUID,
        filed: datetime.datetime,
        end: datetime.datetime,
        team: Team,
        *,
        served_days_ago: int | None = None,
    ) -> None:
        rng, site = self.rng, self.current_site
        if filed >= end or site.district_court_id is None:
            return
        court_case_id = self._id()
        docket = ""
        while not docket or (site.district_court_id, docket) in self.dockets:
            docket = f"{rng.randint(1, 6)}:{filed:%y}-cv-{rng.randint(100, 999_999):06d}"
        self.dockets.add((site.district_court_id, docket))
        self.court_case.add(
            court_case_id, filed - DAY, filed, case_id, site.district_court_id,
            CourtCase.Kind.HABEAS, CourtCase.Status.FILED, docket,
            "Petition for a writ of habeas corpus", filed,
        )  # fmt: skip
        self.filing.add(self._id(), filed, filed, court_case_id, "Petition", filed, None)
        issued = filed + DAY * rng.randint(1, 3)
        if issued >= end:
            return
        served = issued.date()
        if served_days_ago is not None:
            served = max(served, self.today - DAY * served_days_ago)
        self.order.add(
            self._id(), issued, issued, court_case_id, Order.Kind.ORDER_TO_SHOW_CAUSE, issued,
            served,
        )  # fmt: skip
        due = self._deadline(case_id, court_case_id, "habeas-return", served, team)
        hearing_on = self._deadline(case_id, court_case_id, "habeas-hearing", due, team)
        at = datetime.datetime.combine(hearing_on, datetime.time(10), tzinfo=datetime.UTC)
        self.hearing.add(self._id(), issued, issued, court_case_id, at, "Hearing on the petition")

    def _deadline(
        self,
        case_id: uuid.UUID,
        court_case_id: uuid.UUID | None,
        rule: str,
        trigger: datetime.datetime | datetime.date,
        team: Team,
    ) -> datetime.date:
        trigger_on = trigger.date() if isinstance(trigger, datetime.datetime) else trigger
        found = deadline_rules.rule_for(rule)
        computed = deadline_rules.compute(rule, trigger_on)
        assert computed.due_on is not None
        done = computed.due_on < self.today - DAY and self.rng.random() < 0.95
        done_at = (
            datetime.datetime.combine(computed.due_on, datetime.time(15), tzinfo=datetime.UTC)
            if done
            else None
        )
        who = self.rng.choice(team.attorneys) if team.attorneys else None
        created = datetime.datetime.combine(trigger_on, datetime.time(18), tzinfo=datetime.UTC)
        self.deadline.add(
            self._id(), created, done_at or created, case_id, court_case_id, found.title[:200],
            found.slug, found.citation, f"Generated: {rule}", trigger_on, computed.computed_on,
            computed.due_on, computed.days, stored(computed.steps), who, done_at,
            who if done else None,
        )  # fmt: skip
        return computed.due_on

    def _notes(
        self,
        case_id: uuid.UUID,
        arrested: datetime.datetime,
        released: datetime.datetime | None,
        team: Team,
    ) -> None:
        rng = self.rng
        span = max(((released or self.now) - arrested).total_seconds() / 60, 60)
        for _ in range(NOTES.draw(rng)):
            at = arrested + MINUTE * rng.randint(30, int(span))
            body = rng.choice(names.NOTES).format(
                day=f"{at:%A}", language=rng.choice(names.LANGUAGES), city=rng.choice(names.CITIES)
            )
            author = rng.choice(team.staff) if team.staff else None
            self.note.add(self._id(), at, at, case_id, author, body, rng.random() < 0.35)

    def _statements(
        self,
        case_id: uuid.UUID,
        given: str,
        family: str,
        arrested: datetime.datetime,
        released: datetime.datetime | None,
    ) -> None:
        rng = self.rng
        end = released or self.now
        for _ in range(rng.randint(1, 3)):
            at = arrested + (end - arrested) * rng.random()
            if rng.random() < 0.4:
                kind, author_kind = Statement.Kind.DECLINED_TO_COMMENT, "agency"
                author = "U.S. Immigration and Customs Enforcement"
                text = "ICE declined to comment."
            else:
                kind, author_kind = Statement.Kind.PRESS_RELEASE, "family"
                author = f"{rng.choice(names.GIVEN_NAMES)} {family.split()[0]}"
                text = names.FAMILY_STATEMENT.format(given=given)
            self.statement.add(
                self._id(), at, at, case_id, author_kind, author, kind, at, text, True
            )

    def _inquiry(
        self, case_id: uuid.UUID, arrested: datetime.datetime, released: datetime.datetime | None
    ) -> None:
        """The client signs a release naming a member's office, and the office asks ICE.

        ICE shares a record with the office only on the client's written consent naming it
        (Privacy Act, 5 U.S.C. § 552a(b)), so every sent inquiry carries its waiver, signed
        before it. Answers take days to weeks; some never come."""
        rng, end = self.rng, released or self.now
        signed = arrested + DAY * rng.randint(2, 10) + MINUTE * rng.randint(0, 600)
        if signed >= end - HOUR:
            return
        office_id, recipient = self._office(self.current_site.state)
        waiver_id = self._id()
        self.waiver.add(
            waiver_id, signed, signed, case_id, office_id, recipient,
            rng.choice(WAIVER_FORMS), timezone.localtime(signed).date(), "client",
            "Records of detention, custody and removal proceedings.",
        )  # fmt: skip
        sent = signed + HOUR * rng.randint(2, 96)
        if sent >= end:
            return
        answered = sent + MINUTE * int(rng.lognormvariate(8.9, 0.9))  # median about 5 days
        if answered < end and rng.random() < 0.75:
            outcome, response, summary = INQUIRY_OUTCOMES.draw(rng), answered, "ICE answered."
        else:
            late = end - sent > 30 * DAY
            outcome, response, summary = ("no-response" if late else "pending"), None, ""
        self.inquiry.add(
            self._id(), signed, response or sent, case_id, office_id, recipient,
            "Ask ICE to review the client's custody.", waiver_id, sent,
            rng.choice(INQUIRY_CHANNELS), response, outcome, summary,
        )  # fmt: skip

    def _office(self, state: str) -> tuple[uuid.UUID | None, str]:
        """A member's office of the state where the client is held: a loaded one when the
        member list is loaded, else the office named as a team would name it."""
        offices = self.offices.get(state)
        if not offices:
            return None, f"Office of a U.S. Senator for {state}"
        return self.rng.choice(offices)

    def _life_event(self, person_id: uuid.UUID, arrested: datetime.datetime) -> None:
        if self.rng.random() < 0.6:
            expected = self.today + DAY * self.rng.randint(-30, 120)
            kind, description, occurred = "birth", "Partner due to give birth", None
        else:
            expected = None
            occurred = timezone.localtime(arrested).date() + DAY * self.rng.randint(1, 30)
            kind, description = "medical-emergency", "Mother taken to hospital"
        self.life_event.add(
            self._id(), arrested, arrested, person_id, kind, description, expected, occurred
        )
