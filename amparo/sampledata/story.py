"""The story Amparo is built around (README): Tomás Herrera Lindqvist, arrested in Paterson,
transferred to Louisiana, a parole request denied in 29 minutes without reasons."""

from __future__ import annotations

import datetime
import zoneinfo

from amparo.accounts.models import Organisation, User
from amparo.advocacy.models import CongressionalOffice, Statement
from amparo.advocacy.services import (
    ally_add,
    inquiry_open,
    publication_create,
    statement_record,
)
from amparo.cases.models import Arrest, Case
from amparo.cases.services import arrest_record, case_open, note_add
from amparo.courts.services import habeas_draft_from_venue
from amparo.custody.models import Facility, Placement
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

NEW_ORLEANS = zoneinfo.ZoneInfo("America/Chicago")
NEWARK = zoneinfo.ZoneInfo("America/New_York")


def _facility(name_fragment: str, state: str) -> Facility:
    facility = Facility.objects.filter(name__icontains=name_fragment, state=state).first()
    if facility is None:
        raise RuntimeError(f"Reference data lacks the {name_fragment} facility; run reference load")
    return facility


# The story case is found again by these on a second demo load: a generated case may share its
# family name (and so its title's start), never the A-number, unique in the organisation.
STORY_TITLE = "Herrera Lindqvist — custody"
STORY_A_NUMBER = "A 099-123-456"


def load_story(organisation: Organisation, users: dict[str, User], *, today: datetime.date) -> Case:
    """The story Amparo is built around (README), dated relative to today so clocks are live.
    Told in the order it happened, one step a function, each through the services."""
    attorney, paralegal = users["attorney"], users["paralegal"]
    due_on = today + datetime.timedelta(days=9)
    person = _client_and_family(organisation, paralegal, due_on)
    case = _arrest_and_transfer(person, users, today)
    _first_notes(case, attorney, paralegal)
    submitted_at = _parole_denied(case, users, today, due_on)
    _family_speaks(case, users, submitted_at)
    _allies_and_ice_speak(organisation, case, users, submitted_at)
    _congressional_inquiry(case, paralegal)
    _next_steps(case, attorney, due_on)
    return case


def _client_and_family(
    organisation: Organisation, paralegal: User, due_on: datetime.date
) -> Person:
    """Tomás, a lawful permanent resident, and his wife Ana, a US citizen due to give birth."""
    person = person_create(
        actor=paralegal,
        organisation=organisation,
        given_name="Tomás",
        family_name="Herrera Lindqvist",
        a_number=STORY_A_NUMBER,
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
    life_event_record(
        actor=paralegal,
        person=person,
        kind=LifeEvent.Kind.BIRTH,
        description="Ana Herrera due to give birth",
        expected_on=due_on,
        relative=spouse,
    )
    return person


def _arrest_and_transfer(person: Person, users: dict[str, User], today: datetime.date) -> Case:
    """Arrested in Paterson twelve days ago, held at Delaney Hall, moved to Jena four days on."""
    attorney, paralegal = users["attorney"], users["paralegal"]
    arrested_at = datetime.datetime.combine(
        today - datetime.timedelta(days=12), datetime.time(6, 40), tzinfo=NEWARK
    )
    case = case_open(
        actor=attorney,
        person=person,
        title=STORY_TITLE,
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
    return case


def _first_notes(case: Case, attorney: User, paralegal: User) -> None:
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


def _parole_denied(
    case: Case, users: dict[str, User], today: datetime.date, due_on: datetime.date
) -> datetime.datetime:
    """The humanitarian parole request, sent and denied in 29 minutes without reasons; returns
    when it was sent."""
    attorney, paralegal = users["attorney"], users["paralegal"]
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
    return submitted_at


def _family_speaks(case: Case, users: dict[str, User], submitted_at: datetime.datetime) -> None:
    monday = submitted_at + datetime.timedelta(days=1)
    # The family agreed to speak publicly; the consent is recorded before anything is published.
    publication_create(
        actor=users["attorney"],
        case=case,
        name_as_consented="Tomás H.",
        consent_on=monday.date(),
        consent_given_by="the client, by phone",
        summary="A father held far from his family as his child is born.",
    )
    statement_record(
        actor=users["advocate"],
        case=case,
        author_kind=Statement.AuthorKind.FAMILY,
        author_name="Ana Herrera",
        kind=Statement.Kind.PRESS_RELEASE,
        said_at=monday.replace(hour=10, minute=0),
        publicity_consent=True,
        text="My husband has lived here for more than ten years. All we ask is that "
        "he can be with me when our baby is born.",
    )


def _allies_and_ice_speak(
    organisation: Organisation,
    case: Case,
    users: dict[str, User],
    submitted_at: datetime.datetime,
) -> None:
    """Two allied organisations call for his release; ICE declines to comment."""
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
            kind=Statement.Kind.PRESS_RELEASE,
            said_at=submitted_at + datetime.timedelta(hours=hours),
            publicity_consent=True,
            text="We call on ICE to release Mr. Herrera Lindqvist on humanitarian "
            "parole so he can be present for the birth of his child.",
        )
    monday = submitted_at + datetime.timedelta(days=1)
    statement_record(
        actor=users["advocate"],
        case=case,
        author_kind=Statement.AuthorKind.AGENCY,
        author_name="U.S. Immigration and Customs Enforcement",
        kind=Statement.Kind.DECLINED_TO_COMMENT,
        said_at=monday.replace(hour=15, minute=30),
        text="ICE declined to comment on the case.",
    )


def _congressional_inquiry(case: Case, paralegal: User) -> None:
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
        asked_for="Ask ICE for a custody review and parole; needs the client's signed "
        "ICE Form 60-001 privacy waiver, sent to Jena for signature.",
    )


def _next_steps(case: Case, attorney: User, due_on: datetime.date) -> None:
    """A renewed request drafted with more evidence, and a habeas petition drafted."""
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
