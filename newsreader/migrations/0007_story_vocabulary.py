"""Each story keeps its pooled grouping vocabulary, so grouping reads no article texts."""

from collections import Counter

from django.db import migrations, models

from newsreader.analysis.grouping import vocabulary


def pool_existing(apps, schema_editor):
    Story = apps.get_model("newsreader", "Story")
    Article = apps.get_model("newsreader", "Article")
    for story in Story.objects.only("id").iterator():
        pooled = Counter()
        for text in Article.objects.filter(story_id=story.id).values_list("clean_text", flat=True):
            pooled.update(vocabulary(text))
        Story.objects.filter(pk=story.id).update(vocabulary=dict(pooled))


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0006_roles")]

    operations = [
        migrations.AddField(
            model_name="story",
            name="vocabulary",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Pooled grouping vocabulary of the articles (word: count), kept by services",
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["updated"], name="story_updated"),
        ),
        migrations.RunPython(pool_existing, migrations.RunPython.noop),
    ]
