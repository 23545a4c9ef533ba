"""Full-text search over article titles and clean text, kept by the database itself.

SQLite: an FTS5 table with external content (the article table) and triggers, so every
insert, update and delete (bulk imports included) keeps it current. PostgreSQL: a GIN index
on the 'simple' text-search vector (no stemming, like FTS5's unicode61 tokenizer), so both
match the same whole words. services/search.py queries each the same way."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE newsreader_article_fts USING fts5(
        title, clean_text, content='newsreader_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER newsreader_article_fts_insert AFTER INSERT ON newsreader_article BEGIN
        INSERT INTO newsreader_article_fts(rowid, title, clean_text)
        VALUES (new.id, new.title, new.clean_text); END""",
    """CREATE TRIGGER newsreader_article_fts_delete AFTER DELETE ON newsreader_article BEGIN
        INSERT INTO newsreader_article_fts(newsreader_article_fts, rowid, title, clean_text)
        VALUES ('delete', old.id, old.title, old.clean_text); END""",
    """CREATE TRIGGER newsreader_article_fts_update AFTER UPDATE OF title, clean_text
        ON newsreader_article BEGIN
        INSERT INTO newsreader_article_fts(newsreader_article_fts, rowid, title, clean_text)
        VALUES ('delete', old.id, old.title, old.clean_text);
        INSERT INTO newsreader_article_fts(rowid, title, clean_text)
        VALUES (new.id, new.title, new.clean_text); END""",
    "INSERT INTO newsreader_article_fts(newsreader_article_fts) VALUES ('rebuild')",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS newsreader_article_fts_insert",
    "DROP TRIGGER IF EXISTS newsreader_article_fts_delete",
    "DROP TRIGGER IF EXISTS newsreader_article_fts_update",
    "DROP TABLE IF EXISTS newsreader_article_fts",
]
POSTGRES = [
    """CREATE INDEX newsreader_article_search ON newsreader_article USING GIN (
        to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || coalesce(clean_text, '')))"""
]
POSTGRES_UNDO = ["DROP INDEX IF EXISTS newsreader_article_search"]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0009_event_grouping")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        )
    ]
