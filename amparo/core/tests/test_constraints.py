"""Every database constraint refuses a row that breaks it and accepts its nearest lawful twin.

Rows are written with `Model.objects.create(...)`, which skips `full_clean()`, so only the
database stands between the row and the table. Each constraint has at least one refused row and
one accepted row, built as minimal pairs from the same setup; conditional unique constraints also
show the rows their condition lets through (two clients without an A-number, two draft court
cases without a docket number, a past placement beside the current one).

`test_every_constraint_in_the_project_is_tested` fails when a model gains a constraint that has
no refused and no accepted row here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from amparo.accounts.models import Membership, Organisation, User
from amparo.advocacy.models import (
    AdvocacyOrganisation,
    CongressionalOffice,
    Inquiry,
    Publication,
    Statement,
    Waiver,
)
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, ImmigrationHearing, Note
from amparo.courts.models import Court, CourtCase, Order
from amparo.custody.models import Facility, Placement
from amparo.deadlines.models import Deadline, DeadlineDigest
from amparo.documents.models import Document, DocumentTemplate
from amparo.exchange.models import ExternalRecord, IdempotentResponse
from amparo.factories import (
    CaseFactory,
    CongressionalOfficeFactory,
    CourtFactory,
    FacilityFactory,
    OrganisationFactory,
    PersonFactory,
    RequestFactory,
    UserFactory,
)
from amparo.people.models import LifeEvent, Person
from amparo.relief.models import Decision, PolicyRegime, Request, RequestType
from amparo.relief.models.reported import ReportedAnswers, ReportedCaseAnswers

pytestmark = pytest.mark.django_db(transaction=False)

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@dataclass
class World:
    """The few rows the builders hang their test rows on."""

    organisation: Organisation
    other_organisation: Organisation
    user: User
    person: Person
    case: Case
    other_case: Case
    court: Court
    other_court: Court
    facility: Facility
    office: CongressionalOffice
    request: Request
    now: datetime.datetime
    today: datetime.date


@pytest.fixture
def world() -> World:
    organisation = OrganisationFactory(slug="riverside", name="Riverside Defenders")
    other_organisation = OrganisationFactory(slug="lakeshore", name="Lakeshore Legal Aid")
    person = PersonFactory(organisation=organisation, a_number="012345678")
    case = CaseFactory(person=person)
    return World(
        organisation=organisation,
        other_organisation=other_organisation,
        # password=None: an unusable password, so no slow hashing for a user who never signs in.
        user=UserFactory(email="attorney@riverside.test", password=None),
        person=person,
        case=case,
        other_case=CaseFactory(person=PersonFactory(organisation=organisation)),
        court=CourtFactory(),
        other_court=CourtFactory(
            code="nysd",
            name="United States District Court for the Southern District of New York",
            short_name="S.D.N.Y.",
        ),
        facility=FacilityFactory(),
        office=CongressionalOfficeFactory(),
        request=RequestFactory(case=case),
        now=timezone.now(),
        today=timezone.localdate(),
    )


class Row(NamedTuple):
    """The one row a scenario writes last: the refused or accepted one."""

    model: type[models.Model]
    fields: dict[str, Any]


Builder = Callable[[World], Row]

# constraint name -> scenario -> builder. Builders may save setup rows (the first of two
# duplicates) and return the row under test, which the test itself writes.
REFUSED: dict[str, dict[str, Builder]] = {}
ACCEPTED: dict[str, dict[str, Builder]] = {}


def refused(constraint: str, scenario: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        REFUSED.setdefault(constraint, {})[scenario] = builder
        return builder

    return register


def accepted(constraint: str, scenario: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        ACCEPTED.setdefault(constraint, {})[scenario] = builder
        return builder

    return register


# --- accounts -------------------------------------------------------------------------------


def membership(w: World, **fields: Any) -> dict[str, Any]:
    return {"user": w.user, "organisation": w.organisation, "role": "attorney", **fields}


@refused("membership_one_per_user_and_organisation", "second membership in same organisation")
def _second_membership(w: World) -> Row:
    Membership.objects.create(**membership(w, role="attorney"))
    return Row(Membership, membership(w, role="paralegal"))


@accepted("membership_one_per_user_and_organisation", "membership in another organisation")
def _membership_elsewhere(w: World) -> Row:
    Membership.objects.create(**membership(w))
    return Row(Membership, membership(w, organisation=w.other_organisation))


@refused("membership_role_valid", "unknown role")
def _membership_unknown_role(w: World) -> Row:
    return Row(Membership, membership(w, role="judge"))


@accepted("membership_role_valid", "read-only role")
def _membership_read_only(w: World) -> Row:
    return Row(Membership, membership(w, role="read-only"))


# --- advocacy -------------------------------------------------------------------------------


def inquiry(w: World, **fields: Any) -> dict[str, Any]:
    return {"case": w.case, "office": w.office, "recipient": str(w.office), **fields}


def _waiver(w: World) -> Waiver:
    return Waiver.objects.create(
        case=w.case,
        member=w.office,
        recipient=str(w.office),
        form="dhs-60-001",
        signed_on=w.today,
        signed_by="client",
    )


@refused("inquiry_sent_needs_waiver", "sent without the Form 60-001 waiver")
def _inquiry_sent_without_waiver(w: World) -> Row:
    return Row(Inquiry, inquiry(w, sent_at=w.now, waiver=None))


@accepted("inquiry_sent_needs_waiver", "sent with the waiver signed")
def _inquiry_sent_with_waiver(w: World) -> Row:
    return Row(Inquiry, inquiry(w, sent_at=w.now, waiver=_waiver(w)))


@accepted("inquiry_sent_needs_waiver", "unsent draft without a waiver yet")
def _inquiry_draft_without_waiver(w: World) -> Row:
    return Row(Inquiry, inquiry(w, sent_at=None, waiver=None))


@refused("inquiry_response_after_sent", "response before the inquiry was sent")
def _inquiry_answered_before_sent(w: World) -> Row:
    return Row(
        Inquiry,
        inquiry(w, waiver=_waiver(w), sent_at=w.now, response_at=w.now - HOUR),
    )


@refused("inquiry_response_after_sent", "response to an inquiry never sent")
def _inquiry_answered_unsent(w: World) -> Row:
    return Row(Inquiry, inquiry(w, waiver=_waiver(w), sent_at=None, response_at=w.now))


@accepted("inquiry_response_after_sent", "response a week after sending")
def _inquiry_answered_after_sent(w: World) -> Row:
    return Row(
        Inquiry,
        inquiry(w, waiver=_waiver(w), sent_at=w.now, response_at=w.now + 7 * DAY),
    )


def statement(w: World, **fields: Any) -> dict[str, Any]:
    return {"case": w.case, "author_name": "Someone", "said_at": w.now, **fields}


@refused("statement_organisation_author_named", "organisation author without the organisation")
def _statement_anonymous_organisation(w: World) -> Row:
    return Row(
        Statement,
        statement(w, author_kind="organisation", kind="press-release", advocacy_organisation=None),
    )


@accepted("statement_organisation_author_named", "organisation author linked")
def _statement_named_organisation(w: World) -> Row:
    ally = AdvocacyOrganisation.objects.create(organisation=w.organisation, name="Faith Coalition")
    return Row(
        Statement,
        statement(w, author_kind="organisation", kind="press-release", advocacy_organisation=ally),
    )


@refused("statement_declined_is_agency", "a person 'declined to comment'")
def _statement_person_declined(w: World) -> Row:
    return Row(Statement, statement(w, author_kind="family", kind="declined-to-comment"))


@accepted("statement_declined_is_agency", "the agency declined to comment")
def _statement_agency_declined(w: World) -> Row:
    return Row(
        Statement,
        statement(w, author_kind="agency", author_name="ICE", kind="declined-to-comment"),
    )


# --- audit ----------------------------------------------------------------------------------


def audit_event(organisation: Organisation, position: int, sequence: int) -> dict[str, Any]:
    # Sequence numbers far above any the test's own events take, so only positions collide.
    return {
        "organisation": organisation,
        "action": "case.read",
        "sequence": 10**12 + sequence,
        "position": position,
        "hash": "0" * 64,
    }


@refused("audit_position_unique_per_organisation", "chain position taken twice")
def _audit_position_taken(w: World) -> Row:
    AuditEvent.objects.create(**audit_event(w.organisation, 1, 1))
    return Row(AuditEvent, audit_event(w.organisation, 1, 2))


@accepted("audit_position_unique_per_organisation", "same position in another organisation")
def _audit_position_elsewhere(w: World) -> Row:
    AuditEvent.objects.create(**audit_event(w.organisation, 1, 1))
    return Row(AuditEvent, audit_event(w.other_organisation, 1, 2))


@accepted("audit_position_unique_per_organisation", "next position")
def _audit_position_next(w: World) -> Row:
    AuditEvent.objects.create(**audit_event(w.organisation, 1, 1))
    return Row(AuditEvent, audit_event(w.organisation, 2, 2))


# --- audit: the system chain (events of no organisation) -----------------------------------


@refused("audit_position_unique_in_system_chain", "system chain position taken twice")
def _audit_system_position_taken(w: World) -> Row:
    AuditEvent.objects.create(**audit_event(None, 900001, 1))  # type: ignore[arg-type]
    return Row(AuditEvent, audit_event(None, 900001, 2))  # type: ignore[arg-type]


@accepted("audit_position_unique_in_system_chain", "same position in an organisation's chain")
def _audit_system_position_in_organisation(w: World) -> Row:
    AuditEvent.objects.create(**audit_event(None, 900001, 1))  # type: ignore[arg-type]
    return Row(AuditEvent, audit_event(w.organisation, 900001, 2))


# --- advocacy: public pages -----------------------------------------------------------------


def publication(w: World, **fields: Any) -> dict[str, Any]:
    return {
        "case": w.case,
        "name_as_consented": "J. H.",
        "consent_on": w.today,
        "consent_recorded_by": w.user,
        **fields,
    }


@refused("publication_one_live_per_case", "a second live page for one case")
def _publication_twice(w: World) -> Row:
    Publication.objects.create(**publication(w))
    return Row(Publication, publication(w))


@accepted("publication_one_live_per_case", "published again after a withdrawal")
def _publication_again(w: World) -> Row:
    Publication.objects.create(**publication(w, withdrawn_at=w.now, withdrawn_by=w.user))
    return Row(Publication, publication(w))


@refused("publication_withdrawal_has_author", "withdrawn by nobody")
def _publication_withdrawn_anonymously(w: World) -> Row:
    return Row(Publication, publication(w, withdrawn_at=w.now))


@accepted("publication_withdrawal_has_author", "withdrawn by a member")
def _publication_withdrawn(w: World) -> Row:
    return Row(Publication, publication(w, withdrawn_at=w.now, withdrawn_by=w.user))


# --- cases ----------------------------------------------------------------------------------


def case(w: World, **fields: Any) -> dict[str, Any]:
    return {
        "organisation": w.organisation,
        "person": w.person,
        "title": "Second matter",
        "opened_on": w.today - 30 * DAY,
        **fields,
    }


@refused("case_status_valid", "unknown status")
def _case_unknown_status(w: World) -> Row:
    return Row(Case, case(w, status="pending"))


@accepted("case_status_valid", "on hold")
def _case_on_hold(w: World) -> Row:
    return Row(Case, case(w, status="on-hold"))


@refused("note_kind_valid", "unknown kind of note")
def _note_unknown_kind(w: World) -> Row:
    return Row(Note, {"case": w.case, "body": "Called.", "kind": "fax", "occurred_at": w.now})


@accepted("note_kind_valid", "a call")
def _note_call(w: World) -> Row:
    return Row(Note, {"case": w.case, "body": "Called.", "kind": "call", "occurred_at": w.now})


@refused("immigration_hearing_kind_valid", "unknown kind of hearing")
def _hearing_unknown_kind(w: World) -> Row:
    return Row(ImmigrationHearing, {"case": w.case, "kind": "merits", "scheduled_at": w.now})


@accepted("immigration_hearing_kind_valid", "custody redetermination")
def _hearing_bond(w: World) -> Row:
    return Row(
        ImmigrationHearing,
        {"case": w.case, "kind": "custody-redetermination", "scheduled_at": w.now},
    )


@refused("case_closed_after_opened", "closed the day before it was opened")
def _case_closed_before_opened(w: World) -> Row:
    opened = w.today - 30 * DAY
    return Row(Case, case(w, status="closed", opened_on=opened, closed_on=opened - DAY))


@accepted("case_closed_after_opened", "closed the day it was opened")
def _case_closed_same_day(w: World) -> Row:
    opened = w.today - 30 * DAY
    return Row(Case, case(w, status="closed", opened_on=opened, closed_on=opened))


@refused("case_closed_has_date", "closed without a closing date")
def _case_closed_undated(w: World) -> Row:
    return Row(Case, case(w, status="closed", closed_on=None))


@accepted("case_closed_has_date", "closed with a closing date")
def _case_closed_dated(w: World) -> Row:
    return Row(Case, case(w, status="closed", closed_on=w.today))


# --- courts ---------------------------------------------------------------------------------


@refused("court_kind_valid", "unknown kind of court")
def _court_unknown_kind(w: World) -> Row:
    return Row(Court, {"kind": "state", "code": "la-22jdc", "name": "22nd JDC, Louisiana"})


@accepted("court_kind_valid", "immigration court")
def _court_immigration(w: World) -> Row:
    return Row(Court, {"kind": "immigration", "code": "ZZT", "name": "Test Immigration Court"})


def court_case(w: World, **fields: Any) -> dict[str, Any]:
    return {"case": w.case, "court": w.court, "kind": "habeas-2241", **fields}


def filed(w: World, docket_number: str, **fields: Any) -> dict[str, Any]:
    return court_case(w, status="filed", filed_at=w.now, docket_number=docket_number, **fields)


@refused("court_case_docket_number_format", "Fifth Circuit number in a district docket field")
def _docket_circuit_style(w: World) -> Row:
    """DOMAIN.md §7: `22-40367` is a Fifth Circuit number, not a district docket number."""
    return Row(CourtCase, filed(w, "22-40367"))


@refused("court_case_docket_number_format", "case type in capitals")
def _docket_upper_case_type(w: World) -> Row:
    """DOMAIN.md §7: the type is lower case, as in `2:25-cv-01963`."""
    return Row(CourtCase, filed(w, "2:25-CV-01963"))


@accepted("court_case_docket_number_format", "office, year, type and sequence")
def _docket_plain(w: World) -> Row:
    """DOMAIN.md §7 worked example `2:25-cv-01963`."""
    return Row(CourtCase, filed(w, "2:25-cv-01963"))


@accepted("court_case_docket_number_format", "with judge initials")
def _docket_with_judge(w: World) -> Row:
    """courts/models.py and DOMAIN.md §7: judge-initial suffixes such as `-JLS`."""
    return Row(CourtCase, filed(w, "1:26-cv-00412-JLS"))


@accepted("court_case_docket_number_format", "draft without a docket number")
def _docket_blank_draft(w: World) -> Row:
    return Row(CourtCase, court_case(w, status="draft", docket_number=""))


@refused("court_case_filed_has_docket_and_date", "filed without a docket number")
def _filed_without_docket(w: World) -> Row:
    return Row(CourtCase, court_case(w, status="filed", filed_at=w.now, docket_number=""))


@refused("court_case_filed_has_docket_and_date", "filed without a filing time")
def _filed_without_time(w: World) -> Row:
    return Row(
        CourtCase, court_case(w, status="filed", filed_at=None, docket_number="2:25-cv-01963")
    )


@accepted("court_case_filed_has_docket_and_date", "filed with docket number and time")
def _filed_complete(w: World) -> Row:
    return Row(CourtCase, filed(w, "2:25-cv-01963"))


@accepted("court_case_filed_has_docket_and_date", "draft with neither")
def _draft_with_neither(w: World) -> Row:
    return Row(CourtCase, court_case(w, status="draft", filed_at=None, docket_number=""))


@refused("court_case_docket_unique_per_court", "same docket number twice in one court")
def _docket_twice_in_court(w: World) -> Row:
    CourtCase.objects.create(**filed(w, "2:25-cv-01963"))
    return Row(CourtCase, filed(w, "2:25-cv-01963", kind="tro"))


@accepted("court_case_docket_unique_per_court", "same docket number in another court")
def _docket_in_other_court(w: World) -> Row:
    CourtCase.objects.create(**filed(w, "2:25-cv-01963"))
    return Row(CourtCase, filed(w, "2:25-cv-01963", court=w.other_court))


@accepted("court_case_docket_unique_per_court", "two drafts without a docket number")
def _two_blank_drafts(w: World) -> Row:
    CourtCase.objects.create(**court_case(w, docket_number=""))
    return Row(CourtCase, court_case(w, kind="tro", docket_number=""))


def order(w: World, **fields: Any) -> dict[str, Any]:
    draft = CourtCase.objects.create(**court_case(w))
    return {"court_case": draft, "kind": "grant", "issued_at": w.now, **fields}


@refused("order_compliance_valid", "a compliance kind that does not exist")
def _order_unknown_compliance(w: World) -> Row:
    return Row(Order, order(w, compliance="apologise", compliance_due_on=w.today))


@accepted("order_compliance_valid", "a release order")
def _order_release(w: World) -> Row:
    return Row(Order, order(w, compliance="release", compliance_due_on=w.today + DAY))


@refused("order_compliance_has_due_date", "a release order without a due date")
def _order_release_undated(w: World) -> Row:
    return Row(Order, order(w, compliance="release"))


@accepted("order_compliance_has_due_date", "an order not to transfer has no due date")
def _order_no_transfer(w: World) -> Row:
    return Row(Order, order(w, compliance="no-transfer"))


@refused("order_compliance_only_when_required", "compliance recorded for an order requiring none")
def _order_complied_without_terms(w: World) -> Row:
    return Row(Order, order(w, complied_at=w.now))


@accepted("order_compliance_only_when_required", "compliance recorded for a release order")
def _order_complied(w: World) -> Row:
    return Row(Order, order(w, compliance="release", compliance_due_on=w.today, complied_at=w.now))


# --- custody --------------------------------------------------------------------------------


def facility(ice_code: str, name: str) -> dict[str, Any]:
    return {"name": name, "ice_code": ice_code, "city": "Jena", "state": "LA"}


@refused("facility_ice_code_unique", "two facilities with one DETLOC code")
def _facility_code_twice(w: World) -> Row:
    Facility.objects.create(**facility("TSTLAPC", "Test Processing Center"))
    return Row(Facility, facility("TSTLAPC", "Test Processing Center Annex"))


@accepted("facility_ice_code_unique", "two facilities without a DETLOC code")
def _facility_two_blank_codes(w: World) -> Row:
    Facility.objects.create(**facility("", "Unlisted Jail"))
    return Row(Facility, facility("", "Another Unlisted Jail"))


@accepted("facility_ice_code_unique", "different DETLOC codes")
def _facility_different_codes(w: World) -> Row:
    Facility.objects.create(**facility("TSTLAPC", "Test Processing Center"))
    return Row(Facility, facility("TSTLAPX", "Test Processing Center Annex"))


def placement(w: World, **fields: Any) -> dict[str, Any]:
    return {
        "case": w.case,
        "facility": w.facility,
        "started_at": w.now - 10 * DAY,
        "observed_at": w.now,
        "source": "locator",
        **fields,
    }


@refused("placement_ends_after_start", "ended before it started")
def _placement_ends_before_start(w: World) -> Row:
    start = w.now - 10 * DAY
    return Row(Placement, placement(w, started_at=start, ended_at=start - HOUR))


@accepted("placement_ends_after_start", "ended after it started")
def _placement_ends_after_start(w: World) -> Row:
    start = w.now - 10 * DAY
    return Row(Placement, placement(w, started_at=start, ended_at=start + 3 * DAY))


@refused("placement_one_current_per_case", "two current placements for one case")
def _two_current_placements(w: World) -> Row:
    Placement.objects.create(**placement(w, ended_at=None))
    return Row(Placement, placement(w, started_at=w.now - DAY, ended_at=None))


@accepted("placement_one_current_per_case", "a past placement beside the current one")
def _past_and_current_placement(w: World) -> Row:
    Placement.objects.create(**placement(w, ended_at=None))
    return Row(
        Placement,
        placement(w, started_at=w.now - 20 * DAY, ended_at=w.now - 10 * DAY),
    )


@accepted("placement_one_current_per_case", "current placements of two cases")
def _current_placements_of_two_cases(w: World) -> Row:
    Placement.objects.create(**placement(w, ended_at=None))
    return Row(Placement, placement(w, case=w.other_case, ended_at=None))


# --- deadlines ------------------------------------------------------------------------------


def deadline(w: World, **fields: Any) -> dict[str, Any]:
    return {"case": w.case, "title": "Traverse due", **fields}


@refused("deadline_has_due_date", "neither due date nor due time")
def _deadline_undated(w: World) -> Row:
    return Row(Deadline, deadline(w, due_on=None, due_at=None))


@accepted("deadline_has_due_date", "due date only")
def _deadline_due_on(w: World) -> Row:
    return Row(Deadline, deadline(w, due_on=w.today + 3 * DAY))


@accepted("deadline_has_due_date", "due time only")
def _deadline_due_at(w: World) -> Row:
    return Row(Deadline, deadline(w, due_at=w.now + 3 * DAY))


def digest(w: World, **fields: Any) -> dict[str, Any]:
    return {"user": w.user, "on": w.today, "sent_at": w.now, **fields}


@refused("deadline_digest_once_a_day", "second digest for the same member and day")
def _digest_twice_a_day(w: World) -> Row:
    DeadlineDigest.objects.create(**digest(w))
    return Row(DeadlineDigest, digest(w))


@accepted("deadline_digest_once_a_day", "the next day's digest")
def _digest_next_day(w: World) -> Row:
    DeadlineDigest.objects.create(**digest(w))
    return Row(DeadlineDigest, digest(w, on=w.today + DAY))


# --- documents ------------------------------------------------------------------------------


def document(w: World, version: int) -> dict[str, Any]:
    return {
        "case": w.case,
        "kind": "generated",
        "title": "Habeas petition",
        "file": f"cases/{w.case.pk}/petition-v{version}.pdf",
        "content_type": "application/pdf",
        "size": 1024,
        "checksum": "0" * 64,
        "version": version,
        "template_slug": "habeas-petition",
        "template_checksum": "1" * 64,
        "data_checksum": "2" * 64,
    }


@refused("document_version_unique", "version 1 of the same document twice")
def _document_version_twice(w: World) -> Row:
    Document.objects.create(**document(w, 1))
    return Row(Document, document(w, 1))


@accepted("document_version_unique", "version 2 after version 1")
def _document_next_version(w: World) -> Row:
    Document.objects.create(**document(w, 1))
    return Row(Document, document(w, 2))


@refused("document_version_positive", "version 0")
def _document_version_zero(w: World) -> Row:
    return Row(Document, document(w, 0))


@accepted("document_version_positive", "version 1")
def _document_version_one(w: World) -> Row:
    return Row(Document, document(w, 1))


@refused(
    "document_generated_records_its_sources",
    "a generated document without its template and data checksums",
)
def _document_generated_without_sources(w: World) -> Row:
    return Row(Document, {**document(w, 1), "template_checksum": "", "data_checksum": ""})


@accepted("document_generated_records_its_sources", "an upload, which has no template")
def _document_upload_without_template(w: World) -> Row:
    fields = {**document(w, 1), "kind": "evidence", "template_slug": ""}
    return Row(Document, {**fields, "template_checksum": "", "data_checksum": ""})


@refused("document_evidence_kind_only_for_evidence", "a court paper marked as a medical letter")
def _document_court_paper_with_evidence_kind(w: World) -> Row:
    return Row(
        Document, {**document(w, 1), "kind": "court-paper", "evidence_kind": "medical-letter"}
    )


@accepted("document_evidence_kind_only_for_evidence", "a medical letter filed as evidence")
def _document_evidence_with_evidence_kind(w: World) -> Row:
    return Row(Document, {**document(w, 1), "kind": "evidence", "evidence_kind": "medical-letter"})


def document_template(
    w: World, version: int, *, active: bool = True, organisation: Organisation | None = None
) -> dict[str, Any]:
    owner = organisation or w.organisation
    return {
        "organisation": owner,
        "slug": "parole-request",
        "version": version,
        "file": f"templates/{owner.pk}/v{version}.docx",
        "checksum": "0" * 64,
        "active": active,
    }


@refused("document_template_version_unique", "version 1 of a template twice")
def _document_template_version_twice(w: World) -> Row:
    DocumentTemplate.objects.create(**document_template(w, 1, active=False))
    return Row(DocumentTemplate, document_template(w, 1, active=False))


@accepted("document_template_version_unique", "version 1 in another organisation")
def _document_template_version_elsewhere(w: World) -> Row:
    DocumentTemplate.objects.create(**document_template(w, 1))
    return Row(DocumentTemplate, document_template(w, 1, organisation=w.other_organisation))


@refused("document_template_one_active", "two active versions of one template")
def _document_template_two_active(w: World) -> Row:
    DocumentTemplate.objects.create(**document_template(w, 1))
    return Row(DocumentTemplate, document_template(w, 2))


@accepted("document_template_one_active", "a new active version beside a retired one")
def _document_template_retired_and_active(w: World) -> Row:
    DocumentTemplate.objects.create(**document_template(w, 1, active=False))
    return Row(DocumentTemplate, document_template(w, 2))


@refused("document_template_version_positive", "version 0")
def _document_template_version_zero(w: World) -> Row:
    return Row(DocumentTemplate, document_template(w, 0))


@accepted("document_template_version_positive", "version 1")
def _document_template_version_one(w: World) -> Row:
    return Row(DocumentTemplate, document_template(w, 1))


# --- people ---------------------------------------------------------------------------------


def person(organisation: Organisation, **fields: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "given_name": "Rosa",
        "family_name": "Doe",
        "country_of_birth": "HN",
        **fields,
    }


@refused("person_a_number_unique_per_organisation", "A-number twice in one organisation")
def _a_number_twice(w: World) -> Row:
    Person.objects.create(**person(w.organisation, a_number="087654321"))
    return Row(Person, person(w.organisation, a_number="087654321", given_name="Rosa María"))


@accepted("person_a_number_unique_per_organisation", "same A-number in another organisation")
def _a_number_in_other_organisation(w: World) -> Row:
    Person.objects.create(**person(w.organisation, a_number="087654321"))
    return Row(Person, person(w.other_organisation, a_number="087654321"))


@accepted("person_a_number_unique_per_organisation", "two clients without an A-number")
def _two_without_a_number(w: World) -> Row:
    Person.objects.create(**person(w.organisation, a_number=None))
    return Row(Person, person(w.organisation, a_number=None, given_name="Ana"))


@refused("person_a_number_nine_digits", "8-digit A-number not padded")
def _a_number_unpadded(w: World) -> Row:
    """DOMAIN.md §7: EOIR requires 9 digits since 21 July 2008; 8-digit numbers take a 0."""
    return Row(Person, person(w.organisation, a_number="87654321"))


@refused("person_a_number_nine_digits", "A-number stored with its A")
def _a_number_with_letter(w: World) -> Row:
    """DOMAIN.md §7: stored as a 9-digit string; the 'A' is for display only."""
    return Row(Person, person(w.organisation, a_number="A87654321"))


@accepted("person_a_number_nine_digits", "9 digits with the leading 0")
def _a_number_padded(w: World) -> Row:
    return Row(Person, person(w.organisation, a_number="087654321"))


@accepted("person_a_number_nine_digits", "no A-number")
def _a_number_missing(w: World) -> Row:
    return Row(Person, person(w.organisation, a_number=None))


@refused("person_immigration_status_valid", "unknown immigration status")
def _unknown_immigration_status(w: World) -> Row:
    return Row(Person, person(w.organisation, immigration_status="parolee"))


@accepted("person_immigration_status_valid", "temporary protected status")
def _tps_status(w: World) -> Row:
    return Row(Person, person(w.organisation, immigration_status="tps"))


@refused("person_no_history_no_summary", "summary without a criminal history")
def _summary_without_history(w: World) -> Row:
    return Row(
        Person,
        person(
            w.organisation,
            has_criminal_history=False,
            criminal_history_summary="2019 traffic citation",
        ),
    )


@accepted("person_no_history_no_summary", "history with its summary")
def _history_with_summary(w: World) -> Row:
    return Row(
        Person,
        person(
            w.organisation,
            has_criminal_history=True,
            criminal_history_summary="2019 traffic citation",
        ),
    )


@accepted("person_no_history_no_summary", "no history and no summary")
def _no_history_no_summary(w: World) -> Row:
    return Row(
        Person, person(w.organisation, has_criminal_history=False, criminal_history_summary="")
    )


def life_event(w: World, **fields: Any) -> dict[str, Any]:
    return {"person": w.person, "kind": "birth", "description": "Daughter due", **fields}


@refused("life_event_has_a_date", "neither expected nor occurred")
def _life_event_undated(w: World) -> Row:
    return Row(LifeEvent, life_event(w, expected_on=None, occurred_on=None))


@accepted("life_event_has_a_date", "expected date only")
def _life_event_expected(w: World) -> Row:
    return Row(LifeEvent, life_event(w, expected_on=w.today + 14 * DAY))


@accepted("life_event_has_a_date", "occurred date only")
def _life_event_occurred(w: World) -> Row:
    return Row(LifeEvent, life_event(w, occurred_on=w.today - DAY))


# --- relief ---------------------------------------------------------------------------------


def request(w: World, **fields: Any) -> dict[str, Any]:
    return {
        "case": w.case,
        "request_type": w.request.request_type,
        "reason": "Spouse due to give birth.",
        **fields,
    }


@refused("request_status_valid", "unknown status")
def _request_unknown_status(w: World) -> Row:
    return Row(Request, request(w, status="approved"))


@accepted("request_status_valid", "withdrawn")
def _request_withdrawn(w: World) -> Row:
    return Row(Request, request(w, status="withdrawn"))


@refused("request_sent_has_time_and_channel", "submitted without a time")
def _request_submitted_untimed(w: World) -> Row:
    return Row(Request, request(w, status="submitted", submitted_at=None, channel="email"))


@refused("request_sent_has_time_and_channel", "acknowledged without a channel")
def _request_acknowledged_no_channel(w: World) -> Row:
    return Row(
        Request,
        request(
            w,
            status="acknowledged",
            submitted_at=w.now - DAY,
            acknowledged_at=w.now,
            channel="",
        ),
    )


@accepted("request_sent_has_time_and_channel", "submitted by fax at a known minute")
def _request_submitted(w: World) -> Row:
    return Row(Request, request(w, status="submitted", submitted_at=w.now, channel="fax"))


@accepted("request_sent_has_time_and_channel", "draft with neither")
def _request_draft(w: World) -> Row:
    return Row(Request, request(w, status="draft", submitted_at=None, channel=""))


@refused("request_acknowledged_after_submitted", "acknowledged before it was submitted")
def _request_acknowledged_early(w: World) -> Row:
    return Row(
        Request,
        request(
            w,
            status="acknowledged",
            submitted_at=w.now,
            acknowledged_at=w.now - HOUR,
            channel="email",
        ),
    )


@accepted("request_acknowledged_after_submitted", "acknowledged an hour after submission")
def _request_acknowledged_later(w: World) -> Row:
    return Row(
        Request,
        request(
            w,
            status="acknowledged",
            submitted_at=w.now,
            acknowledged_at=w.now + HOUR,
            channel="email",
        ),
    )


def decision(w: World, **fields: Any) -> dict[str, Any]:
    return {
        "request": w.request,
        "submitted_at": w.now - DAY,
        "decided_at": w.now,
        "outcome": "denied",
        "reasons_given": False,
        "reasons": "",
        **fields,
    }


@refused("decision_not_before_submission", "decided before submission")
def _decision_before_submission(w: World) -> Row:
    return Row(Decision, decision(w, submitted_at=w.now, decided_at=w.now - HOUR))


@accepted("decision_not_before_submission", "decided the minute it was submitted")
def _decision_at_submission(w: World) -> Row:
    return Row(Decision, decision(w, submitted_at=w.now, decided_at=w.now))


@refused("decision_outcome_valid", "unknown outcome")
def _decision_unknown_outcome(w: World) -> Row:
    return Row(Decision, decision(w, outcome="approved"))


@accepted("decision_outcome_valid", "partly granted")
def _decision_partly_granted(w: World) -> Row:
    return Row(Decision, decision(w, outcome="partly-granted"))


@refused("decision_no_reasons_no_text", "reasons text on a decision without reasons")
def _decision_text_without_reasons(w: World) -> Row:
    return Row(Decision, decision(w, reasons_given=False, reasons="Flight risk."))


@accepted("decision_no_reasons_no_text", "reasons given and recorded")
def _decision_with_reasons(w: World) -> Row:
    return Row(Decision, decision(w, reasons_given=True, reasons="Flight risk."))


@accepted("decision_no_reasons_no_text", "no reasons and no text")
def _decision_without_reasons(w: World) -> Row:
    return Row(Decision, decision(w, reasons_given=False, reasons=""))


def policy_regime(effective_from: datetime.date, effective_to: datetime.date) -> dict[str, Any]:
    return {
        "name": "Test priorities memo",
        "authority": "DHS Secretary",
        "effective_from": effective_from,
        "effective_to": effective_to,
        "source": "Test source",
    }


@refused("policy_regime_ends_after_start", "ends the day before it starts")
def _regime_ends_before_start(w: World) -> Row:
    return Row(PolicyRegime, policy_regime(datetime.date(2021, 9, 30), datetime.date(2021, 9, 29)))


@accepted("policy_regime_ends_after_start", "in force for a single day")
def _regime_single_day(w: World) -> Row:
    return Row(PolicyRegime, policy_regime(datetime.date(2021, 9, 30), datetime.date(2021, 9, 30)))


@refused("request_acknowledged_has_time", "acknowledged without a time")
def _request_ack_untimed(w: World) -> Row:
    return Row(
        Request,
        request(
            w, status="acknowledged", submitted_at=w.now, acknowledged_at=None, channel="email"
        ),
    )


@accepted("request_acknowledged_has_time", "submitted, not yet acknowledged")
def _request_not_yet_ack(w: World) -> Row:
    return Row(
        Request,
        request(w, status="submitted", submitted_at=w.now, acknowledged_at=None, channel="email"),
    )


@refused("request_type_appeal_has_forum", "appeal with nowhere to go")
def _type_appeal_nowhere(w: World) -> Row:
    return Row(
        RequestType,
        {
            "slug": "appeal-nowhere",
            "name": "X",
            "decided_by": "bia",
            "appeal_available": True,
            "appeal_to": "",
        },
    )


@accepted("request_type_appeal_has_forum", "appeal to the BIA")
def _type_appeal_bia(w: World) -> Row:
    return Row(
        RequestType,
        {
            "slug": "appeal-bia",
            "name": "X",
            "decided_by": "immigration-judge",
            "appeal_available": True,
            "appeal_to": "BIA, Form EOIR-26",
        },
    )


# --- relief: the turnaround report's answer summaries ------------------------------------------


def case_answers(w: World, **fields: Any) -> dict[str, Any]:
    return {
        "organisation_id": w.organisation.id,
        "office": "New Orleans Field Office",
        "request_type_id": RequestType.objects.get(slug="humanitarian-parole").id,
        "case_id": w.case.id,
        "answers": 1,
        "denied": 0,
        "denied_without_reasons": 0,
        **fields,
    }


@refused("reported_case_answers_key", "one case counted twice in a group")
def _case_answers_twice(w: World) -> Row:
    ReportedCaseAnswers.objects.create(**case_answers(w))
    return Row(ReportedCaseAnswers, case_answers(w, answers=2))


@accepted("reported_case_answers_key", "the same case in another office's group")
def _case_answers_other_office(w: World) -> Row:
    ReportedCaseAnswers.objects.create(**case_answers(w))
    return Row(ReportedCaseAnswers, case_answers(w, office="Newark Field Office"))


def group_answers(w: World, **fields: Any) -> dict[str, Any]:
    counts = case_answers(w, **fields)
    del counts["case_id"]
    return {"cases": 1, **counts}


@refused("reported_answers_key", "one group's totals twice")
def _group_answers_twice(w: World) -> Row:
    ReportedAnswers.objects.create(**group_answers(w))
    return Row(ReportedAnswers, group_answers(w, answers=2))


@accepted("reported_answers_key", "the same office and type in another organisation")
def _group_answers_elsewhere(w: World) -> Row:
    ReportedAnswers.objects.create(**group_answers(w))
    return Row(ReportedAnswers, group_answers(w, organisation_id=w.other_organisation.id))


# --- tests ----------------------------------------------------------------------------------


@refused("external_id_unique_per_organisation", "one external id for two cases")
def _external_id_twice(w: World) -> Row:
    ExternalRecord.objects.create(organisation=w.organisation, external_id="LS-1", case=w.case)
    return Row(
        ExternalRecord,
        {"organisation": w.organisation, "external_id": "LS-1", "case": w.other_case},
    )


@accepted("external_id_unique_per_organisation", "the same external id in another organisation")
def _external_id_elsewhere(w: World) -> Row:
    ExternalRecord.objects.create(organisation=w.organisation, external_id="LS-1", case=w.case)
    return Row(
        ExternalRecord,
        {"organisation": w.other_organisation, "external_id": "LS-1", "case": w.other_case},
    )


def _idempotent(w: World, key: str) -> dict[str, Any]:
    return {
        "user": w.user,
        "key": key,
        "method": "POST",
        "path": "/api/v1/people",
        "body_digest": "0" * 64,
        "created_at": w.now,
    }


@refused("idempotency_key_unique_per_user", "one key twice for one user")
def _idempotency_key_twice(w: World) -> Row:
    IdempotentResponse.objects.create(**_idempotent(w, "k-1"))
    return Row(IdempotentResponse, _idempotent(w, "k-1"))


@accepted("idempotency_key_unique_per_user", "two keys for one user")
def _idempotency_two_keys(w: World) -> Row:
    IdempotentResponse.objects.create(**_idempotent(w, "k-1"))
    return Row(IdempotentResponse, _idempotent(w, "k-2"))


def project_constraints() -> dict[str, models.BaseConstraint]:
    """Every constraint declared in Meta.constraints of a model of an amparo app."""
    found: dict[str, models.BaseConstraint] = {}
    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("amparo."):
            continue
        for constraint in model._meta.constraints:
            assert constraint.name not in found, f"constraint name {constraint.name} reused"
            found[constraint.name] = constraint
    return found


CONSTRAINTS = project_constraints()


def scenarios(registry: dict[str, dict[str, Builder]]) -> list[Any]:
    return [
        pytest.param(name, builder, id=f"{name}: {scenario}")
        for name, by_scenario in sorted(registry.items())
        for scenario, builder in by_scenario.items()
    ]


def assert_reported(error: IntegrityError, name: str) -> None:
    """The database blamed this constraint, not some other one the row happened to break."""
    message = str(error)
    constraint = CONSTRAINTS[name]
    if connection.vendor == "sqlite" and isinstance(constraint, models.UniqueConstraint):
        # SQLite names the columns of a unique index, never the index itself.
        assert message.startswith("UNIQUE constraint failed"), message
        model = next(m for m in apps.get_models() if constraint in m._meta.constraints)
        columns = [model._meta.get_field(f).column for f in constraint.fields]  # type: ignore[union-attr]
        assert message.endswith(", ".join(f"{model._meta.db_table}.{c}" for c in columns))
    else:
        assert name in message, message


def test_every_constraint_in_the_project_is_tested() -> None:
    assert set(CONSTRAINTS) == set(REFUSED)
    assert set(CONSTRAINTS) == set(ACCEPTED)


@pytest.mark.parametrize(("name", "build"), scenarios(REFUSED))
def test_database_refuses_row_that_breaks_constraint(
    world: World, name: str, build: Builder
) -> None:
    model, fields = build(world)
    before = model._default_manager.count()

    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        model._default_manager.create(**fields)

    assert_reported(caught.value, name)
    assert model._default_manager.count() == before


@pytest.mark.parametrize(("name", "build"), scenarios(ACCEPTED))
def test_database_accepts_row_that_keeps_constraint(
    world: World, name: str, build: Builder
) -> None:
    model, fields = build(world)

    with transaction.atomic():
        row = model._default_manager.create(**fields)

    assert model._default_manager.filter(pk=row.pk).exists()
