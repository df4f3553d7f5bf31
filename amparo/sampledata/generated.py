"""Generated demo cases: fictional clients spread over real facilities, with requests answered
at varied speeds and a few habeas petitions under way. Seeded, so a run is reproducible."""

from __future__ import annotations

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from amparo.accounts.models import Organisation, User
from amparo.cases.models import Arrest, Case
from amparo.cases.services import arrest_record, case_open
from amparo.courts.models import Order
from amparo.courts.services import court_case_file, habeas_draft_from_venue, order_record
from amparo.custody.models import Facility, Placement
from amparo.custody.services import placement_record
from amparo.people.models import Person
from amparo.people.services import person_create
from amparo.relief.models import Decision
from amparo.relief.services import decision_record, request_create, request_submit

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


def habeas_under_way(actor: User, case: Case, rng: random.Random, now: datetime.datetime) -> None:
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


def load_generated(
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
            habeas_under_way(actor, case, rng, now)
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
