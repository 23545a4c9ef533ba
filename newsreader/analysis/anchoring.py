"""Finding a noted span again after its text moved (re-cleaning, a corrected field).

A note keeps its quote and a little text on either side; the best place is the occurrence of
the quote whose surroundings match most, then the one nearest the old offset. Whitespace may
differ (a re-cleaned paragraph break); the quote's words must all be there, in order.
"""

from __future__ import annotations

import re

CONTEXT = 32  # characters kept on either side of a noted span


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    words = quote.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def anchor_find(
    text: str, quote: str, prefix: str = "", suffix: str = "", near: int = 0
) -> tuple[int, int] | None:
    """The span of `text` where the quote now stands, or None when its text is gone."""
    candidates = _occurrences(text, quote)
    if not candidates:
        return None

    def score(span: tuple[int, int]) -> tuple[int, int]:
        before, after = context_around(text, *span)
        fit = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        return (-fit, abs(span[0] - near))

    return min(candidates, key=score)


def span_within(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Where the quote stands inside text[start:end] (a passage of another article); the whole
    span when that article words it differently."""
    found = _occurrences(text[start:end], quote)
    if found:
        return start + found[0][0], start + found[0][1]
    return start, end
