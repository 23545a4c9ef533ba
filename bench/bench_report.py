"""Time of the story report of the sample story: page, JSON, CSV and PDF, wall and CPU.

DJANGO_SETTINGS_MODULE=newsreader.settings .venv/bin/python bench/bench_report.py [N]

Imports the five sample pages into a throw-away test database, adds 20 notes by one reader,
warms the story analysis, then times N requests of each form with all 20 notes chosen.
"""

import statistics
import sys
import time
from pathlib import Path

import django
from throwaway_database import throwaway_database

SAMPLES = Path(__file__).resolve().parents[1] / "newsreader" / "samples"
NOTES = 20


def _time(client, url: str, n: int) -> tuple[float, float, int]:
    client.get(url)  # warm
    wall, cpu, size = [], [], 0
    for _ in range(n):
        w0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        size = len(response.content)
    assert response.status_code == 200, (url, response.status_code)
    return statistics.median(wall), statistics.median(cpu), size


def main(n: int = 5) -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from newsreader import services
    from newsreader.services import notes as review
    from newsreader.services.story_analysis import story_analyse

    with throwaway_database():
        story = services.story_create(title="Putin dan Kim Jong Un bertemu")
        articles = [
            services.article_import(
                data=p.read_bytes(), source_kind="command", file_name=p.name, story=story
            ).article
            for p in sorted(SAMPLES.glob("*.txt"))
        ]
        story_analyse(story=story)
        reader = get_user_model().objects.create_user("pembaca", password="x" * 12)
        notes = [
            review.note_create(
                reader, article=a, start=40 * i, end=40 * i + 30, text=f"Catatan {i}"
            )
            for i in range(NOTES)
            for a in [articles[i % len(articles)]]
        ]
        client = Client()
        client.force_login(reader)
        query = "?" + "&".join(f"note={note.pk}" for note in notes)
        forms = {
            "report page (HTML)": reverse("story-report", args=[story.slug]),
            "report JSON": reverse("story-report-json", args=[story.slug]),
            "report CSV, sources": reverse("story-report-csv", args=[story.slug, "sources"]),
            "report PDF (WeasyPrint)": reverse("story-report-pdf", args=[story.slug]),
        }
        print(f"{len(articles)} articles, {NOTES} notes chosen, median of {n} requests")
        for name, url in forms.items():
            wall, cpu, size = _time(client, url + query, n)
            print(f"{name:28} wall {wall:7.1f} ms  cpu {cpu:7.1f} ms  {size / 1024:6.1f} KB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
