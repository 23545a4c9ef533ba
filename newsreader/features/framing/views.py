"""The framing panel of a story, its drill-downs to passages, and the outlet framing page with
its own drill-downs across stories and its corpus-wide distinctive terms."""

from django.shortcuts import get_object_or_404, render

from newsreader.features.framing.corpus import corpus_terms_context, outlet_term_context
from newsreader.features.framing.panel import outlet_context, panel_context
from newsreader.features.framing.passages import (
    outlet_passages_context,
    passages_context,
    term_context,
)
from newsreader.models import Outlet, Story


def story_framing(request, slug):
    story = get_object_or_404(Story, slug=slug)
    template = (
        "newsreader/framing/framing.html#panel"
        if request.htmx
        else "newsreader/framing/framing.html"
    )
    return render(request, template, panel_context(story, request.GET.getlist("a")))


def story_framing_passages(request, slug):
    story = get_object_or_404(Story, slug=slug)
    context = passages_context(
        story,
        request.GET.get("measure", ""),
        outlet=request.GET.get("outlet"),
        article=request.GET.get("article"),
    )
    return render(request, "newsreader/framing/framing_passages.html", context)


def story_framing_term(request, slug, stem):
    story = get_object_or_404(Story, slug=slug)
    return render(request, "newsreader/framing/framing_passages.html", term_context(story, stem))


def outlet_framing(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    context = outlet_context(outlet) | corpus_terms_context(outlet)
    return render(request, "newsreader/framing/framing_outlet.html", context)


def outlet_framing_passages(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    context = outlet_passages_context(outlet, request.GET.get("measure", ""))
    return render(request, "newsreader/framing/framing_outlet_passages.html", context)


def outlet_framing_term(request, slug, stem):
    outlet = get_object_or_404(Outlet, slug=slug)
    context = outlet_term_context(outlet, stem)
    return render(request, "newsreader/framing/framing_outlet_passages.html", context)
