"""Corpus-wide text reuse: which earlier articles (any story, any outlet) share an article's text.

1. `shingles(text)`: every word 5-gram of `text.word_key` tokens, hashed to 64 bits (8-grams
   were tried first: the demo articles share quotations of 9-13 words, which share only two
   8-grams but thirteen 5-grams). Each distinct word is hashed once with blake2b (cached); the
   n-gram hash is a polynomial of the word hashes in wrapping uint64 numpy arithmetic with a
   splitmix64 finaliser, so only the regex tokenising stays in Python (about 0.2 ms an article).
   `fingerprint(text)` winnows them (about 40% kept) for storage.
2. `ShingleIndex`: sorted numpy arrays of (hash, doc) pairs. Batches are appended and merged
   lazily; a lookup is two `searchsorted` calls. Shingles held by more than `max_docs` documents
   (boilerplate, banal phrases, wire copy everyone ran) are skipped at lookup, so candidate lists
   stay small and cost does not grow quadratically with the corpus.
3. `passage_origins(doc_text, earlier)`: aligns the article with each candidate using
   `reuse.find_passages` (exact character offsets) and classifies every shared passage as
   "common source" (many outlets at about the same time, or a passage recurring in many articles)
   or "copied" from the earliest article that published it. A copy is never older than its
   source: candidates published after the article are never offered as its origin.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import numpy as np

from .reuse import find_passages
from .text import WORD_RE

SHINGLE_WORDS = 5  # the demo articles share quotes of 9-13 words, 8-grams barely see them
MAX_DOCS_PER_SHINGLE = 100
WINNOW_WINDOW = 4  # stored fingerprints: any shared run of 8 words shares at least one
COMMON_OUTLETS = 3  # a passage in this many outlets ...
COMMON_WINDOW = timedelta(hours=36)  # ... within this time is a common source (wire, statement)
RECURRING_DOCS = 8  # a passage in this many earlier articles recurs everywhere

_MULT = np.uint64(0x100000001B3)
_MASK = 0xFFFFFFFFFFFFFFFF


@lru_cache(maxsize=1 << 20)
def _word_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def tokens(text: str) -> list[str]:
    """Word keys of `text`, equal to `text.word_key` of each `text.words` token for ordinary text
    (the whole text is folded once instead of token by token)."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return WORD_RE.findall(folded)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the polynomial hash over all 64 bits."""
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def _positional(text: str, n: int) -> np.ndarray:
    """Hashes of the word n-grams of `text`, in text order."""
    keys = tokens(text)
    if len(keys) < n:
        return np.empty(0, dtype=np.uint64)
    words = np.fromiter((_word_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
    m = len(words) - n + 1
    h = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * _MULT + words[k : k + m]
        return _mix(h)


def ngram_hashes(text: str, n: int = SHINGLE_WORDS) -> np.ndarray:
    """Hashes of the word n-grams of `text` in text order (those that `fingerprint` winnows)."""
    return _positional(text, n)


def shingles(text: str, n: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 64-bit hashes of the word n-grams of `text` (empty if fewer than n words)."""
    return np.unique(_positional(text, n))


def fingerprint(text: str, n: int = SHINGLE_WORDS, window: int = WINNOW_WINDOW) -> np.ndarray:
    """The shingles kept for storage, chosen by winnowing (Schleimer et al. 2003): the smallest
    hash of every `window` consecutive shingles. Any shared run of n + window - 1 words shares
    at least one fingerprint, while only about 2 / (window + 1) of the shingles are kept."""
    h = _positional(text, n)
    if len(h) <= window:
        return np.unique(h)
    return np.unique(np.lib.stride_tricks.sliding_window_view(h, window).min(axis=1))


def to_signed(hashes: np.ndarray) -> np.ndarray:
    """uint64 hashes as int64 (same bits), for signed 64-bit database columns."""
    return hashes.astype(np.uint64).view(np.int64)


class ShingleIndex:
    """In-memory inverted index of shingle hashes: sorted (hash, doc) arrays."""

    def __init__(self, max_docs: int = MAX_DOCS_PER_SHINGLE):
        self.max_docs = max_docs
        self._hashes = np.empty(0, dtype=np.uint64)
        self._docs = np.empty(0, dtype=np.int64)
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []

    def add(self, batch: Iterable[tuple[int, np.ndarray]]) -> None:
        """Add (doc, hashes) pairs; merged into the sorted arrays at the next lookup."""
        for doc, hashes in batch:
            hashes = np.unique(np.asarray(hashes, dtype=np.uint64))
            self._pending.append((hashes, np.full(len(hashes), doc, dtype=np.int64)))

    def __len__(self) -> int:
        self._merge()
        return len(self._hashes)

    @property
    def nbytes(self) -> int:
        self._merge()
        return self._hashes.nbytes + self._docs.nbytes

    def _merge(self) -> None:
        if not self._pending:
            return
        hashes = np.concatenate([self._hashes, *(h for h, _ in self._pending)])
        docs = np.concatenate([self._docs, *(d for _, d in self._pending)])
        order = np.argsort(hashes, kind="stable")
        self._hashes, self._docs = hashes[order], docs[order]
        self._pending = []

    def candidates(self, hashes: np.ndarray, min_shared: int = 3) -> dict[int, int]:
        """{doc: number of shared shingles} for docs sharing at least `min_shared`, ignoring
        shingles held by more than `max_docs` documents."""
        self._merge()
        query = np.unique(np.asarray(hashes, dtype=np.uint64))
        lo = np.searchsorted(self._hashes, query, "left")
        hi = np.searchsorted(self._hashes, query, "right")
        keep = (hi > lo) & (hi - lo <= self.max_docs)
        lo, hi = lo[keep], hi[keep]
        if not len(lo):
            return {}
        lengths = hi - lo
        # Positions lo[i] .. hi[i]-1 of every kept shingle, without a Python loop.
        offsets = np.repeat(lo - np.cumsum(lengths) + lengths, lengths)
        positions = offsets + np.arange(lengths.sum())
        docs, counts = np.unique(self._docs[positions], return_counts=True)
        hit = counts >= min_shared
        return dict(zip(docs[hit].tolist(), counts[hit].tolist(), strict=True))

    def common(self, hashes: np.ndarray) -> int:
        """How many of `hashes` are held by more than `max_docs` documents (capped)."""
        self._merge()
        query = np.unique(np.asarray(hashes, dtype=np.uint64))
        lo = np.searchsorted(self._hashes, query, "left")
        hi = np.searchsorted(self._hashes, query, "right")
        return int(np.sum(hi - lo > self.max_docs))


# -- origins ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sharer:
    doc: int
    start: int  # offsets in that doc's text
    end: int
    published: datetime | None
    outlet: str


@dataclass(frozen=True)
class Origin:
    start: int  # offsets in the new article's text
    end: int
    words: int
    kind: str  # "copied" | "syndicated" | "common source"
    source: int | None  # the earliest article sharing the passage (None for a common source)
    sharers: tuple[Sharer, ...]  # every earlier article sharing it, earliest first
    match: str  # "verbatim" | "edited" | "similar"
    is_quote: bool
    reason: str


def passage_origins(
    doc_text: str,
    earlier: Mapping[int, tuple[str, datetime | None, str]],
    *,
    published: datetime | None = None,
    outlet: str = "",
    groups: Mapping[str, str] | None = None,
) -> list[Origin]:
    """Trace the passages of `doc_text` (of `outlet`) to the `earlier` articles ({doc: (text,
    published, outlet)}) that share them. Articles published after `published` are left out:
    they may copy this article, never be its source. `groups` maps an outlet to its media group
    (an outlet missing from it is a group of its own): text from a sister outlet of the same
    group is syndication, not a copy, and a common source takes two independent groups."""
    shared: list[tuple[int, int, Sharer, str, bool, int]] = []
    for doc, (text, date, their_outlet) in earlier.items():
        if published and date and date > published:
            continue
        result = find_passages({-1: doc_text, doc: text})
        for group in result.groups:
            mine = [m for m in group.members if m.doc == -1]
            theirs = [m for m in group.members if m.doc == doc]
            for m in mine:
                for t in theirs:
                    sharer = Sharer(doc, t.start, t.end, date, their_outlet)
                    shared.append((m.start, m.end, sharer, group.kind, group.is_quote, group.words))
    group_of = _grouper(groups or {})
    return [
        _classify(doc_text, cluster, published, group_of(outlet) if outlet else None, group_of)
        for cluster in _clusters(shared)
    ]


def _grouper(groups: Mapping[str, str]):
    return lambda outlet: groups.get(outlet) or f"outlet:{outlet}"


def _clusters(shared):
    """Passages of the new article overlapping by at least half the shorter are one passage."""
    clusters: list[list] = []
    for item in sorted(shared, key=lambda s: (s[0], -s[1])):
        start, end = item[0], item[1]
        if clusters:
            c_start, c_end = clusters[-1][0][0], max(s[1] for s in clusters[-1])
            overlap = min(end, c_end) - max(start, c_start)
            if overlap * 2 >= min(end - start, c_end - c_start):
                clusters[-1].append(item)
                continue
        clusters.append([item])
    return clusters


def _order(sharer: Sharer):
    return (sharer.published is None, sharer.published or datetime.min, sharer.doc)


def _classify(doc_text: str, cluster, published: datetime | None, group, group_of) -> Origin:
    start, end = min(s[0] for s in cluster), max(s[1] for s in cluster)
    best: dict[int, tuple] = {}
    for item in cluster:  # one span per sharing article: its longest
        sharer = item[2]
        if sharer.doc not in best or item[5] > best[sharer.doc][5]:
            best[sharer.doc] = item
    sharers = tuple(sorted((item[2] for item in best.values()), key=_order))
    match = min((item[3] for item in best.values()), key=["verbatim", "edited", "similar"].index)
    is_quote = all(item[4] for item in best.values())
    words = len(tokens(doc_text[start:end]))
    outlets = {s.outlet for s in sharers}
    independent = {group_of(o) for o in outlets} | ({group} if group else set())
    dated = [s.published for s in sharers if s.published]
    if published:
        dated.append(published)
    spread = max(dated) - min(dated) if dated else None
    common = len(outlets) >= COMMON_OUTLETS and len(independent) >= 2
    if common and spread is not None and spread <= COMMON_WINDOW:
        hours = round(spread.total_seconds() / 3600)
        within = f"within {hours} hours" if hours >= 1 else "within the hour"
        return Origin(
            start, end, words, "common source", None, sharers, match, is_quote,
            f"{len(outlets)} outlets of {len(independent)} media groups published it {within}: "
            "most likely all "
            "took it from one source (wire copy, press release or official statement)",
        )  # fmt: skip
    if len(sharers) >= RECURRING_DOCS and len(independent) >= 2:
        return Origin(
            start, end, words, "common source", None, sharers, match, is_quote,
            f"it recurs in {len(sharers)} earlier articles from {len(outlets)} outlets: "
            "a stock phrase or standard text rather than one article's copy",
        )  # fmt: skip
    source = sharers[0]
    if group and group_of(source.outlet) == group and not group.startswith("outlet:"):
        return Origin(
            start, end, words, "syndicated", source.doc, sharers, match, is_quote,
            f"syndication within the media group {group}: a sister outlet published it first",
        )  # fmt: skip
    reason = f"the earliest of {len(sharers)} earlier article(s) sharing it"
    if source.published and published:
        reason += ", published " + _ago(published - source.published)
    elif not source.published:
        reason += "; its date is unknown, so which came first is not certain"
    else:
        reason += "; this article's date is unknown, so which came first is not certain"
    if is_quote:
        reason += "; it is a quotation, so both may quote the same speaker independently"
    return Origin(start, end, words, "copied", source.doc, sharers, match, is_quote, reason)


def _ago(delta: timedelta) -> str:
    """How long before this article the source appeared, never "0 hours before"."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "at the same time as this one"
    if minutes < 60:
        return f"{minutes} minutes before this one"
    if delta.days >= 2:
        return f"{delta.days} days before this one"
    return f"{round(minutes / 60)} hours before this one"
