"""Report filters over `reuse` results: text no passage covers, recurring phrases, and the
quote, length and stock-phrase filters."""

from __future__ import annotations

import re

from .corpus_index import SHINGLE_WORDS, ngram_hashes, to_signed, tokens
from .reuse import PassageGroup, ReuseResult, _members
from .text import Span, paragraphs, words

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


def _shortest(result: ReuseResult, g: PassageGroup) -> str:
    member = min(g.members, key=lambda m: (m.end - m.start, m.doc))
    return result.texts[member.doc][member.start : member.end]


def phrase_hashes(text: str) -> list[int]:
    """The hashes of `text`'s word 5-grams in text order, as the corpus index stores them
    (signed 64-bit): stock phrases are looked up by these."""
    return to_signed(ngram_hashes(text)).tolist()


def stock_candidates(result: ReuseResult) -> set[int]:
    """The phrase hashes a stock-phrase filter of `result` asks about (its shortest members')."""
    return {h for g in result.groups for h in phrase_hashes(_shortest(result, g))}


def filter_groups(
    result: ReuseResult,
    *,
    hide_quotes: bool = False,
    min_words: int = 0,
    stock: frozenset[int] = frozenset(),
) -> tuple[PassageGroup, ...]:
    """Groups left after the report filters: quotes, short matches, stock phrases (`stock`:
    phrase hashes; a group goes when most of its shortest member's words lie in one)."""
    return tuple(
        g
        for g in result.groups
        if not (hide_quotes and g.is_quote)
        and g.words >= min_words
        and not (stock and _stock_share(_shortest(result, g), stock) > 0.5)
    )


def _stock_share(text: str, stock: frozenset[int]) -> float:
    """Share of the words of `text` that lie in a stock phrase."""
    covered = [False] * len(tokens(text))
    for i, h in enumerate(phrase_hashes(text)):
        if h in stock:
            covered[i : i + SHINGLE_WORDS] = [True] * SHINGLE_WORDS
    return sum(covered) / max(1, len(covered))
