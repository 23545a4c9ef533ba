"""Corpus-wide reuse: where an article's passages first appeared, and outlet reuse."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from newsreader.access import editor_required
from newsreader.models import Article, Outlet
from newsreader.services import corpus, tasks, validation
from newsreader.web.rendering import Mark, render_paragraphs

from .wording import origin_reason

CHART_WIDTH, BAR_HEIGHT, LABEL_WIDTH = 640, 28, 200
KIND_NAMES = {
    "verbatim": gettext_lazy("verbatim"),
    "edited": gettext_lazy("edited"),
    "similar": gettext_lazy("similar"),
}


MARK_CLASSES = {"copied": "origin-copied", "syndicated": "origin-syndicated"}


def _mark_title(number: int, kind: str) -> str:
    if kind == "copied":
        return gettext("passage {number}: copied").format(number=number)
    if kind == "syndicated":
        return gettext("passage {number}: syndication").format(number=number)
    return gettext("passage {number}: common source").format(number=number)


def article_origins(request, pk):
    article = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=pk)
    passages = corpus.article_origins(article=article)
    marks = [
        Mark(
            p.start,
            p.end,
            MARK_CLASSES.get(p.kind, "origin-common"),
            (("id", f"passage-{i}"), ("title", _mark_title(i, p.kind))),
        )
        for i, p in enumerate(passages, 1)
    ]
    spans = [(p["start"], p["end"]) for p in article.extraction.get("paragraphs", [])]
    body = render_paragraphs(article.clean_text, spans or [(0, len(article.clean_text))], marks)
    context = {
        "article": article,
        "passages": [
            {"origin": p, "reason": origin_reason(p.reason), "match": KIND_NAMES[p.match]}
            for p in passages
        ],
        "body": body,
        "copied_words": sum(p.words for p in passages if p.kind == "copied"),
        "syndicated_words": sum(p.words for p in passages if p.kind == "syndicated"),
        "common_words": sum(p.words for p in passages if p.kind == "common source"),
    }
    return render(request, "newsreader/origins/origins.html", context)


def _day(value: str, end: bool) -> tuple[datetime | None, str]:
    day, error = validation.query_day(value)
    if day is None:
        return None, error
    moment = datetime.combine(day, time.max if end else time.min)
    return timezone.make_aware(moment), ""


def outlet_reuse(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    since, since_error = _day(request.GET.get("since", "").strip(), end=False)
    until, until_error = _day(request.GET.get("until", "").strip(), end=True)
    reuse = corpus.outlet_reuse(outlet=outlet, since=since, until=until)
    top = max((r.share for r in reuse.rows), default=0) or 1
    bars = [
        {
            "row": r,
            "y": i * BAR_HEIGHT,
            "text_y": f"{i * BAR_HEIGHT + BAR_HEIGHT * 0.65:.1f}",  # SVG: never a decimal comma
            "width": max(1, round((CHART_WIDTH - LABEL_WIDTH - 80) * r.share / top)),
            "value_x": LABEL_WIDTH + 8 + round((CHART_WIDTH - LABEL_WIDTH - 80) * r.share / top),
        }
        for i, r in enumerate(reuse.rows)
    ]
    context = {
        "outlet": outlet,
        "reuse": reuse,
        "bars": bars,
        "since": since,
        "until": until,
        "errors": [e for e in (since_error, until_error) if e],
        "chart": {
            "width": CHART_WIDTH,
            "height": max(1, len(bars)) * BAR_HEIGHT,
            "label_width": LABEL_WIDTH,
            "bar_height": BAR_HEIGHT - 8,
        },
    }
    return render(request, "newsreader/origins/outlet_reuse.html", context)


@require_POST
@editor_required
def article_process(request, pk):
    """Run (or queue) indexing and story analysis again, e.g. after a failed task."""
    article = get_object_or_404(Article, pk=pk)
    tasks.article_enqueue(article=article)
    if tasks.in_background():
        messages.info(request, gettext("Processing queued; the status line shows its progress."))
    else:
        messages.success(request, gettext("Article indexed and story analysis refreshed."))
    return redirect(article)
