"""The fields a document template may use: declared once, here, with a description each.

`context.case_context` fills exactly these fields (a test holds the two together), and
`amparo documents fields` writes this list to docs/template-fields.md. A field is addressed in a
template as `group.field` (`{{ client.full_name }}`); a list field is looped over
(`{% for r in respondents %}{{ r.title }}{% endfor %}`), and its items' fields are written
`respondents[].title` here.

Empty values never print: a field with no data renders nothing and is reported as missing data,
with a link to where the case can be completed. `{% if field %}` tests a field without printing
it, so a template may leave out a paragraph when the data is not there.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    description: str | Promise
    example: str = ""
    kind: str = "text"  # text, date, date and time, number, yes/no, list, list of text
    optional: bool = False  # may be empty: templates test it with {% if %} before printing
    items: Mapping[str, Field] = field(default_factory=dict)  # fields of each list item


@dataclass(frozen=True)
class Group:
    name: str
    title: str | Promise
    description: str | Promise
    fix: str  # where the data is completed: a key of FIX_PLACES
    fields: Mapping[str, Field] = field(default_factory=dict)
    value: Field | None = None  # a group that is a single value (e.g. `today`) or a list
    optional: bool = False  # a list group that may be empty


# Where each group's data is completed: a label and the part of the case page (or another page)
# that holds it. `selectors.fix_url` turns these into links.
FIX_PLACES: dict[str, tuple[str | Promise, str]] = {
    "client": (_("the client's details on the case page"), "#client"),
    "case": (_("the case page"), ""),
    "team": (_("the case team (lead attorney) on the case page"), "#team"),
    "custody": (_("the custody panel on the case page"), "#custody-panel"),
    "requests": (_("requests and decisions on the case page"), "#request-panel"),
    "court": (_("next steps on the case page (draft the habeas petition)"), "#request-panel"),
    "orders": (
        _("the court panel on the case page (record the order and its terms)"),
        "#court-panel",
    ),
    "advocacy": (_("congressional inquiries and statements on the case page"), "#timeline"),
    "publication": (_("the publication page of the case (the client's consent)"), "publication"),
    "documents": (_("the documents panel on the case page (upload evidence)"), "#documents-panel"),
    "timeline": (_("the case timeline"), "#timeline"),
    "none": ("", ""),
}

# Names a dict already answers as a method (`x.items` is dict.items in Jinja): never fields.
RESERVED = frozenset(
    {"clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault"}
    | {"update", "values"}
)

GROUPS: tuple[Group, ...] = (
    Group(
        "today",
        _("Today"),
        _("The day the document is generated."),
        "none",
        value=Field(
            _("Today's date in the organisation's time zone."), "March 18, 2026", kind="date"
        ),
    ),
    Group(
        "organisation",
        _("Organisation"),
        _("The legal organisation generating the document."),
        "none",
        {"name": Field(_("The organisation's name."), "Riverside Immigrant Defense Project")},
    ),
    Group(
        "attorney",
        _("Signing attorney"),
        _("The case's lead attorney; without one, the member generating the document."),
        "team",
        {
            "name": Field(_("Full name."), "Dana Whitfield"),
            "email": Field(_("Email address."), "dana@riverside.example"),
        },
    ),
    Group(
        "client",
        _("Client"),
        _("The detained client."),
        "client",
        {
            "full_name": Field(_("Given and family names."), "Tomás Herrera Lindqvist"),
            "given_name": Field(_("Given name(s)."), "Tomás"),
            "family_name": Field(_("Family name(s), as on ICE records."), "Herrera Lindqvist"),
            "a_number": Field(_("A-number, displayed A###-###-###."), "A099-123-456"),
            "date_of_birth": Field(_("Date of birth."), "April 17, 1989", kind="date"),
            "country_of_birth": Field(_("Country of birth, by name."), "Colombia"),
            "citizenship": Field(_("Every citizenship, by name."), "Colombia"),
            "languages": Field(_("Languages, preferred first."), "Spanish, English"),
            "immigration_status": Field(
                _("Immigration status, in words."), "lawful permanent resident"
            ),
            "status_since": Field(
                _("Since when the client has held that status."), "August 2, 2013", kind="date"
            ),
            "status_since_year": Field(_("The year of `status_since`."), "2013", kind="number"),
            "has_criminal_history": Field(
                _("Any arrest, charge or conviction on record."), "no", kind="yes/no"
            ),
            "criminal_history": Field(_("Summary of the criminal history."), "", optional=True),
            "aliases": Field(
                _("Other names and spellings ICE or courts may use."),
                "Tomas Herrera",
                kind="list of text",
                optional=True,
            ),
            "vulnerabilities": Field(
                _("Grounds for urgency, in words."),
                "Primary caregiver",
                kind="list of text",
                optional=True,
            ),
        },
    ),
    Group(
        "family",
        _("Family"),
        _("The client's relatives and contacts (no phone numbers or addresses)."),
        "client",
        optional=True,
        value=Field(
            _("Relatives."),
            kind="list",
            items={
                "name": Field(_("Full name."), "Ana Herrera"),
                "relationship": Field(_("Relationship to the client."), "spouse"),
                "us_citizen": Field(_("A U.S. citizen."), "yes", kind="yes/no"),
            },
        ),
    ),
    Group(
        "life_events",
        _("Life events"),
        _("Births, deaths and emergencies in the client's family, with their dates."),
        "client",
        optional=True,
        value=Field(
            _("Life events, soonest first."),
            kind="list",
            items={
                "description": Field(_("What happens."), "Ana Herrera due to give birth"),
                "date": Field(_("When (expected or occurred)."), "March 27, 2026", kind="date"),
                "expected": Field(_("Not yet happened."), "yes", kind="yes/no"),
            },
        ),
    ),
    Group(
        "case",
        _("Case"),
        _("The organisation's case."),
        "case",
        {
            "title": Field(_("How the team refers to the case."), "Herrera Lindqvist — custody"),
            "reference": Field(
                _("Short reference: the first 8 characters of the case id."), "3f2a9c1d"
            ),
            "opened_on": Field(
                _("When the organisation took the case."), "March 6, 2026", kind="date"
            ),
            "time_zone": Field(
                _("The time zone the document's times are given in."), "America/Chicago"
            ),
        },
    ),
    Group(
        "custody",
        _("Custody"),
        _("Arrest, current placement and transfer history."),
        "custody",
        {
            "facility": Field(
                _("Where the client is held now."),
                "Central Louisiana ICE Processing Center (CLIPC)",
            ),
            "facility_place": Field(_("City and state of the facility."), "Jena, Louisiana"),
            "facility_address": Field(
                _("Street address of the facility."),
                "830 Pinehill Road, Jena, LA 71342",
                optional=True,
            ),
            "since": Field(_("When the client arrived there."), "March 10, 2026", kind="date"),
            "detained_since": Field(
                _("When detention began (first placement or arrest)."), "March 6, 2026", kind="date"
            ),
            "days_detained": Field(_("Days detained so far."), "12", kind="number"),
            "arrest_date": Field(_("Date of the arrest."), "March 6, 2026", kind="date"),
            "arrest_place": Field(
                _("Where the arrest happened."), "outside his home in Paterson, New Jersey"
            ),
            "arrest_agency": Field(_("Who made the arrest."), "ICE"),
            "arrest_circumstances": Field(
                _("What happened at the arrest."), "No warrant shown.", optional=True
            ),
            "placements": Field(
                _("Every facility, first to current."),
                kind="list",
                items={
                    "facility": Field(_("Facility name."), "Delaney Hall Detention Facility"),
                    "place": Field(_("City and state."), "Newark, New Jersey"),
                    "start": Field(_("Arrival date."), "March 6, 2026", kind="date"),
                    "end": Field(_("Departure date, or 'present'."), "March 10, 2026"),
                    "current": Field(_("The client is held there now."), "no", kind="yes/no"),
                },
            ),
            "transfers": Field(
                _("Each transfer as a sentence."),
                "On March 10, 2026, ICE transferred Tomás Herrera Lindqvist from … in … to … in ….",
                kind="list of text",
                optional=True,
            ),
        },
    ),
    Group(
        "venue",
        _("Venue"),
        _("Field office and courts for the current facility (custody venue rules)."),
        "custody",
        {
            "field_office": Field(
                _("ICE field office of the facility."), "New Orleans Field Office"
            ),
            "field_office_code": Field(_("Area-of-responsibility code."), "NOL"),
            "field_office_director": Field(
                _("How to address the field office director."),
                "Field Office Director, New Orleans Field Office",
            ),
            "field_office_address": Field(
                _("The field office's address."), "1250 Poydras Street, Suite 325", optional=True
            ),
            "district_court": Field(
                _("District court of confinement."),
                "United States District Court for the Western District of Louisiana",
            ),
            "division": Field(_("Division of that court."), "Alexandria Division", optional=True),
            "circuit": Field(_("Circuit of that court."), "5th Circuit"),
            "immigration_court": Field(
                _("Immigration court(s) for the facility."),
                "Lasalle Detention Facility Immigration Court",
                optional=True,
            ),
            "warnings": Field(
                _("What to check about the venue before filing (a site spanning districts)."),
                "The site lies mostly in Collier County (M.D. Fla.) and partly in Miami-Dade …",
                kind="list of text",
                optional=True,
            ),
        },
    ),
    Group(
        "court",
        _("Federal court"),
        _(
            "The court of the draft habeas petition (or TRO case); without one, the district of "
            "confinement."
        ),
        "court",
        {
            "name": Field(
                _("Full name of the court."),
                "United States District Court for the Western District of Louisiana",
            ),
            "caption_court": Field(_("First caption line."), "UNITED STATES DISTRICT COURT"),
            "caption_district": Field(_("Second caption line."), "WESTERN DISTRICT OF LOUISIANA"),
            "district": Field(_("The district in words."), "Western District of Louisiana"),
            "division": Field(_("Caption division line."), "ALEXANDRIA DIVISION", optional=True),
            "short_name": Field(_("Abbreviation."), "W.D. La."),
            "docket_number": Field(_("Docket number once filed."), "2:26-cv-00412", optional=True),
            "custodian": Field(
                _("The immediate custodian (28 U.S.C. § 2242; Rumsfeld v. Padilla)."),
                "Warden, Central Louisiana ICE Processing Center",
            ),
        },
    ),
    Group(
        "respondents",
        _("Respondents"),
        _("Respondents by role: from the draft court case, else from the venue rules."),
        "court",
        value=Field(
            _("Respondents in caption order."),
            kind="list",
            items={
                "role": Field(_("Role key."), "immediate-custodian"),
                "role_label": Field(_("Role in words."), "immediate custodian"),
                "title": Field(
                    _("Official title."), "Warden, Central Louisiana ICE Processing Center"
                ),
                "name": Field(_("Name, when known."), "", optional=True),
                "display": Field(
                    _("Name and title as the caption shows them."),
                    "Warden, Central Louisiana ICE Processing Center",
                ),
            },
        ),
    ),
    Group(
        "court_order",
        _("Court order to enforce"),
        _(
            "The court order the government has not obeyed in time (or broke), "
            "else the latest order "
            "it must obey: release, a bond hearing, a return, or no transfer."
        ),
        "orders",
        {
            "court": Field(
                _("Court that made the order."),
                "United States District Court for the Western District of Louisiana",
            ),
            "docket_number": Field(_("Docket number."), "1:26-cv-00412", optional=True),
            "kind": Field(_("Kind of order."), "Petition granted"),
            "issued_on": Field(_("Day of the order."), "March 4, 2026", kind="date"),
            "requires": Field(_("What the order requires."), "release the client"),
            "due_on": Field(
                _("Day compliance was due."), "March 9, 2026", kind="date", optional=True
            ),
            "counting": Field(
                _("How the day was counted."),
                "3 days from the order, counted under Fed. R. Civ. P. 6(a)(1)",
                optional=True,
            ),
            "status": Field(_("Where compliance stands."), "overdue"),
            "days_overdue": Field(_("Days past the due day."), "2", kind="number", optional=True),
            "violated_at": Field(
                _("When a transfer broke an order not to transfer."),
                "Monday, March 9, 2026 at 4:10 PM CDT",
                kind="date and time",
                optional=True,
            ),
            "still_held_at": Field(
                _("Facility still holding the client."),
                "Central Louisiana ICE Processing Center",
                optional=True,
            ),
            "shown_by": Field(
                _("What shows compliance."), "The client's release is recorded.", optional=True
            ),
            "summary": Field(_("The order in brief."), "Writ granted.", optional=True),
        },
    ),
    Group(
        "parole",
        _("Parole request"),
        _("The client's latest humanitarian parole request."),
        "requests",
        {
            "type": Field(_("Kind of request."), "Humanitarian parole"),
            "legal_basis": Field(_("Legal basis."), "INA § 212(d)(5)(A); 8 CFR 212.5"),
            "reason": Field(_("Why parole is needed now."), "…"),
            "requested_days": Field(_("Days of parole asked for."), "14", kind="number"),
            "requested_duration": Field(_("The length of parole asked for, in words."), "14 days"),
            "urgency_date": Field(
                _("After this date the request is moot."), "March 27, 2026", kind="date"
            ),
            "status": Field(_("Status of the request."), "decided"),
            "addressed_to": Field(_("Officer or office."), "", optional=True),
            "submitted_at": Field(
                _("When it was sent."),
                "Sunday, March 15, 2026 at 5:12 PM CDT",
                kind="date and time",
                optional=True,
            ),
            "channel": Field(_("How it was sent."), "email", optional=True),
            "categories": Field(
                _("8 CFR 212.5(b) categories the assessment found to apply."),
                kind="list",
                optional=True,
                items={
                    "citation": Field(_("Regulation."), "8 CFR 212.5(b)(5)"),
                    "label": Field(
                        _("Category."),
                        "people whose continued detention is not in the public interest",
                    ),
                    "evidence": Field(_("Evidence the team recorded."), "…", optional=True),
                },
            ),
            "argument": Field(
                _(
                    "Argument paragraphs from the assessment (basis, categories and the policy "
                    "regime in force on the request's date)."
                ),
                kind="list of text",
                optional=True,
            ),
            "regime": Field(
                _("The enforcement-priority regime in force on the request's date."),
                "Executive Order 14159",
                optional=True,
            ),
        },
    ),
    Group(
        "decision",
        _("Decision on the parole request"),
        _("ICE's answer to the parole request."),
        "requests",
        {
            "outcome": Field(_("Outcome in words."), "denied"),
            "decided_at": Field(
                _("When the decision came."),
                "Sunday, March 15, 2026 at 5:41 PM CDT",
                kind="date and time",
            ),
            "decided_on": Field(_("The day of the decision."), "March 15, 2026", kind="date"),
            "submitted_at": Field(
                _("When the request had been sent."),
                "Sunday, March 15, 2026 at 5:12 PM CDT",
                kind="date and time",
            ),
            "turnaround": Field(_("Time from request to decision, in words."), "29 minutes"),
            "turnaround_minutes": Field(_("The same, in minutes."), "29", kind="number"),
            "reasons_given": Field(_("Did the decision state reasons?"), "no", kind="yes/no"),
            "reasons": Field(_("The reasons, verbatim."), "", optional=True),
            "decided_by": Field(_("Officer or office."), "New Orleans Field Office", optional=True),
        },
    ),
    Group(
        "later_decisions",
        _("Later decisions"),
        _(
            "Every decision after the one on the parole request, oldest first (a denied renewed "
            "request, a bond decision)."
        ),
        "requests",
        optional=True,
        value=Field(
            _("Decisions after the parole decision."),
            kind="list",
            items={
                "type": Field(_("What was asked, in words."), "renewed request / reconsideration"),
                "addressed_to": Field(_("Who was asked."), "Field Office Director, New Orleans"),
                "submitted_at": Field(
                    _("When it was sent."),
                    "Monday, March 16, 2026 at 9:02 AM CDT",
                    kind="date and time",
                ),
                "outcome": Field(_("Outcome in words."), "denied"),
                "decided_at": Field(
                    _("When the decision came."),
                    "Monday, March 16, 2026 at 11:40 AM CDT",
                    kind="date and time",
                ),
                "turnaround": Field(_("Time from request to decision, in words."), "2 hours"),
                "reasons_given": Field(_("Did the decision state reasons?"), "no", kind="yes/no"),
            },
        ),
    ),
    Group(
        "renewed",
        _("Renewed request"),
        _("The client's latest renewed request after a denial."),
        "requests",
        {
            "reason": Field(_("What is new: evidence and arguments."), "…"),
            "requested_days": Field(_("Days of parole asked for."), "14", kind="number"),
            "requested_duration": Field(_("The length of parole asked for, in words."), "14 days"),
            "urgency_date": Field(_("After this date the request is moot."), "March 27, 2026"),
            "addressed_to": Field(_("Officer or office."), "", optional=True),
        },
    ),
    Group(
        "evidence",
        _("Evidence"),
        _("Evidence uploaded to the case (enclosures), oldest first."),
        "documents",
        optional=True,
        value=Field(
            _("Evidence documents."),
            kind="list",
            items={
                "title": Field(_("Title."), "Obstetrician's letter"),
                "kind": Field(_("What it is."), "Medical letter"),
                "received_on": Field(_("When it was uploaded."), "March 16, 2026", kind="date"),
            },
        ),
    ),
    Group(
        "inquiry",
        _("Congressional inquiry"),
        _("The case's latest congressional inquiry."),
        "advocacy",
        {
            "summary": Field(
                _("What the inquiry asks."), "Ask ICE for a custody review…", optional=True
            ),
            "waiver_signed_on": Field(
                _("When the client signed the ICE Form 60-001 privacy waiver."),
                "March 17, 2026",
                kind="date",
                optional=True,
            ),
            "status": Field(_("Outcome so far."), "pending"),
        },
    ),
    Group(
        "congress",
        _("Member of Congress"),
        _("The office the inquiry goes through."),
        "advocacy",
        {
            "member": Field(_("Member and seat."), "Rep. Marisol Quintero (NJ-9)"),
            "member_name": Field(_("Member's name."), "Marisol Quintero"),
            "title": Field(_("Representative or Senator."), "Representative"),
            "state": Field(_("State."), "NJ"),
            "district": Field(_("House district."), "9", optional=True),
            "caseworker": Field(_("Caseworker."), "", optional=True),
        },
    ),
    Group(
        "ice",
        _("ICE contacts"),
        _("Published ICE contacts."),
        "none",
        {
            "congressional_relations_email": Field(
                _("ICE Office of Congressional Relations email."), "CongressToICE@ice.dhs.gov"
            ),
            "congressional_relations_phone": Field(
                _("ICE Office of Congressional Relations phone."), "(202) 732-4200"
            ),
        },
    ),
    Group(
        "public",
        _("Publication consent"),
        _("The client's recorded consent to publicity (the case's live public page)."),
        "publication",
        {
            "name": Field(_("The name the client agreed to be shown under."), "Tomás H."),
            "consent_on": Field(_("When consent was given."), "March 16, 2026", kind="date"),
            "show_facility": Field(
                _("The client agreed to name the facility."), "yes", kind="yes/no"
            ),
        },
    ),
    Group(
        "press",
        _("Public statements"),
        _("Statements on the record: only those the client consented to publicise."),
        "advocacy",
        {
            "family_quote": Field(_("A family member's statement."), "All we ask…", optional=True),
            "family_quote_author": Field(_("Who said it."), "Ana Herrera", optional=True),
            "agency_response": Field(
                _("The agency's answer, e.g. that it declined to comment."),
                "U.S. Immigration and Customs Enforcement declined to comment on March 16, 2026.",
                optional=True,
            ),
            "allies": Field(_("Organisations that spoke up."), kind="list of text", optional=True),
        },
    ),
    Group(
        "timeline",
        _("Timeline"),
        _(
            "The case timeline for a chronology: arrests, placements, requests, decisions, court "
            "papers, inquiries, statements and life events. Team notes and document history are "
            "left out."
        ),
        "timeline",
        value=Field(
            _("Events in time order."),
            kind="list",
            items={
                "date": Field(_("Date."), "2026-03-15", kind="date"),
                "time": Field(
                    _("Time and zone; blank for date-only events."), "17:41 CDT", optional=True
                ),
                "when": Field(_("Date and time together."), "Sun 2026-03-15 17:41 CDT"),
                "kind": Field(_("Kind of event."), "decision"),
                "summary": Field(_("What happened."), "Humanitarian parole request denied…"),
                "detail": Field(_("Further detail."), "", optional=True),
            },
        ),
    ),
)

GROUPS_BY_NAME: dict[str, Group] = {g.name: g for g in GROUPS}


def iter_fields() -> Iterator[tuple[str, Field, Group]]:
    """Every field path with its declaration and group: `client.full_name`, `timeline[].date`."""
    for group in GROUPS:
        if group.value is not None:
            yield group.name, group.value, group
            for item, spec in group.value.items.items():
                yield f"{group.name}[].{item}", spec, group
        for name, spec in group.fields.items():
            yield f"{group.name}.{name}", spec, group
            for item, item_spec in spec.items.items():
                yield f"{group.name}.{name}[].{item}", item_spec, group


KNOWN_PATHS: frozenset[str] = frozenset(path for path, _spec, _group in iter_fields()) | {
    g.name for g in GROUPS
}


def field_for(path: str) -> tuple[Field | None, Group | None]:
    """The declaration of a path as a template writes it (loop items as `x[].y`)."""
    for known, spec, group in iter_fields():
        if known == path:
            return spec, group
    return None, GROUPS_BY_NAME.get(path.split(".", 1)[0].split("[", 1)[0])


def is_known(path: str) -> bool:
    """A path is known if it, or a prefix of it ending at a field, is declared: `client`,
    `client.full_name`, and `client.full_name.upper` (a method of a text value) are known."""
    if any(part.startswith("_") for part in path.replace("[]", "").split(".")):
        return False  # internals are never fields (and the sandbox refuses them anyway)
    if path.endswith("[]"):
        spec, _group = field_for(path[:-2])
        return spec is not None and spec.kind == "list of text"
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in KNOWN_PATHS:
            return end == len(parts) or _is_leaf(".".join(parts[:end]))
    return False


def _is_leaf(path: str) -> bool:
    spec, _group = field_for(path)
    return spec is not None and spec.kind != "list"
