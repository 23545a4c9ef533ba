"""The coverage panel of a story: a fragment for htmx (the story page loads it), else a page."""

from django.shortcuts import get_object_or_404, render

from newsreader.models import Story

from .coverage import coverage_context


def story_coverage(request, slug):
    story = get_object_or_404(Story, slug=slug)
    template = "newsreader/coverage/coverage.html"
    return render(request, template + ("#panel" if request.htmx else ""), coverage_context(story))
