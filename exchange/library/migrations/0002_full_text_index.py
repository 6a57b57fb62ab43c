"""The library's full-text index on the narrow library_search table, as the directory's
(exchange.core.textsearch): FTS5 kept by triggers on SQLite; generated tsvector columns
with a GIN index on PostgreSQL."""

from django.db import migrations

from exchange.core import textsearch

TABLE, KEY = "library_search", "model_id"


def create_index(apps, schema_editor):
    statements = {"sqlite": textsearch.sqlite_index_sql, "postgresql": textsearch.pg_index_sql}
    for sql in statements.get(schema_editor.connection.vendor, lambda *a: [])(TABLE, KEY):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    statements = {"sqlite": textsearch.sqlite_index_drop_sql, "postgresql": textsearch.pg_index_drop_sql}
    for sql in statements.get(schema_editor.connection.vendor, lambda *a: [])(TABLE, KEY):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
