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

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from rapidfuzz.distance import Indel

from .stemming import stem, stop_words
from .text import QUOTE_CHARS, Span, normalise, paragraphs, sentences, word_key, words

SEED_WORDS = 4
MAX_GAP = 8
GAP_COST = 0.5
MAX_SEED_REPEAT = 8
QUOTE_SHARE = 0.7
MIN_SHARED_STEMS = 3
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
class Thresholds:
    min_words: int = 6
    edited_min: float = 0.8
    similar_min: float = 0.5


@dataclass(frozen=True)
class ReuseResult:
    groups: tuple[PassageGroup, ...]
    pairwise: dict[tuple[int, int], float]
    shared_share: dict[int, float]
    texts: dict[int, str] = field(default_factory=dict)  # the clean texts analysed


@dataclass
class _Doc:
    text: str
    tokens: list[Span]
    keys: list[str]
    starts: list[int]

    def count_words(self, start: int, end: int) -> int:
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)


@dataclass(frozen=True)
class _Edge:
    a: tuple[int, int, int]  # (doc, start, end)
    b: tuple[int, int, int]
    similarity: float
    kind: str


def _tokenise(text: str) -> _Doc:
    tokens = words(text)
    keys = [word_key(text[t.start : t.end]) for t in tokens]
    return _Doc(text, tokens, keys, [t.start for t in tokens])


def find_passages(docs: Mapping[int, str], thresholds: Thresholds = Thresholds()) -> ReuseResult:
    toks = {d: _tokenise(docs[d]) for d in sorted(docs)}
    edges: list[_Edge] = []
    for a, b in combinations(sorted(toks), 2):
        edges += _align_pair(a, toks[a], b, toks[b], thresholds)
    edges += _paraphrases(toks, edges, thresholds)
    groups = _group(toks, edges, thresholds)
    return ReuseResult(
        groups=groups,
        pairwise=_pairwise(toks, groups),
        shared_share={d: _covered_share(toks[d], _members(groups, d)) for d in toks},
        texts=dict(docs),
    )


# -- pairwise alignment -------------------------------------------------------------------------


def _align_pair(a: int, da: _Doc, b: int, db: _Doc, th: Thresholds) -> list[_Edge]:
    # Align in an orientation fixed by content, so relabelling articles cannot change the result.
    if (len(db.keys), db.text) < (len(da.keys), da.text):
        return [_Edge(e.b, e.a, e.similarity, e.kind) for e in _align_pair(b, db, a, da, th)]
    n = max(2, min(SEED_WORDS, th.min_words))
    edges = []
    for chain in _chains(_exact_matches(da.keys, db.keys, n)):
        i0, i1, j0, j1 = chain[0][0], chain[-1][1], chain[0][2], chain[-1][3]
        if min(i1 - i0, j1 - j0) < th.min_words or _ordinary_words(da, chain) < th.min_words / 2:
            continue
        similarity = Indel.normalized_similarity(da.keys[i0:i1], db.keys[j0:j1])
        if similarity < th.similar_min:
            continue
        verbatim = da.keys[i0:i1] == db.keys[j0:j1]
        kind = "verbatim" if verbatim else "edited" if similarity >= th.edited_min else "similar"
        (sa, ea), (sb, eb) = _widen(da, i0, i1, db, j0, j1)
        edges.append(_Edge((a, sa, ea), (b, sb, eb), 1.0 if verbatim else similarity, kind))
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


