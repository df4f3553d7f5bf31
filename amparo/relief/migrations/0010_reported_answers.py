"""Per-group answer counts for the turnaround report, filled from the reporting rows."""

from typing import Any

from django.db import migrations, models


def backfill(apps: Any, schema_editor: Any) -> None:
    # The statements the services use (relief.reporting), over every reporting row.
    from amparo.relief.reporting import reported_answers_rebuild

    reported_answers_rebuild()


class Migration(migrations.Migration):
    dependencies = [("relief", "0009_home_page_request_and_decision_indexes")]

    operations = [
        migrations.CreateModel(
            name="ReportedAnswers",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("organisation_id", models.UUIDField()),
                ("office", models.CharField(max_length=200)),
                ("request_type_id", models.UUIDField()),
                ("answers", models.IntegerField()),
                ("denied", models.IntegerField()),
                ("denied_without_reasons", models.IntegerField()),
                ("cases", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation_id", "office", "request_type_id"),
                        name="reported_answers_key",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportedCaseAnswers",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("organisation_id", models.UUIDField()),
                ("office", models.CharField(max_length=200)),
                ("request_type_id", models.UUIDField()),
                ("case_id", models.UUIDField()),
                ("answers", models.IntegerField()),
                ("denied", models.IntegerField()),
                ("denied_without_reasons", models.IntegerField()),
            ],
            options={
                "indexes": [models.Index(fields=["case_id"], name="reported_case_answers_case")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation_id", "office", "request_type_id", "case_id"),
                        name="reported_case_answers_key",
                    )
                ],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
