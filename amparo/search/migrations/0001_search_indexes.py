"""Search indexes over names, titles, notes and statements (see amparo/search/schema.py)."""

from typing import Any

from django.db import migrations

from amparo.search import schema


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("cases", "0003_detention_basis"),
        ("advocacy", "0002_publication"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": schema.sqlite_forward(), "postgresql": schema.postgres_forward()}),
            _run({"sqlite": schema.sqlite_backward(), "postgresql": schema.postgres_backward()}),
        ),
    ]
