"""Fill the reports' rows of sent requests from the requests and decisions already recorded."""

from typing import Any

from django.db import migrations


def backfill(apps: Any, schema_editor: Any) -> None:
    # The one SQL statement the services use (relief.reporting), over every request; the
    # answer counts come with their tables (0010).
    from amparo.relief.reporting import reported_rows_rebuild

    reported_rows_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("relief", "0007_reported_requests"),
        ("accounts", "0003_organisation_locator_recheck_hours"),
        ("cases", "0007_text_fields_have_a_maximum_length"),
        ("custody", "0003_text_fields_have_a_maximum_length"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
