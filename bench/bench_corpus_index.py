"""Benchmark of the corpus-wide reuse index (run on demand, prints figures).

.venv/bin/python bench/bench_corpus_index.py [sizes...]     e.g. 10000 30000 100000

For each size: index the synthetic corpus in memory (ShingleIndex), then store the winnowed
fingerprints in a fresh SQLite database through the Django models and time the query that
`corpus.article_candidates` runs, for new articles that copy a passage of a stored one.
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import synthetic_corpus  # noqa: E402

from newsreader.analysis.corpus_index import (  # noqa: E402
    ShingleIndex,
    fingerprint,
    passage_origins,
    shingles,
    to_signed,
)

QUERIES = 50


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_memory(corpus, queries):
    start = time.perf_counter()
    index = ShingleIndex()
    for i in range(0, len(corpus), 1000):
        index.add((a.doc, shingles(a.text)) for a in corpus[i : i + 1000])
    len(index)  # merge
    seconds = time.perf_counter() - start
    times, found = [], 0
    for q in queries:
        t = time.perf_counter()
        cands = index.candidates(shingles(q.text))
        times.append(time.perf_counter() - t)
        found += q.copied_from in cands
    print(
        f"  memory index: {len(corpus) / seconds:,.0f} docs/s ({seconds:.1f} s), "
        f"{len(index):,} pairs, {index.nbytes / 1e6:.0f} MB arrays, peak RSS {peak_mb():.0f} MB; "
        f"query median {statistics.median(times) * 1000:.2f} ms, "
        f"planted source found {found}/{len(queries)}"
    )
    return index


def bench_database(corpus, queries, by_doc):
    import django
    from django.db import connection

    django.setup()
    from django.core.management import call_command

    from newsreader.models import Article, Outlet, Shingle, Story
    from newsreader.services import corpus as service

    call_command("migrate", verbosity=0)
    outlet = Outlet.objects.create(name="Bench", slug="bench", profile="generic")
    story = Story.objects.create(title="Bench", slug="bench")
    start = time.perf_counter()
    for i in range(0, len(corpus), 2000):
        chunk = corpus[i : i + 2000]
        made = Article.objects.bulk_create(
            Article(
                story=story,
                outlet=outlet,
                raw_bytes=b"",
                content_hash=f"h{a.doc}",
                encoding="utf-8",
                raw_text="",
                source_kind="command",
                title=f"a{a.doc}",
                clean_text=a.text,
                published=None,
            )  # fmt: skip
            for a in chunk
        )
        for a, article in zip(chunk, made, strict=True):
            by_doc[a.doc] = article.pk
        rows = [
            (int(h), by_doc[a.doc]) for a in chunk for h in to_signed(fingerprint(a.text)).tolist()
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO newsreader_shingle (hash, article_id) VALUES (%s, %s)", rows
            )
    seconds = time.perf_counter() - start
    size = Path(connection.settings_dict["NAME"]).stat().st_size / 1e6
    times, found, origin_times = [], 0, []
    for q in queries:
        article = Article(clean_text=q.text)
        t = time.perf_counter()
        cands = service.article_candidates(article=article)
        times.append(time.perf_counter() - t)
        found += by_doc[q.copied_from] in cands
        t = time.perf_counter()
        earlier = {
            pk: (text, None, "x")
            for pk, text in Article.objects.filter(pk__in=cands).values_list("id", "clean_text")
        }
        passage_origins(q.text, earlier)
        origin_times.append(time.perf_counter() - t)
    print(
        f"  SQLite: stored {Shingle.objects.count():,} fingerprints in {seconds:.1f} s "
        f"({len(corpus) / seconds:,.0f} docs/s), file {size:.0f} MB; candidates query median "
        f"{statistics.median(times) * 1000:.1f} ms (max {max(times) * 1000:.1f}), planted "
        f"source found {found}/{len(queries)}; alignment of candidates median "
        f"{statistics.median(origin_times) * 1000:.0f} ms"
    )


def main(n):
    print(f"{n:,} articles")
    t = time.perf_counter()
    everything = synthetic_corpus(n + QUERIES * 4, seed=n)
    print(f"  generated in {time.perf_counter() - t:.1f} s")
    corpus = everything[:n]
    queries = [a for a in everything[n:] if a.copied_from is not None and a.copied_from < n]
    bench_memory(corpus, queries[:QUERIES])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
        bench_database(corpus, queries[:QUERIES], {})


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [10000, 30000]
    if len(sizes) == 1:
        main(sizes[0])
    else:  # one process per size: peak memory and Django's database set-up are per process
        for size in sizes:
            subprocess.run([sys.executable, __file__, str(size)], check=True)
