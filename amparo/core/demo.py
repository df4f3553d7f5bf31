"""Demo data: two organisations, a user for each role, the story's case replayed step by step,
and generated cases spread over real facilities. Everything is written through the services,
so the demo also exercises the same rules and audit trail as real use. Fictional people only.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.services import organisation_create, user_create
from amparo.advocacy.models import CongressionalOffice, Statement
from amparo.advocacy.services import (
    ally_add,
    inquiry_open,
    publication_create,
    statement_record,
)
from amparo.cases.models import Arrest, Case
from amparo.cases.services import arrest_record, case_open, note_add
from amparo.courts.models import Order
from amparo.courts.services import court_case_file, habeas_draft_from_venue, order_record
from amparo.custody.models import Facility, Placement
from amparo.custody.reference import reference_load
from amparo.custody.services import placement_record
from amparo.people.models import LifeEvent, Person, Relative
from amparo.people.services import life_event_record, person_create, relative_add
from amparo.relief.models import Decision
from amparo.relief.services import (
    assessment_record,
    decision_record,
    request_create,
    request_submit,
)

DEMO_ORG_SLUG = "demo"
OUTSIDER_ORG_SLUG = "demo-outsider"
DEMO_PASSWORD = "amparo-demo-2026"
DEMO_DOMAIN = "amparo.example"
ROLES = [role.value for role in Membership.Role]
NEW_ORLEANS = zoneinfo.ZoneInfo("America/Chicago")
NEWARK = zoneinfo.ZoneInfo("America/New_York")

GIVEN_NAMES = [
    "Alejandro",
    "Beatriz",
    "Carlos",
    "Daniela",
    "Emeka",
    "Fatima",
    "Gustavo",
    "Hanna",
    "Ibrahim",
    "Jazmín",
    "Kwame",
    "Lucía",
    "Mamadou",
    "Nadia",
    "Omar",
    "Paola",
    "Quang",
    "Rosa",
    "Samuel",
    "Tatiana",
    "Ulises",
    "Valentina",
    "Wilmer",
    "Ximena",
    "Yusuf",
    "Zainab",
    "Andrés",
    "Marisol",
]
FAMILY_NAMES = [
    "Acevedo",
    "Bautista",
    "Cárdenas",
    "Diallo",
    "Estrada",
    "Fuentes",
    "Guerrero",
    "Haidari",
    "Ibarra",
    "Jiménez",
    "Kamara",
    "Lozano",
    "Mendoza",
    "Nwosu",
    "Orellana",
    "Pineda",
    "Quiroga",
    "Rojas",
    "Salazar",
    "Toledo",
    "Urbina",
    "Valdés",
    "Wahid",
    "Yilmaz",
    "Zelaya",
    "Osei",
]
COUNTRIES = ["MX", "GT", "HN", "SV", "VE", "CO", "HT", "CU", "NI", "EC", "IN", "CN", "GH", "SN"]


@dataclass
class DemoResult:
    created: bool
    story_case: Case
    credentials: list[tuple[str, str, str]] = field(default_factory=list)


def _credentials() -> list[tuple[str, str, str]]:
    rows = [(f"{role}@{DEMO_DOMAIN}", DEMO_PASSWORD, f"{role} ({DEMO_ORG_SLUG})") for role in ROLES]
    rows.append((f"outsider@{DEMO_DOMAIN}", DEMO_PASSWORD, f"attorney ({OUTSIDER_ORG_SLUG})"))
    return rows


def demo_load(*, generated_cases: int = 200, seed: int = 2026) -> DemoResult:
    """Load the demo once; a second run changes nothing and reports the same logins."""
    existing = Organisation.objects.filter(slug=DEMO_ORG_SLUG).first()
    if existing is not None:
        reference_load()
        story = Case.objects.filter(organisation=existing, title__startswith="Herrera").first()
        assert story is not None, "demo organisation exists without its story case"
        return DemoResult(created=False, story_case=story, credentials=_credentials())
    with transaction.atomic():
        reference_load()
        organisation = organisation_create(
            name="Riverside Immigrant Defense Project (demo)", slug=DEMO_ORG_SLUG
        )
        users = {
            role: user_create(
                email=f"{role}@{DEMO_DOMAIN}",
                organisation=organisation,
                role=role,
                password=DEMO_PASSWORD,
                full_name=f"Demo {Membership.Role(role).label}",
            )
            for role in ROLES
        }
        outsider_org = organisation_create(
            name="Lakeshore Legal Aid (demo)", slug=OUTSIDER_ORG_SLUG
        )
        user_create(
            email=f"outsider@{DEMO_DOMAIN}",
            organisation=outsider_org,
            role=Membership.Role.ATTORNEY,
            password=DEMO_PASSWORD,
            full_name="Demo Outsider",
        )
        story = _load_story(organisation, users, today=timezone.localdate())
        _load_generated(organisation, users, count=generated_cases, seed=seed)
        _load_generated(outsider_org, {}, count=5, seed=seed + 1)
    return DemoResult(created=True, story_case=story, credentials=_credentials())


def _facility(name_fragment: str, state: str) -> Facility:
    facility = Facility.objects.filter(name__icontains=name_fragment, state=state).first()
    if facility is None:
        raise RuntimeError(f"Reference data lacks the {name_fragment} facility; run reference load")
    return facility


def _load_story(
    organisation: Organisation, users: dict[str, User], *, today: datetime.date
) -> Case:
    """The story Amparo is built around (README), dated relative to today so clocks are live."""
    attorney, paralegal = users["attorney"], users["paralegal"]
    person = person_create(
        actor=paralegal,
        organisation=organisation,
        given_name="Tomás",
        family_name="Herrera Lindqvist",
        a_number="A 099-123-456",
        date_of_birth=datetime.date(1989, 4, 17),
        country_of_birth="CO",
        citizenships=["CO"],
        languages=["Spanish", "English"],
        immigration_status=Person.ImmigrationStatus.LPR,
        status_since=datetime.date(2013, 8, 2),
        vulnerabilities=["primary-caregiver"],
    )
    spouse = relative_add(
        actor=paralegal,
        person=person,
        full_name="Ana Herrera",
        relationship=Relative.Relationship.SPOUSE,
        phone="+1 201-555-0147",
        email="ana.herrera@example.org",
        language="Spanish",
        is_emergency_contact=True,
        is_us_citizen=True,
    )
    due_on = today + datetime.timedelta(days=9)
    life_event_record(
        actor=paralegal,
        person=person,
        kind=LifeEvent.Kind.BIRTH,
        description="Ana Herrera due to give birth",
        expected_on=due_on,
        relative=spouse,
    )
    arrested_at = datetime.datetime.combine(
        today - datetime.timedelta(days=12), datetime.time(6, 40), tzinfo=NEWARK
    )
    case = case_open(
        actor=attorney,
        person=person,
        title="Herrera Lindqvist — custody",
        opened_on=arrested_at.date(),
        lead_attorney=attorney,
        team=[attorney, paralegal, users["intake"]],
        tags=["story", "rapid-response"],
        campaign="Winter rapid response",
    )
    arrest_record(
        actor=paralegal,
        case=case,
        arrested_at=arrested_at,
        place="outside his home in Paterson, New Jersey",
        agency=Arrest.Agency.ICE,
        circumstances="Stopped by plain-clothes ICE officers on his way to work; "
        "no warrant shown. No criminal record.",
    )
    placement_record(
        actor=paralegal,
        case=case,
        facility=_facility("DELANEY HALL", "NJ"),
        started_at=arrested_at + datetime.timedelta(hours=4),
        source=Placement.Source.AGENCY_NOTICE,
        observed_at=arrested_at + datetime.timedelta(hours=9),
    )
    transferred_at = datetime.datetime.combine(
        today - datetime.timedelta(days=8), datetime.time(3, 15), tzinfo=NEW_ORLEANS
    )
    placement_record(
        actor=paralegal,
        case=case,
        facility=_facility("CENTRAL LOUISIANA", "LA"),
        started_at=transferred_at,
        source=Placement.Source.LOCATOR,
        observed_at=transferred_at + datetime.timedelta(hours=30),
    )
    note_add(
        actor=attorney,
        case=case,
        privileged=True,
        body="Client confirms he has never been arrested before; LPR card renewed 2023. "
        "Strong parole case: US-citizen spouse due within two weeks.",
    )
    note_add(
        actor=paralegal,
        case=case,
        privileged=False,
        body="Family told of the transfer to Jena and of the visiting rules.",
    )

    # The emergency request goes out on a Sunday evening, New Orleans time.
    sunday = today - datetime.timedelta(days=2)
    while sunday.weekday() != 6:
        sunday -= datetime.timedelta(days=1)
    submitted_at = datetime.datetime.combine(sunday, datetime.time(17, 12), tzinfo=NEW_ORLEANS)
    parole = request_create(
        actor=attorney,
        case=case,
        request_type="humanitarian-parole",
        requested_days=14,
        urgency_until=due_on,
        reason="Mr. Herrera Lindqvist, a lawful permanent resident with no criminal record, asks "
        "for two weeks of humanitarian parole to be present for the birth of his child; his wife "
        "is due on " + due_on.isoformat() + ".",
    )
    # The team weighed the request against 8 CFR 212.5(b) before sending it.
    assessment_record(
        actor=attorney,
        request=parole,
        factors={
            "212.5(b)(5)": {
                "applies": True,
                "evidence": "Lawful permanent resident since 2013 with no criminal record; "
                "US-citizen wife due to give birth on " + due_on.isoformat() + "; stable home "
                "and employment in Paterson, New Jersey.",
            },
        },
    )
    request_submit(actor=attorney, request=parole, submitted_at=submitted_at, channel="email")
    decision_record(
        actor=paralegal,
        request=parole,
        decided_at=submitted_at + datetime.timedelta(minutes=29),
        outcome=Decision.Outcome.DENIED,
        reasons_given=False,
        decided_by="New Orleans Field Office",
    )
    monday = submitted_at + datetime.timedelta(days=1)
    # The family agreed to speak publicly; the consent is recorded before anything is published.
    publication_create(
        actor=attorney,
        case=case,
        name_as_consented="Tomás H.",
        consent_on=monday.date(),
        consent_given_by="the client, by phone",
        summary="A father held far from his family as his child is born.",
    )
    statement_record(
        actor=users["advocate"],
        case=case,
        author_kind=Statement.AuthorKind.PERSON,
        author_name="Ana Herrera",
        kind=Statement.Kind.PRESS_STATEMENT,
        said_at=monday.replace(hour=10, minute=0),
        publicity_consent=True,
        text="My husband has lived here for more than ten years. All we ask is that "
        "he can be with me when our baby is born.",
    )
    allies = [
        ally_add(
            actor=users["advocate"],
            organisation=organisation,
            name="Coalition for Fair Detention Practices (demo)",
        ),
        ally_add(
            actor=users["advocate"],
            organisation=organisation,
            name="Pelican Civil Rights Network (demo)",
        ),
    ]
    for hours, ally in zip((14, 26), allies, strict=True):
        statement_record(
            actor=users["advocate"],
            case=case,
            author_kind=Statement.AuthorKind.ORGANISATION,
            author_name=ally.name,
            advocacy_organisation=ally,
            kind=Statement.Kind.PRESS_STATEMENT,
            said_at=submitted_at + datetime.timedelta(hours=hours),
            publicity_consent=True,
            text="We call on ICE to release Mr. Herrera Lindqvist on humanitarian "
            "parole so he can be present for the birth of his child.",
        )
    statement_record(
        actor=users["advocate"],
        case=case,
        author_kind=Statement.AuthorKind.AGENCY,
        author_name="U.S. Immigration and Customs Enforcement",
        kind=Statement.Kind.DECLINED_TO_COMMENT,
        said_at=monday.replace(hour=15, minute=30),
        text="ICE declined to comment on the case.",
    )
    office, _ = CongressionalOffice.objects.get_or_create(
        member_name="Marisol Quintero (demo)",
        chamber=CongressionalOffice.Chamber.HOUSE,
        state="NJ",
        district="9",
        defaults={"caseworker": "Immigration caseworker"},
    )
    inquiry_open(
        actor=paralegal,
        case=case,
        office=office,
        summary="Ask ICE for a custody review and parole; needs the client's signed "
        "ICE Form 60-001 privacy waiver, sent to Jena for signature.",
    )
    request_create(
        actor=attorney,
        case=case,
        request_type="renewed-request",
        requested_days=14,
        urgency_until=due_on,
        reason="Renewed request with the obstetrician's letter and proof of the "
        "family's ties; the denial gave no reasons.",
    )
    # Drafted from the venue of where he is held now: W.D. La., with respondents by role.
    habeas_draft_from_venue(actor=attorney, case=case)
    return case


def _habeas_under_way(actor: User, case: Case, rng: random.Random, now: datetime.datetime) -> None:
    """A filed petition with an order to show cause served in the last days, so the deadlines
    dashboard has returns and hearings coming up."""
    try:
        petition = habeas_draft_from_venue(actor=actor, case=case)
    except ValidationError:  # a facility with no district (e.g. Guantánamo)
        return
    filed_at = now - datetime.timedelta(days=rng.randint(3, 6))
    court_case_file(
        actor=actor,
        court_case=petition,
        docket_number=f"{rng.randint(1, 6)}:26-cv-{rng.randint(100, 99999):05d}",
        filed_at=filed_at,
    )
    served = timezone.localtime(now).date() - datetime.timedelta(days=rng.randint(0, 2))
    order_record(
        actor=actor,
        court_case=petition,
        kind=Order.Kind.ORDER_TO_SHOW_CAUSE,
        issued_at=filed_at + datetime.timedelta(days=1),
        served_on=served,
    )


def _load_generated(
    organisation: Organisation, users: dict[str, User], *, count: int, seed: int
) -> None:
    """Cases spread over real facilities, with requests answered at varied speeds."""
    rng = random.Random(seed)
    facilities = list(Facility.objects.filter(field_office__isnull=False).order_by("name"))
    actor = users.get("paralegal")
    now = timezone.now()
    statuses = list(Person.ImmigrationStatus.values)
    outcomes = (
        [Decision.Outcome.DENIED] * 5
        + [Decision.Outcome.GRANTED] * 2
        + [Decision.Outcome.PARTLY_GRANTED, Decision.Outcome.NO_RESPONSE]
    )
    used_numbers: set[str] = set()
    for _ in range(count):
        number = f"{rng.randrange(200_000_000, 299_999_999):09d}"
        while number in used_numbers:
            number = f"{rng.randrange(200_000_000, 299_999_999):09d}"
        used_numbers.add(number)
        person = person_create(
            actor=actor,
            organisation=organisation,
            given_name=rng.choice(GIVEN_NAMES),
            family_name=f"{rng.choice(FAMILY_NAMES)} {rng.choice(FAMILY_NAMES)}",
            a_number=number,
            country_of_birth=rng.choice(COUNTRIES),
            immigration_status=rng.choice(statuses),
            date_of_birth=datetime.date(
                rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28)
            ),
        )
        detained_at = now - datetime.timedelta(days=rng.randint(2, 400), hours=rng.randint(0, 23))
        case = case_open(
            actor=actor,
            person=person,
            title=f"{person.family_name} — custody",
            opened_on=timezone.localtime(detained_at).date(),
            lead_attorney=users.get("attorney"),
        )
        arrest_record(
            actor=actor,
            case=case,
            arrested_at=detained_at,
            place="Reported by family",
            agency=rng.choice(list(Arrest.Agency.values)),
        )
        first = rng.choice(facilities)
        placement_record(
            actor=actor,
            case=case,
            facility=first,
            started_at=detained_at + datetime.timedelta(hours=3),
            source=Placement.Source.FAMILY,
        )
        if rng.random() < 0.35:
            moved_at = detained_at + datetime.timedelta(days=rng.randint(1, 30))
            if moved_at < now:
                placement_record(
                    actor=actor,
                    case=case,
                    facility=rng.choice(facilities),
                    started_at=moved_at,
                    source=Placement.Source.LOCATOR,
                )
        if actor is not None and rng.random() < 0.08:
            _habeas_under_way(actor, case, rng, now)
        if rng.random() < 0.7:
            request = request_create(
                actor=actor,
                case=case,
                request_type=rng.choice(
                    ["humanitarian-parole", "recognizance", "stay-of-removal", "medical-care"]
                ),
                reason="Generated demo request.",
                requested_days=rng.choice([None, 14, 30]),
            )
            sent = detained_at + datetime.timedelta(hours=rng.randint(6, 200))
            if sent < now - datetime.timedelta(hours=1):
                request_submit(
                    actor=actor,
                    request=request,
                    submitted_at=sent,
                    channel=rng.choice(["email", "fax", "portal"]),
                )
                answered = sent + datetime.timedelta(
                    minutes=rng.choice([15, 29, 45, 120, 600, 1440, 4320, 10080])
                )
                if answered < now and rng.random() < 0.8:
                    decision_record(
                        actor=actor,
                        request=request,
                        decided_at=answered,
                        outcome=rng.choice(outcomes),
                        reasons_given=rng.random() < 0.3,
                    )
