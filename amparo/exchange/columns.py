"""The columns of a case import and how one row becomes the records it describes.

Headers are the API's field names (``docs/import.md``). One row is one case: its client, the
current facility, at most one relative, one note, one request and its decision. A blank cell
leaves what Amparo already has; the marker ``(clear)`` empties an optional field
(``CLEARABLE``). Problems are collected, never raised one at a time, so the report names every
bad cell of the file at once.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from amparo.cases.models import CaseStatus
from amparo.custody.models import Placement
from amparo.exchange import values
from amparo.people.models import Person, Relative
from amparo.relief.models import DecisionOutcome, Request

COLUMNS: dict[str, str] = {
    "external_id": "The case's id in the tool it comes from; re-imports find the case by it.",
    "given_name": "Client's given name(s). Required.",
    "family_name": "Client's family name(s). Required.",
    "a_number": "A-number, any common form (A 012-345-678, 12345678).",
    "date_of_birth": "YYYY-MM-DD, M/D/YYYY or an Excel date.",
    "country_of_birth": "ISO code or name in English or Spanish (MX, Mexico, México).",
    "immigration_status": "lpr, visa-holder, asylee, refugee, tps, daca, undocumented, "
    "us-citizen, other (or the label).",
    "languages": "Comma- or semicolon-separated, preferred first.",
    "title": "How the team refers to the case; default: the client's name.",
    "status": "intake, active, on-hold, closed; default active.",
    "opened_on": "When the organisation took the case; default: today.",
    "campaign": "Rapid-response campaign.",
    "tags": "Comma-separated labels.",
    "facility": "Current facility: name, alias or ICE code, as `amparo venue` matches it.",
    "held_since": "When the client arrived at the facility (date, or date and time).",
    "placement_source": "locator, client, family, attorney, agency-notice; default attorney.",
    "relative_name": "A relative or contact.",
    "relative_relationship": "spouse, partner, child, parent, sibling, other-relative, "
    "friend, other.",
    "relative_phone": "Phone; numbers without + are read as US numbers.",
    "relative_email": "Email address.",
    "note": "A note for the team (privileged unless note_privileged says no).",
    "note_privileged": "yes or no; default yes.",
    "request_type": "Request type slug or name (humanitarian-parole, bond-redetermination, …).",
    "request_reason": "Why the client should be released or helped now.",
    "request_submitted_at": "The minute the request was sent; blank for a draft.",
    "request_channel": "email, fax, portal, in-person, phone, mail, ecas, other.",
    "decision_outcome": "granted, denied, partly-granted, no-response, withdrawn, moot.",
    "decision_decided_at": "When the answer came.",
    "decision_reasons": "The reasons as given, verbatim; blank when none were given.",
}
REQUIRED = ("given_name", "family_name")

# A blank cell means "leave what Amparo has": a spreadsheet exported from another tool leaves
# cells blank for "not recorded there", and that must not wipe what the team has typed since.
# To empty a field on purpose, write the marker (any case) in its cell.
CLEAR = "(clear)"
CLEARABLE: dict[str, Any] = {
    "a_number": None,
    "date_of_birth": None,
    "country_of_birth": "",
    "languages": [],
    "campaign": "",
    "tags": [],
    "relative_phone": "",
    "relative_email": "",
}

# Each list of choices built once (its labels stay lazy, translated when read): building it
# again for every cell showed in the profile of a large import.
IMMIGRATION_STATUSES = Person.ImmigrationStatus.choices
CASE_STATUSES = CaseStatus.choices
PLACEMENT_SOURCES = Placement.Source.choices
RELATIONSHIPS = Relative.Relationship.choices
CHANNELS = Request.Channel.choices
OUTCOMES = DecisionOutcome.choices

STATUS_SPELLINGS = {
    "residente permanente": "lpr",
    "green card": "lpr",
    "permanent resident": "lpr",
    "indocumentado": "undocumented",
    "sin documentos": "undocumented",
    "asilado": "asylee",
    "refugiado": "refugee",
    "ciudadano": "us-citizen",
    "citizen": "us-citizen",
    "otro": "other",
}


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.line, "column": self.column, "reason": self.reason}


@dataclass
class CaseRow:
    """One checked row: values to set (only the columns given) and the records it adds."""

    line: int
    external_id: str
    person: dict[str, Any]
    case: dict[str, Any]
    facility: Any = None  # a custody.Facility
    held_since: datetime.datetime | None = None
    placement_source: str = Placement.Source.ATTORNEY
    relative: dict[str, Any] | None = None
    note: tuple[str, bool] | None = None
    request: dict[str, Any] | None = None
    decision: dict[str, Any] | None = None
    cells: list[str] = field(default_factory=list)


@dataclass
class References:
    """What rows are checked against, loaded once per import."""

    zone: zoneinfo.ZoneInfo
    today: datetime.date
    now: datetime.datetime
    facility: Callable[[str], Any]  # raises ValueError with the candidates
    request_types: dict[str, Any]  # folded slug and name -> RequestType


class _Row:
    """Reads the cells of one row, collecting a Problem for each bad one."""

    def __init__(self, line: int, cells: dict[str, str], problems: list[Problem]) -> None:
        self.line, self.problems = line, problems
        self.cells = dict(cells)
        self.cleared: set[str] = set()
        for column, value in cells.items():
            # Only "(" folds to "(" (every character checked): a cell without one is no marker.
            if "(" not in value or value.casefold() != CLEAR:
                continue
            self.cells[column] = ""
            if column in CLEARABLE:
                self.cleared.add(column)
            else:
                self.bad(column, _("this column cannot be cleared; leave it blank to keep it"))

    def clear_into(self, out: dict[str, Any], columns: dict[str, str]) -> None:
        """Empty the fields (column -> field) whose cells hold the clear marker."""
        for column, name in columns.items():
            if column in self.cleared:
                out[name] = CLEARABLE[column]

    def text(self, column: str, limit: int | None = None) -> str:
        value = self.cells.get(column, "")
        if limit is not None and len(value) > limit:
            self.bad(column, _("longer than %(n)d characters") % {"n": limit})
            return ""
        return value

    def bad(self, column: str, reason: str) -> None:
        self.problems.append(Problem(self.line, column, reason))

    def read(self, column: str, reader: Callable[[str], Any]) -> Any:
        value = self.cells.get(column, "")
        if not value:
            return None
        try:
            return reader(value)
        except ValueError as exc:
            self.bad(column, str(exc))
            return None


def _person(row: _Row) -> dict[str, Any]:
    person: dict[str, Any] = {}
    for column in REQUIRED:
        value = row.text(column, 120)
        if not row.cells.get(column):
            row.bad(column, _("blank; this column is required"))
        person[column] = value
    for column, reader in (
        ("a_number", values.read_a_number),
        ("date_of_birth", values.read_date),
        ("country_of_birth", values.read_country),
        ("languages", values.read_list),
        (
            "immigration_status",
            lambda v: values.read_choice(v, IMMIGRATION_STATUSES, STATUS_SPELLINGS),
        ),
    ):
        value = row.read(column, reader)
        if value is not None:
            person[column] = value
    names = ("a_number", "date_of_birth", "country_of_birth", "languages")
    row.clear_into(person, {n: n for n in names})
    return person


def _case(row: _Row, refs: References) -> dict[str, Any]:
    case: dict[str, Any] = {}
    title = row.text("title", 200)
    if title:
        case["title"] = title
    status = row.read("status", lambda v: values.read_choice(v, CASE_STATUSES, {}))
    if status:
        case["status"] = status
    opened = row.read("opened_on", values.read_date)
    if opened is not None:
        if opened > refs.today:
            row.bad("opened_on", _("in the future"))
        case["opened_on"] = opened
    campaign = row.text("campaign", 120)
    if campaign:
        case["campaign"] = campaign
    tags = row.read("tags", values.read_list)
    if tags:
        case["tags"] = tags
    row.clear_into(case, {"campaign": "campaign", "tags": "tags"})
    return case


def _at(row: _Row, column: str, refs: References) -> datetime.datetime | None:
    when = row.read(column, lambda v: values.read_datetime(v, refs.zone))
    if when is not None and when > refs.now + datetime.timedelta(minutes=5):
        row.bad(column, _("in the future"))
        return None
    return when


def _custody(row: _Row, refs: References, out: CaseRow) -> None:
    out.facility = row.read("facility", refs.facility)
    out.held_since = _at(row, "held_since", refs)
    if row.cells.get("facility") and not row.cells.get("held_since"):
        row.bad("held_since", _("blank; say since when the client is held there"))
    if row.cells.get("held_since") and not row.cells.get("facility"):
        row.bad("facility", _("blank, but held_since is given"))
    source = row.read("placement_source", lambda v: values.read_choice(v, PLACEMENT_SOURCES, {}))
    if source:
        out.placement_source = source


def _relative(row: _Row) -> dict[str, Any] | None:
    name = row.text("relative_name", 200)
    relationship = row.read(
        "relative_relationship",
        lambda v: values.read_choice(v, RELATIONSHIPS, {}),
    )
    if not name:
        for column in ("relative_relationship", "relative_phone", "relative_email"):
            if row.cells.get(column):
                row.bad("relative_name", _("blank, but %(column)s is given") % {"column": column})
                break
        return None
    relative: dict[str, Any] = {"full_name": name, "relationship": relationship or "other"}
    phone = row.read("relative_phone", _phone)
    if phone:
        relative["phone"] = phone
    email = row.read("relative_email", _email)
    if email:
        relative["email"] = email
    row.clear_into(relative, {"relative_phone": "phone", "relative_email": "email"})
    return relative


def _phone(text: str) -> str:
    from django.core.exceptions import ValidationError

    from amparo.people.identifiers import normalise_phone

    try:
        return normalise_phone(text)
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from None


def _email(text: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(_("not an email address")) from None
    return text


def _request(row: _Row, refs: References, out: CaseRow) -> None:
    given = [c for c in row.cells if c.startswith(("request_", "decision_")) and row.cells[c]]
    if not given:
        return
    kind = row.read("request_type", lambda v: _request_type(v, refs))
    if not row.cells.get("request_type"):
        row.bad("request_type", _("blank, but %(column)s is given") % {"column": given[0]})
    reason = row.text("request_reason")
    if not reason:
        row.bad("request_reason", _("blank; say why the request is made"))
    submitted = _at(row, "request_submitted_at", refs)
    channel = row.read("request_channel", lambda v: values.read_choice(v, CHANNELS, {}))
    if submitted is not None and not channel:
        row.bad("request_channel", _("blank; say how the request was sent"))
    out.request = {
        "request_type": kind,
        "reason": reason,
        "submitted_at": submitted.replace(second=0, microsecond=0) if submitted else None,
        "channel": channel or "",
    }
    _decision(row, refs, out)


def _decision(row: _Row, refs: References, out: CaseRow) -> None:
    outcome = row.read("decision_outcome", lambda v: values.read_choice(v, OUTCOMES, {}))
    decided = _at(row, "decision_decided_at", refs)
    if not outcome:
        if row.cells.get("decision_decided_at") or row.cells.get("decision_reasons"):
            row.bad("decision_outcome", _("blank, but the decision's other columns are given"))
        return
    assert out.request is not None
    submitted = out.request["submitted_at"]
    if submitted is None:
        row.bad("request_submitted_at", _("blank; a decided request was sent at some time"))
    if decided is None and not row.cells.get("decision_decided_at"):
        row.bad("decision_decided_at", _("blank; say when the answer came"))
    if decided is not None and submitted is not None and decided < submitted:
        row.bad("decision_decided_at", _("before the request was sent"))
    reasons = row.text("decision_reasons")
    out.decision = {
        "outcome": outcome,
        "decided_at": decided.replace(second=0, microsecond=0) if decided else None,
        "reasons": reasons,
        "reasons_given": bool(reasons),
    }


def _request_type(text: str, refs: References) -> Any:
    found = refs.request_types.get(values.fold(text))
    if found is None:
        raise ValueError(_("not a request type Amparo knows (e.g. humanitarian-parole)"))
    return found


def parse_row(
    line: int, cells: dict[str, str], refs: References, problems: list[Problem]
) -> CaseRow:
    """The records one row describes; each bad cell appends a Problem."""
    row = _Row(line, cells, problems)
    person = _person(row)
    out = CaseRow(
        line=line,
        external_id=row.text("external_id", 100),
        person=person,
        case=_case(row, refs),
    )
    _custody(row, refs, out)
    out.relative = _relative(row)
    note = row.text("note")
    if note:
        privileged = row.read("note_privileged", values.read_bool)
        out.note = (note, True if privileged is None else privileged)
    _request(row, refs, out)
    return out
