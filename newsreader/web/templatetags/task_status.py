"""`{% article_task_status article %}`: the article's corpus index and background task state."""

from django import template

from newsreader.models import Shingle
from newsreader.services import tasks

register = template.Library()


@register.inclusion_tag("newsreader/task_status.html", takes_context=True)
def article_task_status(context, article):
    results = tasks.article_tasks(article=article)
    latest = results[0] if results else None
    return {
        "article": article,
        "latest": latest,
        "fingerprints": Shingle.objects.filter(article=article).count(),
        "background": tasks.in_background(),
        "can_edit": context.get("can_edit"),
        "csrf_token": context.get("csrf_token"),
    }
