"""The built-in templates: the list of slugs, and the code that builds each DOCX.

The DOCX files under `templates/documents/builtin/` are built by `amparo documents
build-templates` from the functions below and committed, so staff can open them in Word and use
them as the starting point of their organisation's own versions. A test rebuilds them and fails
when a committed file differs from what this module builds.

Wording cites only sources listed in DOMAIN.md, except where a line says otherwise. Court papers
carry editable sections and drafting notes for the attorney; they are drafts, not advice.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

BUILTIN_DIR = Path(__file__).resolve().parent / "templates" / "documents" / "builtin"
# Bump when the wording of a built-in template changes; recorded on every generated document.
BUILTIN_VERSION = "2026.1"
_FIXED_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

Run = str | tuple[str, str]  # text, or (text, "b" / "i" / "bi")


class Writer:
    """A small layer over python-docx: one run per piece of text, so no Jinja tag is split."""

    def __init__(self, title: str) -> None:
        self.doc: DocxDocument = new_docx()
        normal = self.doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        for section in self.doc.sections:
            section.top_margin = section.bottom_margin = Inches(1)
            section.left_margin = section.right_margin = Inches(1)
        props = self.doc.core_properties
        props.title = title
        props.author = "Amparo"
        props.last_modified_by = "Amparo"
        props.comments = f"Amparo built-in template {BUILTIN_VERSION}"
        props.created = props.modified = _FIXED_TIME
        props.revision = 1

    def p(
        self,
        *runs: Run,
        align: str = "left",
        style: str | None = None,
        after: int = 8,
        indent: float | None = None,
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        paragraph.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        paragraph.paragraph_format.space_after = Pt(after)
        if indent is not None:
            paragraph.paragraph_format.left_indent = Inches(indent)
        for run in runs:
            text, marks = (run, "") if isinstance(run, str) else run
            added = paragraph.add_run(text)
            added.bold = "b" in marks or None
            added.italic = "i" in marks or None
        return paragraph

    def center(self, text: str, *, bold: bool = True, after: int = 0) -> Paragraph:
        return self.p((text, "b") if bold else text, align="center", after=after)

    def heading(self, text: str, *, center: bool = False) -> Paragraph:
        return self.p((text, "b"), align="center" if center else "left", after=6)

    def tag(self, tag: str) -> Paragraph:
        """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it vanishes on render."""
        return self.p(tag, after=0)

    def bullet(self, *runs: Run) -> Paragraph:
        return self.p(*runs, style="List Bullet", after=2)

    def numbered(self, *runs: Run) -> Paragraph:
        return self.p(*runs, style="List Number", align="justify")

    def note(self, text: str) -> Paragraph:
        return self.p((f"[Drafting note: {text} Delete this note before filing.]", "i"))

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def rows(self, rows: list[tuple[str, str]], *, header: tuple[str, str] | None = None) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for left, right in ([header] if header else []) + rows:
            cells = table.add_row().cells
            cells[0].text = left
            cells[1].text = right
            cells[0].width = Inches(2.3)
            cells[1].width = Inches(4.2)
        if header:
            for cell in table.rows[0].cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


# --- shared pieces ------------------------------------------------------------------------------


def _letterhead(w: Writer) -> None:
    w.p(("{{ organisation.name }}", "b"), after=0)
    w.p("{{ attorney.email }}", after=12)
    w.p("{{ today }}", after=12)


def _to_field_office(w: Writer) -> None:
    w.p("{{ venue.field_office_director }}", after=0)
    w.p("U.S. Immigration and Customs Enforcement", after=0)
    w.tag("{%p if venue.field_office_address %}")
    w.p("{{ venue.field_office_address }}", after=0)
    w.tag("{%p endif %}")
    w.p("", after=6)


def _client_block(w: Writer, *lines: tuple[str, str]) -> None:
    for label, value in lines:
        w.p((f"{label}: ", "b"), value, after=0, indent=0.5)
    w.p("", after=6)


def _legal_basis(w: Writer) -> None:
    w.heading("Legal basis")
    w.tag("{%p if parole.argument %}")
    w.tag("{%p for paragraph in parole.argument %}")
    w.p("{{ paragraph }}", align="justify")
    w.tag("{%p endfor %}")
    w.tag("{%p else %}")
    w.p(
        "Under section 212(d)(5)(A) of the Immigration and Nationality Act, 8 U.S.C. "
        "§ 1182(d)(5)(A), DHS may parole a person case by case for urgent humanitarian reasons "
        "or significant public benefit; 8 CFR 212.5 governs how that authority is exercised.",
        align="justify",
    )
    w.tag("{%p endif %}")


def _family(w: Writer) -> None:
    w.tag("{%p if family %}")
    w.p("{{ client.given_name }}'s family:", after=2)
    w.tag("{%p for relative in family %}")
    w.bullet(
        "{{ relative.name }}, {{ relative.relationship }}"
        "{% if relative.us_citizen %}, a United States citizen{% endif %}"
    )
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")
    w.tag("{%p if life_events %}")
    w.tag("{%p for event in life_events %}")
    w.bullet(
        "{{ event.description }}: {{ event.date }}{% if event.expected %} (expected){% endif %}"
    )
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")


def _signature(w: Writer) -> None:
    w.p("Sincerely,", after=24)
    w.p("{{ attorney.name }}", after=0)
    w.p("{{ organisation.name }}", after=0)
    w.p("{{ attorney.email }}", after=12)


def _enclosures(w: Writer) -> None:
    w.tag("{%p if evidence %}")
    w.p(("Enclosures", "b"), after=2)
    w.tag("{%p for item in evidence %}")
    w.bullet("{{ item.title }} ({{ item.kind }})")
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")


def _caption(w: Writer, title: str) -> None:
    w.center("{{ court.caption_court }}")
    w.center("{{ court.caption_district }}")
    w.tag("{%p if court.division %}")
    w.center("{{ court.division }}")
    w.tag("{%p endif %}")
    w.p("", after=12)
    w.p("{{ client.full_name }},", after=0)
    w.p("Petitioner,", indent=2.5, after=6)
    w.p("v.", indent=1.0, after=6)
    w.tag("{%p for r in respondents %}")
    w.p("{{ r.display }}, in their official capacity;", after=0)
    w.tag("{%p endfor %}")
    w.p("Respondents.", indent=2.5, after=12)
    w.p(
        "Civil Action No. {% if court.docket_number %}{{ court.docket_number }}"
        "{% else %}[to be assigned by the Clerk]{% endif %}",
        after=12,
    )
    w.center(title, after=12)


def _counsel(w: Writer) -> None:
    w.p("Dated: {{ today }}", after=6)
    w.p("Respectfully submitted,", after=18)
    w.p("/s/ {{ attorney.name }}", after=0)
    w.p("{{ attorney.name }}", after=0)
    w.p("{{ organisation.name }}", after=0)
    w.p("{{ attorney.email }}", after=0)
    w.p("Counsel for Petitioner", after=12)


# --- the templates ------------------------------------------------------------------------------


def build_parole_request() -> bytes:
    w = Writer("Emergency humanitarian parole request")
    _letterhead(w)
    _to_field_office(w)
    w.p(("Re: Request for emergency humanitarian parole", "b"), after=4)
    _client_block(
        w,
        ("Client", "{{ client.full_name }}"),
        ("A-number", "{{ client.a_number }}"),
        ("Date of birth", "{{ client.date_of_birth }}"),
        ("Country of birth", "{{ client.country_of_birth }}"),
        ("Detained at", "{{ custody.facility }}, {{ custody.facility_place }}"),
        ("Parole requested", "{{ parole.requested_duration }}"),
        ("Decision needed before", "{{ parole.urgency_date }}"),
    )
    w.p("Dear Field Office Director:")
    w.p(
        "We represent {{ client.full_name }}, who has been detained by U.S. Immigration and "
        "Customs Enforcement since {{ custody.detained_since }} and is held at "
        "{{ custody.facility }} in {{ custody.facility_place }}. We ask that ICE parole "
        "{{ client.full_name }} for {{ parole.requested_duration }} under section 212(d)(5)(A) "
        "of the Immigration and Nationality Act, 8 U.S.C. § 1182(d)(5)(A), for urgent "
        "humanitarian reasons.",
        align="justify",
    )
    w.p(
        ("This request is urgent: a decision is needed before {{ parole.urgency_date }}. ", "b"),
        "{{ parole.reason }}",
        align="justify",
    )
    _legal_basis(w)
    w.heading("Facts")
    w.p(
        "{{ client.full_name }} was born on {{ client.date_of_birth }} in "
        "{{ client.country_of_birth }}"
        "{% if client.immigration_status and client.status_since %} and has been a "
        "{{ client.immigration_status }} since {{ client.status_since }}"
        "{% elif client.immigration_status %} and is a {{ client.immigration_status }}"
        "{% endif %}. "
        "{{ client.given_name }} was arrested on {{ custody.arrest_date }} and has been "
        "detained for {{ custody.days_detained }} days.",
        align="justify",
    )
    w.tag("{%p for sentence in custody.transfers %}")
    w.p("{{ sentence }}", align="justify")
    w.tag("{%p endfor %}")
    _family(w)
    w.p(
        "{{ client.full_name }} will comply with any conditions ICE sets on parole, such as "
        "reporting (8 CFR 212.5(d)). We ask for a decision before {{ parole.urgency_date }}, "
        "and, if the request is denied, for the reasons of the decision. Please contact me at "
        "{{ attorney.email }} for anything further you need.",
        align="justify",
    )
    _signature(w)
    _enclosures(w)
    return w.bytes()


def build_renewed_request() -> bytes:
    w = Writer("Renewed parole request")
    _letterhead(w)
    _to_field_office(w)
    w.p(("Re: Renewed request for humanitarian parole", "b"), after=4)
    _client_block(
        w,
        ("Client", "{{ client.full_name }}"),
        ("A-number", "{{ client.a_number }}"),
        ("Detained at", "{{ custody.facility }}, {{ custody.facility_place }}"),
        ("Earlier request sent", "{{ decision.submitted_at }}"),
        ("Decision", "{{ decision.outcome }}, {{ decision.decided_at }}"),
        ("Parole requested", "{{ renewed.requested_duration }}"),
        ("Decision needed before", "{{ renewed.urgency_date }}"),
    )
    w.p("Dear Field Office Director:")
    w.p(
        "On {{ decision.submitted_at }}, we asked your office to parole {{ client.full_name }} "
        "under section 212(d)(5)(A) of the Immigration and Nationality Act, 8 U.S.C. "
        "§ 1182(d)(5)(A). The request was {{ decision.outcome }} on {{ decision.decided_at }}, "
        "{{ decision.turnaround }} after it was sent"
        "{% if decision.decided_by %} (decided by: {{ decision.decided_by }}){% endif %}.",
        align="justify",
    )
    w.tag("{%p if decision.reasons_given %}")
    w.p("The decision gave these reasons: {{ decision.reasons }}", align="justify")
    w.tag("{%p else %}")
    w.p(
        "The decision gave no reasons. A decision reached {{ decision.turnaround }} after the "
        "request was sent, without any reasons, does not show the case-by-case consideration "
        "that section 212(d)(5)(A) calls for.",
        align="justify",
    )
    w.tag("{%p endif %}")
    w.p(
        "We renew the request. {{ renewed.reason }}",
        align="justify",
    )
    w.p(
        (
            "We ask that ICE parole {{ client.full_name }} for {{ renewed.requested_duration }}. ",
            "b",
        ),
        "A decision is needed before {{ renewed.urgency_date }}.",
        align="justify",
    )
    _legal_basis(w)
    w.heading("Facts")
    w.p(
        "{{ client.full_name }} has been detained since {{ custody.detained_since }} "
        "({{ custody.days_detained }} days) and is held at {{ custody.facility }} in "
        "{{ custody.facility_place }}.",
        align="justify",
    )
    _family(w)
    w.p(
        "{{ client.full_name }} will comply with any conditions ICE sets on parole, such as "
        "reporting (8 CFR 212.5(d)). If ICE denies this renewed request, we ask that the "
        "decision state its reasons.",
        align="justify",
    )
    _signature(w)
    _enclosures(w)
    return w.bytes()


def build_habeas_petition() -> bytes:
    w = Writer("Petition for a writ of habeas corpus (28 U.S.C. § 2241)")
    _caption(w, "PETITION FOR A WRIT OF HABEAS CORPUS UNDER 28 U.S.C. § 2241")
    w.heading("INTRODUCTION", center=True)
    w.numbered(
        "Petitioner {{ client.full_name }}"
        "{% if client.immigration_status %}, a {{ client.immigration_status }}{% endif %}, "
        "has been held in immigration detention since {{ custody.detained_since }} "
        "({{ custody.days_detained }} days) and is confined at {{ custody.facility }} in "
        "{{ custody.facility_place }}. Petitioner asks the Court to issue the writ and order "
        "release."
    )
    w.tag("{%p if decision %}")
    w.numbered(
        "On {{ decision.submitted_at }}, Petitioner asked ICE for humanitarian parole of "
        "{{ parole.requested_duration }}. The request was {{ decision.outcome }} on "
        "{{ decision.decided_at }}, {{ decision.turnaround }} after it was sent"
        "{% if not decision.reasons_given %}, without any reasons{% endif %}."
    )
    w.tag("{%p endif %}")
    w.heading("JURISDICTION AND VENUE", center=True)
    w.numbered(
        "This Court has jurisdiction under 28 U.S.C. § 2241(a): Petitioner is in custody "
        "within its jurisdiction, and the petition challenges the lawfulness of that custody."
    )
    w.numbered(
        "Venue is proper in the {{ court.district }}, the district of confinement: Petitioner "
        "is held at {{ custody.facility }} in {{ custody.facility_place }} (Rumsfeld v. "
        "Padilla, 542 U.S. 426 (2004)). Jurisdiction attaches on filing and is not defeated by "
        "a later transfer (Ex parte Endo, 323 U.S. 283 (1944))."
    )
    w.heading("PARTIES", center=True)
    w.numbered(
        "Petitioner {{ client.full_name }} (A-number {{ client.a_number }}) was born on "
        "{{ client.date_of_birth }} in {{ client.country_of_birth }}."
    )
    w.tag("{%p for r in respondents %}")
    w.numbered(
        "Respondent {{ r.display }} is named as the {{ r.role_label }}, in their official capacity."
    )
    w.tag("{%p endfor %}")
    w.numbered(
        "The immediate custodian, {{ court.custodian }}, is named as 28 U.S.C. § 2242 and "
        "Rumsfeld v. Padilla, 542 U.S. 426 (2004) require; the officials who can order release "
        "are named as well."
    )
    w.heading("CUSTODY FACTS AND TRANSFER HISTORY", center=True)
    w.numbered(
        "On {{ custody.arrest_date }}, {{ custody.arrest_agency }} arrested Petitioner "
        "{{ custody.arrest_place }}."
        "{% if custody.arrest_circumstances %} {{ custody.arrest_circumstances }}{% endif %}"
    )
    w.tag("{%p for stay in custody.placements %}")
    w.numbered(
        "{% if stay.current %}Since {{ stay.start }}, Petitioner has been held at "
        "{{ stay.facility }} in {{ stay.place }}.{% else %}From {{ stay.start }} to "
        "{{ stay.end }}, Petitioner was held at {{ stay.facility }} in {{ stay.place }}."
        "{% endif %}"
    )
    w.tag("{%p endfor %}")
    w.tag("{%p if family %}")
    w.numbered(
        "Petitioner's family: {% for relative in family %}{{ relative.name }} "
        "({{ relative.relationship }}{% if relative.us_citizen %}, a United States citizen"
        "{% endif %}){% if not loop.last %}; {% endif %}{% endfor %}."
    )
    w.tag("{%p endif %}")
    w.tag("{%p for event in life_events %}")
    w.numbered(
        "{{ event.description }}: {{ event.date }}{% if event.expected %} (expected){% endif %}."
    )
    w.tag("{%p endfor %}")
    w.heading("CLAIMS FOR RELIEF", center=True)
    w.heading("COUNT ONE — Detention in violation of the Due Process Clause of the Fifth Amendment")
    w.note(
        "edit this claim to the facts and to the law of the circuit; DOMAIN.md §2 (prolonged "
        "detention) summarises the Supreme Court decisions that limit it."
    )
    w.numbered(
        "Petitioner repeats the paragraphs above. The Fifth Amendment forbids depriving any "
        "person of liberty without due process of law. Petitioner's detention for "
        "{{ custody.days_detained }} days, without an individualized determination that "
        "detention is necessary, violates that guarantee."
    )
    w.heading(
        "COUNT TWO — Detention not authorized by the statute under which Respondents hold "
        "Petitioner"
    )
    w.note(
        "name the statute Respondents rely on (8 U.S.C. § 1225(b), § 1226(a) or § 1226(c)) "
        "and explain why it does not authorize this detention."
    )
    w.numbered(
        "Petitioner repeats the paragraphs above. Respondents have not shown a statutory basis "
        "for Petitioner's continued detention."
    )
    w.heading("PRAYER FOR RELIEF", center=True)
    w.p("Petitioner asks the Court to:", after=4)
    for text in (
        "assume jurisdiction over this matter;",
        "issue the writ, or order Respondents to show cause why it should not be granted, "
        "with a return within three days (28 U.S.C. § 2243);",
        "order that Petitioner not be transferred outside the {{ court.district }} while this "
        "petition is pending (28 U.S.C. § 1651(a));",
        "order Petitioner's release from custody; and",
        "grant any other relief that is just.",
    ):
        w.bullet(text)
    w.p("", after=6)
    _counsel(w)
    w.page_break()
    w.heading("VERIFICATION UNDER 28 U.S.C. § 2242", center=True)
    w.p(
        "I, {{ attorney.name }}, am one of Petitioner's attorneys, and I make this verification "
        "on Petitioner's behalf, as 28 U.S.C. § 2242 allows (\u201cby someone acting in his "
        "behalf\u201d). I have discussed with Petitioner, and reviewed in the records of this "
        "case, the events described in this petition. On that basis, the facts stated in the "
        "petition are true and correct to the best of my knowledge.",
        align="justify",
    )
    w.p(
        "I declare under penalty of perjury that the foregoing is true and correct "
        "(28 U.S.C. § 1746). Executed on {{ today }}.",
        align="justify",
        after=18,
    )
    w.p("/s/ {{ attorney.name }}", after=0)
    w.p("{{ attorney.name }}", after=0)
    return w.bytes()


def build_tro_motion() -> bytes:
    w = Writer("Emergency motion for a temporary restraining order")
    _caption(w, "PETITIONER'S EMERGENCY MOTION FOR A TEMPORARY RESTRAINING ORDER")
    w.numbered(
        "Petitioner {{ client.full_name }} moves under Federal Rule of Civil Procedure 65(b) "
        "and the All Writs Act, 28 U.S.C. § 1651(a), for a temporary restraining order "
        "(1) forbidding Respondents to transfer Petitioner outside the {{ court.district }} "
        "while the petition for a writ of habeas corpus is pending, and (2) ordering "
        "Petitioner's release, or a hearing on the petition without delay."
    )
    w.numbered(
        "Petitioner has been detained since {{ custody.detained_since }} "
        "({{ custody.days_detained }} days) and is confined at {{ custody.facility }} in "
        "{{ custody.facility_place }}."
    )
    w.tag("{%p for sentence in custody.transfers %}")
    w.numbered("{{ sentence }}")
    w.tag("{%p endfor %}")
    w.tag("{%p if decision %}")
    w.numbered(
        "On {{ decision.submitted_at }}, Petitioner asked ICE for humanitarian parole of "
        "{{ parole.requested_duration }}. The request was {{ decision.outcome }} on "
        "{{ decision.decided_at }}, {{ decision.turnaround }} after it was sent"
        "{% if not decision.reasons_given %}, without any reasons{% endif %}."
    )
    w.tag("{%p endif %}")
    w.tag("{%p if parole.urgency_date %}")
    w.numbered("Relief is needed before {{ parole.urgency_date }}: {{ parole.reason }}")
    w.tag("{%p endif %}")
    w.heading("Standard", center=True)
    w.note(
        "state the standard for a temporary restraining order in this circuit (commonly the "
        "four factors of Winter v. Natural Resources Defense Council, 555 U.S. 7, 20 (2008), "
        "a source outside DOMAIN.md) and apply it to the facts."
    )
    w.numbered(
        "A temporary restraining order issued without notice lasts no longer than 14 days "
        "unless extended for good cause (Fed. R. Civ. P. 65(b)(2)). The Court's power to "
        "preserve its jurisdiction while the petition is decided comes from 28 U.S.C. "
        "§ 1651(a)."
    )
    w.heading("Certificate under Rule 65(b)(1)(B)", center=True)
    w.note(
        "describe the efforts made to give notice to Respondents and the United States "
        "Attorney, and why notice should not be required."
    )
    _counsel(w)
    return w.bytes()


def build_congressional_inquiry() -> bytes:
    w = Writer("Congressional inquiry letter and privacy-waiver data sheet")
    _letterhead(w)
    w.p("{{ congress.member }}", after=0)
    w.tag("{%p if congress.caseworker %}")
    w.p("Attention: {{ congress.caseworker }}", after=0)
    w.tag("{%p endif %}")
    w.p("", after=6)
    w.p(("Re: Request for a congressional inquiry to ICE", "b"), after=4)
    _client_block(
        w,
        ("Constituent's family member", "{{ client.full_name }}"),
        ("A-number", "{{ client.a_number }}"),
        ("Detained at", "{{ custody.facility }}, {{ custody.facility_place }}"),
        ("ICE field office", "{{ venue.field_office }}"),
    )
    w.p("Dear {{ congress.title }} {{ congress.member_name }}:")
    w.p(
        "We represent {{ client.full_name }}, who has been detained by U.S. Immigration and "
        "Customs Enforcement since {{ custody.detained_since }} and is held at "
        "{{ custody.facility }} in {{ custody.facility_place }}, under the "
        "{{ venue.field_office }}.",
        align="justify",
    )
    w.tag("{%p if decision %}")
    w.p(
        "On {{ decision.submitted_at }}, we asked ICE for humanitarian parole. The request was "
        "{{ decision.outcome }} on {{ decision.decided_at }}, {{ decision.turnaround }} later"
        "{% if not decision.reasons_given %}, without any reasons{% endif %}.",
        align="justify",
    )
    w.tag("{%p endif %}")
    w.tag("{%p if parole.urgency_date %}")
    w.p(
        ("The matter is urgent: a decision is needed before {{ parole.urgency_date }}. ", "b"),
        "{{ parole.reason }}",
        align="justify",
    )
    w.tag("{%p endif %}")
    w.p(
        "We ask your office to contact ICE's Office of Congressional Relations "
        "({{ ice.congressional_relations_email }}, {{ ice.congressional_relations_phone }}) "
        "and to ask for:",
        after=2,
    )
    w.bullet("{{ client.given_name }}'s custody status and a review of the custody decision;")
    w.bullet(
        "consideration of humanitarian parole under section 212(d)(5)(A) of the Immigration "
        "and Nationality Act{% if parole.urgency_date %} before {{ parole.urgency_date }}"
        "{% endif %}; and"
    )
    w.bullet("a written reply your office can share with us.")
    w.p(
        "ICE does not share a detained person's information with a Member's office without "
        "the person's written consent (Privacy Act, 5 U.S.C. § 552a(b)); ICE's Form 60-001 "
        "privacy waiver gives it.",
        align="justify",
    )
    w.tag("{%p if inquiry.waiver_signed_on %}")
    w.p(
        "{{ client.full_name }} signed the waiver on {{ inquiry.waiver_signed_on }}; it is "
        "enclosed.",
        align="justify",
    )
    w.tag("{%p else %}")
    w.p(
        "The attached data sheet gives the details the waiver asks for. We are obtaining "
        "{{ client.given_name }}'s signature on ICE Form 60-001 and will send it to you as "
        "soon as we have it.",
        align="justify",
    )
    w.tag("{%p endif %}")
    w.p("Thank you for your help.", align="justify")
    _signature(w)
    w.page_break()
    w.center("PRIVACY WAIVER DATA SHEET")
    w.center("for ICE Form 60-001 (Privacy Waiver)", bold=False, after=12)
    w.p(
        (
            "UNVERIFIED field list: the fields of ICE Form 60-001 below were not confirmed "
            "against the current form (DOMAIN.md §5). Check them against the form published by "
            "ICE's Office of Congressional Relations (ice.gov/leadership/ocr) before use. This "
            "sheet is not the form: the client signs the form itself.",
            "i",
        ),
        align="justify",
    )
    w.rows(
        [
            ("Full name", "{{ client.full_name }}"),
            (
                "Other names used",
                "{% if client.aliases %}{{ client.aliases|join(', ') }}"
                "{% else %}none recorded{% endif %}",
            ),
            ("A-number", "{{ client.a_number }}"),
            ("Date of birth", "{{ client.date_of_birth }}"),
            ("Country of birth", "{{ client.country_of_birth }}"),
            ("Detention facility", "{{ custody.facility }}, {{ custody.facility_place }}"),
            ("ICE field office", "{{ venue.field_office }}"),
            ("Member of Congress who may receive the information", "{{ congress.member }}"),
            ("Signature of the individual", "to be signed on ICE Form 60-001"),
            (
                "Date signed",
                "{% if inquiry.waiver_signed_on %}{{ inquiry.waiver_signed_on }}"
                "{% else %}not yet signed{% endif %}",
            ),
        ],
        header=("Field", "Value"),
    )
    return w.bytes()


def build_press_statement() -> bytes:
    w = Writer("Press statement")
    w.p(("FOR IMMEDIATE RELEASE", "b"), after=0)
    w.p("{{ today }}", after=0)
    w.p("Contact: {{ attorney.name }}, {{ organisation.name }}, {{ attorney.email }}", after=12)
    w.center("{{ organisation.name }} calls on ICE to release {{ public.name }}", after=12)
    w.p(
        "{{ public.name }} has been held in immigration detention for {{ custody.days_detained }} "
        "days{% if public.show_facility %}, now at {{ custody.facility }} in "
        "{{ custody.facility_place }}{% endif %}.",
        align="justify",
    )
    w.p(
        "On {{ decision.submitted_at }}, {{ organisation.name }} asked ICE to release "
        "{{ public.name }} on humanitarian parole for {{ parole.requested_duration }}. The "
        "request was {{ decision.outcome }} {{ decision.turnaround }} later"
        "{% if not decision.reasons_given %}, without any reason given{% endif %}.",
        align="justify",
    )
    w.tag("{%p if press.family_quote %}")
    w.p(
        "\u201c{{ press.family_quote }}\u201d said {{ press.family_quote_author }}.",
        align="justify",
    )
    w.tag("{%p endif %}")
    w.tag("{%p if press.allies %}")
    w.p("Also calling for release: {{ press.allies|join('; ') }}.", align="justify")
    w.tag("{%p endif %}")
    w.tag("{%p if press.agency_response %}")
    w.p("{{ press.agency_response }}", align="justify")
    w.tag("{%p endif %}")
    w.p(
        "{{ organisation.name }} asks ICE to release {{ public.name }} without delay"
        "{% if parole.urgency_date %}, and before {{ parole.urgency_date }}{% endif %}.",
        align="justify",
    )
    w.center("###", bold=False)
    return w.bytes()


def build_chronology() -> bytes:
    w = Writer("Chronology")
    w.center("CHRONOLOGY")
    w.center("{{ client.full_name }}, A-number {{ client.a_number }}", bold=False, after=6)
    w.p(
        "Prepared by {{ organisation.name }} on {{ today }} from the case record. Times are "
        "given in the {{ case.time_zone }} time zone.",
        align="center",
        after=12,
    )
    w.rows(
        [
            ("{%tr for item in timeline %}", ""),
            (
                "{{ item.when }}",
                "{{ item.summary }}{% if item.detail %} \u2014 {{ item.detail }}{% endif %}",
            ),
            ("{%tr endfor %}", ""),
        ],
        header=("Date and time", "Event"),
    )
    return w.bytes()


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateSpec:
    slug: str
    title: str
    description: str
    build: Callable[[], bytes]
    pdf: bool  # letters and the chronology; court papers are edited in Word
    privileged: bool  # work product: hidden from advocacy staff

    @property
    def path(self) -> Path:
        return BUILTIN_DIR / f"{self.slug}.docx"

    def data(self) -> bytes:
        return _read(self.path)

    def checksum(self) -> str:
        return hashlib.sha256(self.data()).hexdigest()

    def fields(self) -> set[str]:
        from amparo.documents.templating import template_fields

        return template_fields(self.data())


@functools.cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


TEMPLATES: dict[str, TemplateSpec] = {
    spec.slug: spec
    for spec in (
        TemplateSpec(
            "parole-request",
            "Emergency humanitarian parole request",
            "Letter to the field office director of the current venue: INA § 212(d)(5)(A), the "
            "8 CFR 212.5(b) categories the assessment found, urgency date, requested duration "
            "and the enclosed evidence.",
            build_parole_request,
            pdf=True,
            privileged=True,
        ),
        TemplateSpec(
            "renewed-request",
            "Renewed parole request",
            "Renewed request after a denial: the decision's time, turnaround and (absent) "
            "reasons, and what is new.",
            build_renewed_request,
            pdf=True,
            privileged=True,
        ),
        TemplateSpec(
            "habeas-petition",
            "Petition for a writ of habeas corpus (28 U.S.C. § 2241)",
            "Caption with court and division, petitioner, respondents by role, custody facts and "
            "transfer history, claims as editable sections, verification under § 2242.",
            build_habeas_petition,
            pdf=False,
            privileged=True,
        ),
        TemplateSpec(
            "tro-motion",
            "Emergency motion for a temporary restraining order",
            "Fed. R. Civ. P. 65(b) and 28 U.S.C. § 1651(a): no transfer out of the district, "
            "release or a prompt hearing.",
            build_tro_motion,
            pdf=False,
            privileged=True,
        ),
        TemplateSpec(
            "congressional-inquiry",
            "Congressional inquiry letter and privacy-waiver data sheet",
            "Letter to the Member's office asking for an inquiry to ICE's Office of "
            "Congressional Relations, with a data sheet pre-filled for ICE Form 60-001 (field "
            "list UNVERIFIED).",
            build_congressional_inquiry,
            pdf=True,
            privileged=True,
        ),
        TemplateSpec(
            "press-statement",
            "Press statement",
            "Public statement under the name the client consented to, with the family's and "
            "allies' statements they agreed to publicise.",
            build_press_statement,
            pdf=True,
            privileged=False,
        ),
        TemplateSpec(
            "chronology",
            "Chronology",
            "The case timeline as an exhibit (team notes left out).",
            build_chronology,
            pdf=True,
            privileged=True,
        ),
    )
}


def write_builtin_templates(directory: Path = BUILTIN_DIR) -> list[Path]:
    """Build every built-in template into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in TEMPLATES.values():
        path = directory / f"{spec.slug}.docx"
        path.write_bytes(spec.build())
        written.append(path)
    _read.cache_clear()
    return written


def docx_parts_equal(first: bytes, second: bytes) -> bool:
    """Two DOCX packages hold the same parts with the same bytes (zip timestamps aside)."""
    a, b = zipfile.ZipFile(io.BytesIO(first)), zipfile.ZipFile(io.BytesIO(second))
    if sorted(a.namelist()) != sorted(b.namelist()):
        return False
    return all(a.read(name) == b.read(name) for name in a.namelist())
