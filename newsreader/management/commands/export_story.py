import json

from django.core.management.base import BaseCommand, CommandError

from newsreader.exports import CSV_TABLES, story_document
from newsreader.models import Story


class Command(BaseCommand):
    help = "Print a story as one JSON document (or CSV tables)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--table", default="articles", help="CSV table: " + ", ".join(sorted(CSV_TABLES))
        )

    def handle(self, slug, format, table, **options):
        if format == "csv" and table not in CSV_TABLES:
            raise CommandError(
                f"unknown table {table!r}; choose from {', '.join(sorted(CSV_TABLES))}"
            )
        story = Story.objects.filter(slug=slug).first()
        if story is None:
            raise CommandError(f"no story with slug {slug!r}")
        document = story_document(story, compute=True)
        if format == "json":
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(CSV_TABLES[table](document), ending="")
