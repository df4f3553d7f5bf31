"""Acceptance: for the demo story case every built-in template generates, and the documents say
what the case record says (court caption, names, respondents, decision time, requested
duration). Missing data gives the list of what is missing, never a document with blanks."""

from __future__ import annotations

import hashlib
import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as open_docx

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.selectors import case_timeline
from amparo.conftest import Cast
from amparo.documents.builtin import BUILTIN_VERSION, TEMPLATES, Writer
from amparo.documents.models import Document
from amparo.documents.selectors import missing_report
from amparo.documents.services import canonical_json, document_generate, template_upload
from amparo.documents.templating import MissingDataError
from amparo.documents.tests.conftest import demo_user
from amparo.relief.models import Request

pytestmark = pytest.mark.django_db

RESPONDENT_TITLES = (
    "Warden, Central Louisiana ICE Processing Center",
    "Field Office Director, New Orleans Field Office",
    "Director, U.S. Immigration and Customs Enforcement",
    "Secretary of Homeland Security",
    "Attorney General of the United States",
)


def text_of(document: Document) -> str:
    """Every paragraph and table cell of a stored DOCX, opened with python-docx."""
    with document.file.open("rb") as handle:
        word = open_docx(io.BytesIO(handle.read()))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def decision_moment(case: Case) -> str:
    """The decision time as the organisation reads it, e.g. '6:41 PM EST', computed here
    independently of the document code."""
    decision = Request.objects.get(case=case, request_type__slug="humanitarian-parole").decision
    local = decision.decided_at.astimezone(zoneinfo.ZoneInfo(case.organisation.time_zone))
    hour = local.hour % 12 or 12
    return f"{local:%A}, {local:%B} {local.day}, {local.year} at {hour}:{local:%M} " + (
        f"{'AM' if local.hour < 12 else 'PM'} {local.tzname()}"
    )


def chronology_moment(case: Case) -> str:
    decision = Request.objects.get(case=case, request_type__slug="humanitarian-parole").decision
    local = decision.decided_at.astimezone(zoneinfo.ZoneInfo(case.organisation.time_zone))
    return f"{local:%a %Y-%m-%d %H:%M} {local.tzname()}"


def test_every_built_in_template_generates_for_the_story(story_ready: Case) -> None:
    """Each DOCX, opened with python-docx, says what the record says: names, caption and
    respondents (court papers), the decision time and the requested duration."""
    attorney = demo_user("attorney")
    name, decided = "Tomás Herrera Lindqvist", decision_moment(story_ready)
    caption = ["UNITED STATES DISTRICT COURT", "WESTERN DISTRICT OF LOUISIANA"]
    expected: dict[str, list[str]] = {
        "parole-request": [name, "Field Office Director, New Orleans Field Office", "14 days"],
        "renewed-request": [name, decided, "29 minutes", "gave no reasons", "14 days"],
        "habeas-petition": [*caption, name, *RESPONDENT_TITLES, decided, "14 days"],
        "tro-motion": [*caption, name, *RESPONDENT_TITLES, decided, "14 days"],
        "congressional-inquiry": [name, "A099-123-456", decided],
        "press-statement": ["Tomás H.", "14 days", "29 minutes later"],
        "chronology": [name, "A099-123-456", chronology_moment(story_ready)],
        "family-letter": [name, "Dear family,", "Jena", "denied", decided],
    }
    # The motion to enforce needs a court order the story does not have: its own test drafts it
    # from an overdue order (courts/tests/test_order_compliance.py).
    # The Spanish and Arabic papers have their own test (test_family_languages.py).
    variants = {slug for slug, spec in TEMPLATES.items() if spec.variant_of}
    assert set(expected) == set(TEMPLATES) - {"motion-to-enforce"} - variants
    for slug, wanted in expected.items():
        document = document_generate(actor=attorney, case=story_ready, template=slug)
        assert document.content_type.endswith("wordprocessingml.document")
        text = text_of(document)
        for value in wanted:
            assert value in text, f"{slug}: {value!r} missing"
        assert "None" not in text.split(), slug
        assert "{{" not in text and "{%" not in text, slug
        if TEMPLATES[slug].pdf:
            pdf = document_generate(actor=attorney, case=story_ready, template=slug, fmt="pdf")
            with pdf.file.open("rb") as handle:
                assert handle.read(5) == b"%PDF-"


