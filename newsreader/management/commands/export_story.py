import json

from django.core.management.base import BaseCommand, CommandError

from newsreader.exports import story_articles_csv, story_document
from newsreader.models import Story


class Command(BaseCommand):
    help = "Print a story as one JSON document (or CSV tables)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, slug, format, **options):
        story = Story.objects.filter(slug=slug).first()
        if story is None:
            raise CommandError(f"no story with slug {slug!r}")
        document = story_document(story)
        if format == "json":
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(story_articles_csv(document), ending="")
