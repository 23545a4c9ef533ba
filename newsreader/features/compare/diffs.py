"""Word diffs of passages and of whole articles, rendered through render_marked (which escapes
every piece)."""

from __future__ import annotations

from dataclasses import replace

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from newsreader.analysis.diffing import diff_summary, diff_texts, word_diff, word_diff_located
from newsreader.analysis.reuse import PassageGroup
from newsreader.models import Article
from newsreader.web.rendering import Mark, render_marked

from .passages import Comparison

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


def diff_counts(ops) -> dict:
    summary = diff_summary(ops)
    return {
        "inserted": summary["inserted"],
        "deleted": summary["deleted"],
        "substituted": summary["substituted"],
        "empty": not any(summary.values()),
    }


def passage_versions(c: Comparison, g: PassageGroup) -> list[dict]:
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
            version.update(diff=diff_markup(ops), summary=diff_counts(ops))
        versions.append(version)
    return versions


def _segment(article: Article, marks: list[Mark], start: int, end: int) -> SafeString:
    """article.clean_text[start:end] with its marks, carrying the article and offset a note
    needs; a mark begun in an earlier segment continues here (no second id or tab stop)."""
    marks = [
        m
        if m.start >= start
        else replace(
            m,
            attrs=tuple((k, v) for k, v in m.attrs if k not in {"id", "tabindex"})
            + (("data-continued", "1"),),
        )
        for m in marks
        if m.start < end and m.end > start
    ]
    return format_html(
        '<span data-note-article="{}" data-start="{}">{}</span>',
        article.pk,
        start,
        render_marked(article.clean_text, marks, start=start, end=end),
    )


def articles_diff(first: Article, second: Article, marks: dict[int, list[Mark]]) -> dict:
    """The word diff of two whole articles: markup, words per operation, a summary. Equal and
    deleted text is the first article's, inserted text the second's, each with its note marks
    and offsets, so a note can be written on either article from the diff."""
    located = word_diff_located(first.clean_text, second.clean_text)
    ops = diff_texts(located)
    counts = {"equal": 0, "insert": 0, "delete": 0}
    pieces = []
    for (op, shown), (_, text, start) in zip(ops, located, strict=True):
        counts[op] += len(text.split())
        article = second if op == "insert" else first
        segment = _segment(article, marks.get(article.pk, []), start, start + len(text))
        gap = shown[: len(shown) - len(text)]  # the space word_diff puts before an insertion
        pieces.append(format_html(_DIFF_TAGS[op], format_html("{}{}", gap, segment)))
    markup = format_html_join("", "{}", ((p,) for p in pieces))
    return {"diff": markup, "counts": counts, "summary": diff_counts(ops)}
