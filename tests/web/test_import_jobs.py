"""Background imports: the import page queues ImportJobs and returns; a real `db_worker` process
(run-once mode, against the test database) turns them into articles.

The worker is a separate process, so these tests run outside a wrapping transaction
(transactional_db) and pass it the test database's address.
"""

import io
import json
import os
import subprocess
import sys
import threading
from datetime import timedelta
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsreader import services
from newsreader.models import Article, ImportJob, Shingle, StoryAnalysis
from newsreader.services import jobs

from ..conftest import SAMPLE_FILES

ROOT = Path(__file__).resolve().parents[2]
BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
HTMX = {"HTTP_HX_REQUEST": "true"}


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def run_worker() -> None:
    """One real worker process: runs every queued task (and those they queue), then exits."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),  # the test database, not the configured one
        "TASKS_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "newsreader.settings",
        "FETCH_ALLOW_PRIVATE": "true",  # the `web_page` fixture serves on 127.0.0.1
    }
    command = [sys.executable, "manage.py", "db_worker", "--backend", "database", "--batch"]
    command += ["--no-startup-delay", "--no-reload"]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def background(settings, transactional_db):
    settings.TASKS_BACKEND = "database"
    settings.IMPORT_IN_BACKGROUND = True


@pytest.fixture
def web_page(tmp_path):
    """Sample 002 served over HTTP on 127.0.0.1, for a fetch the worker makes."""
    (tmp_path / "galamedia.txt").write_bytes(SAMPLE_FILES[2].read_bytes())
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/galamedia.txt"
    server.shutdown()


def _job_list(client) -> str:
    response = client.get(reverse("import-jobs"), **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_upload_and_fetch_return_at_once_then_the_worker_imports(
    editor_client, background, web_page
):
    files = [
        SimpleUploadedFile("003.txt", SAMPLE_FILES[3].read_bytes()),
        SimpleUploadedFile("004.txt", SAMPLE_FILES[4].read_bytes()),
        SimpleUploadedFile("photo.txt", BINARY),  # binary: found out only when decoding
        SimpleUploadedFile("empty.json", json.dumps([{"text": " "}]).encode()),
    ]
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": files})
    html = response.content.decode()
    assert response.status_code == 202
    assert html.count("queued as import job") == 3
    assert "empty.json, record 1: &#x27;text&#x27; must be a non-empty string" in html
    assert 'hx-trigger="every 2s"' in html and "3 queued" in html
    fetched = editor_client.post(reverse("import"), {"kind": "fetch", "url": web_page})
    assert fetched.status_code == 202
    assert not Article.objects.exists()
    jobs = list(ImportJob.objects.order_by("pk"))
    assert [j.status for j in jobs] == ["queued"] * 4
    assert bytes(jobs[0].raw_bytes) == SAMPLE_FILES[3].read_bytes()
    assert bytes(jobs[3].raw_bytes) == b"" and jobs[3].url == web_page
    assert DBTaskResult.objects.filter(status="READY").count() == 4

    run_worker()

    for job in jobs:
        job.refresh_from_db()
    assert [j.status for j in jobs] == ["done", "done", "refused", "done"]
    assert jobs[2].message == "photo.txt: this is a binary file (image, PDF or archive), not text"
    assert jobs[2].article is None
    assert bytes(jobs[3].raw_bytes) == SAMPLE_FILES[2].read_bytes()  # fetched, then kept
    assert jobs[3].file_name == "galamedia.txt" and jobs[3].article.outlet.slug == "galamedia"
    assert Article.objects.count() == 3
    assert all(Shingle.objects.filter(article=j.article).exists() for j in jobs if j.article)
    assert StoryAnalysis.objects.exists()  # article_process ran after the imports
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()

    html = _job_list(editor_client)
    assert "every 2s" not in html  # nothing left to wait for: polling stops
    assert html.count("✔ done") == 3 and "✖ refused" in html
    for job in jobs:
        if job.article:
            assert f'href="{job.article.get_absolute_url()}"' in html
    assert "this is a binary file" in html
    page = editor_client.get(reverse("import")).content.decode()
    assert 'href="/import/#import-jobs"' in page  # the refresh link works without JS


def test_paste_is_refused_at_once_when_the_input_is_plainly_wrong(editor_client, background):
    response = editor_client.post(
        reverse("import"), {"kind": "paste", "text": "Berita", "url": "ftp://example.com/x"}
    )
    assert response.status_code == 400
    assert not ImportJob.objects.exists()
    response = editor_client.post(reverse("import"), {"kind": "paste", "text": "Berita singkat."})
    assert response.status_code == 202
    job = ImportJob.objects.get()
    assert (job.source_kind, job.status, job.requested_by.username) == ("paste", "queued", "editor")


def test_running_a_job_twice_creates_one_article(background):
    data = SAMPLE_FILES[0].read_bytes()
    [job] = services.import_jobs_create(
        records=[{"data": data, "file_name": "000.txt"}], source_kind="command"
    )
    jobs.import_job_enqueue(job=job)  # the same job queued a second time
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    run_worker()
    results = DBTaskResult.objects.filter(task_path=jobs.import_job_run.module_path)
    assert sorted(r.return_value.get("skipped", False) for r in results) == [False, True]
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 1
    [article] = Article.objects.all()
    assert job.article == article and bytes(article.raw_bytes) == data

    # The worker stored the article, then stopped before recording it: run the job again.
    ImportJob.objects.filter(pk=job.pk).update(status="queued")
    outcome = jobs.import_job_run.call(job.pk)
    assert outcome == {"status": "done", "article": article.pk, "created": False}
    assert Article.objects.count() == 1
    job.refresh_from_db()
    assert job.article == article and job.message == f"already stored as article {article.pk}"


def test_a_job_left_running_by_a_stopped_worker_can_be_queued_again(
    editor_client, background, django_user_model
):
    data = SAMPLE_FILES[3].read_bytes()
    stuck = ImportJob.objects.create(
        raw_bytes=data, file_name="003.txt", source_kind="upload", status="running", attempts=1
    )
    busy = ImportJob.objects.create(
        raw_bytes=SAMPLE_FILES[4].read_bytes(), file_name="004.txt", source_kind="upload"
    )
    ImportJob.objects.filter(pk=busy.pk).update(status="running")
    ImportJob.objects.filter(pk=stuck.pk).update(updated=timezone.now() - timedelta(minutes=30))

    html = _job_list(editor_client)
    assert "no progress for over 10 minutes" in html
    assert html.count("Queue again</button>") == 1 and f"Queue again: import job {stuck.pk}" in html
    assert "every 2s" in html  # the other job is still running, so the list polls

    retry, other = (reverse("import-job-retry", args=[j.pk]) for j in (stuck, busy))
    assert Client().post(retry)["Location"].startswith(reverse("login"))
    student = Client()
    student.force_login(django_user_model.objects.create_user("student", password="x" * 12))
    assert student.post(retry).status_code == 403
    assert editor_client.get(retry).status_code == 405
    response = editor_client.post(other, follow=True)
    assert "only a failed job, or one stuck for more than 10 minutes" in response.content.decode()
    assert ImportJob.objects.get(pk=busy.pk).status == "running"
    assert not DBTaskResult.objects.exists()

    assert editor_client.post(retry).status_code == 302
    stuck.refresh_from_db()
    assert stuck.status == "queued"
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"job_id": stuck.pk}
    run_worker()
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == ("done", 2)
    assert bytes(stuck.article.raw_bytes) == data


def test_a_failed_job_is_shown_and_can_be_retried(editor_client, background, monkeypatch):
    [job] = services.import_jobs_create(
        records=[{"data": SAMPLE_FILES[1].read_bytes(), "file_name": "001.txt"}],
        source_kind="upload",
    )

    def broken(**kwargs):
        raise RuntimeError("grouping unavailable")

    monkeypatch.setattr(jobs, "article_import", broken)
    with pytest.raises(RuntimeError):
        jobs.import_job_run.call(job.pk)  # what the worker runs, here in this process
    monkeypatch.undo()
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "RuntimeError: grouping unavailable")
    html = _job_list(editor_client)
    assert "⚠ failed" in html and "RuntimeError: grouping unavailable" in html
    assert f"Retry import job {job.pk}" in html and "every 2s" not in html

    editor_client.post(reverse("import-job-retry", args=[job.pk]))
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert job.article.file_name == "001.txt"
    assert "Retry import job" not in _job_list(editor_client)


def test_immediate_backend_runs_queued_jobs_at_once(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_IN_BACKGROUND = True  # jobs, but no worker: the immediate backend runs them
    upload = SimpleUploadedFile("003.txt", SAMPLE_FILES[3].read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert response.status_code == 202
    assert ImportJob.objects.get().status == "done"
    html = _job_list(editor_client)
    assert "✔ done" in html and "every 2s" not in html
    assert not DBTaskResult.objects.exists()


def test_default_import_page_shows_no_job_list(editor_client):
    assert "Import jobs" not in editor_client.get(reverse("import")).content.decode()


def test_command_queues_jobs_in_the_background(background, tmp_path):
    out = io.StringIO()
    paths = [str(SAMPLE_FILES[0]), str(SAMPLE_FILES[2])]
    call_command("import_articles", *paths, "--background", "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    jobs = list(ImportJob.objects.order_by("pk"))
    assert lines == [
        {"job": job.pk, "path": path, "status": "queued"}
        for job, path in zip(jobs, paths, strict=True)
    ]
    assert not Article.objects.exists()
    assert {j.source_kind for j in jobs} == {"command"}


def test_a_job_whose_worker_died_is_picked_up_again_by_the_next_job(background):
    """A job has a lease: IMPORT_JOB_STALE_MINUTES after its last heartbeat (`updated`) any
    worker running another job queues it again; nothing is lost, nothing imported twice."""
    dead = ImportJob.objects.create(
        raw_bytes=SAMPLE_FILES[3].read_bytes(), file_name="003.txt", source_kind="upload"
    )
    ImportJob.objects.filter(pk=dead.pk).update(
        status="running", attempts=1, updated=timezone.now() - timedelta(minutes=11)
    )
    alive = ImportJob.objects.create(
        raw_bytes=SAMPLE_FILES[2].read_bytes(), file_name="002.txt", source_kind="upload"
    )
    ImportJob.objects.filter(pk=alive.pk).update(status="running", attempts=1)
    services.import_jobs_create(
        records=[{"data": SAMPLE_FILES[4].read_bytes(), "file_name": "004.txt"}],
        source_kind="upload",
    )
    run_worker()
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == ("done", 2)
    assert ImportJob.objects.get(pk=alive.pk).status == "running"  # its lease still holds
    assert sorted(Article.objects.values_list("file_name", flat=True)) == ["003.txt", "004.txt"]
    assert jobs.import_jobs_recover() == []  # nothing left to recover, nothing run twice


def test_the_recover_command_queues_dead_jobs(background):
    dead = ImportJob.objects.create(
        raw_bytes=SAMPLE_FILES[3].read_bytes(), file_name="003.txt", source_kind="upload"
    )
    ImportJob.objects.filter(pk=dead.pk).update(
        status="running", updated=timezone.now() - timedelta(minutes=11)
    )
    call_command("recover_import_jobs")
    dead.refresh_from_db()
    assert dead.status == "queued" and "worker stopped" in dead.message
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"job_id": dead.pk}
