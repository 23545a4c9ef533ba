"""Benchmark of importing a large corpus through the real import path (run on demand).

DATABASE_URL=... .venv/bin/python bench/bench_import.py [--bulk] [--keep] [sizes...]

Imports the seeded synthetic corpus (bench/synthetic_corpus.py) into a fresh test database
(a temporary SQLite file, or `test_<name>` on the PostgreSQL server of DATABASE_URL, dropped at
the end) with `services.article_import` one article at a time (decode, clean, group, save,
index), or with `services.articles_import_bulk` given --bulk. At every size given (default
10000 30000) it prints the wall time, the articles/s of the whole run and of the last stretch,
the peak RSS, and the median of 50 reuse queries (`corpus.article_origins` for a new article
that copies a stored one: candidates from the index, then alignment). At the largest size it
also imports the five samples into a story of their own, caches its analysis and times the
comparison page.

--keep keeps the test database afterwards and, when it exists already, reuses it: the articles
stored there are not imported again (import resumes after them; only the new stretch is timed)
and the samples' story is reused. With PostgreSQL this keeps e.g. `test_newsreader_bench` (about
2 GB at 100,000 articles) for query work; drop it with `dropdb test_newsreader_bench`.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")

from synthetic_corpus import SAMPLES, synthetic_corpus  # noqa: E402

QUERIES = 50
BATCH = 500  # records per bulk call
SEED = 1  # fixed: a smaller corpus is a prefix of a larger one (what --keep relies on)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def record(a) -> dict:
    return {
        "data": a.text.encode(),
        "file_name": f"synthetic-{a.doc}.txt",
        "published": a.published.replace(tzinfo=UTC),
        "outlet": a.outlet,  # scraped corpora name the outlet (a column, or the URL's domain)
    }


def import_until(articles, start, stop, bulk):
    from newsreader import services

    if bulk:
        for i in range(start, stop, BATCH):
            batch = [record(a) for a in articles[i : min(i + BATCH, stop)]]
            services.articles_import_bulk(records=batch, source_kind="command")
    else:
        for a in articles[start:stop]:
            services.article_import(source_kind="command", **record(a))


def reuse_queries(queries) -> tuple[float, float, float, int]:
    """Median, 95th percentile and max wall ms of `article_origins` for new articles, the
    p95 of their CPU ms, and the planted sources found."""
    from newsreader.models import Article, Outlet
    from newsreader.services import corpus

    times, cpu, found = [], [], 0
    outlet = Outlet.objects.order_by("pk").first()
    for q in queries:
        published = q.published.replace(tzinfo=UTC)
        article = Article(clean_text=q.text, published=published, outlet=outlet)
        t, c = time.perf_counter(), time.process_time()
        passages = corpus.article_origins(article=article)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        sources = {p.source.file_name for p in passages if p.source} | {
            s.file_name for p in passages for s in p.sharers
        }
        found += f"synthetic-{q.copied_from}.txt" in sources
    p95 = lambda v: sorted(v)[min(len(v) - 1, int(0.95 * len(v)))]  # noqa: E731
    return statistics.median(times), p95(times), p95(cpu), found


def comparison_page(runs: int = 30) -> tuple[float, float, float]:
    """(analysis ms once, page median ms, page max ms) for the five samples' own story."""
    from django.test import Client
    from django.urls import reverse

    from newsreader import services
    from newsreader.models import Story
    from newsreader.services.story_analysis import story_analyse

    story = Story.objects.filter(title="Sample story").first()
    if story is None:
        story = services.story_create(title="Sample story")
        for path in sorted(SAMPLES.glob("*.txt")):
            services.article_import(
                data=path.read_bytes(), source_kind="command", file_name=path.name, story=story
            )
    t = time.perf_counter()
    story_analyse(story=story)
    analysis = (time.perf_counter() - t) * 1000
    client, url = Client(), reverse("story-compare", args=[story.slug])
    assert client.get(url).status_code == 200
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    assert response.status_code == 200
    return analysis, statistics.median(times), max(times)


def main(sizes: list[int], bulk: bool, keep: bool) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from newsreader.models import Article, Shingle, Story

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    tmp = tempfile.TemporaryDirectory()
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = f"{tmp.name}/bench.sqlite3"
    largest = max(sizes)
    everything = synthetic_corpus(largest + QUERIES * 4, seed=SEED)
    articles = everything[:largest]
    print(
        f"{connection.vendor}, {'bulk' if bulk else 'one article at a time'}, "
        f"{largest:,} synthetic articles"
    )
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=keep)
    try:
        done = Article.objects.filter(file_name__startswith="synthetic-").count()
        began, cpu_total = time.perf_counter(), 0.0
        for size in sorted(sizes):
            if size < done:
                continue
            queries = [a for a in everything[largest:] if a.copied_from is not None]
            queries = [a for a in queries if a.copied_from < size][:QUERIES]
            t, c = time.perf_counter(), time.process_time()
            import_until(articles, done, size, bulk)
            stretch, wall = time.perf_counter() - t, time.perf_counter() - began
            cpu = time.process_time() - c
            cpu_total += cpu
            per_10k = stretch / max(size - done, 1) * 10000
            median, p95, p95_cpu, found = reuse_queries(queries)
            print(
                f"  {size:>7,}: {wall:7.0f} s wall, {size / wall:5.0f} articles/s, "
                f"{cpu_total:7.0f} s CPU, {size / cpu_total:5.0f} articles per CPU-second "
                f"({per_10k:4.0f} s wall and {cpu / max(size - done, 1) * 10000:4.0f} s CPU per "
                f"10k for {done:,}-{size:,}), peak RSS {peak_mb():5.0f} MB, "
                f"{Shingle.objects.count():,} fingerprints, {Story.objects.count():,} stories; "
                f"reuse query median {median:.0f} ms, p95 {p95:.0f} ms wall / {p95_cpu:.0f} ms "
                f"CPU, planted source found {found}/{len(queries)}",
                flush=True,
            )
            done = size
        analysis, median, worst = comparison_page()
        print(
            f"  comparison page of the five samples' story: analysis {analysis:.0f} ms once, "
            f"then page median {median:.0f} ms (max {worst:.0f})"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keep)
        tmp.cleanup()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    flags = {"--bulk", "--keep"}
    sizes = [int(a) for a in arguments if a not in flags] or [10000, 30000]
    main(sizes, "--bulk" in arguments, "--keep" in arguments)
