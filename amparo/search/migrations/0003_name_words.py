"""The distinct words of clients' names in a table of their own, kept by triggers (SQLite; see
amparo/search/name_words.py), in place of the vocabulary over the whole name index."""

from django.db import migrations

from amparo.search import name_words, schema


class Migration(migrations.Migration):
    dependencies = [("search", "0002_case_document")]

    operations = [
        migrations.RunPython(
            schema.per_vendor({"sqlite": name_words.forward()}),
            schema.per_vendor({"sqlite": name_words.backward()}),
        ),
    ]
