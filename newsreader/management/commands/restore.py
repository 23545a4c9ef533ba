from django.core.management.base import BaseCommand, CommandError

from newsreader.services.backup import BackupError, backup_read, database_restore


class Command(BaseCommand):
    help = "Load a backup made by `backup` into an empty database (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            counts = database_restore(backup_read(path))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            "Restored " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" from {path}"
        )
