"""The database itself refuses to change or remove audit events.

PostgreSQL: a trigger refuses every UPDATE and DELETE on the audit table, whoever sends it.
(TRUNCATE is a separate privilege: grant the application's role none on this table.)
SQLite: a trigger refuses UPDATE. DELETE is left to the hash chain, which names the gap: Django's
test runner empties tables between transactional tests with DELETE, and anyone holding the
SQLite file can drop a trigger anyway.
"""

from django.db import migrations

POSTGRES_INSTALL = [
    """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()
""",
]
POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]
SQLITE_INSTALL = ["""
CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)');
END
"""]
SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS audit_event_no_update"]


def _run(schema_editor, statements_by_vendor):  # type: ignore[no-untyped-def]
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"postgresql": POSTGRES_INSTALL, "sqlite": SQLITE_INSTALL})


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"postgresql": POSTGRES_REMOVE, "sqlite": SQLITE_REMOVE})


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_system_chain"),
    ]

    operations = [migrations.RunPython(install, remove)]
