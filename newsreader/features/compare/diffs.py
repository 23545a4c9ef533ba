"""Word diffs of passages and of whole articles, rendered through render_marked (which escapes
every piece)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from newsreader.analysis.diffing import diff_summary, word_diff
from newsreader.analysis.reuse import PassageGroup
from newsreader.models import Article
from newsreader.web.rendering import render_marked

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


def articles_diff(first: Article, second: Article) -> dict:
    """The word diff of two whole articles: markup, words per operation, a summary."""
    ops = word_diff(first.clean_text, second.clean_text)
    counts = {"equal": 0, "insert": 0, "delete": 0}
    for op, text in ops:
        counts[op] += len(text.split())
    return {"diff": diff_markup(ops), "counts": counts, "summary": diff_counts(ops)}
