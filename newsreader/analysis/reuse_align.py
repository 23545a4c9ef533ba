"""Pairwise alignment for `reuse`: tokenised documents, shared word n-gram seeds found through
one inverted index over every document (pairs sharing no seed are never compared), maximal
exact matches on a diagonal, and chains of them over small gaps."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz.distance import Indel

from .shared_features import per_text
from .text import QUOTE_CHARS, Span, keyed_words, normalise

SEED_WORDS = 4
MAX_GAP = 8
GAP_COST = 0.5
MAX_SEED_REPEAT = 8


@dataclass(frozen=True)
class Thresholds:
    min_words: int = 6
    edited_min: float = 0.8
    similar_min: float = 0.5


@dataclass
class _Doc:
    text: str
    tokens: list[Span]
    keys: list[str]
    starts: list[int]

    @cached_property
    def ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    def count_words(self, start: int, end: int) -> int:
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)

    def words_within(self, start: int, end: int) -> tuple[int, int]:
        """The range of tokens lying wholly inside start..end (empty when lo >= hi)."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)


@dataclass(frozen=True)
class _Edge:
    a: tuple[int, int, int]  # (doc, start, end)
    b: tuple[int, int, int]
    similarity: float
    kind: str


def _tokenise(text: str) -> _Doc:
    tokens, keys = per_text(keyed_words, text)
    return _Doc(text, tokens, keys, [t.start for t in tokens])


def seed_length(th: Thresholds) -> int:
    return max(2, min(SEED_WORDS, th.min_words))


# (first doc, second doc, chains of exact matches as (i0, i1, j0, j1) token ranges)
PairChains = tuple[int, int, list[list[tuple[int, int, int, int]]]]


def pair_chains(toks: dict[int, _Doc], n: int) -> dict[tuple[int, int], PairChains]:
    """The chains of every pair of documents (a < b) that share a seed, each pair oriented by
    content (shorter, then smaller text first) so relabelling articles cannot change a result."""
    chains = {}
    for (a, b), seeds in sorted(_shared_seeds(toks, n).items()):
        da, db = toks[a], toks[b]
        if (len(db.keys), db.text) < (len(da.keys), da.text):
            a, b, seeds = b, a, [(j, i) for i, j in seeds]
        chains[min(a, b), max(a, b)] = (a, b, _chains(_diagonal_runs(seeds, n)))
    return chains


def _shared_seeds(toks: dict[int, _Doc], n: int) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Seed positions (i in a, j in b) of every pair a < b sharing a word n-gram that neither
    repeats more than MAX_SEED_REPEAT times: one inverted index, so pairs sharing no n-gram cost
    nothing and each document's n-grams are built once."""
    postings: dict[tuple[str, ...], list[tuple[int, list[int]]]] = defaultdict(list)
    for d in sorted(toks):
        for gram, positions in _ngrams(toks[d].keys, n).items():
            if len(positions) <= MAX_SEED_REPEAT:
                postings[gram].append((d, positions))
    seeds: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for entries in postings.values():
        for x, (a, pa) in enumerate(entries):
            for b, pb in entries[x + 1 :]:
                seeds[a, b].extend((i, j) for i in pa for j in pb)
    return seeds


def chain_edges(
    a: int, da: _Doc, b: int, db: _Doc, chains, th: Thresholds, known: dict | None = None
) -> list[_Edge]:
    """The pair's alignments that pass the thresholds, graded, in document order (a < b).
    `known` (chain id -> facts) keeps what grading a chain reads for the next threshold
    setting: its ordinary words, its similarity, its widened spans."""
    known = {} if known is None else known
    edges = []
    for chain in chains:
        i0, i1, j0, j1 = chain[0][0], chain[-1][1], chain[0][2], chain[-1][3]
        if min(i1 - i0, j1 - j0) < th.min_words:
            continue
        facts = known.get(id(chain))
        if facts is None:
            facts = known[id(chain)] = {"ordinary": _ordinary_words(da, chain)}
        if facts["ordinary"] < th.min_words / 2:
            continue
        if "similarity" not in facts:
            facts["similarity"] = Indel.normalized_similarity(da.keys[i0:i1], db.keys[j0:j1])
        similarity = facts["similarity"]
        if similarity < th.similar_min:
            continue
        if "spans" not in facts:
            facts["verbatim"] = da.keys[i0:i1] == db.keys[j0:j1]
            facts["spans"] = _widen(da, i0, i1, db, j0, j1)
        verbatim, ((sa, ea), (sb, eb)) = facts["verbatim"], facts["spans"]
        kind = "verbatim" if verbatim else "edited" if similarity >= th.edited_min else "similar"
        edges.append(_Edge((a, sa, ea), (b, sb, eb), 1.0 if verbatim else similarity, kind))
    if a > b:
        return [_Edge(e.b, e.a, e.similarity, e.kind) for e in edges]
    return edges


