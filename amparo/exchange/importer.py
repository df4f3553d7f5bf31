"""Case imports: a whole file checked, then written in bulk in one transaction, or not at all.

``checking.check_rows`` turns the table into ``CaseRow``s and problems without touching client
data; ``CaseWriter`` reads what Amparo already has of the cases they name (``import_reads``),
matches each row to the case it describes (by ``external_id``, then A-number), works out what
changes, refuses the lot if any row is bad, and writes with one prepared statement per model
(``core.bulk``). Rows that would change nothing write nothing, so
re-importing a file is a no-op.

No model object is built for a row: new rows and the existing rows a file may change are
``Record``s holding only the columns the import reads or writes. Profiled, building and
preparing model objects was most of an import's time.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.audit.sealing import seal_soon
from amparo.cases.models import Case, Note
from amparo.core.bulk import Record, TableWriter, bulk_set
from amparo.core.ids import new_id
from amparo.custody.models import Facility, Placement
from amparo.exchange import values
from amparo.exchange.audit import Entry, audit_rows
from amparo.exchange.columns import CaseRow, Problem, References
from amparo.exchange.import_reads import Known, known_read
from amparo.exchange.models import ExternalRecord
from amparo.exchange.report import Outcome, Report
from amparo.people.models import Person, Relative
from amparo.relief.models import Decision, Request
from amparo.relief.reporting import reported_requests_refresh
from amparo.relief.selectors import facility_field_office
from amparo.search.bulk import indexed_by_id

NEW_ROWS = (
    ("person", Person),
    ("case", Case),
    ("external", ExternalRecord),
    ("placement", Placement),
    ("relative", Relative),
    ("note", Note),
    ("request", Request),
    ("decision", Decision),
)


class CaseWriter:
    """Matches checked rows to existing cases and writes what changed, in bulk."""

    def __init__(self, *, organisation: Organisation, actor: Any, refs: References) -> None:
        self.organisation, self.actor, self.refs = organisation, actor, refs
        self.now = timezone.now()
        self.actor_id = actor.pk if actor is not None else None
        self.new: dict[str, list[Any]] = {
            k: [] for k in ("person", "case", "external", "placement", "relative", "note")
        }
        self.new.update(request=[], decision=[])
        self.changed: dict[type, dict[Any, set[str]]] = {}
        self.objects: dict[Any, Record] = {}
        self.audit: list[Entry] = []
        self.office_of_facility: dict[Any, Any] = {}  # facility id → its venue's office id
        self.known = Known()  # read by `plan`

    # --- matching ------------------------------------------------------------------------

    def _match(self, row: CaseRow, problems: list[Problem]) -> Record | None:
        case_id = self.known.by_external.get(row.external_id) if row.external_id else None
        a_number = row.person.get("a_number")
        holder = self.known.person_by_a.get(a_number) if a_number else None
        if case_id is not None:
            case = self.known.cases[case_id]
            if holder is not None and holder.id != case.person_id:
                problems.append(
                    Problem(row.line, "a_number", _("another client already has this A-number"))
                )
            return case
        if holder is None:
            return None
        latest = self.known.latest_case.get(holder.id)
        other = self.known.external_of.get(latest.id) if latest else None
        if other and row.external_id and other != row.external_id:
            problems.append(
                Problem(
                    row.line,
                    "a_number",
                    _("this A-number is the client of the case imported as %(id)s") % {"id": other},
                )
            )
        return latest

    def _person_for_new_case(self, row: CaseRow) -> Record:
        a_number = row.person.get("a_number")
        holder = self.known.person_by_a.get(a_number) if a_number else None
        if holder is not None:  # a client without a case yet
            return holder
        # Audited with its case (``case.import`` names the client's fields it set).
        person = self._new(Person, "person", organisation_id=self.organisation.id, **row.person)
        return person

    # --- planning ------------------------------------------------------------------------

    def _new(self, model: type[Any], key: str, **values: Any) -> Record:
        record = Record(model, True, id=new_id(), **values)
        self.new[key].append(record)
        return record

    def _set(self, obj: Record, wanted: dict[str, Any]) -> list[str]:
        changed = [k for k, v in wanted.items() if getattr(obj, k) != v]
        for name in changed:
            setattr(obj, name, wanted[name])
        if changed and not obj._new:  # a new row is inserted with its final values
            self.changed.setdefault(obj._model, {}).setdefault(obj.pk, set()).update(changed)
            self.objects[obj.pk] = obj
        return changed

    def _plan_case(self, row: CaseRow, case: Record | None) -> tuple[Record, list[str]]:
        if case is not None:
            person = self.known.persons[case.person_id]
            changed = [f"person.{n}" for n in self._set(person, row.person)]
            changed += self._set(case, row.case)
            if changed and case.status == Case.Status.CLOSED and case.closed_on is None:
                self._set(case, {"closed_on": self.refs.today})
            if row.external_id and case.id not in self.known.external_of:
                self._external(row, case)
                changed.append("external_id")
            return case, changed
        person = self._person_for_new_case(row)
        full_name = f"{row.person['given_name']} {row.person['family_name']}"
        values_ = {"title": full_name, "opened_on": self.refs.today, **row.case}
        status = values_.get("status", Case.Status.ACTIVE)
        case = self._new(
            Case,
            "case",
            organisation_id=self.organisation.id,
            person_id=person.id,
            **{"status": status, **values_},
        )
        if status == Case.Status.CLOSED:
            case.closed_on = max(case.opened_on, self.refs.today)
        self.known.cases[case.id] = case
        added_person = person._new  # not a client Amparo had
        fields = [*values_, *(f"person.{n}" for n in row.person if added_person)]
        self.audit.append(Entry("case.import", case.id, "Case", str(case.id), sorted(fields)))
        if row.external_id:
            self._external(row, case)
        return case, ["case"]

    def _external(self, row: CaseRow, case: Record) -> None:
        organisation_id = self.organisation.id
        self._new(
            ExternalRecord,
            "external",
            organisation_id=organisation_id,
            external_id=row.external_id,
            case_id=case.id,
        )
        self.known.external_of[case.id] = row.external_id

    def _plan_custody(self, row: CaseRow, case: Record, problems: list[Problem]) -> list[str]:
        if row.facility is None or row.held_since is None:
            return []
        current = self.known.current.get(case.id)
        if current is not None and current.facility_id == row.facility.id:
            return ["placement"] if self._set(current, {"started_at": row.held_since}) else []
        if current is not None:
            if row.held_since < current.started_at:
                problems.append(
                    Problem(
                        row.line,
                        "held_since",
                        _("before the client arrived at the facility Amparo has (%(day)s)")
                        % {"day": current.started_at.date().isoformat()},
                    )
                )
                return []
            self._set(current, {"ended_at": row.held_since})
        self.known.current[case.id] = self._new(
            Placement,
            "placement",
            case_id=case.id,
            facility_id=row.facility.id,
            started_at=row.held_since,
            ended_at=None,
            source=row.placement_source,
            observed_at=self.now,
        )
        return ["placement"]

    def _plan_relative(self, row: CaseRow, case: Record) -> list[str]:
        if row.relative is None:
            return []
        key = (case.person_id, values.fold(row.relative["full_name"]))
        existing = self.known.relatives.get(key)
        if existing is not None:
            return ["relative"] if self._set(existing, row.relative) else []
        self.known.relatives[key] = self._new(
            Relative, "relative", person_id=case.person_id, **row.relative
        )
        return ["relative"]

    def _plan_note(self, row: CaseRow, case: Record) -> list[str]:
        if row.note is None or (case.id, row.note[0]) in self.known.notes:
            return []
        body, privileged = row.note
        self._new(
            Note, "note", case_id=case.id, author_id=self.actor_id, body=body, privileged=privileged
        )
        self.known.notes.add((case.id, body))
        return ["note"]

    def _plan_request(self, row: CaseRow, case: Record) -> list[str]:
        if row.request is None:
            return []
        wanted = row.request
        kind = wanted["request_type"]
        key = (case.id, kind.id, wanted["submitted_at"], wanted["reason"])
        request = self.known.requests.get(key)
        status = self._request_status(row)
        changed: list[str] = []
        if request is None:
            request = self._new(
                Request,
                "request",
                case_id=case.id,
                request_type_id=kind.id,
                legal_basis=kind.legal_basis,
                submitted_by_id=self.actor_id if wanted["submitted_at"] else None,
                reason=wanted["reason"],
                submitted_at=wanted["submitted_at"],
                channel=wanted["channel"],
                status=status,
                field_office_id=self._field_office_id(case),
            )
            self.known.requests[key] = request
            changed.append("request")
        elif row.decision is not None:
            changed += ["request"] if self._set(request, {"status": status}) else []
        if row.decision is None:
            return changed
        decision = self.known.decisions.get(request.id)
        if decision is None:
            self.known.decisions[request.id] = self._new(
                Decision,
                "decision",
                request_id=request.id,
                submitted_at=request.submitted_at,
                recorded_by_id=self.actor_id,
                **row.decision,
            )
            return [*changed, "decision"]
        return [*changed, "decision"] if self._set(decision, row.decision) else changed

    def _field_office_id(self, case: Record) -> Any:
        """The field office of the facility holding the client as the row leaves them (this
        row's placement, else the current one): the office the request form gives a request
        (relief.selectors.facility_field_office). None while the client's place is unknown.
        Worked out once per facility: an import names the same few facilities again and again."""
        placement = self.known.current.get(case.id)
        if placement is None:
            return None
        offices = self.office_of_facility
        if placement.facility_id not in offices:
            facility = Facility.objects.select_related("field_office").get(id=placement.facility_id)
            office = facility_field_office(facility)
            offices[placement.facility_id] = office.id if office is not None else None
        return offices[placement.facility_id]

    def _request_status(self, row: CaseRow) -> str:
        assert row.request is not None
        if row.decision is not None:
            outcome = row.decision["outcome"]
            return outcome if outcome in ("withdrawn", "moot") else Request.Status.DECIDED
        return Request.Status.SUBMITTED if row.request["submitted_at"] else Request.Status.DRAFT

    def plan(self, rows: list[CaseRow], report: Report) -> None:
        """Match every row and note what it changes; problems go to the report."""
        self.known = known_read(self.organisation.id, rows)
        for row in rows:
            case = self._match(row, report.problems)
            is_new = case is None
            case, changed = self._plan_case(row, case)
            changed += self._plan_custody(row, case, report.problems)
            changed += self._plan_relative(row, case)
            changed += self._plan_note(row, case)
            changed += self._plan_request(row, case)
            result = "added" if is_new else ("updated" if changed else "unchanged")
            report.outcomes.append(Outcome(row.line, result, [] if is_new else changed))
            if result == "updated":
                self.audit.append(
                    Entry("case.import.update", case.id, "Case", str(case.id), changed)
                )

    # --- writing -------------------------------------------------------------------------

    def write(self, import_id: uuid.UUID, columns: list[str]) -> None:
        """Bulk inserts and updates, then the import's audit events; the caller's transaction
        makes them one. The search index follows in the same transaction (SQLite's triggers,
        PostgreSQL's indexes)."""
        # A moved client's current placement ends before the new one starts (one current
        # placement per case is a database constraint).
        self._update(Placement)
        tables = self.tables(import_id, columns)
        with indexed_by_id([t.model._meta.db_table for t in tables]) as index:
            for table in tables:
                ids = table.pending_ids()
                table.flush()
                index(table.model._meta.db_table, ids)
        for model in (Person, Case, Relative, Request, Decision):
            self._update(model)
        reported_requests_refresh(requests=self._requests_written())
        transaction.on_commit(seal_soon)

    def tables(self, import_id: uuid.UUID, columns: list[str]) -> list[TableWriter]:
        """The new rows, prepared for the database, parents first, and the audit events; not
        yet written (`scripts/bench_import.py` times a raw insert of these same rows)."""
        tables: list[TableWriter] = []
        for key, model in NEW_ROWS:
            if self.new[key]:
                names = [f.name for f in model._meta.concrete_fields]
                table = TableWriter(model, names, now=self.now)
                for record in self.new[key]:
                    table.add_row(record.__dict__)
                tables.append(table)
        entries = [Entry("import.cases", None, "ImportRun", str(import_id), columns), *self.audit]
        tables.append(
            audit_rows(actor=self.actor, organisation_id=self.organisation.id, entries=entries)
        )
        return tables

    def _requests_written(self) -> set[Any]:
        """The requests whose reporting rows this import changes (`relief.reporting`)."""
        decided = [*self.new["decision"], *map(self.objects.get, self.changed.get(Decision, {}))]
        return (
            {r.id for r in self.new["request"]}
            | set(self.changed.get(Request, {}))
            | {d.request_id for d in decided}
        )

    def _update(self, model: type[Any]) -> None:
        changed = self.changed.get(model, {})
        by_fields: dict[tuple[str, ...], list[Any]] = {}
        for pk, names in changed.items():
            by_fields.setdefault(tuple(sorted(names)), []).append(self.objects[pk])
        for group, objs in by_fields.items():
            fields = list(group)
            if hasattr(model, "updated_at"):
                for obj in objs:
                    obj.updated_at = self.now
                fields.append("updated_at")
            if hasattr(model, "version"):
                for obj in objs:
                    obj.version += 1
                fields.append("version")
            bulk_set(model, objs, fields)