def _exact_matches(ka: list[str], kb: list[str], n: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of shared n-grams on one diagonal, as (i0, i1, j0, j1) token ranges."""
    ia, ib = _ngrams(ka, n), _ngrams(kb, n)
    by_diagonal: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for gram, pa in ia.items():
        pb = ib.get(gram)
        if pb and len(pa) <= MAX_SEED_REPEAT and len(pb) <= MAX_SEED_REPEAT:
            for i in pa:
                for j in pb:
                    by_diagonal[j - i].append((i, j))
    matches = []
    for seeds in by_diagonal.values():
        seeds.sort()
        i0, j0 = seeds[0]
        last = i0
        for i, j in seeds[1:]:
            if i != last + 1:
                matches.append((i0, last + n, j0, j0 + last + n - i0))
                i0, j0 = i, j
            last = i
        matches.append((i0, last + n, j0, j0 + last + n - i0))
    return sorted(matches)


def _chains(matches: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
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


_UNCOVERED = re.compile(rb"\x00+")
_AFTER = re.compile(r"[^\w\s]*")
_BEFORE = re.compile(r"[^\w\s]*$")


def _widen(da: _Doc, i0: int, i1: int, db: _Doc, j0: int, j1: int):
    """Character spans of two aligned token ranges, widened over shared edge punctuation."""
    sa, ea = da.tokens[i0].start, da.tokens[i1 - 1].end
    sb, eb = db.tokens[j0].start, db.tokens[j1 - 1].end
    after_a, after_b = _AFTER.match(da.text, ea).group(), _AFTER.match(db.text, eb).group()
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


# -- paraphrased sentences ----------------------------------------------------------------------


def _paraphrases(toks: dict[int, _Doc], aligned: list[_Edge], th: Thresholds) -> list[_Edge]:
    """Mutual-best sentence pairs of two articles, sharing no alignment, whose content is
    reworded: IDF-weighted share of the smaller sentence's content stems (lower-case words
    outside the stop list, so names and titles alone never pair) found in the other,
    >= similar_min, with at least MIN_SHARED_STEMS stems and one stem bigram in common."""
    rows: list[tuple[int, Span, list[str]]] = []
    for d, doc in toks.items():
        for s in sentences(doc.text):
            lo, hi = bisect_left(doc.starts, s.start), bisect_left(doc.starts, s.end)
            if hi - lo >= th.min_words:
                content = [
                    stem(doc.keys[i])
                    for i in range(lo, hi)
                    if doc.keys[i] not in stop_words()
                    and not doc.text[doc.tokens[i].start].isupper()
                ]
                rows.append((d, s, content))
    if len({d for d, _, _ in rows}) < 2:
        return []
    vocab: dict[str, int] = {}
    present = [[vocab.setdefault(w, len(vocab)) for w in content] for _, _, content in rows]
    bigrams = [set(zip(content, content[1:], strict=False)) for _, _, content in rows]
    matrix = np.zeros((len(rows), len(vocab)))
    for r, ids in enumerate(present):
        matrix[r, ids] = 1.0
    idf = np.log((1 + len(rows)) / (1 + matrix.sum(axis=0))) + 1
    mass = matrix @ idf
    shared_count = matrix @ matrix.T
    smaller = np.maximum(np.minimum.outer(mass, mass), 1e-9)
    score = np.where(shared_count >= MIN_SHARED_STEMS, ((matrix * idf) @ matrix.T) / smaller, 0.0)
    covered = defaultdict(list)  # (doc, other doc) -> aligned spans in doc
    for e in aligned:
        covered[e.a[0], e.b[0]].append(e.a[1:])
        covered[e.b[0], e.a[0]].append(e.b[1:])
    by_doc = defaultdict(list)
    for r, (d, _, _) in enumerate(rows):
        by_doc[d].append(r)
    edges = []
    for a, b in combinations(sorted(by_doc), 2):
        ra = [r for r in by_doc[a] if not _overlaps(rows[r][1], covered[a, b])]
        rb = [r for r in by_doc[b] if not _overlaps(rows[r][1], covered[b, a])]
        if not ra or not rb:
            continue
        block = score[np.ix_(ra, rb)]
        for x, y in zip(*np.nonzero(block >= th.similar_min), strict=True):
            if not bigrams[ra[x]] & bigrams[rb[y]]:
                block[x, y] = 0.0
        best_b, best_a = block.argmax(axis=1), block.argmax(axis=0)
        for x, y in enumerate(best_b):
            if best_a[y] == x and block[x, y] >= th.similar_min:
                sa, sb = rows[ra[x]][1], rows[rb[y]][1]
                edges.append(
                    _Edge((a, sa.start, sa.end), (b, sb.start, sb.end), float(block[x, y]), "para")
                )
    return edges


def _overlaps(span: Span, spans: list[tuple[int, int]]) -> bool:
    return any(s < span.end and e > span.start for s, e in spans)


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
    for x, y in combinations(nodes, 2):
        if x[0] == y[0]:
            overlap = min(x[2], y[2]) - max(x[1], y[1])
            if overlap > 0 and overlap >= 0.5 * max(x[2] - x[1], y[2] - y[1]):
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


# -- shares, unique text, filters -------------------------------------------------------------


def _members(groups, doc: int, other: int | None = None) -> list[Member]:
    return [
        m
        for g in groups
        if other is None or any(x.doc == other for x in g.members)
        for m in g.members
        if m.doc == doc
    ]


def _covered_share(doc: _Doc, members: list[Member]) -> float:
    if not doc.tokens:
        return 0.0
    covered = sum(any(m.start <= t.start and t.end <= m.end for m in members) for t in doc.tokens)
    return covered / len(doc.tokens)


def _pairwise(toks: dict[int, _Doc], groups) -> dict[tuple[int, int], float]:
    return {
        (a, b): _covered_share(toks[a], _members(groups, a, b))
        for a in toks
        for b in toks
        if a != b
    }


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
