"""The case document keyed in the case list's order, newest opening day first (SQLite; see
amparo/search/schema.py), so that a common word's newest matches are read first. Built again
in the new keys; unapplied, built again keyed by the case's rowid as 0002 left it."""

from django.db import migrations

from amparo.search import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0003_name_words")]

    operations = [
        migrations.RunPython(
            schema.per_vendor(
                {"sqlite": [*schema.sqlite_document_backward(), *schema.sqlite_document_forward()]}
            ),
            schema.per_vendor(
                {
                    "sqlite": [
                        *schema.sqlite_document_backward(),
                        *schema.sqlite_document_forward(schema.sqlite_rowid_key),
                    ]
                }
            ),
        ),
    ]
