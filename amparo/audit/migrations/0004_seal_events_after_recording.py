"""Events are recorded with a database-wide sequence and sealed (positioned in their chain and
hashed over every column) afterwards; see amparo/audit/sealing.py.

Existing events were hashed, in order, when recorded: their chain place moves to `position`, they
keep hash version 1, and `sequence` is renumbered database-wide in the order they were recorded.
The append-only triggers now allow exactly one change to a row: its seal, once.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('audit', '0003_append_only_triggers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['sequence']},
        ),
        migrations.RemoveConstraint(
            model_name='auditevent',
            name='audit_sequence_unique_per_organisation',
        ),
        migrations.RemoveConstraint(
            model_name='auditevent',
            name='audit_sequence_unique_in_system_chain',
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hash_version',
            field=models.PositiveSmallIntegerField(default=2),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='position',
            field=models.PositiveBigIntegerField(blank=True, help_text="Place in the organisation's chain; empty until sealed.", null=True),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
