"""The directory's full-text index on the narrow organisations_search table: an FTS5
table kept by triggers on SQLite; generated tsvector columns with a GIN index on
PostgreSQL (exchange.core.textsearch)."""

from django.db import migrations

from exchange.core import textsearch

TABLE, KEY = "organisations_search", "organisation_id"


def create_index(apps, schema_editor):
    statements = {"sqlite": textsearch.sqlite_index_sql, "postgresql": textsearch.pg_index_sql}
    for sql in statements.get(schema_editor.connection.vendor, lambda *a: [])(TABLE, KEY):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    statements = {"sqlite": textsearch.sqlite_index_drop_sql, "postgresql": textsearch.pg_index_drop_sql}
    for sql in statements.get(schema_editor.connection.vendor, lambda *a: [])(TABLE, KEY):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
