"""Benchmark of importing a large corpus through the real import path (run on demand).

DATABASE_URL=... .venv/bin/python bench/bench_import.py [--bulk] [--real] [--keep] [sizes...]

Imports the seeded synthetic corpus (bench/synthetic_corpus.py; 3-6 paragraphs, about 145
words an article, or with --real 8-14 paragraphs, about 320 words, the size of a real article)
into a fresh test database (a temporary SQLite file, or `test_<name>` on the PostgreSQL server of
DATABASE_URL, dropped at the end) with `services.article_import` one article at a time (decode,
clean, group, save, index), or with `services.articles_import_bulk` given --bulk. At every size
given (default 10000 30000) it prints the wall and CPU time, the articles per second and per
CPU-second of the whole run and of the last stretch, where the CPU went (phases below), the
peak RSS, and the median and 95th percentile of 50 reuse queries (`corpus.article_origins` for
a new article that copies a stored one: candidates from the index, then alignment). At the
largest size it also imports the five samples into a story of their own, caches its analysis
and times the comparison page.

Phases (CPU seconds, measured by wrapping the import's own functions): clean (decode, main
text, cleaning, outlet), features (event features), decide (candidate stories and the grouping
decision), lookups (document frequencies and the candidate index), fingerprints (hashing,
inserts and stock phrases), and the rest (article and story rows, grouping keys and terms,
profiles, transactions).

--keep keeps the test database afterwards and, when it exists already, reuses it: the articles
stored there are not imported again (import resumes after them; only the new stretch is timed)
and the samples' story is reused. With PostgreSQL this keeps e.g. `test_newsreader_bench` (about
2 GB at 100,000 articles) for query work; drop it with `dropdb test_newsreader_bench`.
"""

import argparse
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


REAL_PARAGRAPHS = (8, 14)
PHASES = ("clean", "features", "decide", "lookups", "fingerprints")
spent = dict.fromkeys(PHASES, 0.0)


def timed(phase, function):
    def wrapper(*args, **kwargs):
        c = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[phase] += time.process_time() - c

    return wrapper


def phases_measure() -> None:
    """Wrap the import's own functions so that `spent` adds up their CPU time."""
    from newsreader.analysis import grouping
    from newsreader.services import corpus, imports
    from newsreader.services import grouping as grouping_store

    imports._article_from = timed("clean", imports._article_from)
    grouping_store.article_features = timed("features", grouping_store.article_features)
    grouping.candidates = timed("decide", grouping.candidates)
    grouping.best_story = timed("decide", grouping.best_story)
    for name in ("document_frequencies", "indexed_stories"):
        setattr(grouping_store, name, timed("lookups", getattr(grouping_store, name)))
    corpus.article_hashes = timed("fingerprints", corpus.article_hashes)
    corpus.fingerprints_insert = timed("fingerprints", corpus.fingerprints_insert)


def phases_line(cpu: float, articles: int) -> str:
    """CPU ms per article of each phase since the last call (and of the rest), then reset."""
    parts = [f"{p} {spent[p] / articles * 1000:.2f}" for p in PHASES]
    rest = cpu - sum(spent.values())
    for p in PHASES:
        spent[p] = 0.0
    return ", ".join([*parts, f"rest {rest / articles * 1000:.2f}"]) + " ms CPU per article"


def server_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (0 on SQLite, which runs in
    this process): the server's share of the work, read from /proc (same machine)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def main(sizes: list[int], bulk: bool, keep: bool, real: bool) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from newsreader.models import Article, Shingle, Story

    setup_test_environment()
    phases_measure()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    tmp = tempfile.TemporaryDirectory()
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = f"{tmp.name}/bench.sqlite3"
    largest = max(sizes)
    paragraphs = REAL_PARAGRAPHS if real else (3, 6)
    everything = synthetic_corpus(largest + QUERIES * 4, seed=SEED, paragraphs=paragraphs)
    articles = everything[:largest]
    words = statistics.mean(len(a.text.split()) for a in articles[:2000])
    print(
        f"{connection.vendor}, {'bulk' if bulk else 'one article at a time'}, "
        f"{largest:,} synthetic articles of {words:.0f} words on average"
    )
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=keep)
    try:
        done = Article.objects.filter(file_name__startswith="synthetic-").count()
        wall, cpu_total, server_total = 0.0, 0.0, 0.0
        for size in sorted(sizes):
            if size < done:
                continue
            queries = [a for a in everything[largest:] if a.copied_from is not None]
            queries = [a for a in queries if a.copied_from < size][:QUERIES]
            t, c, server = time.perf_counter(), time.process_time(), server_cpu()
            import_until(articles, done, size, bulk)
            stretch = time.perf_counter() - t
            cpu = time.process_time() - c
            server = server_cpu() - server
            wall, cpu_total, server_total = wall + stretch, cpu_total + cpu, server_total + server
            n = max(size - done, 1)
            median, p95, p95_cpu, found = reuse_queries(queries)
            both = f", {server_total:.0f} s on the PostgreSQL server" if server_total else ""
            print(
                f"  {size:>7,}: {wall:6.0f} s wall ({size / wall:4.0f}/s), {cpu_total:6.0f} s CPU"
                f"{both}: {size / (cpu_total + server_total):5.0f} articles per CPU-second; "
                f"{done:,}-{size:,}: {stretch / n * 10000:4.0f} s wall, "
                f"{(cpu + server) / n * 10000:4.0f} s CPU per 10k; peak RSS {peak_mb():4.0f} MB, "
                f"{Shingle.objects.count():,} fingerprints, {Story.objects.count():,} stories\n"
                f"           origins query median {median:.0f} ms, p95 {p95:.0f} ms wall / "
                f"{p95_cpu:.0f} ms CPU, planted source found {found}/{len(queries)}\n"
                f"           {phases_line(cpu, n)}",
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 30000])
    parser.add_argument("--bulk", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--real", action="store_true", help="real-sized articles (~320 words)")
    args = parser.parse_args()
    main(args.sizes, args.bulk, args.keep, args.real)