@pytest.mark.parametrize("slug", ["habeas-petition", "tro-motion"])
def test_court_papers_carry_the_caption_petitioner_and_respondents(story: Case, slug: str) -> None:
    """28 U.S.C. §§ 2241(a), 2242; Rumsfeld v. Padilla, 542 U.S. 426 (2004): filed in the
    district of confinement (Jena, LaSalle Parish: W.D. La., Alexandria Division), naming the
    immediate custodian and the officials by role."""
    document = document_generate(actor=demo_user("attorney"), case=story, template=slug)
    text = text_of(document)
    lines = text.splitlines()
    assert lines[:3] == [
        "UNITED STATES DISTRICT COURT",
        "WESTERN DISTRICT OF LOUISIANA",
        "ALEXANDRIA DIVISION",
    ]
    assert "Tomás Herrera Lindqvist," in lines
    assert "Petitioner," in lines
    for title in RESPONDENT_TITLES:
        assert title in text
    assert text.index("Warden, Central Louisiana") < text.index("Attorney General of the United")
    assert decision_moment(story) in text
    assert "29 minutes after it was sent, without any reasons" in text
    assert "humanitarian parole of 14 days" in text
    assert "[to be assigned by the Clerk]" in text


def test_habeas_petition_has_custody_facts_claims_and_verification(story: Case) -> None:
    text = text_of(
        document_generate(actor=demo_user("attorney"), case=story, template="habeas-petition")
    )
    assert "PETITION FOR A WRIT OF HABEAS CORPUS UNDER 28 U.S.C. § 2241" in text
    assert "Petitioner was held at Delaney Hall Detention Facility in Newark, New Jersey" in text
    assert "Petitioner has been held at Central Louisiana ICE Processing Center" in text
    assert "COUNT ONE" in text and "COUNT TWO" in text
    assert "VERIFICATION UNDER 28 U.S.C. § 2242" in text
    assert "I, Demo Attorney, am one of Petitioner's attorneys" in text
    assert "A099-123-456" in text


def test_parole_request_goes_to_the_venue_s_field_office_director(story_ready: Case) -> None:
    """INA § 212(d)(5)(A); 8 CFR 212.5(b): the letter cites the statute, the category the
    assessment found, the urgency date, the duration and the enclosed evidence."""
    text = text_of(
        document_generate(actor=demo_user("attorney"), case=story_ready, template="parole-request")
    )
    assert "Field Office Director, New Orleans Field Office" in text
    assert "8 U.S.C. § 1182(d)(5)(A)" in text
    # The story's client is an LPR: the assessment argues recognizance, bond or habeas rather
    # than 212.5(b) parole (INA § 101(a)(13)(C)), and keeps the facts as humanitarian factors.
    assert "recognizance" in text
    assert "Parole requested: 14 days" in text
    parole = Request.objects.get(case=story_ready, request_type__slug="humanitarian-parole")
    assert parole.urgency_until is not None
    urgency = f"{parole.urgency_until:%B} {parole.urgency_until.day}, {parole.urgency_until.year}"
    assert f"Decision needed before: {urgency}" in text
    assert "Obstetrician's letter (Medical letter)" in text


def test_renewed_request_cites_decision_time_turnaround_and_absent_reasons(story: Case) -> None:
    text = text_of(
        document_generate(actor=demo_user("attorney"), case=story, template="renewed-request")
    )
    assert f"The request was denied on {decision_moment(story)}, 29 minutes after" in text
    assert "The decision gave no reasons." in text
    assert "for 14 days" in text
    assert "obstetrician's letter" in text


