"""What Amparo already has of the cases a file names, read once per import before any row is
planned: the cases found by external id and by their client's A-number, their clients, current
placements, relatives, notes, requests and decisions (`Known`).

Apart from the planning because it is the one place an import reads client data, and it reads
it its own way: no model object is built for a row, only ``Record``s of the columns the import
compares or writes (`LOADED`), read with plain ``SELECT``s (`records_matching`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from amparo.cases.models import Case, Note
from amparo.core.bulk import Record
from amparo.core.converters import prepper
from amparo.custody.models import Placement
from amparo.exchange import values
from amparo.exchange.columns import CaseRow
from amparo.exchange.models import ExternalRecord
from amparo.people.models import Person, Relative
from amparo.relief.models import Decision, Request

CHUNK = 900  # stays under SQLite's limit on query parameters

# The columns of the existing rows a file may change, read once per import.
LOADED: dict[type, tuple[str, ...]] = {
    Person: (
        *("id", "version", "given_name", "family_name", "a_number", "date_of_birth"),
        *("country_of_birth", "languages", "immigration_status"),
    ),
    Case: (
        *("id", "person_id", "version", "status", "opened_on", "created_at", "closed_on"),
        *("title", "campaign", "tags"),
    ),
    Placement: ("id", "case_id", "facility_id", "started_at", "ended_at"),
    Relative: ("id", "person_id", "full_name", "relationship", "phone", "email"),
    Request: ("id", "case_id", "request_type_id", "submitted_at", "reason", "status", "version"),
    Decision: ("id", "request_id", "outcome", "decided_at", "reasons", "reasons_given"),
}


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def records_matching(
    model: Any,
    names: tuple[str, ...],
    column: str,
    keys: Iterable[Any],
    where: str = "",
    organisation: Any = None,
) -> list[Record]:
    """The rows of `model` whose `column` is one of `keys` (and, if given, that meet `where`,
    SQL over the table's own columns, and belong to `organisation`, an id), as Records of the
    columns `names`, read with a plain ``SELECT``: one per 900 keys on SQLite (its limit on
    parameters), one with the keys as an array (``= ANY``) on PostgreSQL. Each key is prepared
    by the bulk writer's converter, each value read back as the ORM gives it (`Record.read`):
    profiled, the ORM's ``__in`` and its converters were most of reading a file's matches."""
    meta = model._meta
    quote = connection.ops.quote_name
    field = meta.get_field(column)
    prep = prepper(field, connection)
    wanted = [prep(k) for k in dict.fromkeys(k for k in keys if k)]
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)
    select = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE "
    also, also_params = [where] if where else [], []
    if organisation is not None:
        owner = meta.get_field("organisation")
        also.append(f"{quote(owner.column)} = %s")
        also_params.append(prepper(owner, connection)(organisation))
    tail = "".join(f" AND {condition}" for condition in also)
    if connection.vendor == "postgresql":
        if not wanted:
            return []
        sql = f"{select}{quote(field.column)} = ANY(%s){tail}"
        return Record.read(model, names, sql, [wanted, *also_params])
    found: list[Record] = []
    for chunk in _chunks(wanted):
        marks = ", ".join(["%s"] * len(chunk))
        sql = f"{select}{quote(field.column)} IN ({marks}){tail}"
        found.extend(Record.read(model, names, sql, [*chunk, *also_params]))
    return found


def loaded_matching(
    model: Any, column: str, keys: Iterable[Any], where: str = "", organisation: Any = None
) -> list[Any]:
    """The rows of `model` whose `column` is one of `keys`, as Records of `LOADED` columns."""
    return records_matching(model, LOADED[model], column, keys, where, organisation)


def pairs_matching(
    model: Any, names: tuple[str, str], column: str, keys: Iterable[Any], organisation: Any = None
) -> list[tuple[Any, Any]]:
    first, second = names
    found = records_matching(model, names, column, keys, organisation=organisation)
    return [(getattr(r, first), getattr(r, second)) for r in found]


def last_of_each(records: list[Any]) -> list[Any]:
    """`records` with each row once, where it last appears (two reads may find the same row):
    the order a sort by date leaves ties in, so the latest case of a client is the same."""
    last = {r.id: at for at, r in enumerate(records)}
    return [r for at, r in enumerate(records) if last[r.id] == at]


@dataclass
class Known:
    """The existing rows a file may match or change, by the keys planning looks them up by.
    Planning adds the rows it creates, so a later row of the same file finds them."""

    by_external: dict[str, Any] = field(default_factory=dict)  # external id → case id
    person_by_a: dict[str, Record] = field(default_factory=dict)  # A-number → client
    cases: dict[Any, Record] = field(default_factory=dict)
    persons: dict[Any, Record] = field(default_factory=dict)
    latest_case: dict[Any, Record] = field(default_factory=dict)  # client id → latest case
    external_of: dict[Any, str] = field(default_factory=dict)  # case id → external id
    current: dict[Any, Record] = field(default_factory=dict)  # case id → current placement
    relatives: dict[tuple[Any, str], Record] = field(default_factory=dict)
    notes: set[tuple[Any, str]] = field(default_factory=set)
    requests: dict[tuple[Any, Any, Any, str], Record] = field(default_factory=dict)
    decisions: dict[Any, Record] = field(default_factory=dict)  # request id → its decision


def known_read(organisation_id: Any, rows: list[CaseRow]) -> Known:
    """What the organisation has of the cases `rows` name: the cases and their clients first,
    then what hangs from the cases found."""
    known = Known()
    _read_cases(known, organisation_id, rows)
    _read_case_records(known)
    return known


def _read_cases(known: Known, organisation_id: Any, rows: list[CaseRow]) -> None:
    names = ("external_id", "case_id")
    records = pairs_matching(
        ExternalRecord,
        names,
        "external_id",
        (r.external_id for r in rows),
        organisation=organisation_id,
    )
    known.by_external = dict(records)
    a_numbers = (r.person.get("a_number") for r in rows)
    people = loaded_matching(Person, "a_number", a_numbers, organisation=organisation_id)
    known.person_by_a = {p.a_number: p for p in people}
    # A case found by its external id and again as its client's is read once.
    cases = last_of_each(
        loaded_matching(Case, "id", known.by_external.values())
        + loaded_matching(Case, "person_id", (p.id for p in people))
    )
    known.cases = {c.id: c for c in cases}
    known.persons = {p.id: p for p in people}
    unread = (c.person_id for c in cases if c.person_id not in known.persons)
    known.persons |= {p.id: p for p in loaded_matching(Person, "id", unread)}
    for case in sorted(cases, key=lambda c: (c.opened_on, c.created_at)):
        person = known.persons[case.person_id]
        known.person_by_a.setdefault(person.a_number or "", person)
    known.latest_case = {c.person_id: c for c in sorted(cases, key=lambda c: c.opened_on)}
    known.external_of = {case_id: external for external, case_id in records}
    unnamed = (case_id for case_id in known.cases if case_id not in known.external_of)
    known.external_of |= {
        case_id: external
        for external, case_id in pairs_matching(ExternalRecord, names, "case_id", unnamed)
    }


def _read_case_records(known: Known) -> None:
    case_ids = list(known.cases)
    known.current = {
        p.case_id: p
        for p in loaded_matching(Placement, "case_id", case_ids, where="ended_at IS NULL")
    }
    known.relatives = {
        (r.person_id, values.fold(r.full_name)): r
        for r in loaded_matching(Relative, "person_id", known.persons)
    }
    known.notes = set(pairs_matching(Note, ("case_id", "body"), "case_id", case_ids))
    requests = loaded_matching(Request, "case_id", case_ids)
    known.requests = {(r.case_id, r.request_type_id, r.submitted_at, r.reason): r for r in requests}
    known.decisions = {
        d.request_id: d for d in loaded_matching(Decision, "request_id", (r.id for r in requests))
    }
