"""Background work: index an imported article (`article_process`) and analyse a story whenever
it changes (`story_analysis_run`, queued by `story_analysis_queue`).

Tasks use Django's tasks framework. `TASKS_BACKEND=immediate` (the default, for `make run` on one
machine with no extra process) has no worker: import indexes the article itself,
`import_articles` analyses the stories it touched before it ends (so `make run` starts with the
samples analysed), and a story changed otherwise is analysed by the request that its page's
"analysing" state sends when it asks whether the analysis is ready. `TASKS_BACKEND=database` stores tasks in the
database (django-tasks-db); run `manage.py db_worker --backend database` beside the web server.
With it, imports from the web page are ImportJobs (settings.IMPORT_IN_BACKGROUND, see `jobs`):
the request stores the page bytes and returns; the worker decodes, cleans, groups and stores the
article, then runs `article_process`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.tasks import task

from ..models import Article, Story
from . import corpus, story_analysis


@task()
def article_process(article_id: int) -> dict:
    """Index the article's fingerprints and bring its story's cached analysis up to date."""
    article = Article.objects.select_related("story").get(pk=article_id)
    fingerprints = corpus.article_index(article=article)
    story_analysis_queue(story_id=article.story_id)
    return {"fingerprints": fingerprints}


WAITING = ("READY",)


@task()
def story_analysis_run(story_id: int) -> dict:
    """Compute and store the analysis of the story's current articles (nothing when current)."""
    story = Story.objects.filter(pk=story_id).first()
    if story is None:  # deleted or merged away since it was queued
        return {"story": story_id, "skipped": True}
    data = story_analysis.story_analyse(story=story)
    return {"story": story_id, "sections": sorted(data)}


def _analysis_waiting(story_id: int, statuses: tuple[str, ...]) -> bool:
    """Whether a story analysis task for the story is in one of these states."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=story_analysis_run.module_path,
        status__in=statuses,
        args_kwargs__kwargs__story_id=story_id,
    ).exists()


@dataclass
class Deferred:
    """The stories changed during `analyses_deferred`, and those analysed (or queued) at its end."""

    stories: set[int] = field(default_factory=set)
    analysed: list[int] = field(default_factory=list)


_deferred: ContextVar[Deferred | None] = ContextVar("analyses_deferred", default=None)


@contextmanager
def analyses_deferred() -> Iterator[Deferred]:
    """Hold back story analyses while a run of imports lasts (`import_articles`, a worker's
    upload batch): each story that changes meanwhile (imports, the regroup, re-cleaning) is
    noted, and when the run ends each one still there is analysed, or queued for the worker,
    once, instead of once per imported article. Articles imported meanwhile are indexed by the
    import itself, so no `article_process` is queued for them. Nested runs join the outer one."""
    if (outer := _deferred.get()) is not None:
        yield outer
        return
    deferred = Deferred()
    token = _deferred.set(deferred)
    try:
        yield deferred
    finally:
        _deferred.reset(token)
    ids = sorted(deferred.stories)
    for start in range(0, len(ids), 500):
        chunk = Story.objects.filter(pk__in=ids[start : start + 500]).order_by("pk")
        for story_id in chunk.values_list("pk", flat=True):
            story_analysis_queue(story_id=story_id)
            deferred.analysed.append(story_id)


def story_analysis_queue(*, story_id: int, unless_started: bool = False) -> None:
    """Have the story analysed: queued for the worker once the current transaction commits
    (unless a queued task, or with `unless_started` a running one, will do it), or computed at
    once with the immediate backend; during `analyses_deferred`, once at its end."""
    if (deferred := _deferred.get()) is not None:
        deferred.stories.add(story_id)
        return
    task = story_analysis_run.using(backend=settings.TASKS_BACKEND)
    if not in_background():
        task.enqueue(story_id=story_id)
        return

    def enqueue():
        if not _analysis_waiting(story_id, WAITING + (("RUNNING",) if unless_started else ())):
            task.enqueue(story_id=story_id)

    transaction.on_commit(enqueue)


def stories_changed(story_ids) -> None:
    """After a change to these stories' articles (or to data every analysis reads): queue their
    analyses for the worker. With the immediate backend their pages compute them on request,
    unless the change is part of a run of imports (`analyses_deferred`), which analyses them."""
    if (deferred := _deferred.get()) is not None:
        deferred.stories.update(story_ids)
    elif in_background():
        for story_id in dict.fromkeys(story_ids):
            story_analysis_queue(story_id=story_id)


def in_background() -> bool:
    return settings.TASKS_BACKEND != "immediate"


def article_enqueue(*, article: Article):
    """Queue `article_process` for the article once the current transaction commits (runs it
    at once with the immediate backend)."""
    task = article_process.using(backend=settings.TASKS_BACKEND)
    transaction.on_commit(lambda: task.enqueue(article_id=article.pk))


def article_after_import(*, article: Article) -> None:
    if (deferred := _deferred.get()) is not None:
        deferred.stories.add(article.story_id)
    elif in_background():
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
