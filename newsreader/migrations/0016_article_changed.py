import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("newsreader", "0015_note_group_join_code")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="changed",
            field=models.DateTimeField(
                auto_now=True,
                default=django.utils.timezone.now,
                help_text="Last save: part of its story's version (see story_analysis)",
            ),
            preserve_default=False,
        ),
    ]
