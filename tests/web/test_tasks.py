"""Background processing with the database task backend and its real worker (run-once mode).

The worker closes database connections between tasks, so these tests run outside a wrapping
transaction (transactional_db)."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from newsreader import services
from newsreader.models import Shingle, StoryAnalysis
from newsreader.services import corpus
from tests.conftest import SAMPLE_FILES


def run_worker():
    call_command(
        "db_worker", "--batch", "--backend", "database", "--no-startup-delay", "--no-reload",
        verbosity=0,
    )  # fmt: skip


@pytest.fixture
def queued(settings, transactional_db, django_capture_on_commit_callbacks):
    settings.TASKS_BACKEND = "database"
    with django_capture_on_commit_callbacks(execute=True):
        article = services.article_import(
            data=SAMPLE_FILES[3].read_bytes(), source_kind="command", file_name="003.txt"
        ).article
    return article


def test_import_queues_a_task_that_the_worker_runs(client, queued):
    [result] = DBTaskResult.objects.all()
    assert result.status == "READY" and result.args_kwargs["kwargs"] == {"article_id": queued.pk}
    assert "waiting for the worker" in client.get(queued.get_absolute_url()).content.decode()
    assert not StoryAnalysis.objects.filter(story=queued.story).exists()
    run_worker()
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"fingerprints": Shingle.objects.filter(article=queued).count()}
    assert StoryAnalysis.objects.filter(story=queued.story).exists()
    html = client.get(queued.get_absolute_url()).content.decode()
    assert "Background processing (finding reused text and analysing the story):\n    done" in html


def test_failed_task_is_shown_and_an_editor_can_retry_it(
    editor_client, queued, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(corpus, "article_index", broken)
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"
    monkeypatch.undo()
    html = editor_client.get(queued.get_absolute_url()).content.decode()
    assert "failed" in html and "RuntimeError" in html and "Retry processing" in html
    url = reverse("article-process", args=[queued.pk])
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert DBTaskResult.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url).status_code == 302
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    done = DBTaskResult.objects.filter(status="SUCCESSFUL")
    assert sorted(done.values_list("task_path", flat=True)) == [
        "newsreader.services.tasks.article_process",
        "newsreader.services.tasks.story_analysis_run",  # queued by the processed article
    ]
    assert "Retry processing" not in editor_client.get(queued.get_absolute_url()).content.decode()


def test_students_cannot_retry(student_client, queued):
    response = student_client.post(reverse("article-process", args=[queued.pk]))
    assert response.status_code == 403
    assert "Retry processing" not in student_client.get(queued.get_absolute_url()).content.decode()


def test_immediate_backend_indexes_at_import_without_queueing(sample_articles):
    assert DBTaskResult.objects.count() == 0
    assert all(Shingle.objects.filter(article=a).exists() for a in sample_articles)
