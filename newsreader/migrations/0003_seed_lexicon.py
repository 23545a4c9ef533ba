"""Seed the framing lexicon from the shipped starter set (editors change it in the admin)."""

import json
from pathlib import Path

from django.db import migrations

LEXICON = Path(__file__).resolve().parent.parent / "analysis" / "data" / "lexicon_id.json"


def seed(apps, schema_editor):
    LexiconEntry = apps.get_model("newsreader", "LexiconEntry")
    rows = json.loads(LEXICON.read_text(encoding="utf-8"))
    LexiconEntry.objects.bulk_create(
        [
            LexiconEntry(
                term=row["term"],
                category=row["category"],
                note=row.get("note", ""),
                variants=", ".join(row.get("variants", [])),
                match=row.get("match", "word"),
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("newsreader", "LexiconEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0002_lexiconentry")]

    operations = [migrations.RunPython(seed, unseed)]
