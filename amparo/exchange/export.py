"""Exporting a case with every record that hangs off it (a selector: reads start from
``core/access.py``, and what the user may not see is left out or masked exactly as on the case
page).

The records are found by walking the models: every model of an Amparo app with a foreign key to
the case, the client, or a record already exported is exported too, so a record type added
later is exported without a change here. Values are the database's (ids, not names), so an export
can be read back by a program; documents come as their stored files.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.audit.services import audit_record
from amparo.cases.models import Case, Note
from amparo.core.access import (
    a_number_shown,
    can_read_access_log,
    can_see_privileged,
    sees_full_identity,
)
from amparo.documents.models import Document
from amparo.people.models import Person

if TYPE_CHECKING:
    from amparo.core.access import Actor

FORMAT = 1


class ExportEncoder(DjangoJSONEncoder):
    """Django's JSON, but moments to the microsecond, as the database holds them: Django's
    encoder cuts them to the millisecond, so an organisation exported, imported and exported
    again did not say the same (12:00:00.000456 came back as 12:00:00)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


# Secrets and bookkeeping that are not part of the client's file.
LEFT_OUT = {"deadlines.CalendarFeed", "exchange.ImportRun", "exchange.IdempotentResponse"}
LEFT_OUT |= {"exchange.ExportRun"}


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _row(obj: models.Model) -> dict[str, Any]:
    row = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for name, value in row.items():
        if isinstance(value, FieldFile):
            row[name] = value.name or ""  # the storage path; the file itself is in the zip
        elif isinstance(value, bytes | memoryview):
            row[name] = bytes(value).hex()
    return row


def _children(model: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, field) for every Amparo model with a foreign key to `model`."""
    found: list[tuple[type[models.Model], str]] = []
    relations = [
        f
        for f in model._meta.get_fields(include_hidden=True)  # related_name="+" too
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]
    for relation in relations:
        child = relation.related_model
        if not (isinstance(child, type) and issubclass(child, models.Model)):
            continue
        if not child._meta.app_config.name.startswith("amparo."):
            continue
        # A case is only ever a root: from the client, the walk must not reach their other cases.
        if _label(child) in LEFT_OUT or relation.many_to_many or child is Case:
            continue
        found.append((child, relation.field.name))  # type: ignore[union-attr]
    return found


def _walk(roots: dict[type[models.Model], list[models.Model]]) -> dict[str, list[models.Model]]:
    records: dict[str, list[models.Model]] = {}
    queue = list(roots.items())
    seen: set[tuple[str, Any]] = set()
    while queue:
        model, objects = queue.pop(0)
        fresh = [o for o in objects if (_label(model), o.pk) not in seen]
        if not fresh:
            continue
        seen.update((_label(model), o.pk) for o in fresh)
        records.setdefault(_label(model), []).extend(fresh)
        for child, field in _children(model):
            found = list(child._default_manager.filter(**{f"{field}__in": [o.pk for o in fresh]}))
            if found:
                queue.append((child, found))
    return records


def _mask(
    user: Actor | None, case: Case, records: dict[str, list[models.Model]]
) -> dict[str, list[Any]]:
    # No user: the installation's operator on the command line, who sees everything.
    privileged = user is None or can_see_privileged(user, case)
    full = user is None or sees_full_identity(user, case.organisation_id)
    out: dict[str, list[Any]] = {}
    for label, objects in sorted(records.items()):
        rows = []
        for obj in objects:
            if isinstance(obj, Note | Document) and obj.privileged and not privileged:
                continue
            row = _row(obj)
            if isinstance(obj, Person) and not full:
                row["a_number"] = a_number_shown(user, obj)  # type: ignore[arg-type]
                row["has_criminal_history"] = row["criminal_history_summary"] = None
            rows.append(row)
        out[label] = sorted(rows, key=lambda r: (str(r.get("created_at", "")), str(r["id"])))
    return out


def case_records(user: Actor | None, case: Case) -> dict[str, list[Any]]:
    """Every record of `case` (loaded through the gate) as this user may see it."""
    records = _walk({Case: [case], Person: [case.person]})
    masked = _mask(user, case, records)
    if user is None or can_read_access_log(user, case):
        events = AuditEvent.objects.filter(case_id=case.id).order_by("organisation", "sequence")
        masked["audit.AuditEvent"] = [_row(e) for e in events]
    return masked


def _documents(records: dict[str, list[Any]]) -> Iterable[tuple[str, Document]]:
    ids = [row["id"] for row in records.get("documents.Document", [])]
    for document in Document.objects.filter(id__in=ids):
        if document.file:
            yield f"documents/{document.id}-v{document.version}.{document.extension}", document


def case_export(*, user: Actor | None, case: Case) -> bytes:
    """One case (loaded through the gate by the caller) as a zip: ``case.json`` and its
    documents, as `user` may see them (all of it for the operator, `user=None`), audited as an
    export."""
    records = case_records(user, case)
    audit_record(
        actor=user,
        action="case.export",
        organisation=case.organisation_id,
        case_id=case.id,
        obj=case,
        changed_fields=sorted(records),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        payload = {
            "format": FORMAT,
            "exported_at": timezone.now(),
            "case_id": case.id,
            "records": records,
        }
        archive.writestr("case.json", json.dumps(payload, cls=ExportEncoder, indent=1))
        for name, document in _documents(records):
            with document.file.open("rb") as fh:
                archive.writestr(name, fh.read())
    return buffer.getvalue()


class _Sink(io.RawIOBase):
    """A write-only stream that hands back what was written, so a zip can be streamed."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


