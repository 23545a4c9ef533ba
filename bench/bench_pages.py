"""First analysis and cached pages of a small and a large story, CPU time beside wall time.

DJANGO_SETTINGS_MODULE=newsreader.settings .venv/bin/python bench/bench_pages.py \
    [--articles 120] [--runs 20] [--corpus ../shared/dev-corpus]

Builds a throw-away test database (DATABASE_URL decides SQLite or PostgreSQL) with two stories:
the five samples plus a sixth article (sample 003 with one sentence added), and the first
`--articles` distinct dev-corpus pages whose title names Iran or Israel (June 2025 coverage of
one conflict), imported into one story. Times each story's first analysis, then, with the
analysis cached, the comparison page (6 columns), its claims and framing panels (the htmx
fragments the page loads, for its 6 columns) and the article origins page. A first request
of each page warms the process (its decoded analysis kept); the figures are medians and the
95th percentile of the following `--runs` requests through Django's test client.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import django
from corpus_story import iran_israel_rows
from throwaway_database import throwaway_database

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "newsreader" / "samples"


def corpus_records(folder: Path) -> list[dict]:
    return [
        {"data": row["isi_berita"].encode(), "url": row["url"], "title": row["judul"]}
        for row in iran_israel_rows(folder)
    ]


def timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn()
    return value, time.process_time() - cpu, time.perf_counter() - wall


def build(articles: int, corpus: Path):
    from newsreader import services
    from newsreader.services.imports import articles_import_bulk

    paths = sorted(SAMPLES.glob("*.txt"))
    small = services.story_create(title="Sampel")
    for path in paths:
        services.article_import(
            data=path.read_bytes(), source_kind="command", file_name=path.name, story=small
        )
    sixth = paths[3].read_bytes() + b"\n\nKremlin belum memberikan tanggapan.\n"
    services.article_import(data=sixth, source_kind="command", file_name="006.txt", story=small)
    stories = [small]
    if corpus.is_dir():
        big = services.story_create(title="Iran Israel")
        records = corpus_records(corpus)
        while big.articles.count() < articles and records:
            batch, records = records[:50], records[50:]
            articles_import_bulk(
                records=batch[: articles - big.articles.count()], source_kind="command", story=big
            )
        stories.append(big)
    else:
        print(f"{corpus} not found: the large story is skipped")
    return stories


def measure(client, url: str, runs: int, headers: dict) -> tuple[list[float], list[float]]:
    response = client.get(url, headers=headers)  # warm: the process keeps the analysis
    assert response.status_code == 200, (url, response.status_code)
    cpu, wall = [], []
    for _ in range(runs):
        _, c, w = timed(lambda: client.get(url, headers=headers))
        cpu.append(c * 1000)
        wall.append(w * 1000)
    return cpu, wall


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--runs", type=int, default=20)
    found = [p for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "dev-corpus").is_dir()]
    default = (found or [ROOT.parent])[0] / "shared" / "dev-corpus"
    parser.add_argument("--corpus", type=Path, default=default)
    args = parser.parse_args()
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from newsreader.services.story_analysis import story_analyse

    with throwaway_database():
        stories = build(args.articles, args.corpus)
        client = Client()
        print(f"database: {connection.vendor}")
        for story in stories:
            n = story.articles.count()
            _, cpu, wall = timed(lambda story=story: story_analyse(story=story))
            print(
                f"{story.title} ({n} articles): first analysis {cpu:.2f} s CPU, {wall:.2f} s wall"
            )
            compare = reverse("story-compare", args=[story.slug])
            html = client.get(compare).content.decode()
            panels = [
                u.replace("&amp;", "&")
                for u in re.findall(r'hx-get="([^"]+)" hx-trigger="intersect once"', html)
            ]
            first = story.articles.order_by("published", "id").first()
            pages = {"compare page, 6 columns": (compare, {})}
            pages |= {
                f"{u.split('/')[3]} panel (htmx)": (u, {"HX-Request": "true"}) for u in panels
            }
            pages["origins of an article"] = (reverse("article-origins", args=[first.pk]), {})
            for name, (url, headers) in pages.items():
                cpu, wall = measure(client, url, args.runs, headers)
                print(
                    f"  {name:28} CPU median {statistics.median(cpu):6.1f} ms p95 {p95(cpu):6.1f} ms"
                    f"  wall median {statistics.median(wall):6.1f} ms p95 {p95(wall):6.1f} ms"
                )


if __name__ == "__main__":
    main()