def _ordinary_words(doc: _Doc, chain: list[tuple[int, int, int, int]]) -> int:
    """Matched words that are not capitalised: a run of names and titles alone is not reuse."""
    return sum(
        not doc.text[doc.tokens[i].start].isupper() for i0, i1, _, _ in chain for i in range(i0, i1)
    )


def _ngrams(keys: list[str], n: int) -> dict[tuple[str, ...], list[int]]:
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(keys) - n + 1):
        index[tuple(keys[i : i + n])].append(i)
    return index


def _diagonal_runs(seeds: list[tuple[int, int]], n: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of seeds on one diagonal, as (i0, i1, j0, j1) token ranges, sorted."""
    by_diagonal: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in seeds:
        by_diagonal[j - i].append((i, j))
    matches = []
    for run in by_diagonal.values():
        run.sort()
        i0, j0 = run[0]
        last = i0
        for i, j in run[1:]:
            if i != last + 1:
                matches.append((i0, last + n, j0, j0 + last + n - i0))
                i0, j0 = i, j
            last = i
        matches.append((i0, last + n, j0, j0 + last + n - i0))
    return sorted(matches)


def _chains(
    matches: list[tuple[int, int, int, int]],
) -> list[list[tuple[int, int, int, int]]]:
    """Chain exact matches over small gaps, best-scoring chain first (sparse DP); each word of
    either text ends up in at most one chain."""
    chains = []
    while matches:
        score = [float(i1 - i0) for i0, i1, _, _ in matches]
        prev = [-1] * len(matches)
        for k, (i0, i1, j0, _) in enumerate(matches):
            for p in range(k):
                gap_a, gap_b = i0 - matches[p][1], j0 - matches[p][3]
                if 0 <= gap_a <= MAX_GAP and 0 <= gap_b <= MAX_GAP:
                    s = score[p] + (i1 - i0) - GAP_COST * (gap_a + gap_b)
                    if s > score[k]:
                        score[k], prev[k] = s, p
        k = max(range(len(matches)), key=score.__getitem__)
        path = []
        while k != -1:
            path.append(k)
            k = prev[k]
        chain = [matches[k] for k in reversed(path)]
        chains.append(chain)
        i0, i1, j0, j1 = chain[0][0], chain[-1][1], chain[0][2], chain[-1][3]
        used = set(path)
        matches = [
            m
            for k, m in enumerate(matches)
            if k not in used and not (m[0] < i1 and m[1] > i0) and not (m[2] < j1 and m[3] > j0)
        ]
    return chains


_AFTER = re.compile(r"[^\w\s]*")
_BEFORE = re.compile(r"[^\w\s]*$")


def _widen(da: _Doc, i0: int, i1: int, db: _Doc, j0: int, j1: int):
    """Character spans of two aligned token ranges, widened over shared edge punctuation."""
    sa, ea = da.tokens[i0].start, da.tokens[i1 - 1].end
    sb, eb = db.tokens[j0].start, db.tokens[j1 - 1].end
    after_a, after_b = (
        _AFTER.match(da.text, ea).group(),
        _AFTER.match(db.text, eb).group(),
    )
    na, nb = _shared_edge(after_a, after_b)
    before_a = _BEFORE.search(da.text, 0, sa).group()[::-1]
    before_b = _BEFORE.search(db.text, 0, sb).group()[::-1]
    pa, pb = _shared_edge(before_a, before_b)
    return (sa - pa, ea + na), (sb - pb, eb + nb)


def _shared_edge(run_a: str, run_b: str) -> tuple[int, int]:
    """Characters of two punctuation runs (read outwards) to include: through the first quote
    mark when both have one, else their common prefix."""
    qa = next((k for k, c in enumerate(run_a) if c in QUOTE_CHARS), None)
    qb = next((k for k, c in enumerate(run_b) if c in QUOTE_CHARS), None)
    if qa is not None and qb is not None:
        return qa + 1, qb + 1
    common = 0
    for ca, cb in zip(run_a, run_b, strict=False):
        if normalise(ca) != normalise(cb):
            break
        common += 1
    return common, common
