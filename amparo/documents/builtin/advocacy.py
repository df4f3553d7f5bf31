"""Advocacy papers: the congressional inquiry letter with its privacy-waiver data sheet, and the
press statement under the name the client consented to."""

from __future__ import annotations

from amparo.documents.builtin.writer import Writer, client_block, letterhead, signature


def inquiry_addressee(w: Writer) -> None:
    """The Member's office, the subject line and the client's particulars."""
    w.p("{{ congress.member }}", after=0)
    w.tag("{%p if congress.caseworker %}")
    w.p("Attention: {{ congress.caseworker }}", after=0)
    w.tag("{%p endif %}")
    w.p("", after=6)
    w.p(("Re: Request for a congressional inquiry to ICE", "b"), after=4)
    client_block(
        w,
        ("Constituent's family member", "{{ client.full_name }}"),
        ("A-number", "{{ client.a_number }}"),
        ("Detained at", "{{ custody.facility }}, {{ custody.facility_place }}"),
        ("ICE field office", "{{ venue.field_office }}"),
    )


def inquiry_facts(w: Writer) -> None:
    """Who the client is, where held, the parole decision and the urgency."""
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


def inquiry_ask(w: Writer) -> None:
    """What the office is asked to ask ICE's Office of Congressional Relations."""
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


def inquiry_waiver(w: Writer) -> None:
    """The Privacy Act waiver ICE needs, signed or on its way."""
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


def waiver_data_sheet(w: Writer) -> None:
    """The data sheet pre-filled for ICE Form 60-001."""
    w.center("PRIVACY WAIVER DATA SHEET")
    w.center("for ICE Form 60-001 (Privacy Waiver)", bold=False, after=12)
    w.p(
        (
            "Check the fields below against the current ICE Form 60-001 published by ICE's "
            "Office of Congressional Relations (ice.gov/leadership/ocr) before use. This "
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


def build_congressional_inquiry() -> bytes:
    w = Writer("Congressional inquiry letter and privacy-waiver data sheet")
    letterhead(w)
    inquiry_addressee(w)
    inquiry_facts(w)
    inquiry_ask(w)
    inquiry_waiver(w)
    w.p("Thank you for your help.", align="justify")
    signature(w)
    w.page_break()
    waiver_data_sheet(w)
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
