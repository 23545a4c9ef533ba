"""Story grouping: is a new article about the same event as an existing story?

Articles are compared by their content vocabulary (case-folded words of four letters or more,
minus common Indonesian and English function words), weighted by log term frequency; the
similarity is the cosine between the article and the pooled vocabulary of a story.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .text import WORD_RE, word_key

DEFAULT_THRESHOLD = 0.2

_FUNCTION_WORDS = frozenset(
    """
    yang dengan untuk dari dalam pada akan telah sudah sedang juga tidak bukan atau tetapi
    namun karena bahwa adalah sebagai oleh kepada tersebut hanya lebih bisa dapat harus
    mereka kami kita saya anda dia para sebuah seorang antara setelah sebelum hingga sampai
    jika kalau agar supaya masih belum pernah mungkin ketika saat secara serta bagi tentang
    menjadi mengatakan kata katanya ujar ujarnya hari senin selasa rabu kamis jumat sabtu
    minggu bulan tahun this that with from have were been their there which what when will
    would about into than them they said also more after before other
    """.split()
)


@dataclass(frozen=True)
class Match:
    story: object
    score: float


def vocabulary(text: str) -> Counter:
    counts = Counter()
    for match in WORD_RE.finditer(text):
        key = word_key(match.group())
        if len(key) >= 4 and not key.isdigit() and key not in _FUNCTION_WORDS:
            counts[key] += 1
    return counts


def _weight(count: int) -> float:
    return 1 + math.log(count) if count > 0 else 0.0


@dataclass
class Pool:
    """A story's pooled vocabulary with its vector norm, kept current as articles are added,
    so scoring an article costs the size of the article, not of the story."""

    counts: Counter
    norm2: float

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Pool:
        counts = Counter({k: v for k, v in counts.items() if v > 0})
        return cls(counts, sum(_weight(v) ** 2 for v in counts.values()))

    def add(self, words: Mapping[str, int]) -> None:
        for word, n in words.items():
            old = self.counts[word]
            self.counts[word] = old + n
            self.norm2 += _weight(old + n) ** 2 - _weight(old) ** 2


def similarity(words: Mapping[str, int], pool: Pool) -> float:
    """Cosine of log-weighted term frequencies between an article and a story."""
    dot = sum(_weight(n) * _weight(pool.counts.get(w, 0)) for w, n in words.items())
    norm = math.sqrt(sum(_weight(n) ** 2 for n in words.values()) * max(pool.norm2, 0.0))
    return dot / norm if norm else 0.0


def best_story(
    text: str,
    stories: Iterable[tuple[object, Pool]],
    threshold: float = DEFAULT_THRESHOLD,
    words: Mapping[str, int] | None = None,
) -> tuple[Match | None, Match | None]:
    """Return (chosen, runner_up): chosen is the most similar story at or above `threshold`.
    `words` is `vocabulary(text)` when the caller has it already."""
    words = vocabulary(text) if words is None else words
    ranked = sorted(
        (Match(story, similarity(words, pool)) for story, pool in stories),
        key=lambda m: m.score,
        reverse=True,
    )
    best = ranked[0] if ranked else None
    chosen = best if best and best.score >= threshold else None
    return chosen, best
