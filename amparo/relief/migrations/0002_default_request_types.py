from django.db import migrations


def load(apps, schema_editor):
    from amparo.relief.request_types import DEFAULT_REQUEST_TYPES

    RequestType = apps.get_model("relief", "RequestType")
    known = {f.name for f in RequestType._meta.get_fields()}
    for row in DEFAULT_REQUEST_TYPES:
        defaults = {k: v for k, v in row.items() if k in known and k != "slug"}
        RequestType.objects.update_or_create(slug=row["slug"], defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("relief", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
