import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsreader import services
from newsreader.models import Article, Story
from newsreader.services import furniture

SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl", ".csv", ".xlsx"}
BULK_BATCH = 500


class Command(BaseCommand):
    help = "Import article files (or every article file in the given folders)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        stories = parser.add_mutually_exclusive_group()
        stories.add_argument("--story", help="slug of the story to put every article in")
        stories.add_argument(
            "--story-title",
            metavar="TITLE",
            help="put every article in the story of this title (created when none has it)",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="print one JSON object per article (after the regroup, with its final story)",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue import jobs for the worker (manage.py db_worker) instead of importing",
        )
        parser.add_argument(
            "--bulk",
            action="store_true",
            help=f"import in batches of {BULK_BATCH} pages per transaction (large corpora)",
        )
        parser.add_argument(
            "--no-regroup",
            action="store_true",
            help="do not regroup the imported period at the end (stories then depend on the "
            "order of the files)",
        )

        parser.add_argument(
            "--no-learn",
            action="store_true",
            help="do not learn the outlets' furniture from their stored pages at the end (nor "
            "clean their articles again with it)",
        )

    def handle(self, *args, paths, story=None, story_title=None, **options):
        as_json = options["json"]
        target = None
        if story:
            target = Story.objects.filter(slug=story).first()
            if target is None:
                raise CommandError(f"no story with slug {story!r}")
        elif story_title is not None:
            title = story_title.strip()
            if not title:
                raise CommandError("--story-title needs a title")
            target = Story.objects.filter(title=title).first() or services.story_create(title=title)
        files = list(self._files(paths))
        with services.analyses_deferred() as deferred:
            failures = self._run(files, target, as_json, options)
        if deferred.analysed and not as_json:
            verb = "queued the analysis of" if services.in_background() else "analysed"
            self.stdout.write(f"{verb} {len(deferred.analysed)} story(ies)")
        if failures:
            raise CommandError(f"{failures} page(s) of {len(files)} file(s) could not be imported")

    def _run(self, files, target, as_json, options) -> int:
        """Import, regroup and learn; every story changed meanwhile, and every story of the
        pages given, is analysed once when the run ends (`analyses_deferred`). Returns how many
        pages were refused."""
        failures = 0
        pending = []  # (path, record) waiting for the next bulk batch
        self._done, self._total, self._imported_ids, self._stored_ids = 0, None, [], []
        self._lines = []  # JSON objects, written once the stories are final
        loaded = []
        for path in files:
            try:
                loaded.append((path, services.import_records(path.name, path.read_bytes())))
            except (services.ImportRefused, OSError) as error:
                loaded.append((path, error))
        self._total = sum(len(r) for _, r in loaded if isinstance(r, list))
        for path, records in loaded:
            if not isinstance(records, list):
                if pending:  # keep the report in the order of the paths
                    failures += self._bulk(as_json, pending, target)
                    pending = []
                failures += 1
                self._refused(as_json, path, records)
                continue
            if options["background"]:
                failures += self._queue(as_json, path, records, target)
                continue
            for record in records:
                if options["bulk"]:
                    pending.append((path, record))
                    if len(pending) >= BULK_BATCH:
                        failures += self._bulk(as_json, pending, target)
                        pending = []
                else:
                    failures += self._one(as_json, path, record, target)
                    self._advance(1)
        if pending:
            failures += self._bulk(as_json, pending, target)
        if self._imported_ids and target is None and not options["no_regroup"]:
            since = services.earliest_published(self._imported_ids)
            counts = services.stories_regroup(since=since.date() if since else None)
            if not as_json:
                self.stdout.write(
                    f"regrouped {counts['articles']} article(s) published since "
                    f"{since:%Y-%m-%d} into {counts['stories']} stories"
                    if since
                    else f"regrouped {counts['articles']} article(s) into {counts['stories']} stories"
                )
        if self._imported_ids and not options["no_learn"]:
            for outlet, learned, changed in furniture.outlets_furniture_learn(
                article_ids=self._imported_ids
            ):
                if learned and not as_json:
                    self.stdout.write(
                        f"{outlet.name}: {learned} furniture line(s) learned; "
                        f"{changed} article(s) cleaned anew"
                    )
        self._write_json()
        # pages stored already: their stories open analysed too (a current analysis costs nothing)
        services.stories_changed(services.stories_of(self._stored_ids))
        return failures

    def _one(self, as_json, path, record, story) -> int:
        """Import one page and report it; 1 when it was refused."""
        if "error" in record:
            self._refused(as_json, path, record["error"])
            return 1
        try:
            result = services.article_import(source_kind="command", story=story, **record)
        except services.ImportRefused as error:
            self._refused(as_json, path, error)
            return 1
        self._imported(as_json, path, result)
        return 0

    def _bulk(self, as_json, pending, story) -> int:
        """Import a batch in one transaction and report each page in order; how many refused."""
        results = services.articles_import_bulk(
            records=[record for _, record in pending], source_kind="command", story=story
        )
        for (path, _), result in zip(pending, results, strict=True):
            if isinstance(result, str):
                self._refused(as_json, path, result)
            else:
                self._imported(as_json, path, result)
        self._advance(len(pending))
        return sum(isinstance(result, str) for result in results)

    def _imported(self, as_json, path, result):
        a = result.article
        self._stored_ids.append(a.pk)
        if result.created:
            self._imported_ids.append(a.pk)
        self._report(
            as_json,
            {
                "id": a.pk,
                "outlet": a.outlet.slug,
                "title": a.title,
                "story": a.story.slug,
                "story_id": a.story_id,
                "new": result.created,
            },
            f"{'✔' if result.created else '='} {path.name}: {a.title} [{a.outlet.slug}] {result.message}",
        )

    def _refused(self, as_json, path, error):
        self._report(as_json, {"path": str(path), "error": str(error)}, f"✖ {path}: {error}")

    def _queue(self, as_json, path, records, story) -> int:
        """Queue the file's records as import jobs; one line per job; how many refused."""
        bad = [r for r in records if "error" in r]
        for record in bad:
            self._refused(as_json, path, record["error"])
        good = [r for r in records if "error" not in r]
        jobs = services.import_jobs_create(records=good, source_kind="command", story=story)
        for job in jobs:
            job.refresh_from_db(fields=["status"])  # the immediate backend has run it already
            self._report(
                as_json,
                {"job": job.pk, "path": str(path), "status": job.status},
                f"⧗ {path.name}: import job {job.pk} {job.status}",
            )
        return len(bad)

    def _files(self, paths):
        for name in paths:
            path = Path(name)
            if path.is_dir():
                yield from sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                )
            elif path.is_file():
                yield path
            else:
                raise CommandError(f"{name}: no such file or folder")

    def _report(self, as_json, obj, line):
        if as_json:
            self._lines.append(obj)
        else:
            self.stdout.write(line)

    def _write_json(self):
        """The JSON report, each article with the story it ended in (the regroup may move it)."""
        ids = [obj["id"] for obj in self._lines if "id" in obj]
        final = {}
        for start in range(0, len(ids), 500):
            rows = Article.objects.filter(pk__in=ids[start : start + 500])
            final.update(
                {
                    pk: (sid, slug)
                    for pk, sid, slug in rows.values_list("pk", "story_id", "story__slug")
                }
            )
        for obj in self._lines:
            if obj.get("id") in final:
                obj["story_id"], obj["story"] = final[obj["id"]]
            self.stdout.write(json.dumps(obj, ensure_ascii=False))

    def _advance(self, n):
        """Progress on stderr: a bar on a terminal, one line per step of 5% otherwise."""
        if not self._total or self._total < 2:
            return
        before, self._done = self._done, self._done + n
        done, total = self._done, self._total
        if sys.stderr.isatty():
            filled = 30 * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
        elif 20 * done // total > 20 * before // total or done >= total:
            sys.stderr.write(f"imported {done}/{total} records ({100 * done // total}%)\n")
        sys.stderr.flush()
