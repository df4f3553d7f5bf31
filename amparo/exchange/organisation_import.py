"""`amparo import organisation ZIP`: an organisation's export read back into an Amparo that
has none of it (an empty installation, or one without any of the export's ids).

The zip is what ``export.organisation_export`` streams: ``organisation.json`` (the organisation
and its members), ``cases/<id>/case.json`` (every record of each case, its audit events
included) with ``documents/``, and ``references.json`` (the users and the reference records the
cases point at). In one transaction:

1. Reference records (facilities, field offices, courts, request types, …) are found in the
   target by id, then by what makes them unique (``NATURAL_KEYS``, or the model's unique fields
   and constraints), and created only when the target lacks them; rows pointing at them are
   rewritten to the target's ids.
2. Users are found by email or created with the export's id, name and language and **no
   password** (an export never carries one): each signs in after "Forgot your password?".
3. The organisation, its memberships and every record of every case are inserted with their
   own ids and times (bulk, in batches; foreign keys are checked at commit, so the order of the
   models does not matter); documents are written back to the storage under their names.
4. The cases' audit events keep their ids, actors, actions, objects and original times and are
   sealed again on the target's chain of the organisation, in their original order (the old
   hashes chained to events that were not exported, so they cannot be kept); one
   ``organisation.import`` event records the import. ``amparo audit verify`` passes.

Anything in the way (the organisation's id or slug taken, any exported id present) refuses the
whole import before a row is written.
"""

from __future__ import annotations

import contextlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, Organisation, User
from amparo.audit.models import AuditEvent
from amparo.audit.services import audit_record
from amparo.exchange.audit import sequences
from amparo.exchange.progress import Progress
from amparo.relief.reporting import reported_requests_refresh

BATCH = 500
CHUNK = 900  # ids per query, under SQLite's parameter limit
ORGANISATION = "accounts.Organisation"
USER = "accounts.User"
EVENTS = "audit.AuditEvent"
# How a reference record is recognised in another installation when its id differs there
# (tried in order; a key with a blank value is skipped). Others: their unique fields.
NATURAL_KEYS: dict[str, list[tuple[str, ...]]] = {
    "custody.Facility": [("ice_code",), ("name", "state", "zip_code"), ("name", "city")],
}


class OrganisationImportError(Exception):
    """The zip cannot be imported here; the message says why, in the admin's words."""


@dataclass
class ImportSummary:
    organisation: Organisation
    counts: dict[str, int] = field(default_factory=dict)
    users_created: list[str] = field(default_factory=list)
    references_created: int = 0
    documents: int = 0
    events: int = 0


def _read_json(archive: zipfile.ZipFile, name: str) -> Any:
    try:
        return json.loads(archive.read(name))
    except KeyError:
        raise OrganisationImportError(
            _("%(name)s is missing: this is not an organisation export of Amparo.") % {"name": name}
        ) from None


def _fk_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model]


def _target(f: models.Field[Any, Any]) -> str:
    model = f.related_model
    assert isinstance(model, type)
    return f"{model._meta.app_label}.{model.__name__}"


