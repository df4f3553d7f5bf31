"""Sequence unique database-wide, chain positions unique per chain, and the append-only
triggers that allow one seal per row (see 0004)."""

from django.db import migrations, models

SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_event_no_update"
# Every column but the three the sealer writes, once, into a row that had no position.
SQLITE_CONTENT_COLUMNS = [
    "id", "created_at", "organisation_id", "actor_id", "action", "case_id", "object_type",
    "object_id", "changed_fields", "ip_address", "user_agent", "sequence", "hash_version",
]
SQLITE_INSTALL = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent "
    "WHEN OLD.position IS NOT NULL OR NEW.position IS NULL OR "
    + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in SQLITE_CONTENT_COLUMNS)
    + " BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END"
)
POSTGRES_INSTALL = [
    """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    -- The sealer's one write: position, previous hash and hash of a row that had none.
    IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND NEW.position IS NOT NULL
       AND (to_jsonb(NEW) - 'position' - 'previous_hash' - 'hash')
           = (to_jsonb(OLD) - 'position' - 'previous_hash' - 'hash') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
""",
    "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only",
    # nextval never waits on another transaction: recording takes no lock.
    "CREATE SEQUENCE IF NOT EXISTS audit_event_sequence",
    "SELECT setval('audit_event_sequence', "
    "COALESCE((SELECT max(sequence) FROM audit_auditevent), 0) + 1, false)",
]


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_DROP, SQLITE_INSTALL], "postgresql": POSTGRES_INSTALL}
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_events_renumbered")]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='sequence',
            field=models.PositiveBigIntegerField(help_text='Order of recording, database-wide; gaps carry no meaning.', unique=True),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('position__isnull', True)), fields=['sequence'], name='audit_unsealed'),
        ),
        migrations.AddConstraint(
            model_name='auditevent',
            constraint=models.UniqueConstraint(fields=('organisation', 'position'), name='audit_position_unique_per_organisation'),
        ),
        migrations.AddConstraint(
            model_name='auditevent',
            constraint=models.UniqueConstraint(condition=models.Q(('organisation__isnull', True)), fields=('position',), name='audit_position_unique_in_system_chain'),
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