def test_congressional_inquiry_prefills_the_waiver_data_sheet(story: Case) -> None:
    text = text_of(
        document_generate(actor=demo_user("attorney"), case=story, template="congressional-inquiry")
    )
    assert "Rep. Marisol Quintero (demo) (NJ-9)" in text
    assert "CongressToICE@ice.dhs.gov" in text
    assert "PRIVACY WAIVER DATA SHEET" in text
    assert "Check the fields below against the current ICE Form 60-001" in text
    for value in ("A099-123-456", "April 17, 1989", "Colombia", "not yet signed"):
        assert value in text


def test_press_statement_uses_only_the_consented_name(story_ready: Case) -> None:
    text = text_of(
        document_generate(actor=demo_user("attorney"), case=story_ready, template="press-statement")
    )
    assert "calls on ICE to release Tomás H." in text
    assert "Herrera Lindqvist" not in text
    assert "A099" not in text
    assert "All we ask is that he can be with me" in text
    assert "declined to comment" in text


def test_press_statement_without_consent_lists_what_is_missing(unconsented: Case) -> None:
    with pytest.raises(MissingDataError) as caught:
        document_generate(actor=demo_user("attorney"), case=unconsented, template="press-statement")
    report = missing_report(unconsented, caught.value.items)
    assert [row["field"] for row in report] == ["public.name"]
    assert report[0]["fix_url"].endswith(f"/cases/{unconsented.id}/publication/")


def test_chronology_is_the_timeline_without_team_notes(story: Case) -> None:
    document = document_generate(actor=demo_user("attorney"), case=story, template="chronology")
    text = text_of(document)
    assert "CHRONOLOGY" in text
    assert "Arrested by ICE: outside his home in Paterson, New Jersey" in text
    assert "denied 29 minutes after submission; no reasons given" in text
    assert "Strong parole case" not in text  # a privileged note
    assert "Family told of the transfer" not in text  # notes are internal, privileged or not


def test_generated_document_records_version_checksum_template_and_data(story: Case) -> None:
    attorney = demo_user("attorney")
    first = document_generate(actor=attorney, case=story, template="chronology")
    second = document_generate(actor=attorney, case=story, template="chronology", fmt="pdf")
    assert (first.version, second.version) == (1, 2)
    with first.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == first.checksum
    assert first.size == first.file.size
    assert first.created_by == attorney
    assert first.template_slug == "chronology"
    assert first.template_version == f"built-in {BUILTIN_VERSION}"
    assert first.template_checksum == TEMPLATES["chronology"].checksum()
    assert first.data is not None
    assert first.data_checksum == hashlib.sha256(canonical_json(first.data)).hexdigest()
    assert first.data["client"]["full_name"] == "Tomás Herrera Lindqvist"
    # Storage paths carry ids only.
    assert first.file.name == f"cases/{story.id}/{first.id}/v1.docx"
    assert second.content_type == "application/pdf"
    with second.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_generation_is_audited_and_appears_on_the_timeline(story: Case) -> None:
    attorney = demo_user("attorney")
    document = document_generate(actor=attorney, case=story, template="habeas-petition")
    event = AuditEvent.objects.get(action="document.generate", object_id=str(document.id))
    assert event.case_id == story.id
    assert event.actor_id == attorney.id
    items = [i for i in case_timeline(attorney, story) if i.kind == "document"]
    assert [i.object_id for i in items] == [document.id]
    assert "Petition for a writ of habeas corpus" in items[0].summary
    # Privileged work product stays off an advocate's timeline.
    assert not [i for i in case_timeline(demo_user("advocate"), story) if i.kind == "document"]


@pytest.mark.parametrize("slug", ["parole-request", "renewed-request", "congressional-inquiry"])
def test_letters_also_come_as_pdf(story: Case, slug: str) -> None:
    document = document_generate(actor=demo_user("attorney"), case=story, template=slug, fmt="pdf")
    with document.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-")
    assert document.file.name.endswith(".pdf")


