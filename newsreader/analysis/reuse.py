"""Text reuse between the articles of one story: shared passages, grouped across articles.

Method (seed-and-extend as in BLAST and passim, graded like Turnitin-style reports):
1. Tokenise with `text.words`/`text.word_key`, so punctuation and quote styles never matter.
2. Seed with every word 4-gram two articles share (very frequent 4-grams are skipped); runs of
   seeds on one diagonal become maximal exact matches.
3. Chain exact matches across small gaps (insertions, deletions, substitutions of up to
   `MAX_GAP` words) by dynamic programming on matched words minus a gap cost, best chain first.
   Offsets run from the first word's start to the last word's end, widened over the closing
   (and opening) quote or punctuation that both sides share.
4. Grade each alignment: verbatim (same word sequence), edited (word-level Indel similarity >=
   `edited_min`), similar (lower). Sentences sharing no alignment are paired as paraphrases
   ("similar") when their TF-IDF cosine over lemmas is >= `similar_min` and each is the other's
   best match.
5. Alignments are edges between member spans; spans of one article overlapping by half the
   longer are one node; connected components are the N-way groups, so results never depend on
   article order, and a short passage is not swallowed by a long copy that contains it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .reuse_align import (
    Thresholds,
    _Doc,
    _Edge,
    _tokenise,
    chain_edges,
    pair_chains,
    seed_length,
)
from .reuse_paraphrase import _paraphrases
from .shared_features import per_text, shared
from .text import paragraphs

__all__ = [
    "Member",
    "PassageGroup",
    "ReuseResult",
    "Thresholds",
    "find_passages",
    "find_passages_at",
]

DEFAULT = Thresholds()

QUOTE_SHARE = 0.7
DOUBLE_QUOTES = '"“”„‟«»'


@dataclass(frozen=True)
class Member:
    doc: int
    start: int
    end: int


@dataclass(frozen=True)
class PassageGroup:
    id: int
    kind: str  # "verbatim" | "edited" | "similar"
    similarity: float
    is_quote: bool
    members: tuple[Member, ...]
    words: int


@dataclass(frozen=True)
class ReuseResult:
    groups: tuple[PassageGroup, ...]
    pairwise: dict[tuple[int, int], float]
    shared_share: dict[int, float]
    texts: dict[int, str] = field(default_factory=dict)  # the clean texts analysed
    limits: tuple[dict, ...] = ()  # where a bound cut the work (`limits`)


def find_passages(docs: Mapping[int, str], thresholds: Thresholds = DEFAULT) -> ReuseResult:
    return find_passages_at(docs, [thresholds])[0]


def find_passages_at(docs: Mapping[int, str], settings: Sequence[Thresholds]) -> list[ReuseResult]:
    """`find_passages` at several threshold settings in one pass: documents are tokenised and
    their pairs seeded and chained once for each seed length."""
    with shared():
        return _find_passages_at(docs, settings)


def _find_passages_at(docs: Mapping[int, str], settings: Sequence[Thresholds]) -> list[ReuseResult]:
    toks = {d: per_text(_tokenise, docs[d]) for d in sorted(docs)}
    chained: dict[int, dict] = {}
    known: dict[int, dict] = {}  # what grading each chain read, for the other settings
    results = []
    for th in settings:
        n = seed_length(th)
        if n not in chained:
            chained[n] = pair_chains(toks, n)
        edges: list[_Edge] = []
        for a, b, chains in chained[n].values():
            edges += chain_edges(a, toks[a], b, toks[b], chains, th, known)
        cuts: list[dict] = []
        edges += _paraphrases(toks, edges, th, cuts)
        groups = _group(toks, edges, th)
        results.append(
            ReuseResult(
                groups=groups,
                pairwise=_pairwise(toks, groups),
                shared_share=_shared_share(toks, groups),
                texts=dict(docs),
                limits=tuple(cuts),
            )
        )
    return results


# -- grouping ------------------------------------------------------------------------------------


def _group(toks: dict[int, _Doc], edges: list[_Edge], th: Thresholds) -> tuple[PassageGroup, ...]:
    nodes = sorted({e.a for e in edges} | {e.b for e in edges})
    parent = {n: n for n in nodes}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def union(x, y):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    for e in edges:
        union(e.a, e.b)
    for x, y in _overlapping(nodes):
        if min(x[2], y[2]) - max(x[1], y[1]) >= 0.5 * max(x[2] - x[1], y[2] - y[1]):
            union(x, y)
    components: dict[tuple, list[_Edge]] = defaultdict(list)
    for e in edges:
        components[find(e.a)].append(e)
    quoted = {d: _quoted_chars(doc.text) for d, doc in toks.items()}
    built = []
    for comp in components.values():
        members = _merge_members({e.a for e in comp} | {e.b for e in comp})
        if all(e.kind == "verbatim" for e in comp):
            kind, similarity = "verbatim", 1.0
        else:
            similarity = min(e.similarity for e in comp)
            aligned = all(e.kind != "para" for e in comp)
            kind = "edited" if aligned and similarity >= th.edited_min else "similar"
        is_quote = all(_quote_share(quoted[m.doc], m) >= QUOTE_SHARE for m in members)
        n_words = min(toks[m.doc].count_words(m.start, m.end) for m in members)
        built.append((members, kind, similarity, is_quote, n_words))
    built.sort(key=lambda g: [(m.doc, m.start, m.end) for m in g[0]])
    return tuple(
        PassageGroup(i, kind, similarity, is_quote, members, n_words)
        for i, (members, kind, similarity, is_quote, n_words) in enumerate(built)
    )


def _overlapping(nodes: list[tuple[int, int, int]]):
    """Pairs of spans (doc, start, end) of one document that overlap; `nodes` sorted."""
    for k, x in enumerate(nodes):
        for y in nodes[k + 1 :]:
            if y[0] != x[0] or y[1] >= x[2]:
                break
            if y[2] > x[1]:
                yield x, y


def _merge_members(spans: set[tuple[int, int, int]]) -> tuple[Member, ...]:
    merged: list[list[int]] = []
    for doc, start, end in sorted(spans):
        if merged and merged[-1][0] == doc and start < merged[-1][2]:
            merged[-1][2] = max(merged[-1][2], end)
        else:
            merged.append([doc, start, end])
    return tuple(Member(*m) for m in merged)


def _quoted_chars(text: str) -> bytearray:
    """1 for each character inside paired double quote marks (paired per paragraph, any mark
    opening or closing; an unpaired last mark quotes to the paragraph end)."""
    inside = bytearray(len(text))
    for para in paragraphs(text):
        marks = [i for i in range(para.start, para.end) if text[i] in DOUBLE_QUOTES]
        for k in range(0, len(marks), 2):
            end = marks[k + 1] + 1 if k + 1 < len(marks) else para.end
            inside[marks[k] : end] = b"\x01" * (end - marks[k])
    return inside


def _quote_share(inside: bytearray, m: Member) -> float:
    return sum(inside[m.start : m.end]) / max(1, m.end - m.start)


# -- shares ---------------------------------------------------------------------------------------


def _members(groups, doc: int, other: int | None = None) -> list[Member]:
    return [
        m
        for g in groups
        if other is None or any(x.doc == other for x in g.members)
        for m in g.members
        if m.doc == doc
    ]


def _covered_share(doc: _Doc, ranges: list[tuple[int, int]]) -> float:
    """Share of the document's words lying wholly inside one of the members, given as the
    token ranges they hold (`_Doc.words_within`)."""
    if not doc.tokens:
        return 0.0
    covered, reach = 0, 0
    for lo, hi in sorted(ranges):
        lo = max(lo, reach)
        if hi > lo:
            covered, reach = covered + hi - lo, hi
    return covered / len(doc.tokens)


def _shared_share(toks: dict[int, _Doc], groups) -> dict[int, float]:
    """For each document, the share of its words in any passage."""
    ranges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for g in groups:
        for m in g.members:
            ranges[m.doc].append(toks[m.doc].words_within(m.start, m.end))
    return {d: _covered_share(toks[d], ranges[d]) if d in ranges else 0.0 for d in toks}


def _pairwise(toks: dict[int, _Doc], groups) -> dict[tuple[int, int], float]:
    """For each ordered pair, the share of the first's words in passages shared with the second."""
    shared: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for g in groups:
        docs = {m.doc for m in g.members}
        for m in g.members:
            within = toks[m.doc].words_within(m.start, m.end)
            for other in docs - {m.doc}:
                shared[m.doc, other].append(within)
    pairwise = dict.fromkeys(((a, b) for a in toks for b in toks if a != b), 0.0)
    for (a, b), ranges in shared.items():
        pairwise[a, b] = _covered_share(toks[a], ranges)
    return pairwise
