from django.core.management.base import BaseCommand, CommandError

from newsreader.services.backup import backup_write, database_dump


class Command(BaseCommand):
    help = (
        "Write every outlet, story and article (raw bytes included) to one JSON file (.gz: gzip)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        data = database_dump()
        try:
            backup_write(path, data)
        except OSError as error:
            raise CommandError(f"{path}: {error}") from error
        counts = ", ".join(f"{len(data[name])} {name}" for name in data["models"])
        self.stdout.write(f"Backed up {counts} to {path}")
