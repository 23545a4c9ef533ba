"""The two roles (newsreader/roles.py): Editors change the corpus and the lexicon; Students read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsreader.roles import EDITORS, STUDENTS, groups_create


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrating; the groups need them now.
    config = apps.get_app_config("newsreader")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    groups_create(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, STUDENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsreader", "0005_index_existing_articles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
