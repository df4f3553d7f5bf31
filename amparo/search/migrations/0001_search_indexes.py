"""Search indexes over names, titles, notes and statements (see amparo/search/schema.py)."""

from django.db import migrations

from amparo.search import schema


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("cases", "0003_detention_basis"),
        ("advocacy", "0002_publication"),
    ]

    operations = [
        migrations.RunPython(
            schema.per_vendor(
                {"sqlite": schema.sqlite_forward(), "postgresql": schema.postgres_forward()}
            ),
            schema.per_vendor(
                {"sqlite": schema.sqlite_backward(), "postgresql": schema.postgres_backward()}
            ),
        ),
    ]
