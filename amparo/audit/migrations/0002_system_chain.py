from django.db import migrations, models


def create_system_lock(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditChainLock = apps.get_model("audit", "AuditChainLock")
    AuditChainLock.objects.get_or_create(key="system")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditChainLock",
            fields=[
                ("key", models.CharField(max_length=40, primary_key=True, serialize=False)),
            ],
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("organisation__isnull", True)),
                fields=("sequence",),
                name="audit_sequence_unique_in_system_chain",
            ),
        ),
        migrations.RunPython(create_system_lock, migrations.RunPython.noop),
    ]
