from django.db import migrations

NEW_FIELDS = ("seeks_release", "overdue_after_hours")


def load(apps, schema_editor):
    """Fill the fields added in 0003 on the shipped types; other columns keep admins' edits."""
    from amparo.relief.request_types import DEFAULT_REQUEST_TYPES

    RequestType = apps.get_model("relief", "RequestType")
    for row in DEFAULT_REQUEST_TYPES:
        values = {k: row[k] for k in NEW_FIELDS if k in row}
        RequestType.objects.filter(slug=row["slug"]).update(**values)


class Migration(migrations.Migration):
    dependencies = [("relief", "0003_request_ledger")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
