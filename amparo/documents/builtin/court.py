"""Court papers drafted from the venue: the habeas petition (28 U.S.C. §§ 2241, 2242) and the
emergency motion for a temporary restraining order (Fed. R. Civ. P. 65(b)). Drafts with editable
sections and drafting notes for the attorney, not advice."""

from __future__ import annotations

from amparo.documents.builtin.writer import Writer


def parole_denied(w: Writer) -> None:
    """The numbered paragraph on the parole request and its decision, when there is one."""
    w.tag("{%p if decision %}")
    w.numbered(
        "On {{ decision.submitted_at }}, Petitioner asked ICE for humanitarian parole of "
        "{{ parole.requested_duration }}. The request was {{ decision.outcome }} on "
        "{{ decision.decided_at }}, {{ decision.turnaround }} after it was sent"
        "{% if not decision.reasons_given %}, without any reasons{% endif %}."
    )
    w.tag("{%p endif %}")


def caption(w: Writer, title: str) -> None:
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


def counsel(w: Writer) -> None:
    w.p("Dated: {{ today }}", after=6)
    w.p("Respectfully submitted,", after=18)
    w.p("/s/ {{ attorney.name }}", after=0)
    w.p("{{ attorney.name }}", after=0)
    w.p("{{ organisation.name }}", after=0)
    w.p("{{ attorney.email }}", after=0)
    w.p("Counsel for Petitioner", after=12)


def later_decisions(w: Writer) -> None:
    """Each decision after the parole decision, so the petition tells the latest denial too."""
    w.tag("{%p for later in later_decisions %}")
    w.numbered(
        "On {{ later.submitted_at }}, Petitioner asked {{ later.addressed_to }} again "
        "({{ later.type }}). The request was {{ later.outcome }} on {{ later.decided_at }}, "
        "{{ later.turnaround }} after it was sent"
        "{% if not later.reasons_given %}, without any reasons{% endif %}."
    )
    w.tag("{%p endfor %}")


def petition_introduction(w: Writer) -> None:
    """Who the petitioner is, how long held and where, and the requests already refused."""
    w.heading("INTRODUCTION", center=True)
    w.numbered(
        "Petitioner {{ client.full_name }}"
        "{% if client.immigration_status %}, a {{ client.immigration_status }}{% endif %}, "
        "has been held in immigration detention since {{ custody.detained_since }} "
        "({{ custody.days_detained }} days) and is confined at {{ custody.facility }} in "
        "{{ custody.facility_place }}. Petitioner asks the Court to issue the writ and order "
        "release."
    )
    parole_denied(w)
    later_decisions(w)


def petition_jurisdiction_and_venue(w: Writer) -> None:
    """Jurisdiction under § 2241(a) and venue in the district of confinement."""
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
    w.tag("{%p for warning in venue.warnings %}")
    w.note("check the venue: {{ warning }}")
    w.tag("{%p endfor %}")


def petition_parties(w: Writer) -> None:
    """The petitioner, the respondents by role and the immediate custodian (§ 2242)."""
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


def petition_custody_facts(w: Writer) -> None:
    """The arrest, each placement, the family and the life events to come."""
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


