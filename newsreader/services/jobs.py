"""Background import jobs: queued at once, run by the worker (`import_job_run`)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Article, ImportJob, Story
from .articles import ImportRefused, _check_web_url, grouped, the_text
from .fetch import page_fetch
from .imports import article_import

# At most this many jobs are queued by one request (an upload of JSON Lines files, say).
IMPORT_MAX_JOBS = 1000


def import_jobs_create(
    *, records: list[dict], source_kind: str, story: Story | None = None, user=None
) -> list[ImportJob]:
    """Queue one ImportJob per record (`article_import` keyword arguments) for the worker.

    The cheap checks run here, so bad input is refused at once and nothing is queued: the size
    and count limits, http(s) addresses. A `url` record without `data` is fetched by the worker.
    Decoding, cleaning, grouping and analysis run in the background (`import_job_run`).
    """
    if len(records) > IMPORT_MAX_JOBS:
        raise ImportRefused(
            gettext("{count} articles; at most {limit} at a time").format(
                count=grouped(len(records)), limit=grouped(IMPORT_MAX_JOBS)
            )
        )
    jobs = []
    for record in records:
        name, data, url = (
            record.get("file_name", ""),
            record.get("data", b""),
            record.get("url", ""),
        )
        if len(data) > settings.IMPORT_MAX_BYTES:
            raise ImportRefused(
                gettext("{name} is {size} bytes; the limit is {limit} bytes").format(
                    name=the_text(name),
                    size=grouped(len(data)),
                    limit=grouped(settings.IMPORT_MAX_BYTES),
                )
            )
        if url:
            _check_web_url(url)
        if not data and not (source_kind == "url" and url):
            raise ImportRefused(gettext("{name} is empty").format(name=the_text(name)))
        jobs.append(
            ImportJob(
                raw_bytes=data,
                file_name=name[:255],
                url=url,
                title=record.get("title", "")[:1000],
                outlet=record.get("outlet", ""),
                published=record.get("published"),
                authors=list(record.get("authors") or []),
                story=story,
                source_kind=source_kind,
                requested_by=user if user is not None and user.is_authenticated else None,
            )
        )
    with transaction.atomic():
        for job in jobs:
            job.save()
            import_job_enqueue(job=job)
    return jobs


def import_jobs_upload(*, uploaded, story: Story | None = None, user=None):
    """Uploaded records (`imports._uploaded_records`) as jobs for the background: (file name,
    ImportJob or refusal) pairs."""
    results: list[tuple[str, ImportJob | str]] = []
    for name, records in uploaded:
        try:
            if isinstance(records, str):
                raise ImportRefused(records)
            results.extend((r["file_name"], r["error"]) for r in records if "error" in r)
            records = [r for r in records if "error" not in r]
            jobs = import_jobs_create(records=records, source_kind="upload", story=story, user=user)
        except ImportRefused as error:
            results.append((name, str(error)))
            continue
        results.extend((name, job) for job in jobs)
    return results


def import_job_retry(*, job: ImportJob) -> ImportJob:
    """Queue a failed job again, or one left queued or running by a worker that stopped."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not (job.status == ImportJob.FAILED or job.stalled):
            raise ImportRefused(
                gettext(
                    "import job {pk} is {status}; only a failed job, or one stuck for more than "
                    "{minutes} minutes, can be queued again"
                ).format(
                    pk=job.pk,
                    status=job.get_status_display(),
                    minutes=settings.IMPORT_JOB_STALE_MINUTES,
                )
            )
        job.status, job.message = ImportJob.QUEUED, ""
        job.save(update_fields=["status", "message", "updated"])
        import_job_enqueue(job=job)
    return job


def import_jobs_recent(*, finished: int = 20) -> list[ImportJob]:
    """Every unfinished job (queued, running, failed) and the latest finished ones, newest first;
    the jobs of a batch are on its own page."""
    jobs = ImportJob.objects.filter(batch=None).defer("raw_bytes").select_related("article")
    unfinished = list(jobs.filter(status__in=ImportJob.UNFINISHED)[:IMPORT_MAX_JOBS])
    done = list(jobs.exclude(status__in=ImportJob.UNFINISHED)[:finished])
    return sorted(unfinished + done, key=lambda job: (job.created, job.pk), reverse=True)


@task()
def import_job_run(job_id: int) -> dict:
    """Turn a queued ImportJob into an article (`article_import`, which queues
    `tasks.article_process` for a new article) and record the outcome on the job.

    Idempotent: only a queued job is claimed, so a job done (or taken by another worker) is
    skipped, and the import itself returns the stored article for bytes already stored.
    """
    import_jobs_recover()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.QUEUED).update(
        status=ImportJob.RUNNING, attempts=F("attempts") + 1, updated=timezone.now()
    )
    job = ImportJob.objects.select_related("story").get(pk=job_id)
    if not claimed:
        return {"status": job.status, "skipped": True}
    try:
        if not job.raw_bytes:  # a web page: fetched here, then kept with the job
            job.raw_bytes, job.file_name = page_fetch(url=job.url)
            job.save(update_fields=["raw_bytes", "file_name", "updated"])  # also a heartbeat
        result = article_import(
            data=bytes(job.raw_bytes),
            source_kind=job.source_kind,
            file_name=job.file_name,
            url=job.url,
            title=job.title,
            outlet=job.outlet,
            published=job.published,
            authors=job.authors or None,
            story=job.story,
        )
    except ImportRefused as error:
        _job_finish(job, ImportJob.REFUSED, str(error))
        return {"status": job.status}
    except Exception as error:
        _job_finish(job, ImportJob.FAILED, f"{type(error).__name__}: {error}")
        raise  # the task is recorded as failed too, with its traceback
    _job_finish(job, ImportJob.DONE, result.message, article=result.article)
    return {"status": job.status, "article": result.article.pk, "created": result.created}


def _job_finish(job: ImportJob, status: str, message: str, article: Article | None = None):
    job.status, job.message, job.article = status, message, article
    job.save(update_fields=["status", "message", "article", "updated"])


def imports_in_background() -> bool:
    return settings.IMPORT_IN_BACKGROUND


def import_job_enqueue(*, job: ImportJob) -> None:
    """Queue `import_job_run` for the job once the current transaction commits (runs it at once
    with the immediate backend)."""
    task = import_job_run.using(backend=settings.TASKS_BACKEND)
    transaction.on_commit(lambda: task.enqueue(job_id=job.pk))


def import_jobs_recover() -> list[int]:
    """Queue again every job left running by a worker that died: a running job holds a lease
    of IMPORT_JOB_STALE_MINUTES from its last heartbeat (`updated`). Called by every job a
    worker starts and by `manage.py recover_import_jobs` (batches have their own lease, see
    `batches`); the claim in `import_job_run` and the
    idempotent import make a job queued twice run once."""
    expired = timezone.now() - timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES)
    with transaction.atomic():
        dead = list(
            ImportJob.objects.select_for_update(skip_locked=True)
            .filter(status=ImportJob.RUNNING, updated__lt=expired, batch=None)
            .only("pk")
        )
        for job in dead:
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.QUEUED,
                message=gettext("queued again: its worker stopped"),
                updated=timezone.now(),
            )
            import_job_enqueue(job=job)
    return [job.pk for job in dead]
