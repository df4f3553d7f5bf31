"""Existing events (hashed, in order, when they were recorded): their chain place moves to
`position`, they keep hash version 1, and `sequence` is renumbered database-wide in the order they
were recorded. The append-only trigger is set aside for this one rewrite (see 0006)."""

from django.db import migrations


def _execute(schema_editor, statements):  # type: ignore[no-untyped-def]
    for statement in statements:
        schema_editor.execute(statement, params=None)


def renumber(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, ["DROP TRIGGER IF EXISTS audit_event_no_update"])
    elif vendor == "postgresql":
        _execute(
            schema_editor, ["ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only"]
        )
    AuditEvent = apps.get_model("audit", "AuditEvent")
    rows = AuditEvent.objects.order_by("created_at", "organisation_id", "sequence")
    for number, event in enumerate(rows.only("id", "sequence").iterator(), start=1):
        # No uniqueness on sequence until 0006, so numbers may pass each other here.
        AuditEvent.objects.filter(id=event.id).update(
            position=event.sequence, hash_version=1, sequence=number
        )


def refuse(apps, schema_editor):  # type: ignore[no-untyped-def]
    raise RuntimeError("Sealed audit events cannot be turned back into the old chain format.")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_seal_events_after_recording")]

    operations = [migrations.RunPython(renumber, refuse)]
