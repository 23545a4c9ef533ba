"""Background work: imports (`import_job_run`), then index and story analysis (`article_process`).

Tasks use Django's tasks framework. `TASKS_BACKEND=immediate` (the default, for `make run` on one
machine with no extra process) does nothing in the background: import indexes the article itself
and the story analysis is computed on first view. `TASKS_BACKEND=database` stores tasks in the
database (django-tasks-db); run `manage.py db_worker --backend database` beside the web server.
With it, imports from the web page are ImportJobs (settings.IMPORT_IN_BACKGROUND): the request
stores the page bytes and returns; the worker decodes, cleans, groups and stores the article.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from . import corpus, story_analysis
from .models import Article, ImportJob


@task()
def article_process(article_id: int) -> dict:
    """Index the article's fingerprints and bring its story's cached analysis up to date."""
    article = Article.objects.select_related("story").get(pk=article_id)
    fingerprints = corpus.article_index(article=article)
    story_analysis.story_analyse(story=article.story)
    return {"fingerprints": fingerprints}


def in_background() -> bool:
    return settings.TASKS_BACKEND != "immediate"


def article_enqueue(*, article: Article):
    """Queue `article_process` for the article once the current transaction commits (runs it
    at once with the immediate backend)."""
    task = article_process.using(backend=settings.TASKS_BACKEND)
    transaction.on_commit(lambda: task.enqueue(article_id=article.pk))


def article_after_import(*, article: Article) -> None:
    if in_background():
        article_enqueue(article=article)


def article_tasks(*, article: Article, limit: int = 3) -> list:
    """The latest background tasks of an article, newest first (empty without the database
    backend)."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return []
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(
            task_path=article_process.module_path, args_kwargs__kwargs__article_id=article.pk
        ).order_by("-enqueued_at")[:limit]
    )


@task()
def import_job_run(job_id: int) -> dict:
    """Turn a queued ImportJob into an article (`services.article_import`, which queues
    `article_process` for a new article) and record the outcome on the job.

    Idempotent: only a queued job is claimed, so a job done (or taken by another worker) is
    skipped, and the import itself returns the stored article for bytes already stored.
    """
    from . import services

    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.QUEUED).update(
        status=ImportJob.RUNNING, attempts=F("attempts") + 1, updated=timezone.now()
    )
    job = ImportJob.objects.select_related("story").get(pk=job_id)
    if not claimed:
        return {"status": job.status, "skipped": True}
    try:
        if not job.raw_bytes:  # a web page: fetched here, then kept with the job
            job.raw_bytes, job.file_name = services.page_fetch(url=job.url)
            job.save(update_fields=["raw_bytes", "file_name", "updated"])
        result = services.article_import(
            data=bytes(job.raw_bytes),
            source_kind=job.source_kind,
            file_name=job.file_name,
            url=job.url,
            title=job.title,
            outlet=job.outlet,
            published=job.published,
            story=job.story,
        )
    except services.ImportRefused as error:
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
