"""Furniture learned from an outlet's own pages: lines recurring verbatim across its stories.

A line that one outlet prints in many articles of different stories (a channel promo, a
standing disclaimer, a bare `Baca Juga` heading) is that outlet's furniture, in the manner of
boilerplate filters in text-reuse tools. A long prose line must recur far more often before it
counts, so a background paragraph repeated in a few follow-ups is never taken.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.analysis.profiles import Furniture
from newsreader.analysis.text import normalise, paragraphs, words

MIN_STORIES = 5  # a line in fewer stories than this is never furniture
PROSE_WORDS = 8  # a line of this many words, or a sentence of SENTENCE_WORDS, is prose ...
SENTENCE_WORDS = 5
PROSE_MIN_STORIES = 25  # ... and must recur in this many stories
MAX_CHARS = 300
PATTERN_MAX_CHARS = 300


@dataclass(frozen=True)
class LearnedFurniture:
    key: str  # `line_key` of the line
    text: str  # the line as first seen
    articles: int  # articles of the outlet that print it
    stories: int  # distinct stories among them
    outlet: str

    @property
    def reason(self) -> str:
        return f"recurs in {self.articles} articles of {self.outlet}"


def line_key(text: str) -> str:
    return re.sub(r"\s+", " ", normalise(text)).strip()


def learn_furniture(
    articles: Iterable[tuple[str, str]], outlet: str, kept_as_body: Iterable[str] = ()
) -> tuple[LearnedFurniture, ...]:
    """Recurring lines of one outlet's `(story key, raw text)` articles, most frequent first.

    `kept_as_body` holds keys an editor marked as body text: they are never learned.
    """
    stories: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, str] = {}
    seen_texts: set[str] = set()
    for story, raw in articles:
        if raw in seen_texts:
            continue
        seen_texts.add(raw)
        keys = set()
        for span in paragraphs(raw):
            text = span.text(raw)
            if len(text) <= MAX_CHARS and (key := line_key(text)):
                keys.add(key)
                first.setdefault(key, text)
        for key in keys:
            counts[key] += 1
            stories[key].add(story)
    skip = set(kept_as_body)
    found = [
        LearnedFurniture(key, first[key], counts[key], len(stories[key]), outlet)
        for key in counts
        if key not in skip and len(stories[key]) >= _threshold(first[key])
    ]
    return tuple(sorted(found, key=lambda f: (-f.articles, f.key)))


def _threshold(text: str) -> int:
    n = len(words(text))
    sentence = text.rstrip()[-1:] in ".!?" and n >= SENTENCE_WORDS
    return PROSE_MIN_STORIES if n >= PROSE_WORDS or sentence else MIN_STORIES


def pattern_rule(pattern: str, outlet: str) -> Furniture:
    """The whole-line rule of an editor's furniture pattern: the text of a line, any case and
    spacing, where `*` stands for any text (`Baca juga di *`). Removed lines keep the reason
    "furniture pattern of <outlet>"."""
    pieces = [r"\s+".join(map(re.escape, part.split())) for part in pattern.split("*")]
    regex = r"\s*" + r".*?".join(pieces) + r"\s*"
    return Furniture(re.compile(regex, re.IGNORECASE | re.DOTALL), f"furniture pattern of {outlet}")


def valid_pattern(pattern: str) -> bool:
    """A pattern names some text besides its wildcards and is no longer than a line."""
    return len(pattern) <= PATTERN_MAX_CHARS and len(words(pattern.replace("*", " "))) > 0
