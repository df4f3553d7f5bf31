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


@dataclass(frozen=True)
class Field:
    description: str
    example: str = ""
    kind: str = "text"  # text, date, date and time, number, yes/no, list, list of text
    optional: bool = False  # may be empty: templates test it with {% if %} before printing
    items: Mapping[str, Field] = field(default_factory=dict)  # fields of each list item


@dataclass(frozen=True)
class Group:
    name: str
    title: str
    description: str
    fix: str  # where the data is completed: a key of FIX_PLACES
    fields: Mapping[str, Field] = field(default_factory=dict)
    value: Field | None = None  # a group that is a single value (e.g. `today`) or a list
    optional: bool = False  # a list group that may be empty


# Where each group's data is completed: a label and the part of the case page (or another page)
# that holds it. `selectors.fix_url` turns these into links.
FIX_PLACES: dict[str, tuple[str, str]] = {
    "client": ("the client's details on the case page", "#client"),
    "case": ("the case page", ""),
    "team": ("the case team (lead attorney) on the case page", "#team"),
    "custody": ("the custody panel on the case page", "#custody-panel"),
    "requests": ("requests and decisions on the case page", "#request-panel"),
    "court": ("next steps on the case page (draft the habeas petition)", "#request-panel"),
    "orders": ("the court panel on the case page (record the order and its terms)", "#court-panel"),
    "advocacy": ("congressional inquiries and statements on the case page", "#timeline"),
    "publication": ("the publication page of the case (the client's consent)", "publication"),
    "documents": ("the documents panel on the case page (upload evidence)", "#documents-panel"),
    "timeline": ("the case timeline", "#timeline"),
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
        "Today",
        "The day the document is generated.",
        "none",
        value=Field("Today's date in the organisation's time zone.", "March 18, 2026", kind="date"),
    ),
    Group(
        "organisation",
        "Organisation",
        "The legal organisation generating the document.",
        "none",
        {"name": Field("The organisation's name.", "Riverside Immigrant Defense Project")},
    ),
    Group(
        "attorney",
        "Signing attorney",
        "The case's lead attorney; without one, the member generating the document.",
        "team",
        {
            "name": Field("Full name.", "Dana Whitfield"),
            "email": Field("Email address.", "dana@riverside.example"),
        },
    ),
    Group(
        "client",
        "Client",
        "The detained client.",
        "client",
        {
            "full_name": Field("Given and family names.", "Tomás Herrera Lindqvist"),
            "given_name": Field("Given name(s).", "Tomás"),
            "family_name": Field("Family name(s), as on ICE records.", "Herrera Lindqvist"),
            "a_number": Field("A-number, displayed A###-###-###.", "A099-123-456"),
            "date_of_birth": Field("Date of birth.", "April 17, 1989", kind="date"),
            "country_of_birth": Field("Country of birth, by name.", "Colombia"),
            "citizenship": Field("Every citizenship, by name.", "Colombia"),
            "languages": Field("Languages, preferred first.", "Spanish, English"),
            "immigration_status": Field(
                "Immigration status, in words.", "lawful permanent resident"
            ),
            "status_since": Field(
                "Since when the client has held that status.", "August 2, 2013", kind="date"
            ),
            "status_since_year": Field("The year of `status_since`.", "2013", kind="number"),
            "has_criminal_history": Field(
                "Any arrest, charge or conviction on record.", "no", kind="yes/no"
            ),
            "criminal_history": Field("Summary of the criminal history.", "", optional=True),
            "aliases": Field(
                "Other names and spellings ICE or courts may use.",
                "Tomas Herrera",
                kind="list of text",
                optional=True,
            ),
            "vulnerabilities": Field(
                "Grounds for urgency, in words.",
                "Primary caregiver",
                kind="list of text",
                optional=True,
            ),
        },
    ),
    Group(
        "family",
        "Family",
        "The client's relatives and contacts (no phone numbers or addresses).",
        "client",
        optional=True,
        value=Field(
            "Relatives.",
            kind="list",
            items={
                "name": Field("Full name.", "Ana Herrera"),
                "relationship": Field("Relationship to the client.", "spouse"),
                "us_citizen": Field("A U.S. citizen.", "yes", kind="yes/no"),
            },
        ),
    ),
    Group(
        "life_events",
        "Life events",
        "Births, deaths and emergencies in the client's family, with their dates.",
        "client",
        optional=True,
        value=Field(
            "Life events, soonest first.",
            kind="list",
            items={
                "description": Field("What happens.", "Ana Herrera due to give birth"),
                "date": Field("When (expected or occurred).", "March 27, 2026", kind="date"),
                "expected": Field("Not yet happened.", "yes", kind="yes/no"),
            },
        ),
    ),
    Group(
        "case",
        "Case",
        "The organisation's case.",
        "case",
        {
            "title": Field("How the team refers to the case.", "Herrera Lindqvist — custody"),
            "reference": Field(
                "Short reference: the first 8 characters of the case id.", "3f2a9c1d"
            ),
            "opened_on": Field(
                "When the organisation took the case.", "March 6, 2026", kind="date"
            ),
            "time_zone": Field(
                "The time zone the document's times are given in.", "America/Chicago"
            ),
        },
    ),
    Group(
        "custody",
        "Custody",
        "Arrest, current placement and transfer history.",
        "custody",
        {
            "facility": Field(
                "Where the client is held now.", "Central Louisiana ICE Processing Center (CLIPC)"
            ),
            "facility_place": Field("City and state of the facility.", "Jena, Louisiana"),
            "facility_address": Field(
                "Street address of the facility.",
                "830 Pinehill Road, Jena, LA 71342",
                optional=True,
            ),
            "since": Field("When the client arrived there.", "March 10, 2026", kind="date"),
            "detained_since": Field(
                "When detention began (first placement or arrest).", "March 6, 2026", kind="date"
            ),
            "days_detained": Field("Days detained so far.", "12", kind="number"),
            "arrest_date": Field("Date of the arrest.", "March 6, 2026", kind="date"),
            "arrest_place": Field(
                "Where the arrest happened.", "outside his home in Paterson, New Jersey"
            ),
            "arrest_agency": Field("Who made the arrest.", "ICE"),
            "arrest_circumstances": Field(
                "What happened at the arrest.", "No warrant shown.", optional=True
            ),
            "placements": Field(
                "Every facility, first to current.",
                kind="list",
                items={
                    "facility": Field("Facility name.", "Delaney Hall Detention Facility"),
                    "place": Field("City and state.", "Newark, New Jersey"),
                    "start": Field("Arrival date.", "March 6, 2026", kind="date"),
                    "end": Field("Departure date, or 'present'.", "March 10, 2026"),
                    "current": Field("The client is held there now.", "no", kind="yes/no"),
                },
            ),
            "transfers": Field(
                "Each transfer as a sentence.",
                "On March 10, 2026, ICE transferred Tomás Herrera Lindqvist from … in … to … in ….",
                kind="list of text",
                optional=True,
            ),
        },
    ),
    Group(
        "venue",
        "Venue",
        "Field office and courts for the current facility (custody venue rules).",
        "custody",
        {
            "field_office": Field("ICE field office of the facility.", "New Orleans Field Office"),
            "field_office_code": Field("Area-of-responsibility code.", "NOL"),
            "field_office_director": Field(
                "How to address the field office director.",
                "Field Office Director, New Orleans Field Office",
            ),
            "field_office_address": Field(
                "The field office's address.", "1250 Poydras Street, Suite 325", optional=True
            ),
            "district_court": Field(
                "District court of confinement.",
                "United States District Court for the Western District of Louisiana",
            ),
            "division": Field("Division of that court.", "Alexandria Division", optional=True),
            "circuit": Field("Circuit of that court.", "5th Circuit"),
            "immigration_court": Field(
                "Immigration court(s) for the facility.",
                "Lasalle Detention Facility Immigration Court",
                optional=True,
            ),
            "warnings": Field(
                "What to check about the venue before filing (a site spanning districts).",
                "The site lies mostly in Collier County (M.D. Fla.) and partly in Miami-Dade …",
                kind="list of text",
                optional=True,
            ),
        },
    ),
    Group(
        "court",
        "Federal court",
        "The court of the draft habeas petition (or TRO case); without one, the district of "
        "confinement.",
        "court",
        {
            "name": Field(
                "Full name of the court.",
                "United States District Court for the Western District of Louisiana",
            ),
            "caption_court": Field("First caption line.", "UNITED STATES DISTRICT COURT"),
            "caption_district": Field("Second caption line.", "WESTERN DISTRICT OF LOUISIANA"),
            "district": Field("The district in words.", "Western District of Louisiana"),
            "division": Field("Caption division line.", "ALEXANDRIA DIVISION", optional=True),
            "short_name": Field("Abbreviation.", "W.D. La."),
            "docket_number": Field("Docket number once filed.", "2:26-cv-00412", optional=True),
            "custodian": Field(
                "The immediate custodian (28 U.S.C. § 2242; Rumsfeld v. Padilla).",
                "Warden, Central Louisiana ICE Processing Center",
            ),
        },
    ),
    Group(
        "respondents",
        "Respondents",
        "Respondents by role: from the draft court case, else from the venue rules.",
        "court",
        value=Field(
            "Respondents in caption order.",
            kind="list",
            items={
                "role": Field("Role key.", "immediate-custodian"),
                "role_label": Field("Role in words.", "immediate custodian"),
                "title": Field(
                    "Official title.", "Warden, Central Louisiana ICE Processing Center"
                ),
                "name": Field("Name, when known.", "", optional=True),
                "display": Field(
                    "Name and title as the caption shows them.",
                    "Warden, Central Louisiana ICE Processing Center",
                ),
            },
        ),
    ),
    Group(
        "court_order",
        "Court order to enforce",
        "The court order the government has not obeyed in time (or broke), else the latest order "
        "it must obey: release, a bond hearing, a return, or no transfer.",
        "orders",
        {
            "court": Field(
                "Court that made the order.",
                "United States District Court for the Western District of Louisiana",
            ),
            "docket_number": Field("Docket number.", "1:26-cv-00412", optional=True),
            "kind": Field("Kind of order.", "Petition granted"),
            "issued_on": Field("Day of the order.", "March 4, 2026", kind="date"),
            "requires": Field("What the order requires.", "release the client"),
            "due_on": Field("Day compliance was due.", "March 9, 2026", kind="date", optional=True),
            "counting": Field(
                "How the day was counted.",
                "3 days from the order, counted under Fed. R. Civ. P. 6(a)(1)",
                optional=True,
            ),
            "status": Field("Where compliance stands.", "overdue"),
            "days_overdue": Field("Days past the due day.", "2", kind="number", optional=True),
            "violated_at": Field(
                "When a transfer broke an order not to transfer.",
                "Monday, March 9, 2026 at 4:10 PM CDT",
                kind="date and time",
                optional=True,
            ),
            "still_held_at": Field(
                "Facility still holding the client.",
                "Central Louisiana ICE Processing Center",
                optional=True,
            ),
            "shown_by": Field(
                "What shows compliance.", "The client's release is recorded.", optional=True
            ),
            "summary": Field("The order in brief.", "Writ granted.", optional=True),
        },
    ),
    Group(
        "parole",
        "Parole request",
        "The client's latest humanitarian parole request.",
        "requests",
        {
            "type": Field("Kind of request.", "Humanitarian parole"),
            "legal_basis": Field("Legal basis.", "INA § 212(d)(5)(A); 8 CFR 212.5"),
            "reason": Field("Why parole is needed now.", "…"),
            "requested_days": Field("Days of parole asked for.", "14", kind="number"),
            "requested_duration": Field("The same, in words.", "14 days"),
            "urgency_date": Field(
                "After this date the request is moot.", "March 27, 2026", kind="date"
            ),
            "status": Field("Status of the request.", "decided"),
            "addressed_to": Field("Officer or office.", "", optional=True),
            "submitted_at": Field(
                "When it was sent.",
                "Sunday, March 15, 2026 at 5:12 PM CDT",
                kind="date and time",
                optional=True,
            ),
            "channel": Field("How it was sent.", "email", optional=True),
            "categories": Field(
                "8 CFR 212.5(b) categories the assessment found to apply.",
                kind="list",
                optional=True,
                items={
                    "citation": Field("Regulation.", "8 CFR 212.5(b)(5)"),
                    "label": Field(
                        "Category.",
                        "people whose continued detention is not in the public interest",
                    ),
                    "evidence": Field("Evidence the team recorded.", "…", optional=True),
                },
            ),
            "argument": Field(
                "Argument paragraphs from the assessment (basis, categories and the policy "
                "regime in force on the request's date).",
                kind="list of text",
                optional=True,
            ),
            "regime": Field(
                "The enforcement-priority regime in force on the request's date.",
                "Executive Order 14159",
                optional=True,
            ),
        },
    ),
    Group(
        "decision",
        "Decision on the parole request",
        "ICE's answer to the parole request.",
        "requests",
        {
            "outcome": Field("Outcome in words.", "denied"),
            "decided_at": Field(
                "When the decision came.",
                "Sunday, March 15, 2026 at 5:41 PM CDT",
                kind="date and time",
            ),
            "decided_on": Field("The day of the decision.", "March 15, 2026", kind="date"),
            "submitted_at": Field(
                "When the request had been sent.",
                "Sunday, March 15, 2026 at 5:12 PM CDT",
                kind="date and time",
            ),
            "turnaround": Field("Time from request to decision, in words.", "29 minutes"),
            "turnaround_minutes": Field("The same, in minutes.", "29", kind="number"),
            "reasons_given": Field("Did the decision state reasons?", "no", kind="yes/no"),
            "reasons": Field("The reasons, verbatim.", "", optional=True),
            "decided_by": Field("Officer or office.", "New Orleans Field Office", optional=True),
        },
    ),
    Group(
        "renewed",
        "Renewed request",
        "The client's latest renewed request after a denial.",
        "requests",
        {
            "reason": Field("What is new: evidence and arguments.", "…"),
            "requested_days": Field("Days of parole asked for.", "14", kind="number"),
            "requested_duration": Field("The same, in words.", "14 days"),
            "urgency_date": Field("After this date the request is moot.", "March 27, 2026"),
            "addressed_to": Field("Officer or office.", "", optional=True),
        },
    ),
    Group(
        "evidence",
        "Evidence",
        "Evidence uploaded to the case (enclosures), oldest first.",
        "documents",
        optional=True,
        value=Field(
            "Evidence documents.",
            kind="list",
            items={
                "title": Field("Title.", "Obstetrician's letter"),
                "kind": Field("What it is.", "Medical letter"),
                "received_on": Field("When it was uploaded.", "March 16, 2026", kind="date"),
            },
        ),
    ),
    Group(
        "inquiry",
        "Congressional inquiry",
        "The case's latest congressional inquiry.",
        "advocacy",
        {
            "summary": Field(
                "What the inquiry asks.", "Ask ICE for a custody review…", optional=True
            ),
            "waiver_signed_on": Field(
                "When the client signed the ICE Form 60-001 privacy waiver.",
                "March 17, 2026",
                kind="date",
                optional=True,
            ),
            "status": Field("Outcome so far.", "pending"),
        },
    ),
    Group(
        "congress",
        "Member of Congress",
        "The office the inquiry goes through.",
        "advocacy",
        {
            "member": Field("Member and seat.", "Rep. Marisol Quintero (NJ-9)"),
            "member_name": Field("Member's name.", "Marisol Quintero"),
            "title": Field("Representative or Senator.", "Representative"),
            "state": Field("State.", "NJ"),
            "district": Field("House district.", "9", optional=True),
            "caseworker": Field("Caseworker.", "", optional=True),
        },
    ),
    Group(
        "ice",
        "ICE contacts",
        "Published ICE contacts (DOMAIN.md §5).",
        "none",
        {
            "congressional_relations_email": Field(
                "ICE Office of Congressional Relations email.", "CongressToICE@ice.dhs.gov"
            ),
            "congressional_relations_phone": Field(
                "ICE Office of Congressional Relations phone.", "(202) 732-4200"
            ),
        },
    ),
    Group(
        "public",
        "Publication consent",
        "The client's recorded consent to publicity (the case's live public page).",
        "publication",
        {
            "name": Field("The name the client agreed to be shown under.", "Tomás H."),
            "consent_on": Field("When consent was given.", "March 16, 2026", kind="date"),
            "show_facility": Field("The client agreed to name the facility.", "yes", kind="yes/no"),
        },
    ),
    Group(
        "press",
        "Public statements",
        "Statements on the record: only those the client consented to publicise.",
        "advocacy",
        {
            "family_quote": Field("A family member's statement.", "All we ask…", optional=True),
            "family_quote_author": Field("Who said it.", "Ana Herrera", optional=True),
            "agency_response": Field(
                "The agency's answer, e.g. that it declined to comment.",
                "U.S. Immigration and Customs Enforcement declined to comment on March 16, 2026.",
                optional=True,
            ),
            "allies": Field("Organisations that spoke up.", kind="list of text", optional=True),
        },
    ),
    Group(
        "timeline",
        "Timeline",
        "The case timeline for a chronology: arrests, placements, requests, decisions, court "
        "papers, inquiries, statements and life events. Team notes and document history are "
        "left out.",
        "timeline",
        value=Field(
            "Events in time order.",
            kind="list",
            items={
                "date": Field("Date.", "2026-03-15", kind="date"),
                "time": Field(
                    "Time and zone; blank for date-only events.", "17:41 CDT", optional=True
                ),
                "when": Field("Date and time together.", "Sun 2026-03-15 17:41 CDT"),
                "kind": Field("Kind of event.", "decision"),
                "summary": Field("What happened.", "Humanitarian parole request denied…"),
                "detail": Field("Further detail.", "", optional=True),
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
