"""Generated cases, written with bulk inserts: a client at real facilities (weighted by each
facility's average daily population in ICE's statistics), transfers, requests of every type with
decisions and realistic turnarounds, habeas petitions with their orders and deadlines,
congressional inquiries with the privacy waivers they need, statements, notes and life
events — about ten dated events per case.

Every row is set here, including creation times in the past, so timelines read as if the team had
recorded things as they happened. The database's constraints check every row. Audit events are
not generated: synthetic rows were never read or written by a person, and the audit trail stays
a record of what people did (so `amparo audit verify` holds after a run).

The client, custody, requests, notes and life events are drawn here; the court's rows in
`court_rows`, statements and congressional inquiries in `advocacy_rows`, all from the one seeded
generator of `draws`, in the order of the case's story. Facilities and teams are in `sites`.
"""

from __future__ import annotations

import datetime
import itertools
import uuid

from django.utils import timezone

from amparo.advocacy.models import Inquiry, Statement, Waiver
from amparo.cases.models import Arrest, Case, Note
from amparo.courts.models import CourtCase, Filing, Hearing, Order
from amparo.custody.models import Placement
from amparo.deadlines.models import Deadline
from amparo.people.models import LifeEvent, Person
from amparo.relief.models import Decision, Request, RequestType
from amparo.sampledata import names
from amparo.sampledata.advocacy_rows import AdvocacyRows
from amparo.sampledata.bulk import Writers
from amparo.sampledata.court_rows import CourtRows
from amparo.sampledata.draws import DAY, HOUR, MINUTE, Weighted
from amparo.sampledata.profiles import pick
from amparo.sampledata.sites import Site, Team, load_sites, offices_by_state

OPEN_STATUSES = Weighted(["active", "intake", "on-hold"], [85, 8, 7])
TRANSFERS = Weighted([0, 1, 2, 3], [60, 25, 10, 5])
REQUESTS = Weighted([0, 1, 2, 3, 4, 5], [12, 30, 28, 16, 9, 5])
NOTES = Weighted([0, 1, 2, 3, 4, 5, 6], [5, 12, 20, 22, 18, 13, 10])
# A choice type's `.values` builds a new list at every call: a tenth of the generator's time.
IMMIGRATION_STATUSES = list(Person.ImmigrationStatus.values)
ARREST_AGENCIES = list(Arrest.Agency.values)
PLACEMENT_SOURCES = list(Placement.Source.values)


class Generator(CourtRows, AdvocacyRows):
    """Adds the rows of one case at a time to buffered writers; the caller flushes them. The
    case's court rows and advocacy rows are drawn by the parts it is made of."""

    def __init__(self, *, seed: int, now: datetime.datetime, used_a_numbers: set[str]):
        super().__init__(seed=seed, now=now)
        self.used_a_numbers = used_a_numbers
        self.sites, self.site_weights = load_sites()
        self._site_cum_weights = list(itertools.accumulate(self.site_weights))
        self.request_types = dict(RequestType.objects.values_list("slug", "id"))
        self.dockets: set[tuple[uuid.UUID, str]] = set(
            CourtCase.objects.exclude(docket_number="").values_list("court_id", "docket_number")
        )
        self.offices = offices_by_state()
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
