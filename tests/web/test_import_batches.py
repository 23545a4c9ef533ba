"""Big uploads (more records than IMPORT_MAX_RECORDS) become an ImportBatch: the request stores
every record and returns the progress page, which htmx polls; the records are imported in the
background and the page ends with a report of every record. A worker killed mid-batch loses
nothing: its lease expires and the batch is resumed, without duplicates."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from newsreader.models import Article, ImportBatch, ImportJob, Shingle
from newsreader.services import batches

from .test_import_jobs import ROOT, _database_url

HTMX = {"HTTP_HX_REQUEST": "true"}
PLACES = ["Bandung", "Garut", "Cimahi", "Sumedang", "Subang", "Bogor", "Depok", "Bekasi"]


def _text(n: int) -> str:
    """A distinct constructed article per n (different words, so each is its own page)."""
    place = PLACES[n % len(PLACES)]
    return (
        f"Banjir setinggi {n + 20} sentimeter melanda {place} pada Senin pagi, kata petugas. "
        f"Sebanyak {n * 7 + 3} warga dari RW {n} mengungsi ke balai desa nomor {n + 1}. "
        f"Bantuan logistik tahap {n} tiba sore harinya dari dinas sosial {place}."
    )


def _records(count: int, start: int = 0) -> bytes:
    return "\n".join(
        json.dumps({"text": _text(n), "title": f"Banjir {n}", "author": f"Penulis {n}"})
        for n in range(start, start + count)
    ).encode()


def _upload(client, *files):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(reverse("import"), {"kind": "upload", "files": uploads})


def test_a_big_upload_becomes_a_batch_with_progress_then_a_report(
    editor_client, settings, monkeypatch
):
    settings.IMPORT_MAX_RECORDS = 5
    settings.IMPORT_BATCH_STEP_SECONDS = 0  # one chunk per request of the page
    monkeypatch.setattr(batches, "CHUNK", 3)
    bad = b'{"judul": "tanpa isi"}'  # a record without text: refused, in the report
    response = _upload(
        editor_client,
        ("banyak.jsonl", _records(7) + b"\n" + bad),
        ("satu.txt", _text(50).encode()),
        ("rusak.json", b"[" * 10),
    )
    [batch] = ImportBatch.objects.all()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert Article.objects.count() == 0  # the request only stored the records
    jobs = ImportJob.objects.filter(batch=batch).order_by("pk")
    assert jobs.count() == 10
    assert [j.status for j in jobs].count(ImportJob.QUEUED) == 8
    assert bytes(jobs[0].raw_bytes) == _text(0).encode()  # byte for byte
    assert jobs[0].authors == ["Penulis 0"]

    first = editor_client.get(batch.get_absolute_url(), **HTMX).content.decode()
    assert Article.objects.count() == 3
    assert 'hx-trigger="load delay:1s, every 2s"' in first  # still polling
    assert "5 of 10 records (50%)" in first  # 3 imported, 2 refused at upload
    assert "<table" not in first  # the report comes at the end

    for _ in range(5):
        page = editor_client.get(batch.get_absolute_url(), **HTMX).content.decode()
        if "hx-trigger" not in page:
            break
    assert "10 of 10 records (100%)" in page and "8 new articles." in page
    assert Article.objects.count() == 8
    batch.refresh_from_db()
    assert batch.finished is not None
    assert page.count('<tr id="job-') == 10
    for article in Article.objects.all():
        assert f'href="{article.get_absolute_url()}"' in page
    assert "record 8" in page and "rusak.json" in page  # each refusal named, with its reason
    assert Article.objects.get(title="Banjir 3").authors == ["Penulis 3"]

    # the finished page does no work and lists the batch on the import page
    assert editor_client.get(batch.get_absolute_url()).status_code == 200
    assert batch.get_absolute_url() in editor_client.get(reverse("import")).content.decode()


def test_an_upload_beyond_the_batch_limit_is_refused_before_anything_is_stored(
    editor_client, settings
):
    settings.IMPORT_MAX_RECORDS, settings.IMPORT_MAX_BATCH_RECORDS = 2, 6
    response = _upload(editor_client, ("banyak.jsonl", _records(7)))
    assert response.status_code == 400
    assert "7 records" in response.content.decode() and "at most 6" in response.content.decode()
    assert not ImportJob.objects.exists() and not ImportBatch.objects.exists()


def test_the_progress_page_resumes_a_batch_whose_worker_died_once_its_lease_expires(
    editor_client, settings, monkeypatch
):
    settings.IMPORT_MAX_RECORDS = 2
    monkeypatch.setattr(batches, "CHUNK", 2)
    _upload(editor_client, ("banyak.jsonl", _records(4)))
    batch = ImportBatch.objects.get()
    # a worker claimed two jobs and died: they stay running under its lease
    claimed = batches._claim(batch.pk)
    assert len(claimed) == 2
    batches.import_batch_step(batch_id=batch.pk)  # another worker takes the rest, not those
    assert ImportJob.objects.filter(batch=batch, status=ImportJob.RUNNING).count() == 2
    page = editor_client.get(batch.get_absolute_url(), **HTMX).content.decode()
    assert "2 of 4 records" in page and Article.objects.count() == 2  # lease still held

    stale = timezone.now() - timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES + 1)
    ImportBatch.objects.filter(pk=batch.pk).update(updated=stale)
    page = editor_client.get(batch.get_absolute_url(), **HTMX).content.decode()
    assert "4 of 4 records" in page and Article.objects.count() == 4
    resumed = ImportJob.objects.filter(pk__in=[j.pk for j in claimed])
    assert {(j.status, j.attempts) for j in resumed} == {(ImportJob.DONE, 2)}


def _worker_env() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": _database_url(),  # the test database, not the configured one
        "TASKS_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "newsreader.settings",
    }


def test_a_killed_worker_process_loses_nothing_and_duplicates_nothing(settings, transactional_db):
    """A real `db_worker` is killed (SIGKILL) in the middle of a batch; once the lease expires,
    `recover_import_jobs` resumes it and a new worker finishes it: every record imported once."""
    settings.TASKS_BACKEND = "database"
    count = 400
    records = [(f"berita-{n}.txt", _text(n).encode()) for n in range(count)]
    uploaded = [("banyak.zip", [{"file_name": n, "data": d} for n, d in records])]
    batch = batches.import_batch_create(uploaded=uploaded)
    command = [sys.executable, "manage.py", "db_worker", "--backend", "database"]
    worker = subprocess.Popen(
        command + ["--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=_worker_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    jobs = ImportJob.objects.filter(batch=batch)
    deadline = time.monotonic() + 240
    try:
        while not jobs.filter(status=ImportJob.DONE).exists():
            assert time.monotonic() < deadline and worker.poll() is None
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    done_before = jobs.filter(status=ImportJob.DONE).count()
    assert 0 < done_before < count, "the worker was not killed mid-batch"
    assert jobs.filter(status=ImportJob.QUEUED).exists()

    # the dead worker's lease runs out (its heartbeat is older than IMPORT_JOB_STALE_MINUTES)
    stale = timezone.now() - timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES + 1)
    ImportBatch.objects.filter(pk=batch.pk).update(updated=stale)
    recover = [sys.executable, "manage.py", "recover_import_jobs"]
    out = subprocess.run(
        recover, cwd=ROOT, env=_worker_env(), capture_output=True, text=True, check=True
    )
    assert f"1 import batch(es) resumed: [{batch.pk}]" in out.stdout
    finish = subprocess.run(
        command + ["--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=_worker_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finish.returncode == 0, finish.stderr

    assert jobs.filter(status=ImportJob.DONE).count() == count
    assert Article.objects.count() == count
    assert jobs.values("article").distinct().count() == count  # one article per record
    stored = {bytes(a.raw_bytes) for a in Article.objects.all()}
    assert stored == {data for _, data in records}
    per_article = Shingle.objects.values("hash", "article").annotate(n=Count("id"))
    assert not per_article.filter(n__gt=1).exists()
    batch.refresh_from_db()
    assert batch.finished is not None
    call_command("recover_import_jobs")  # nothing left to resume
    assert not jobs.exclude(status=ImportJob.DONE).exists()
