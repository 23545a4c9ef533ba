"""The comparison page's context: marks in the columns, column headers, the overview matrix and
strips, the aligned view, the side panels."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, gettext_lazy, ngettext

from newsreader.analysis.collation import collate
from newsreader.analysis.reuse import PassageGroup, ReuseResult
from newsreader.analysis.reuse_filters import unique_spans
from newsreader.analysis.syndication import syndicated_passage
from newsreader.models import Article
from newsreader.services.story_analysis import derived
from newsreader.web.rendering import Mark, render_paragraphs
from newsreader.web.templatetags.articles import published

from .passages import (
    COMMON_IN_STORIES,
    LIMITS,
    MAX_COLUMNS,
    Comparison,
    covered_words,
    word_positions,
)
from .syndication import comparison_syndication, short_label

KIND_LABELS = {
    "verbatim": gettext_lazy("verbatim (identical words)"),
    "edited": gettext_lazy("edited (minor changes)"),
    "similar": gettext_lazy("similar (reworded)"),
}
KIND_NAMES = {
    "verbatim": gettext_lazy("verbatim"),
    "edited": gettext_lazy("edited"),
    "similar": gettext_lazy("similar"),
}
SIDE_PANELS = (
    ("claims-panel", "story-claims", gettext_lazy("Quoted claims")),
    ("framing-panel", "story-framing", gettext_lazy("Framing")),
)


# -- marks in the columns -----------------------------------------------------------------------


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _label(c: Comparison, g: PassageGroup) -> str:
    label = f"#{c.number(g)}"
    return label + f" ≈{percent(g.similarity)}" if g.kind == "similar" else label


def _description(c: Comparison, g: PassageGroup, article_id: int, syndicated: str | None) -> str:
    others = []
    for m in g.members:
        name = c.name(m.doc)
        if m.doc != article_id and name not in others:
            others.append(name)
    text = gettext("Shared passage {number} of {total}, {kind}").format(
        number=c.number(g), total=len(c.groups), kind=KIND_NAMES[g.kind]
    )
    if g.kind != "verbatim":
        text += ", " + gettext("{share} similar").format(share=percent(g.similarity))
    if g.is_quote:
        text += ", " + gettext("a direct quote")
    if syndicated:
        text += ", " + syndicated
    also = ngettext("also in {outlets}", "also in {outlets}", len(others))
    return text + ", " + also.format(outlets=gettext(" and ").join(others))


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
    conflicts = set(_conflict_spans(c).get(article.pk, []))
    for q in _by_article(c, "claims", "_quotes").get(article.pk, []):
        attrs = (("id", f"quote-{q['article']}-{q['start']}"),)
        css = "quote-span"
        if (q["start"], q["end"]) in conflicts:
            css += " conflict"
            attrs += (
                ("tabindex", "-1"),
                ("title", gettext("A claim that conflicts with another outlet's version")),
            )
        marks.append(Mark(q["start"], q["end"], css, attrs, tag="span"))
    for hit in _by_article(c, "framing", "_hits").get(article.pk, []):
        attrs = (("data-category", hit["category"]),)
        marks.append(Mark(hit["start"], hit["end"], f"ev ev-{hit['category']}", attrs, "span"))
    return marks


def _by_article(c: Comparison, section: str, key: str) -> dict[int, list[dict]]:
    """A list of the analysis (quotes, evaluative hits) split by article, once per analysis."""

    def build():
        split: dict[int, list[dict]] = {}
        for item in c.analysis.get(section, {}).get(key, []):
            split.setdefault(item["article"], []).append(item)
        return split

    return derived(c.analysis, f"{section}.{key}", build)


def column_labels(columns: list[Article]) -> dict[int, str]:
    """A label per column that tells columns apart: the outlet, and when an outlet has several
    columns, the publication time (or date), else a short title."""
    by_outlet: dict[str, list[Article]] = {}
    for a in columns:
        by_outlet.setdefault(a.outlet.slug, []).append(a)
    labels = {}
    for same in by_outlet.values():
        for a in same:
            labels[a.pk] = a.outlet.display_name
        if len(same) == 1:
            continue
        stamps = [published(a) for a in same]  # the date (and time) as each page gave it
        if len(set(stamps)) < len(stamps):
            stamps = [_short_title(a.title) for a in same]
        if len(set(stamps)) < len(stamps):
            stamps = [f"#{a.pk}" for a in same]
        for a, stamp in zip(same, stamps, strict=True):
            labels[a.pk] = f"{a.outlet.display_name} · {stamp}"
    return labels


def _short_title(title: str, words: int = 4) -> str:
    parts = title.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _conflict_spans(c: Comparison) -> dict[int, list[tuple[int, int]]]:
    """Quote spans of the claims labelled `conflict`, per article: the "next conflict" stops."""

    def build():
        spans: dict[int, list[tuple[int, int]]] = {}
        for claim in c.analysis.get("claims", {}).get("claims", []):
            if claim.get("relation") == "conflict":
                for m in claim.get("members", []):
                    spans.setdefault(m["article"], []).append((m["start"], m["end"]))
        return spans

    return derived(c.analysis, "compare.conflicts", build)


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
            # SVG numbers are written here, not localised (no decimal comma in attributes)
            "x": f"{1000 * mark.start / length:.1f}",
            "width": f"{max(2.0, 1000 * (mark.end - mark.start) / length):.1f}",
            "kind": mark.css.split()[1],
            "kind_label": KIND_NAMES[mark.css.split()[1]],
            "href": "#" + dict(mark.attrs)["id"],
            "title": dict(mark.attrs)["data-label"],
        }
        for mark in passages
    ]
    return {
        "article": article,
        "words": len(positions[0]),
        "shared": percent(shared / total),
        "own": percent(1 - shared / total),
        "duplicates": len(article.extraction.get("self_duplicates", [])),
        "date": published(article),
        "diff_url": reverse("story-diff", args=[c.story.slug, article.pk, following.pk])
        if following
        else None,
        "next_outlet": following.outlet.display_name if following else None,
        "strip": strip,
        "conflicts": [
            {
                "y": f"{1000 * start / length:.1f}",
                "height": f"{max(4.0, 1000 * (end - start) / length):.1f}",
                "href": f"#quote-{article.pk}-{start}",
            }
            for start, end in sorted(_conflict_spans(c).get(article.pk, []))
        ],
    }


def _matrix(c: Comparison, positions: dict, relations: dict) -> list[dict]:
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
            relation = relations.get((a.pk, b.pk), "")
            cells.append({"other": b, "share": percent(share), "relation": relation})
        rows.append({"article": a, "cells": cells})
    return rows


def _aligned_rows(c: Comparison, marks: dict[int, list[Mark]]) -> list[list]:
    result = ReuseResult(tuple(c.groups), {}, {}, c.texts)
    rows = collate(c.texts, result, [a.pk for a in c.columns])
    return [
        [
            {
                "article": a.pk,
                "html": render_paragraphs(
                    a.clean_text, [(s.start, s.end) for s in row[a.pk]], marks[a.pk]
                ),
            }
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


def page_context(c: Comparison, extra_marks: dict[int, list[Mark]] | None = None) -> dict:
    """The page; `extra_marks` ({article id: marks}) are drawn in the columns too (notes)."""
    extra_marks = extra_marks or {}
    marks = {a.pk: _marks(c, a) + extra_marks.get(a.pk, []) for a in c.columns}
    positions = {a.pk: word_positions(a.clean_text) for a in c.columns}
    columns = [_column(c, a, i, marks[a.pk], positions[a.pk]) for i, a in enumerate(c.columns)]
    labels = column_labels(c.columns)
    for col in columns:
        col["label"] = labels[col["article"].pk]
    synd = comparison_syndication(c.columns, labels)
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
    syndicated = {
        g.id: short_label(label)
        for g in c.groups
        if (label := syndicated_passage({m.doc for m in g.members}, synd["labels"]))
    }
    descriptions = [
        (f"d{g.id}-{doc}", _description(c, g, doc, syndicated.get(g.id)))
        for g in c.groups
        for doc in dict.fromkeys(m.doc for m in g.members)
    ]
    passages = [
        {
            "group": g,
            "number": c.number(g),
            "kind_label": KIND_NAMES[g.kind],
            "syndication": syndicated.get(g.id, ""),
            "similarity": percent(g.similarity),
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
        "matrix": _matrix(c, positions, synd["cells"]),
        "syndication": synd["reasons"],
        "passages": passages,
        "descriptions": descriptions,
        "notes": c.notes,
        "pending_articles": c.pending,
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
        "overview_url": toggled(overview=not c.settings.overview),
        "side_open": c.settings.side == "open" or (not c.settings.side and len(columns) <= 3),
        "side_urls": {"open": toggled(side="open"), "closed": toggled(side="closed")},
        "labels": labels,
        "conflicts": sum(len(col["conflicts"]) for col in columns),
    }
