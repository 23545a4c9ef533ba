"""Word diffs of passages and of whole articles, rendered through render_marked (which escapes
every piece)."""

from __future__ import annotations

from dataclasses import replace

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from newsreader.analysis.diffing import diff_summary, diff_texts, word_diff_located
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


def diff_counts(ops) -> dict:
    summary = diff_summary(ops)
    return {
        "inserted": summary["inserted"],
        "deleted": summary["deleted"],
        "substituted": summary["substituted"],
        "empty": not any(summary.values()),
    }


def passage_versions(c: Comparison, g: PassageGroup, marks: dict[int, list[Mark]]) -> list[dict]:
    """Each member of the passage; every later one diffed against the earliest published, the
    note marks of both in it (without ids: the columns beside carry those)."""
    by_id = {a.pk: a for a in c.columns}

    def published(m):
        article = by_id[m.doc]
        return (article.published is None, article.published or 0, article.pk, m.start)

    members = sorted(g.members, key=published)
    base = members[0]
    unnamed = {pk: [_continued(m, ("id",)) for m in ms] for pk, ms in marks.items()}
    versions = []
    for m in members:
        version = {"article": by_id[m.doc], "base": m is base}
        if m is base:
            version["html"] = _segment(by_id[m.doc], unnamed.get(m.doc, []), m.start, m.end)
        else:
            diff, ops, _ = _diff_markup_located(
                (by_id[base.doc], base.start, base.end), (by_id[m.doc], m.start, m.end), unnamed
            )
            version.update(diff=diff, summary=diff_counts(ops))
        versions.append(version)
    return versions


def _continued(mark: Mark, dropped: tuple[str, ...]) -> Mark:
    attrs = tuple((k, v) for k, v in mark.attrs if k not in dropped)
    if "tabindex" in dropped:
        attrs += (("data-continued", "1"),)
    return replace(mark, attrs=attrs)


def _segment(article: Article, marks: list[Mark], start: int, end: int) -> SafeString:
    """article.clean_text[start:end] with its marks, carrying the article and offset a note
    needs; a mark begun in an earlier segment continues here (no second id or tab stop)."""
    marks = [
        m if m.start >= start else _continued(m, ("id", "tabindex"))
        for m in marks
        if m.start < end and m.end > start
    ]
    return format_html(
        '<span data-note-article="{}" data-start="{}">{}</span>',
        article.pk,
        start,
        render_marked(article.clean_text, marks, start=start, end=end),
    )


def _diff_markup_located(first: tuple, second: tuple, marks: dict[int, list[Mark]]):
    """The word diff of first and second, each (article, start, end) of its clean text: equal
    and deleted text is the first's, inserted text the second's, each with its note marks and
    offsets, so a note can be written on either article from the diff."""
    (a, a_start, a_end), (b, b_start, b_end) = first, second
    located = word_diff_located(a.clean_text[a_start:a_end], b.clean_text[b_start:b_end])
    ops = diff_texts(located)
    pieces = []
    for (op, shown), (_, text, start) in zip(ops, located, strict=True):
        article, base = (b, b_start) if op == "insert" else (a, a_start)
        segment = _segment(
            article, marks.get(article.pk, []), base + start, base + start + len(text)
        )
        gap = shown[: len(shown) - len(text)]  # the space word_diff puts before an insertion
        pieces.append(format_html(_DIFF_TAGS[op], format_html("{}{}", gap, segment)))
    return format_html_join("", "{}", ((p,) for p in pieces)), ops, located


def articles_diff(first: Article, second: Article, marks: dict[int, list[Mark]]) -> dict:
    """The word diff of two whole articles: markup, words per operation, a summary."""
    markup, ops, located = _diff_markup_located(
        (first, 0, len(first.clean_text)), (second, 0, len(second.clean_text)), marks
    )
    counts = {"equal": 0, "insert": 0, "delete": 0}
    for op, text, _ in located:
        counts[op] += len(text.split())
    return {"diff": markup, "counts": counts, "summary": diff_counts(ops)}
