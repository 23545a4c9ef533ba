"""A story page whose analysis is not computed yet shows its articles and an "analysing" state
that asks every two seconds whether the analysis is ready, and reloads the page when it is."""

from __future__ import annotations

from django.shortcuts import render

from newsreader.services import AnalysisPending

# 202 Accepted: the request is understood, its analysis is under way (htmx swaps any 2xx).
PENDING_STATUS = 202


def pending_response(request, story, articles: int):
    """The pending state: the fragment alone for htmx, else a page listing the articles."""
    context = {"story": story, "pending_articles": articles}
    if request.htmx and not request.htmx.history_restore_request:
        template = "newsreader/analysis_pending.html"
    else:
        template = "newsreader/story_pending.html"
        context["articles"] = story.articles.select_related("outlet").only(
            "title", "story_id", "outlet__slug", "outlet__name", "outlet__kind"
        )
    return render(request, template, context, status=PENDING_STATUS)


class AnalysisPendingMiddleware:
    """Turns `AnalysisPending` raised by a story view into the pending state."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AnalysisPending):
            return pending_response(request, exception.story, exception.articles)
        return None
