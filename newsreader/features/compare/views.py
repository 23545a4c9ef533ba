"""Side-by-side comparison of a story's articles: columns, passages, diffs."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from newsreader.models import Article, Story
from newsreader.web.notes import articles_notes_context

from .diffs import articles_diff, passage_versions
from .page import KIND_NAMES, page_context, percent
from .passages import Comparison, comparison_build


def _respond(request, c: Comparison, extra: dict | None = None, notes_context=None):
    partial = request.htmx and not request.htmx.history_restore_request
    note_marks, notes = notes_context or articles_notes_context(request, c.columns)
    context = page_context(c, note_marks) | notes | (extra or {})
    template = "newsreader/compare/compare.html"
    if partial:
        template += "#panel" if extra and request.htmx.target == "passage-panel" else "#main"
    response = render(request, template, context)
    if partial and not extra:
        response["HX-Push-Url"] = context["compare_url"]
    return response


def story_compare(request, slug):
    story = get_object_or_404(Story, slug=slug)
    c = comparison_build(story, request.GET)
    if any(k.startswith("pos-") for k in request.GET) and not request.htmx:
        return redirect(reverse("story-compare", args=[slug]) + "?" + c.query)
    return _respond(request, c)


def story_compare_passage(request, slug, group):
    story = get_object_or_404(Story, slug=slug)
    c = comparison_build(story, request.GET)
    chosen = next((g for g in c.groups if g.id == group), None)
    if chosen is None:
        raise Http404(gettext("No such passage among the shown columns and settings."))
    notes_context = articles_notes_context(request, c.columns)
    extra = {
        "passage": chosen,
        "passage_number": c.number(chosen),
        "passage_similarity": percent(chosen.similarity),
        "passage_kind": KIND_NAMES[chosen.kind],
        "versions": passage_versions(c, chosen, notes_context[0]),
    }
    return _respond(request, c, extra, notes_context)


def story_diff(request, slug, a, b):
    story = get_object_or_404(Story, slug=slug)
    first = get_object_or_404(Article.objects.select_related("outlet"), pk=a, story=story)
    second = get_object_or_404(Article.objects.select_related("outlet"), pk=b, story=story)
    note_marks, notes = articles_notes_context(request, [first, second])
    context = {
        "story": story,
        "first": first,
        "second": second,
        **articles_diff(first, second, note_marks),
        **notes,
        "back": reverse("story-compare", args=[slug]) + "?" + urlencode([("a", a), ("a", b)]),
    }
    return render(request, "newsreader/compare/diff.html", context)
