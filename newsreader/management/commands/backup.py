from django.core.management.base import BaseCommand, CommandError

from newsreader.services.backup import backup_write


class Command(BaseCommand):
    help = (
        "Write every outlet, story and article (raw bytes included) to one JSON Lines file, row "
        "by row (.gz: gzip)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            counts = backup_write(path)
        except OSError as error:
            raise CommandError(f"{path}: {error}") from error
        listed = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(f"Backed up {listed} to {path}")
