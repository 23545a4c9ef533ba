"""Report filters over `reuse` results: text no passage covers, recurring phrases, and the
quote, length and stock-phrase filters."""

from __future__ import annotations

import re

from .reuse import PassageGroup, ReuseResult, _members
from .text import Span, paragraphs, word_key, words

_UNCOVERED = re.compile(rb"\x00+")


def unique_spans(doc: int, text: str, result: ReuseResult) -> list[Span]:
    """Stretches of `text`, within paragraphs, that no group covers and that contain a word."""
    covered = bytearray(len(text))
    for m in _members(result.groups, doc):
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    spans = []
    for para in paragraphs(text):
        for free in _UNCOVERED.finditer(covered, para.start, para.end):
            chunk = text[free.start() : free.end()]
            if words(chunk):
                start = free.start() + len(chunk) - len(chunk.lstrip())
                spans.append(Span(start, free.start() + len(chunk.rstrip())))
    return spans


def phrase_keys(text: str, n: int = 5) -> set[str]:
    """Normalised word n-grams of `text`, to count phrases that recur across stories."""
    keys = [word_key(text[t.start : t.end]) for t in words(text)]
    return {" ".join(keys[i : i + n]) for i in range(len(keys) - n + 1)}


def filter_groups(
    result: ReuseResult,
    *,
    hide_quotes: bool = False,
    min_words: int = 0,
    common_phrases: frozenset[str] = frozenset(),
) -> tuple[PassageGroup, ...]:
    """Groups left after the report filters: quotes, short matches, stock phrases."""
    n = len(next(iter(common_phrases)).split(" ")) if common_phrases else 0
    return tuple(
        g
        for g in result.groups
        if not (hide_quotes and g.is_quote)
        and g.words >= min_words
        and not (n and _stock_share(result, g, common_phrases, n) > 0.5)
    )


def _stock_share(result: ReuseResult, g: PassageGroup, phrases: frozenset[str], n: int) -> float:
    """Share of the shortest member's words that lie in a common phrase."""
    member = min(g.members, key=lambda m: (m.end - m.start, m.doc))
    text = result.texts[member.doc][member.start : member.end]
    keys = [word_key(text[t.start : t.end]) for t in words(text)]
    covered = [False] * len(keys)
    for i in range(len(keys) - n + 1):
        if " ".join(keys[i : i + n]) in phrases:
            covered[i : i + n] = [True] * n
    return sum(covered) / max(1, len(keys))
