"""Two real `db_worker` processes share one task queue (the several-machines deployment).

PostgreSQL only: the workers are separate processes and must reach the test database, which on
SQLite is an in-memory database private to the test process; and SQLite lets one writer in at a
time, so the races this test looks for (claiming a task, re-indexing an article, storing a
story's analysis) cannot happen there.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from newsreader import services
from newsreader.models import Shingle, Story, StoryAnalysis
from newsreader.services import corpus, story_analysis, tasks

from ..conftest import SAMPLE_FILES

ROOT = Path(__file__).resolve().parents[2]
QUEUED_PER_ARTICLE = 3  # the import's own task and two retries: the same article at once


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(worker_id: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),  # the test database, not the configured one
        "TASKS_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "newsreader.settings",
    }
    command = [sys.executable, "manage.py", "db_worker", "--backend", "database", "--batch"]
    command += ["--no-startup-delay", "--no-reload", "--worker-id", worker_id]
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (see docstring)")
def test_two_workers_run_each_task_once_and_index_each_article_once(
    settings, transactional_db, django_capture_on_commit_callbacks
):
    settings.TASKS_BACKEND = "database"
    with django_capture_on_commit_callbacks(execute=True):
        story = services.story_create(title="Putin dan Kim Jong Un bertemu")  # as the fixture
        articles = [
            services.article_import(
                data=path.read_bytes(), source_kind="command", file_name=path.name, story=story
            ).article
            for path in SAMPLE_FILES
        ]
        for _ in range(QUEUED_PER_ARTICLE - 1):
            for article in articles:
                tasks.article_enqueue(article=article)
    assert DBTaskResult.objects.filter(status="READY").count() == 5 * QUEUED_PER_ARTICLE
    Shingle.objects.all().delete()  # only the workers index from here on

    workers = [_worker("worker-1"), _worker("worker-2")]
    for worker in workers:
        _, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors

    results = list(DBTaskResult.objects.all())
    processed = [r for r in results if r.task_path.endswith(".article_process")]
    assert len(processed) == 5 * QUEUED_PER_ARTICLE
    # Processing queues the story's analysis; waiting duplicates are folded, so at most one per run.
    analysed = [r for r in results if r.task_path.endswith(".story_analysis_run")]
    assert 1 <= len(analysed) <= len(processed)
    assert len(results) == len(processed) + len(analysed)
    assert all(r.status == "SUCCESSFUL" for r in results), [r.traceback for r in results]
    assert all(len(r.worker_ids) == 1 for r in results)  # claimed once, run once
    assert {w for r in results for w in r.worker_ids} <= {"worker-1", "worker-2"}

    duplicates = Shingle.objects.values("hash", "article").annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicates.exists()
    for article in articles:
        expected = set(corpus.article_hashes(article))
        stored = set(Shingle.objects.filter(article=article).values_list("hash", flat=True))
        assert stored == expected

    [story] = Story.objects.all()
    analysis = StoryAnalysis.objects.get(story=story)
    current = story_analysis.story_fingerprint(story_analysis.story_articles(story))
    assert analysis.fingerprint == current
    assert set(analysis.data) == set(story_analysis.SECTIONS)
