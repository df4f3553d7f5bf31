"""Letters to ICE asking for release on parole: the first request and the renewed request after a
denial (INA § 212(d)(5)(A), 8 U.S.C. § 1182(d)(5)(A); 8 CFR 212.5)."""

from __future__ import annotations

from amparo.documents.builtin.writer import (
    Writer,
    client_block,
    enclosures,
    family,
    letterhead,
    signature,
)


def to_field_office(w: Writer) -> None:
    w.p("{{ venue.field_office_director }}", after=0)
    w.p("U.S. Immigration and Customs Enforcement", after=0)
    w.tag("{%p if venue.field_office_address %}")
    w.p("{{ venue.field_office_address }}", after=0)
    w.tag("{%p endif %}")
    w.p("", after=6)


def field_office_letter(title: str, subject: str) -> Writer:
    """A letter to the field office director: the letterhead, the addressee, the subject line."""
    w = Writer(title)
    letterhead(w)
    to_field_office(w)
    w.p((subject, "b"), after=4)
    return w


def legal_basis(w: Writer) -> None:
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


def build_parole_request() -> bytes:
    w = field_office_letter(
        "Emergency humanitarian parole request", "Re: Request for emergency humanitarian parole"
    )
    client_block(
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
    legal_basis(w)
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
    family(w)
    w.p(
        "{{ client.full_name }} will comply with any conditions ICE sets on parole, such as "
        "reporting (8 CFR 212.5(d)). We ask for a decision before {{ parole.urgency_date }}, "
        "and, if the request is denied, for the reasons of the decision. Please contact me at "
        "{{ attorney.email }} for anything further you need.",
        align="justify",
    )
    signature(w)
    enclosures(w)
    return w.bytes()


def earlier_decision(w: Writer) -> None:
    """The earlier request, its decision and turnaround, and its reasons or their absence."""
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


def renewal(w: Writer) -> None:
    """The request renewed: what is new, the parole asked and the date it is needed by."""
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


def build_renewed_request() -> bytes:
    w = field_office_letter("Renewed parole request", "Re: Renewed request for humanitarian parole")
    client_block(
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
    earlier_decision(w)
    renewal(w)
    legal_basis(w)
    w.heading("Facts")
    w.p(
        "{{ client.full_name }} has been detained since {{ custody.detained_since }} "
        "({{ custody.days_detained }} days) and is held at {{ custody.facility }} in "
        "{{ custody.facility_place }}.",
        align="justify",
    )
    family(w)
    w.p(
        "{{ client.full_name }} will comply with any conditions ICE sets on parole, such as "
        "reporting (8 CFR 212.5(d)). If ICE denies this renewed request, we ask that the "
        "decision state its reasons.",
        align="justify",
    )
    signature(w)
    enclosures(w)
    return w.bytes()
