"""Server time and page weight of the comparison page with the story analysis cached.

DJANGO_SETTINGS_MODULE=newsreader.settings .venv/bin/python bench/bench_compare.py [N]

Imports the five sample pages plus a sixth article (sample 003 with one sentence added) into a
throw-away test database, warms the cache, then times N requests with the Django test client.
"""

import statistics
import sys
import time
from pathlib import Path

import django
from throwaway_database import throwaway_database

SAMPLES = Path(__file__).resolve().parents[1] / "newsreader" / "samples"


def main(n: int = 30) -> None:
    django.setup()
    from django.test import Client
    from django.urls import reverse

    from newsreader import services
    from newsreader.services.story_analysis import story_analyse

    with throwaway_database():
        story = services.story_create(title="Putin dan Kim Jong Un bertemu")  # as `make run`
        paths = sorted(SAMPLES.glob("*.txt"))
        for path in paths:
            services.article_import(
                data=path.read_bytes(), source_kind="command", file_name=path.name, story=story
            )
        sixth = paths[3].read_bytes() + b"\n\nKremlin belum memberikan tanggapan.\n"
        result = services.article_import(data=sixth, source_kind="command", file_name="006.txt")
        services.article_move(article=result.article, story=story)
        start = time.perf_counter()
        story_analyse(story=story)
        print(
            f"analysis of {story.articles.count()} articles (once, then cached): "
            f"{(time.perf_counter() - start) * 1000:.0f} ms"
        )
        client = Client()
        base = reverse("story-compare", args=[story.slug])
        pages = {
            "compare, 6 columns": base,
            "compare, 6 columns, aligned": base + "?view=aligned",
            "compare, 6 columns, only-here + filters": base + "?unique=1&quotes=hide&common=hide",
            "compare, 6 columns, thresholds changed": base + "?similar=45&edited=90&words=5",
            "compare, htmx fragment": base,
        }
        for name, url in pages.items():
            headers = {"HX-Request": "true"} if "htmx" in name else {}
            client.get(url, headers=headers)  # warm
            runs, size = [], 0
            for _ in range(n):
                t0 = time.perf_counter()
                response = client.get(url, headers=headers)
                runs.append((time.perf_counter() - t0) * 1000)
                size = len(response.content)
            assert response.status_code == 200, response.status_code
            print(
                f"{name:42} median {statistics.median(runs):6.1f} ms  "
                f"max {max(runs):6.1f} ms  page {size / 1024:5.1f} KB"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
