"""Each story kept its pooled grouping vocabulary (replaced by the grouping profile of 0009,
which computes it for stored stories; the vocabulary pooling this migration ran is gone)."""

from django.db import migrations, models


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
    ]
