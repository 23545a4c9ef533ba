"""Background work after an import: index the article and analyse its story (`article_process`).

Tasks use Django's tasks framework. `TASKS_BACKEND=immediate` (the default, for `make run` on one
machine with no extra process) does nothing in the background: import indexes the article itself
and the story analysis is computed on first view. `TASKS_BACKEND=database` stores tasks in the
database (django-tasks-db); run `manage.py db_worker --backend database` beside the web server.
With it, imports from the web page are ImportJobs (settings.IMPORT_IN_BACKGROUND, see `jobs`):
the request stores the page bytes and returns; the worker decodes, cleans, groups and stores the
article, then runs `article_process`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.tasks import task

from ..models import Article
from . import corpus, story_analysis


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