def petition_claims(w: Writer) -> None:
    """The counts, as editable sections with drafting notes."""
    w.heading("CLAIMS FOR RELIEF", center=True)
    w.heading("COUNT ONE — Detention in violation of the Due Process Clause of the Fifth Amendment")
    w.note(
        "edit this claim to the facts and to the law of the circuit; the Supreme Court "
        "decisions that limit prolonged detention include Zadvydas v. Davis, 533 U.S. 678 "
        "(2001), Demore v. Kim, 538 U.S. 510 (2003) and Jennings v. Rodriguez, 583 U.S. 281 "
        "(2018)."
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


def petition_prayer(w: Writer) -> None:
    """What the petition asks the Court to order."""
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


def petition_verification(w: Writer) -> None:
    """The verification by counsel on the petitioner's behalf (§ 2242, § 1746)."""
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


def build_habeas_petition() -> bytes:
    w = Writer("Petition for a writ of habeas corpus (28 U.S.C. § 2241)")
    caption(w, "PETITION FOR A WRIT OF HABEAS CORPUS UNDER 28 U.S.C. § 2241")
    petition_introduction(w)
    petition_jurisdiction_and_venue(w)
    petition_parties(w)
    petition_custody_facts(w)
    petition_claims(w)
    petition_prayer(w)
    w.p("", after=6)
    counsel(w)
    w.page_break()
    petition_verification(w)
    return w.bytes()


def build_tro_motion() -> bytes:
    w = Writer("Emergency motion for a temporary restraining order")
    caption(w, "PETITIONER'S EMERGENCY MOTION FOR A TEMPORARY RESTRAINING ORDER")
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
    parole_denied(w)
    later_decisions(w)
    w.tag("{%p if parole.urgency_date %}")
    w.numbered("Relief is needed before {{ parole.urgency_date }}: {{ parole.reason }}")
    w.tag("{%p endif %}")
    w.heading("Standard", center=True)
    w.note(
        "state the standard for a temporary restraining order in this circuit (commonly the "
        "four factors of Winter v. Natural Resources Defense Council, 555 U.S. 7, 20 (2008)) "
        "and apply it to the facts."
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
    counsel(w)
    return w.bytes()


def build_motion_to_enforce() -> bytes:
    """A notice of non-compliance with a motion to enforce the court's order: the order, its
    deadline and how it was counted, what the record shows, and the relief asked."""
    w = Writer("Notice of non-compliance and motion to enforce a court order")
    caption(w, "PETITIONER'S NOTICE OF NON-COMPLIANCE AND MOTION TO ENFORCE THE COURT'S ORDER")
    w.heading("NOTICE OF NON-COMPLIANCE", center=True)
    w.numbered(
        "On {{ court_order.issued_on }}, the Court entered an order ({{ court_order.kind }}) "
        "requiring Respondents to {{ court_order.requires }}"
        "{% if court_order.due_on %} by {{ court_order.due_on }}"
        "{% if court_order.counting %} ({{ court_order.counting }}){% endif %}{% endif %}."
        "{% if court_order.summary %} {{ court_order.summary }}{% endif %}"
    )
    w.tag("{%p if court_order.violated_at %}")
    w.numbered(
        "In breach of that order, Respondents transferred Petitioner on "
        "{{ court_order.violated_at }}."
    )
    w.tag("{%p endif %}")
    w.tag("{%p if court_order.days_overdue %}")
    w.numbered(
        "Respondents have not complied. {{ court_order.days_overdue }} days have passed since "
        "the deadline, and nothing in the record shows compliance"
        "{% if court_order.shown_by %} ({{ court_order.shown_by }}){% endif %}."
    )
    w.tag("{%p endif %}")
    w.tag("{%p if court_order.still_held_at %}")
    w.numbered(
        "As of {{ today }}, Petitioner remains detained at {{ court_order.still_held_at }}, "
        "{{ custody.days_detained }} days after the detention began."
    )
    w.tag("{%p endif %}")
    w.heading("MOTION TO ENFORCE", center=True)
    w.note(
        "attach the order and a declaration on what counsel learned and when; cite this "
        "circuit's authority on a court's inherent power to enforce its orders and on civil "
        "contempt; confer with Respondents' counsel if the local rules require it."
    )
    w.numbered(
        "A court has the power to enforce its own orders, and a writ of habeas corpus is "
        "directed to the custodian, who must obey it (28 U.S.C. § 2243). Petitioner asks the "
        "Court to enforce its order."
    )
    w.p("Petitioner asks the Court to:", after=4)
    for text in (
        "order Respondents to {{ court_order.requires }} immediately, and to file a "
        "declaration confirming compliance within 24 hours;",
        "order Respondents to show cause why they should not be held in civil contempt;",
        "order that Petitioner not be transferred while this motion is pending "
        "(28 U.S.C. § 1651(a)); and",
        "grant any other relief that is just.",
    ):
        w.bullet(text)
    w.p("", after=6)
    counsel(w)
    return w.bytes()
