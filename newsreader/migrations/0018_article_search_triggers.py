"""The SQLite search triggers again: 0016 added a column to the article table, which SQLite
does by rebuilding the table, and a rebuilt table has lost its triggers. They are made again
and the index rebuilt (PostgreSQL's index survives an added column: nothing to do there)."""

from importlib import import_module

from django.db import migrations

search = import_module("newsreader.migrations.0010_article_search")
TRIGGERS = [sql for sql in search.SQLITE if sql.lstrip().startswith("CREATE TRIGGER")]
REBUILD = "INSERT INTO newsreader_article_fts(newsreader_article_fts) VALUES ('rebuild')"


def triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in search.SQLITE_UNDO[:3]:  # the DROP TRIGGER statements
        schema_editor.execute(sql)
    for sql in [*TRIGGERS, REBUILD]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0017_stock_phrases")]

    operations = [migrations.RunPython(triggers_again, migrations.RunPython.noop)]