def _natural_keys(model: type[models.Model]) -> list[tuple[str, ...]]:
    label = f"{model._meta.app_label}.{model.__name__}"
    keys = list(NATURAL_KEYS.get(label, []))
    keys += [(f.attname,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    groups = [
        c.fields
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    groups += list(model._meta.unique_together)
    for group in groups:
        keys.append(tuple(_attname(model, name) for name in group))
    return list(dict.fromkeys(keys))


def _attname(model: type[models.Model], name: str) -> str:
    found = model._meta.get_field(name)
    return str(getattr(found, "attname", name))


@contextlib.contextmanager
def _times_kept() -> Iterator[None]:
    """Inserts keep the rows' own created_at/updated_at: auto_now and auto_now_add would set
    them to now (the flags are the fields', so they are put back afterwards)."""
    changed = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                changed.append((f, f.auto_now, f.auto_now_add))  # type: ignore[attr-defined]
                f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, now, add in changed:
            f.auto_now, f.auto_now_add = now, add  # type: ignore[attr-defined]


def _value(f: models.Field[Any, Any], value: Any) -> Any:
    if value is not None and isinstance(f, models.BinaryField):
        return bytes.fromhex(value)
    return value


class OrganisationReader:
    """The export's records, gathered from every case (a client with two cases is in both)."""

    def __init__(self, source: str | IO[bytes]) -> None:
        try:
            self.archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError) as exc:
            raise OrganisationImportError(_("Not a zip file: %(error)s") % {"error": exc}) from None
        about = _read_json(self.archive, "organisation.json")
        self.organisation: dict[str, Any] = about["organisation"]
        self.members: list[dict[str, Any]] = about["members"]
        self.exported_at: str = about.get("exported_at", "")
        self.references: dict[str, list[dict[str, Any]]] = _read_json(
            self.archive, "references.json"
        )["records"]
        self.records: dict[str, dict[str, dict[str, Any]]] = {}
        self.documents: dict[str, str] = {}  # document id -> zip entry
        for name in self.archive.namelist():
            path = PurePosixPath(name)
            if path.parts[0] == "cases" and path.name == "case.json":
                payload = json.loads(self.archive.read(name))
                for label, rows in payload["records"].items():
                    seen = self.records.setdefault(label, {})
                    for row in rows:
                        seen.setdefault(str(row["id"]), row)
            elif path.parts[0] == "cases" and len(path.parts) == 4 and path.parts[2] == "documents":
                self.documents[path.name.split("-v", 1)[0]] = name

    def total(self) -> int:
        return sum(len(rows) for rows in self.records.values())


class OrganisationWriter:
    def __init__(self, reader: OrganisationReader, progress: Progress | None) -> None:
        self.reader, self.progress = reader, progress
        self.ids: dict[str, dict[str, Any]] = {}  # label -> export id -> target id
        self.done = 0
        self.total = reader.total()

    # --- refusing ------------------------------------------------------------------------

    def refuse_if_present(self) -> None:
        about = self.reader.organisation
        if Organisation.objects.filter(pk=about["id"]).exists():
            raise OrganisationImportError(
                _("This Amparo already has this organisation: import it into an empty one.")
            )
        if Organisation.objects.filter(slug=about["slug"]).exists():
            raise OrganisationImportError(
                _("An organisation called %(slug)s is already here: nothing was imported.")
                % {"slug": about["slug"]}
            )
        for label, rows in self.reader.records.items():
            model = apps.get_model(label)
            keys = list(rows)
            for start in range(0, len(keys), CHUNK):
                if model._default_manager.filter(pk__in=keys[start : start + CHUNK]).exists():
                    raise OrganisationImportError(
                        _(
                            "This Amparo already holds records of this export (%(what)s): "
                            "import it into an empty one. Nothing was imported."
                        )
                        % {"what": model._meta.verbose_name_plural}
                    )

    # --- references ----------------------------------------------------------------------

    def _map(self, label: str, row: dict[str, Any], model: type[models.Model]) -> dict[str, Any]:
        out = {}
        for f in model._meta.concrete_fields:
            if f.attname not in row:
                continue
            value = _value(f, row[f.attname])
            if f.is_relation and f.related_model and value is not None:
                value = self.ids.get(_target(f), {}).get(str(value), value)
            out[f.attname] = value
        return out

    def _find(self, model: type[models.Model], row: dict[str, Any]) -> Any:
        if model._default_manager.filter(pk=row["id"]).exists():
            return row["id"]
        for key in _natural_keys(model):
            wanted = {name: row.get(name) for name in key}
            if any(v in (None, "") for v in wanted.values()):
                continue
            found = list(model._default_manager.filter(**wanted).values_list("pk", flat=True)[:2])
            if len(found) == 1:
                return found[0]
        return None

    def _order(self) -> list[str]:
        """Reference labels, each after those its rows point at."""
        labels = set(self.reader.references)
        order: list[str] = []

        def visit(label: str, path: set[str]) -> None:
            if label in order or label in path:
                return
            for f in _fk_fields(apps.get_model(label)):
                if _target(f) in labels:
                    visit(_target(f), path | {label})
            order.append(label)

        for label in sorted(labels):
            visit(label, set())
        return order

    def references(self, summary: ImportSummary) -> None:
        self.ids[ORGANISATION] = {str(self.reader.organisation["id"]): self.organisation.pk}
        for label in self._order():
            model = apps.get_model(label)
            mapped = self.ids.setdefault(label, {})
            for row in self.reader.references[label]:
                if label == USER:
                    mapped[str(row["id"])] = self._user(row, summary)
                    continue
                values = self._map(label, row, model)
                found = self._find(model, values)
                if found is None:
                    obj = model(**values)
                    obj.save(force_insert=True)
                    found = obj.pk
                    summary.references_created += 1
                mapped[str(row["id"])] = found

    def _user(self, row: dict[str, Any], summary: ImportSummary) -> Any:
        email = str(row["email"]).strip().lower()
        existing = User.objects.filter(email=email).values_list("pk", flat=True).first()
        if existing is not None:
            return existing
        user = User(email=email, full_name=row.get("full_name", ""))
        if not User.objects.filter(pk=row["id"]).exists():
            user.id = row["id"]
        for name in ("language", "is_active", "date_joined"):
            if row.get(name) not in (None, ""):
                setattr(user, name, row[name])
        user.set_unusable_password()  # no password is ever exported: a reset sets one
        user.save(force_insert=True)
        summary.users_created.append(email)
        return user.pk

    # --- the organisation and its cases --------------------------------------------------

    def organisation_create(self) -> Organisation:
        row = dict(self.reader.organisation)
        model = Organisation
        values = {
            f.attname: _value(f, row[f.attname])
            for f in model._meta.concrete_fields
            if f.attname in row
        }
        self.organisation = Organisation(**values)
        self.organisation.save(force_insert=True)
        return self.organisation

    def memberships(self) -> None:
        users = self.ids.get(USER, {})
        Membership.objects.bulk_create(
            [
                Membership(
                    organisation=self.organisation,
                    user_id=users.get(str(m["user_id"]), m["user_id"]),
                    role=m["role"],
                )
                for m in self.reader.members
            ]
        )

    def _tick(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done, self.total)

    def records(self, summary: ImportSummary) -> None:
        for label in sorted(self.reader.records):
            if label == EVENTS:
                continue
            model = apps.get_model(label)
            rows = list(self.reader.records[label].values())
            objects = [model(**self._map(label, row, model)) for row in rows]
            if label == "documents.Document":
                summary.documents += self._files(objects)
            for start in range(0, len(objects), BATCH):
                model._default_manager.bulk_create(objects[start : start + BATCH])
                self._tick(len(objects[start : start + BATCH]))
            summary.counts[label] = len(objects)

    def _files(self, documents: list[Any]) -> int:
        written = 0
        for document in documents:
            entry = self.reader.documents.get(str(document.pk))
            if entry is None or not document.file.name:
                continue
            name = default_storage.save(
                document.file.name, ContentFile(self.reader.archive.read(entry))
            )
            document.file.name = name
            written += 1
        return written

    def events(self, summary: ImportSummary) -> None:
        """The cases' audit trail, in its original order, sealed again on this chain."""
        rows = sorted(
            self.reader.records.get(EVENTS, {}).values(),
            key=lambda r: (r.get("sequence") or 0, str(r["created_at"])),
        )
        if not rows:
            return
        users = self.ids.get(USER, {})
        keep = (
            *("id", "created_at", "action", "case_id", "object_type", "object_id"),
            *("changed_fields", "ip_address", "user_agent", "hash_version"),
        )
        events = [
            AuditEvent(
                **{k: row[k] for k in keep if k in row},
                organisation=self.organisation,
                actor_id=users.get(str(row["actor_id"]), row["actor_id"])
                if row.get("actor_id")
                else None,
                sequence=sequence,
            )
            for row, sequence in zip(rows, sequences(len(rows)), strict=True)
        ]
        for start in range(0, len(events), BATCH):
            AuditEvent.objects.bulk_create(events[start : start + BATCH])
            self._tick(len(events[start : start + BATCH]))
        summary.events = len(events)


@transaction.atomic
def organisation_import(
    *, source: str | IO[bytes], progress: Progress | None = None
) -> ImportSummary:
    """Import an organisation export (see the module); all of it in one transaction, or
    nothing (OrganisationImportError names what is in the way)."""
    from amparo.audit.sealing import seal_soon

    reader = OrganisationReader(source)
    writer = OrganisationWriter(reader, progress)
    writer.refuse_if_present()
    with _times_kept():
        organisation = writer.organisation_create()
        summary = ImportSummary(organisation=organisation)
        writer.references(summary)
        writer.records(summary)
        writer.events(summary)
    reported_requests_refresh(organisation=organisation.id)  # derived rows are not exported
    writer.memberships()  # an export names members and roles, not when they joined
    audit_record(
        actor=None,
        action="organisation.import",
        organisation=organisation,
        obj=organisation,
        changed_fields=sorted(summary.counts),
    )
    transaction.on_commit(seal_soon)
    return summary