# What of a user an export carries: who they are, never how they sign in.
USER_FIELDS = ("id", "email", "full_name", "language", "is_active", "date_joined")


class _Outside:
    """The records an organisation's export points at without exporting them (users, and
    reference data such as facilities, courts and request types), gathered as the cases are
    written so that ``references.json`` can name them at the end: an import finds each in the
    target (by id, then by what makes it unique) or creates it."""

    def __init__(self, organisation_id: Any) -> None:
        self.exported: set[tuple[str, str]] = {("accounts.Organisation", str(organisation_id))}
        self.pointed: set[tuple[str, str]] = set()

    def add(self, records: dict[str, list[Any]]) -> None:
        from django.apps import apps

        for label, rows in records.items():
            model = apps.get_model(label)
            keys = [
                (f.attname, _label(f.related_model))
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not None
            ]
            for row in rows:
                self.exported.add((label, str(row["id"])))
                for attname, target in keys:
                    if row.get(attname) is not None:
                        self.pointed.add((target, str(row[attname])))

    def references(self) -> dict[str, list[dict[str, Any]]]:
        from django.apps import apps

        wanted = self.pointed - self.exported
        out: dict[str, list[dict[str, Any]]] = {}
        while wanted:
            by_label: dict[str, set[str]] = {}
            for label, pk in wanted:
                by_label.setdefault(label, set()).add(pk)
            wanted = set()
            for label, ids in sorted(by_label.items()):
                model = apps.get_model(label)
                rows = [_row(o) for o in model._default_manager.filter(pk__in=sorted(ids))]
                if label == "accounts.User":
                    rows = [{k: r[k] for k in USER_FIELDS} for r in rows]
                out.setdefault(label, []).extend(rows)
                self.exported.update((label, str(r["id"])) for r in rows)
                for f in model._meta.concrete_fields:  # a facility's field office, …
                    if f.is_relation and f.related_model is not None and label != "accounts.User":
                        target = _label(f.related_model)
                        for r in rows:
                            key = (target, str(r[f.attname]))
                            if r[f.attname] is not None and key not in self.exported:
                                wanted.add(key)
        return {label: sorted(rows, key=lambda r: str(r["id"])) for label, rows in out.items()}


def organisation_export(
    *, user: Actor | None, organisation: Any, progress: Callable[[int, int], None] | None = None
) -> Iterator[bytes]:
    """Every case of the organisation as ``cases/<id>/case.json`` with its documents,
    ``organisation.json`` (the organisation and its members) and ``references.json`` (the
    users and reference records the cases point at), streamed as one zip that
    ``amparo import organisation`` reads back. The caller has checked that `user` administers
    the organisation (None: the operator). Audited once."""
    from amparo.accounts.models import Membership

    audit_record(
        actor=user, action="organisation.export", organisation=organisation, obj=organisation
    )
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        members = Membership.objects.filter(organisation=organisation).select_related("user")
        about = {
            "format": FORMAT,
            "exported_at": timezone.now(),
            "organisation": _row(organisation),
            "members": [
                {"user_id": m.user_id, "email": m.user.email, "role": m.role} for m in members
            ],
        }
        archive.writestr("organisation.json", json.dumps(about, cls=ExportEncoder, indent=1))
        yield sink.take()
        outside = _Outside(organisation.id)
        outside.pointed.update(("accounts.User", str(m.user_id)) for m in members)
        cases = Case.objects.filter(organisation=organisation).select_related("person")
        total = cases.count()
        for done, case in enumerate(cases.order_by("opened_on", "id").iterator(chunk_size=200)):
            records = case_records(user, case)
            outside.add(records)
            if progress:
                progress(done + 1, total)
            payload = {"format": FORMAT, "case_id": case.id, "records": records}
            folder = f"cases/{case.id}"
            archive.writestr(
                f"{folder}/case.json", json.dumps(payload, cls=ExportEncoder, indent=1)
            )
            for name, document in _documents(records):
                with document.file.open("rb") as fh:
                    archive.writestr(f"{folder}/{name}", fh.read())
            yield sink.take()
        references = {"format": FORMAT, "records": outside.references()}
        archive.writestr("references.json", json.dumps(references, cls=ExportEncoder, indent=1))
    yield sink.take()
