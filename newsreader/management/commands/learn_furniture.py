from django.core.management.base import BaseCommand, CommandError

from newsreader.models import Outlet
from newsreader.services import furniture


class Command(BaseCommand):
    help = (
        "Learn each outlet's furniture (lines it prints verbatim across its stories) from its "
        "stored pages, and clean its articles again with it. Lines an editor kept as body stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="outlets to learn (default: every outlet)")

    def handle(self, *args, slugs, **options):
        ids = None
        if slugs:
            found = dict(Outlet.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            if missing := sorted(set(slugs) - set(found)):
                raise CommandError(f"no outlet with slug {', '.join(missing)}")
            ids = list(found.values())
        for outlet, learned, changed in furniture.outlets_furniture_learn(outlet_ids=ids):
            self.stdout.write(
                f"{outlet.name}: {learned} furniture line(s); {changed} article(s) cleaned anew"
            )
