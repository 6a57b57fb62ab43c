"""The directory's full-text index: an FTS5 table kept by triggers on SQLite, a GIN index
on the weighted tsvector of the search keys on PostgreSQL (exchange.core.textsearch)."""

from django.db import migrations

from exchange.core import textsearch

TABLE = "organisations_organisation"


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": textsearch.sqlite_fts_sql, "postgresql": textsearch.pg_index_sql}.get(vendor)
    for sql in statements(TABLE) if statements else []:
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": textsearch.sqlite_fts_drop_sql, "postgresql": textsearch.pg_index_drop_sql}.get(vendor)
    for sql in statements(TABLE) if statements else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