def test_court_papers_are_not_offered_as_pdf(story: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        document_generate(
            actor=demo_user("attorney"), case=story, template="habeas-petition", fmt="pdf"
        )
    assert "format" in caught.value.message_dict
    assert not Document.objects.filter(case=story).exists()


def test_unknown_template_is_refused(story: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        document_generate(actor=None, case=story, template="love-letter")
    assert "parole-request" in caught.value.message_dict["template"][0]


def test_a_bare_case_gets_the_list_of_missing_data_with_links(cast: Cast) -> None:
    """A case with a client but no custody record, request or court case: nothing is stored,
    and every missing field comes with where to complete it."""
    with pytest.raises(MissingDataError) as caught:
        document_generate(actor=cast.attorney, case=cast.case, template="parole-request")
    report = {row["field"]: row for row in missing_report(cast.case, caught.value.items)}
    assert {"custody.facility", "venue.field_office_director", "parole.reason"} <= set(report)
    assert "client.full_name" not in report
    assert report["custody.facility"]["fix_url"].endswith(f"/cases/{cast.case.id}/#custody-panel")
    assert report["parole.reason"]["fix_url"].endswith(f"/cases/{cast.case.id}/#request-panel")
    assert report["custody.facility"]["description"].startswith("Custody — ")
    assert not Document.objects.filter(case=cast.case).exists()
    assert not AuditEvent.objects.filter(action="document.generate").exists()


def _own_template(*paragraphs: str) -> SimpleUploadedFile:
    writer = Writer("Our parole letter")
    for text in paragraphs:
        writer.p(text)
    return SimpleUploadedFile("ours.docx", writer.bytes(), content_type="")


def test_an_organisation_s_own_template_is_used_and_recorded(story: Case) -> None:
    admin = demo_user("admin")
    row = template_upload(
        actor=admin,
        organisation=story.organisation,
        slug="parole-request",
        upload=_own_template(
            "OUR LETTER for {{ client.full_name }}, {{ parole.requested_duration }}"
        ),
        note="House style",
    )
    document = document_generate(actor=admin, case=story, template="parole-request")
    assert text_of(document).startswith("OUR LETTER for Tomás Herrera Lindqvist, 14 days")
    assert document.template == row
    assert document.template_version == "organisation v1"
    assert document.template_checksum == row.checksum
    newer = template_upload(
        actor=admin,
        organisation=story.organisation,
        slug="parole-request",
        upload=_own_template("SECOND {{ client.a_number }}"),
    )
    row.refresh_from_db()
    assert (row.active, newer.active, newer.version) == (False, True, 2)
    assert "SECOND A099-123-456" in text_of(
        document_generate(actor=admin, case=story, template="parole-request")
    )


def test_an_own_template_with_an_unknown_field_is_refused_on_upload(story: Case) -> None:
    with pytest.raises(ValidationError) as caught:
        template_upload(
            actor=demo_user("admin"),
            organisation=story.organisation,
            slug="parole-request",
            upload=_own_template("{{ client.full_name }} {{ client.favourite_colour }}"),
        )
    assert "client.favourite_colour" in caught.value.message_dict["file"][0]


def test_an_own_template_needing_data_the_case_lacks_yields_the_missing_list(
    unconsented: Case,
) -> None:
    """The acceptance case for organisations' templates: a field the story has no data for."""
    story = unconsented
    template_upload(
        actor=demo_user("admin"),
        organisation=story.organisation,
        slug="press-statement",
        upload=_own_template("{{ public.name }} held {{ custody.days_detained }} days"),
    )
    with pytest.raises(MissingDataError) as caught:
        document_generate(actor=demo_user("attorney"), case=story, template="press-statement")
    assert [i.field for i in caught.value.items] == ["public.name"]


def test_an_own_template_upload_must_be_a_docx(story: Case) -> None:
    from amparo.documents.tests.conftest import PDF_BYTES

    with pytest.raises(ValidationError) as caught:
        template_upload(
            actor=demo_user("admin"),
            organisation=story.organisation,
            slug="chronology",
            upload=SimpleUploadedFile("x.docx", PDF_BYTES, content_type=""),
        )
    assert "contents are a PDF document" in caught.value.message_dict["file"][0]
