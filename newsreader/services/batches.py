"""Big uploads: more records than IMPORT_MAX_RECORDS become an ImportBatch worked through in the
background, with a progress page and a report at the end, instead of being refused.

The request only reads the files and stores every record as an ImportJob (its bytes byte for
byte, the records that cannot be read as refused jobs with their reason), so nothing is lost
whatever happens next. The work is done in chunks (`import_batch_step`): with the database tasks
backend by the worker (`import_batch_run`), with the immediate backend by the requests of the
progress page, a few seconds each. Every chunk is a heartbeat of the batch (`updated`); a batch
with waiting jobs and no heartbeat for IMPORT_JOB_STALE_MINUTES lost its worker and is resumed
(`import_batches_recover`, run by every chunk and by `manage.py recover_import_jobs`). A chunk
claims its jobs one by one (queued -> running), so two workers never run one job; the import is
idempotent (content hash), so a job run again after its worker died finds its article stored.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext

from ..models import ImportBatch, ImportJob, Story
from .articles import ImportRefused, ImportResult, grouped
from .imports import (
    _imported,
    _uploaded_records,
    article_import,
    articles_import_bulk,
    uploaded_import,
)
from .jobs import import_jobs_upload
from .tasks import analyses_deferred

CHUNK = 25  # jobs imported in one transaction


@dataclass
class BatchProgress:
    """How far a batch got: jobs per status, and for a finished job whether it made an article."""

    total: int = 0
    counts: Counter = field(default_factory=Counter)
    created: int = 0

    @property
    def waiting(self) -> int:
        return self.counts[ImportJob.QUEUED] + self.counts[ImportJob.RUNNING]

    @property
    def done(self) -> int:
        return self.total - self.waiting

    @property
    def finished(self) -> bool:
        return self.waiting == 0

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total


def import_batch_create(
    *, uploaded: list[tuple[str, list[dict] | str]], story: Story | None = None, user=None
) -> ImportBatch:
    """Store an upload's records (from `imports._uploaded_records`) as one batch of jobs; a file
    or record that cannot be read is kept as a refused job with its reason, for the report."""
    total = sum(len(r) if isinstance(r, list) else 1 for _, r in uploaded)
    if total > settings.IMPORT_MAX_BATCH_RECORDS:
        raise ImportRefused(
            gettext(
                "{count} records; at most {limit} are imported from one upload. Nothing was "
                "stored: split the files, or import them with “manage.py import_articles --bulk”."
            ).format(count=grouped(total), limit=grouped(settings.IMPORT_MAX_BATCH_RECORDS))
        )
    owner = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        batch = ImportBatch.objects.create(story=story, files=len(uploaded), requested_by=owner)
        jobs = []
        for name, records in uploaded:
            if isinstance(records, str):
                records = [{"file_name": name, "error": records}]
            for record in records:
                label = record.get("file_name") or name
                refused = record.get("error")
                jobs.append(
                    ImportJob(
                        batch=batch,
                        raw_bytes=b"" if refused else record["data"],
                        file_name=label[:255],
                        url=record.get("url", "") if not refused else "",
                        title=record.get("title", "")[:1000],
                        outlet=record.get("outlet", "")[:100],
                        published=record.get("published"),
                        authors=list(record.get("authors") or []),
                        story=story,
                        source_kind="upload",
                        status=ImportJob.REFUSED if refused else ImportJob.QUEUED,
                        message=refused or "",
                        requested_by=owner,
                    )
                )
        ImportJob.objects.bulk_create(jobs, batch_size=200)
        batch_enqueue(batch=batch)
    return batch


def batch_enqueue(*, batch: ImportBatch) -> None:
    """Have the worker run the batch (database backend); with the immediate backend its progress
    page runs it, so nothing is queued."""
    if settings.TASKS_BACKEND == "immediate":
        return
    runner = import_batch_run.using(backend=settings.TASKS_BACKEND)
    transaction.on_commit(lambda: runner.enqueue(batch_id=batch.pk))


@task()
def import_batch_run(batch_id: int) -> dict:
    """The worker's side: run the batch's jobs chunk by chunk until none is waiting; each
    story they change is analysed once, at the end (`tasks.analyses_deferred`)."""
    with analyses_deferred():
        return {"batch": batch_id, "jobs": import_batch_step(batch_id=batch_id)}


def import_batch_step(*, batch_id: int, seconds: float | None = None) -> int:
    """Claim and import waiting jobs of the batch, one chunk per transaction, until none is left
    (or, given `seconds`, at least one chunk and more until they have passed); returns how many
    jobs this call finished."""
    import_batches_recover()
    started, finished = time.monotonic(), 0
    while True:  # at least one chunk, then more while the time lasts
        ImportBatch.objects.filter(pk=batch_id).update(updated=timezone.now())  # heartbeat
        claimed = _claim(batch_id)
        if not claimed:
            break
        _import_chunk(claimed)
        finished += len(claimed)
        if seconds is not None and time.monotonic() - started >= seconds:
            break
    if not ImportJob.objects.filter(batch_id=batch_id, status__in=ImportJob.ACTIVE).exists():
        ImportBatch.objects.filter(pk=batch_id, finished__isnull=True).update(
            finished=timezone.now()
        )
    return finished


def _claim(batch_id: int) -> list[ImportJob]:
    """Up to CHUNK queued jobs of the batch, each taken queued -> running by one UPDATE, so a job
    another worker took at the same moment is left to it."""
    waiting = ImportJob.objects.filter(batch_id=batch_id, status=ImportJob.QUEUED)
    mine = []
    for pk in waiting.order_by("pk").values_list("pk", flat=True)[:CHUNK]:
        if waiting.filter(pk=pk).update(
            status=ImportJob.RUNNING, attempts=F("attempts") + 1, updated=timezone.now()
        ):
            mine.append(pk)
    return list(ImportJob.objects.filter(pk__in=mine).select_related("story").order_by("pk"))


def _import_chunk(jobs: list[ImportJob]) -> None:
    records = [
        {
            "data": bytes(job.raw_bytes),
            "file_name": job.file_name,
            "url": job.url,
            "title": job.title,
            "outlet": job.outlet,
            "published": job.published,
            "authors": job.authors or None,
        }
        for job in jobs
    ]
    try:
        results = articles_import_bulk(records=records, source_kind="upload", story=jobs[0].story)
    except Exception:  # one record breaks the batch insert: find it by importing one by one
        results = [_import_one(job, record) for job, record in zip(jobs, records, strict=True)]
    for job, result in zip(jobs, results, strict=True):
        _finish(job, result)


def _import_one(job: ImportJob, record: dict) -> ImportResult | str | Exception:
    try:
        return article_import(source_kind="upload", story=job.story, **record)
    except ImportRefused as error:
        return str(error)
    except Exception as error:  # recorded on the job and shown in the report
        return error


def _finish(job: ImportJob, result: ImportResult | str | Exception) -> None:
    if isinstance(result, ImportResult):
        job.status, job.article = ImportJob.DONE, result.article
        job.message = result.message
        if not result.created and job.attempts > 1 and result.article.imported >= job.created:
            # stored by this job's own earlier attempt, whose worker died before recording it
            job.message = _imported(result.article, result.article.story)
    elif isinstance(result, Exception):
        job.status, job.message = ImportJob.FAILED, f"{type(result).__name__}: {result}"
    else:
        job.status, job.message = ImportJob.REFUSED, result
    job.save(update_fields=["status", "message", "article", "updated"])


def import_batches_recover() -> list[int]:
    """Resume every batch whose worker died: waiting jobs and no heartbeat for
    IMPORT_JOB_STALE_MINUTES. Its running jobs are queued again and the batch is queued for the
    worker again (with the immediate backend, its progress page picks it up)."""
    expired = timezone.now() - timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES)
    resumed = []
    with transaction.atomic():
        dead = ImportBatch.objects.select_for_update(skip_locked=True).filter(
            finished__isnull=True, updated__lt=expired
        )
        for batch in dead.only("pk"):
            jobs = ImportJob.objects.filter(batch=batch)
            if not jobs.filter(status__in=ImportJob.ACTIVE).exists():
                continue
            jobs.filter(status=ImportJob.RUNNING).update(
                status=ImportJob.QUEUED,
                message=gettext("queued again: its worker stopped"),
                updated=timezone.now(),
            )
            ImportBatch.objects.filter(pk=batch.pk).update(updated=timezone.now())
            batch_enqueue(batch=batch)
            resumed.append(batch.pk)
    return resumed


def import_batch_progress(*, batch: ImportBatch) -> BatchProgress:
    jobs = ImportJob.objects.filter(batch=batch)
    counts = Counter(dict(jobs.values_list("status").annotate(n=Count("pk")).order_by()))
    created = jobs.filter(
        status=ImportJob.DONE, article__isnull=False, article__imported__gte=batch.created
    ).count()
    return BatchProgress(total=sum(counts.values()), counts=counts, created=created)


def import_batch_report(*, batch: ImportBatch):
    """Every record of the batch in upload order, with its outcome (for the finished report)."""
    return (
        ImportJob.objects.filter(batch=batch)
        .defer("raw_bytes")
        .select_related("article", "article__outlet")
        .order_by("pk")
    )


def import_batches_unfinished() -> Q:
    """Batches a backup keeps: those still working, or holding a job that failed."""
    return Q(finished__isnull=True) | Q(jobs__status__in=ImportJob.UNFINISHED)


def articles_import_upload(
    *, files, story: Story | None = None, user=None, background: bool = False
) -> list[tuple[str, ImportResult | ImportJob | str]] | ImportBatch:
    """Import uploaded files. More than IMPORT_MAX_RECORDS records become an ImportBatch for the
    background (a request that imported thousands would be cut off by the server half-way);
    fewer are imported inside the request, or queued as single jobs with `background`, and
    give (name, ImportResult, ImportJob or refusal) pairs."""
    uploaded = list(_uploaded_records(files))
    total = sum(len(records) for _, records in uploaded if not isinstance(records, str))
    if total > settings.IMPORT_MAX_RECORDS:
        return import_batch_create(uploaded=uploaded, story=story, user=user)
    if background:
        return import_jobs_upload(uploaded=uploaded, story=story, user=user)
    return uploaded_import(uploaded, story)
