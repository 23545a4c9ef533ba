"""Fingerprint the articles stored before corpus-wide reuse existed (newsreader/corpus.py)."""

from django.db import migrations

from newsreader.analysis.corpus_index import fingerprint, to_signed


def index_existing(apps, schema_editor):
    Article = apps.get_model("newsreader", "Article")
    Shingle = apps.get_model("newsreader", "Shingle")
    for article in (
        Article.objects.filter(shingles__isnull=True).only("id", "clean_text").iterator()
    ):
        Shingle.objects.bulk_create(
            [
                Shingle(hash=h, article_id=article.id)
                for h in to_signed(fingerprint(article.clean_text)).tolist()
            ],
            batch_size=1000,
        )


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0004_shingle")]

    operations = [migrations.RunPython(index_existing, migrations.RunPython.noop)]
