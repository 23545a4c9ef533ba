from datetime import date

from django.core.management.base import BaseCommand, CommandError

from newsreader import services


class Command(BaseCommand):
    help = (
        "Group the stored articles into stories again, deterministically (the same articles "
        "give the same stories whatever order they were imported in). Articles an editor moved, "
        "merged or split stay where the editor put them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            help="regroup only the articles published on or after this date (YYYY-MM-DD); the "
            "week before stays as it is and can be joined",
        )

    def handle(self, *args, since=None, **options):
        day = None
        if since:
            try:
                day = date.fromisoformat(since)
            except ValueError as error:
                raise CommandError(f"--since {since!r} is not a date (YYYY-MM-DD)") from error
        counts = services.stories_regroup(since=day)
        self.stdout.write(
            f"regrouped {counts['articles']} article(s) into {counts['stories']} stories; "
            f"{counts['deleted']} empty stories deleted"
        )
