"""Side-by-side comparison of a story's articles: columns, passages, diffs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .analysis.collation import collate
from .analysis.diffing import diff_summary, word_diff
from .analysis.reuse import PassageGroup, ReuseResult, unique_spans
from .comparison import (
    COMMON_IN_STORIES,
    LIMITS,
    MAX_COLUMNS,
    Settings,
    columns_choose,
    common_phrases,
    covered_words,
    passages_shown,
    settings_parse,
    word_positions,
)
from .models import Article, Story
from .rendering import Mark, render_marked, render_paragraphs
from .story_analysis import story_analyse, story_articles
from .templatetags.articles import published

KIND_LABELS = {
    "verbatim": "verbatim (identical words)",
    "edited": "edited (minor changes)",
    "similar": "similar (reworded)",
}
SIDE_PANELS = (
    ("claims-panel", "story-claims", "Quoted claims"),
    ("framing-panel", "story-framing", "Framing"),
)


@dataclass
class Comparison:
    """Everything the page and the passage panel need, built from the cached analysis."""

    story: Story
    articles: list[Article]
    columns: list[Article]
    settings: Settings
    notes: list[str]
    groups: list[PassageGroup]
    hidden: int
    analysis: dict
    texts: dict[int, str] = field(default_factory=dict)

    @property
    def query(self) -> str:
        return urlencode([("a", a.pk) for a in self.columns] + self.settings.query())

    def number(self, group: PassageGroup) -> int:
        return self.groups.index(group) + 1

    def name(self, article_id: int) -> str:
        return next(a.outlet.name for a in self.columns if a.pk == article_id)


def comparison_build(story: Story, params) -> Comparison:
    articles = story_articles(story)
    columns, notes = columns_choose(params, articles)
    settings, setting_notes = settings_parse(params)
    analysis = story_analyse(story=story)
    texts = {a.pk: a.clean_text for a in columns}
    common = common_phrases(story.pk) if settings.hide_common else frozenset()
    groups, hidden = passages_shown(analysis["reuse"], texts, settings, common)
    return Comparison(
        story, articles, columns, settings, notes + setting_notes, groups, hidden, analysis, texts
    )


# -- marks in the columns -----------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _label(c: Comparison, g: PassageGroup) -> str:
    label = f"#{c.number(g)}"
    return label + f" ≈{_percent(g.similarity)}" if g.kind == "similar" else label


def _description(c: Comparison, g: PassageGroup, article_id: int) -> str:
    others = []
    for m in g.members:
        name = c.name(m.doc)
        if m.doc != article_id and name not in others:
            others.append(name)
    text = f"Shared passage {c.number(g)} of {len(c.groups)}, {g.kind}"
    if g.kind != "verbatim":
        text += f", {_percent(g.similarity)} similar"
    if g.is_quote:
        text += ", a direct quote"
    return text + ", also in " + " and ".join(others)


def _marks(c: Comparison, article: Article) -> list[Mark]:
    marks = []
    for g in c.groups:
        for m in g.members:
            if m.doc == article.pk:
                attrs = (
                    ("id", f"m{g.id}-{m.doc}-{m.start}"),
                    ("data-group", str(g.id)),
                    ("data-label", _label(c, g)),
                    ("tabindex", "0"),
                    ("aria-describedby", f"d{g.id}-{m.doc}"),
                )
                marks.append(Mark(m.start, m.end, f"passage {g.kind}", attrs))
    if c.settings.unique:
        result = ReuseResult(tuple(c.groups), {}, {}, c.texts)
        marks += [
            Mark(s.start, s.end, "unique")
            for s in unique_spans(article.pk, article.clean_text, result)
        ]
    for q in c.analysis.get("claims", {}).get("_quotes", []):
        if q["article"] == article.pk:
            attrs = (("id", f"quote-{q['article']}-{q['start']}"),)
            marks.append(Mark(q["start"], q["end"], "quote-span", attrs, tag="span"))
    for hit in c.analysis.get("framing", {}).get("_hits", []):
        if hit["article"] == article.pk:
            attrs = (("data-category", hit["category"]),)
            marks.append(Mark(hit["start"], hit["end"], f"ev ev-{hit['category']}", attrs, "span"))
    return marks


def _paragraph_spans(article: Article) -> list[tuple[int, int]]:
    spans = [(p["start"], p["end"]) for p in article.extraction.get("paragraphs", [])]
    return spans or [(0, len(article.clean_text))]


def _column(c: Comparison, article: Article, index: int, marks: list[Mark], positions) -> dict:
    total = max(1, len(positions[0]))
    passages = [m for m in marks if m.css.startswith("passage")]
    shared = covered_words(positions, [(m.start, m.end) for m in passages])
    following = c.columns[index + 1] if index + 1 < len(c.columns) else None
    length = max(1, len(article.clean_text))
    strip = [
        {
            "x": round(1000 * mark.start / length, 1),
            "width": max(2.0, round(1000 * (mark.end - mark.start) / length, 1)),
            "kind": mark.css.split()[1],
            "href": "#" + dict(mark.attrs)["id"],
            "title": dict(mark.attrs)["data-label"],
        }
        for mark in passages
    ]
    return {
        "article": article,
        "words": len(positions[0]),
        "shared": _percent(shared / total),
        "own": _percent(1 - shared / total),
        "duplicates": len(article.extraction.get("self_duplicates", [])),
        "date": published(article),
        "diff_url": reverse("story-diff", args=[c.story.slug, article.pk, following.pk])
        if following
        else None,
        "next_outlet": following.outlet.name if following else None,
        "strip": strip,
    }


def _matrix(c: Comparison, positions: dict) -> list[dict]:
    rows = []
    for a in c.columns:
        total = max(1, len(positions[a.pk][0]))
        cells = []
        for b in c.columns:
            if a == b:
                cells.append({"other": b, "share": None})
                continue
            spans = [
                (m.start, m.end)
                for g in c.groups
                if any(x.doc == b.pk for x in g.members)
                for m in g.members
                if m.doc == a.pk
            ]
            share = covered_words(positions[a.pk], spans) / total
            cells.append({"other": b, "share": _percent(share)})
        rows.append({"article": a, "cells": cells})
    return rows


def _aligned_rows(c: Comparison, marks: dict[int, list[Mark]]) -> list[list]:
    result = ReuseResult(tuple(c.groups), {}, {}, c.texts)
    rows = collate(c.texts, result, [a.pk for a in c.columns])
    return [
        [
            render_paragraphs(a.clean_text, [(s.start, s.end) for s in row[a.pk]], marks[a.pk])
            if row[a.pk]
            else None
            for a in c.columns
        ]
        for row in rows
    ]


def _panels(slug: str) -> list[dict]:
    """The side panels whose views exist (features loaded into this page)."""
    panels = []
    for element_id, url_name, label in SIDE_PANELS:
        try:
            url = reverse(url_name, args=[slug])
        except NoReverseMatch:
            continue
        panels.append({"id": element_id, "label": label, "url": url})
    return panels


def _page_context(c: Comparison) -> dict:
    marks = {a.pk: _marks(c, a) for a in c.columns}
    positions = {a.pk: word_positions(a.clean_text) for a in c.columns}
    columns = [_column(c, a, i, marks[a.pk], positions[a.pk]) for i, a in enumerate(c.columns)]
    if c.settings.view == "aligned":
        aligned = _aligned_rows(c, marks)
    else:
        aligned = None
        for col in columns:
            col["body"] = render_paragraphs(
                col["article"].clean_text,
                _paragraph_spans(col["article"]),
                marks[col["article"].pk],
            )
    base = reverse("story-compare", args=[c.story.slug])
    shown = [a.pk for a in c.columns]
    descriptions = [
        (f"d{g.id}-{doc}", _description(c, g, doc))
        for g in c.groups
        for doc in dict.fromkeys(m.doc for m in g.members)
    ]
    passages = [
        {
            "group": g,
            "number": c.number(g),
            "similarity": _percent(g.similarity),
            "outlets": [c.name(doc) for doc in dict.fromkeys(m.doc for m in g.members)],
            "anchor": f"m{g.id}-{g.members[0].doc}-{g.members[0].start}",
            "url": reverse("story-compare-passage", args=[c.story.slug, g.id]) + "?" + c.query,
        }
        for g in c.groups
    ]

    def toggled(**change) -> str:
        settings = replace(c.settings, **change)
        return base + "?" + urlencode([("a", pk) for pk in shown] + settings.query())

    return {
        "story": c.story,
        "comparison": c,
        "settings": c.settings,
        "articles": [
            {"article": a, "position": shown.index(a.pk) + 1 if a.pk in shown else ""}
            for a in c.articles
        ],
        "columns": columns,
        "aligned": aligned,
        "matrix": _matrix(c, positions),
        "passages": passages,
        "descriptions": descriptions,
        "notes": c.notes,
        "hidden": c.hidden,
        "query": c.query,
        "compare_url": base + "?" + c.query,
        "passage_base": reverse("story-compare-passage", args=[c.story.slug, 0])[:-2],
        "panels": _panels(c.story.slug),
        "limits": LIMITS,
        "max_columns": MAX_COLUMNS,
        "common_in": COMMON_IN_STORIES,
        "kinds": KIND_LABELS,
        "view_urls": {
            "continuous": toggled(view="continuous"),
            "aligned": toggled(view="aligned"),
        },
        "unique_url": toggled(unique=not c.settings.unique),
    }


# -- word diffs, rendered through render_marked (which escapes every piece) -----------------------

_DIFF_TAGS = {
    "insert": '<ins class="diff-insert"><span class="visually-hidden">inserted: </span>'
    '<span class="marker" aria-hidden="true">+</span>{}</ins>',
    "delete": '<del class="diff-delete"><span class="visually-hidden">deleted: </span>'
    '<span class="marker" aria-hidden="true">−</span>{}</del>',
    "equal": "{}",
}


def diff_markup(ops: list[tuple[str, str]]) -> SafeString:
    """<ins>/<del> elements with a visible +/− marker and a visually hidden label each; the
    text itself goes through render_marked, which escapes it."""
    return format_html_join(
        "", "{}", ((format_html(_DIFF_TAGS[op], render_marked(text)),) for op, text in ops)
    )


def _summary(ops) -> dict:
    summary = diff_summary(ops)
    return {
        "inserted": summary["inserted"],
        "deleted": summary["deleted"],
        "substituted": summary["substituted"],
        "empty": not any(summary.values()),
    }


def _versions(c: Comparison, g: PassageGroup) -> list[dict]:
    """Each member of the passage; every later one diffed against the earliest published."""
    by_id = {a.pk: a for a in c.columns}

    def published(m):
        article = by_id[m.doc]
        return (article.published is None, article.published or 0, article.pk, m.start)

    members = sorted(g.members, key=published)
    base = members[0]
    base_text = c.texts[base.doc][base.start : base.end]
    versions = []
    for m in members:
        text = c.texts[m.doc][m.start : m.end]
        version = {"article": by_id[m.doc], "text": text, "base": m is base}
        if m is not base:
            ops = word_diff(base_text, text)
            version.update(diff=diff_markup(ops), summary=_summary(ops))
        versions.append(version)
    return versions


# -- views --------------------------------------------------------------------------------------


def _respond(request, c: Comparison, extra: dict | None = None):
    partial = request.htmx and not request.htmx.history_restore_request
    context = _page_context(c) | (extra or {})
    template = "newsreader/compare.html"
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
        raise Http404("no such passage among the shown columns and settings")
    extra = {
        "passage": chosen,
        "passage_number": c.number(chosen),
        "passage_similarity": _percent(chosen.similarity),
        "versions": _versions(c, chosen),
    }
    return _respond(request, c, extra)


def story_diff(request, slug, a, b):
    story = get_object_or_404(Story, slug=slug)
    first = get_object_or_404(Article.objects.select_related("outlet"), pk=a, story=story)
    second = get_object_or_404(Article.objects.select_related("outlet"), pk=b, story=story)
    ops = word_diff(first.clean_text, second.clean_text)
    counts = {"equal": 0, "insert": 0, "delete": 0}
    for op, text in ops:
        counts[op] += len(text.split())
    context = {
        "story": story,
        "first": first,
        "second": second,
        "diff": diff_markup(ops),
        "counts": counts,
        "summary": _summary(ops),
        "back": reverse("story-compare", args=[slug]) + "?" + urlencode([("a", a), ("a", b)]),
    }
    return render(request, "newsreader/diff.html", context)


urlpatterns = [
    path("stories/<slug:slug>/compare/", story_compare, name="story-compare"),
    path(
        "stories/<slug:slug>/compare/passage/<int:group>/",
        story_compare_passage,
        name="story-compare-passage",
    ),
    path("stories/<slug:slug>/diff/<int:a>/<int:b>/", story_diff, name="story-diff"),
]
