"""Aligned rows of paragraphs: corresponding passages of several articles side by side.

Paragraph pairs of two articles weigh the words of passage groups they share (scaled by the
group's similarity). Articles are merged by progressive alignment: the most strongly linked
pair first, then each article most linked to those already merged (ties by article id, never
by display order). Each merge is a dynamic-programming alignment of row sequences that keeps
every article's reading order and may match up to `MAX_BLOCK` consecutive rows of one side with
one row of the other (a paragraph split in two elsewhere). A moved paragraph keeps its place in
its own article and gets a row of its own; every paragraph appears exactly once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from .reuse import ReuseResult
from .text import Span, paragraphs, words

MAX_BLOCK = 4

Row = dict[int, list[int]]  # doc -> indices of its consecutive paragraphs in this row


def collate(
    docs: Mapping[int, str], result: ReuseResult, order: Sequence[int]
) -> list[dict[int, list[Span] | None]]:
    paras = {d: paragraphs(docs[d]) for d in docs}
    weights = _paragraph_weights(docs, paras, result)
    rows: list[Row] = []
    merged: list[int] = []
    for doc in _merge_order(sorted(docs), weights):
        own = [{doc: [i]} for i in range(len(paras[doc]))]
        rows = _align(rows, own, weights) if merged else own
        merged.append(doc)
    columns = list(order) + [d for d in sorted(docs) if d not in order]
    return [
        {d: [paras[d][i] for i in row[d]] if d in row else None for d in columns} for row in rows
    ]


def _paragraph_weights(docs, paras, result: ReuseResult) -> dict[tuple, float]:
    """(doc, paragraph) x (doc, paragraph) -> shared words, both directions."""
    starts = {d: [w.start for w in words(docs[d])] for d in docs}

    def pieces(m):
        for i, p in enumerate(paras[m.doc]):
            lo, hi = max(p.start, m.start), min(p.end, m.end)
            if lo < hi:
                yield (m.doc, i), bisect_left(starts[m.doc], hi) - bisect_left(starts[m.doc], lo)

    weights: dict[tuple, float] = defaultdict(float)
    for g in result.groups:
        for ma, mb in combinations([m for m in g.members if m.doc in docs], 2):
            if ma.doc == mb.doc:
                continue
            for u, wu in pieces(ma):
                for v, wv in pieces(mb):
                    weights[u, v] += min(wu, wv) * g.similarity
                    weights[v, u] += min(wu, wv) * g.similarity
    return weights


def _merge_order(doc_ids: list[int], weights) -> list[int]:
    link: dict[tuple[int, int], float] = defaultdict(float)
    for (u, v), w in weights.items():
        link[u[0], v[0]] += w
    if len(doc_ids) < 2:
        return doc_ids
    first = max(combinations(doc_ids, 2), key=lambda p: (link[p], -p[0], -p[1]))
    chosen = list(first)
    while len(chosen) < len(doc_ids):
        rest = [d for d in doc_ids if d not in chosen]
        chosen.append(max(rest, key=lambda d: (sum(link[c, d] for c in chosen), -d)))
    return chosen


def _align(xs: list[Row], ys: list[Row], weights) -> list[Row]:
    """Order-preserving alignment of two row sequences maximising matched weight."""
    index_x = {(d, i): r for r, row in enumerate(xs) for d, ps in row.items() for i in ps}
    index_y = {(d, i): r for r, row in enumerate(ys) for d, ps in row.items() for i in ps}
    score = [[0.0] * len(ys) for _ in xs]
    for (u, v), w in weights.items():
        if u in index_x and v in index_y:
            score[index_x[u]][index_y[v]] += w
    nx, ny = len(xs), len(ys)
    best = [[0.0] * (ny + 1) for _ in range(nx + 1)]
    step: list[list[tuple[int, int] | None]] = [[None] * (ny + 1) for _ in range(nx + 1)]
    for i in range(nx + 1):
        for j in range(ny + 1):
            options = []
            if i and j:
                for k in range(1, min(MAX_BLOCK, i) + 1):  # rows x[i-k:i] with y[j-1]
                    block = [score[r][j - 1] for r in range(i - k, i)]
                    if block[0] > 0 and block[-1] > 0:
                        options.append((best[i - k][j - 1] + sum(block), (k, 1)))
                for k in range(2, min(MAX_BLOCK, j) + 1):  # row x[i-1] with y[j-k:j]
                    block = score[i - 1][j - k : j]
                    if block[0] > 0 and block[-1] > 0:
                        options.append((best[i - 1][j - k] + sum(block), (1, k)))
            if i:
                options.append((best[i - 1][j], (1, 0)))
            if j:
                options.append((best[i][j - 1], (0, 1)))
            if options:
                best[i][j], step[i][j] = max(options, key=lambda o: o[0])
    merged: list[Row] = []
    i, j = nx, ny
    while i or j:
        di, dj = step[i][j]
        row: Row = {}
        for part in xs[i - di : i] + ys[j - dj : j]:
            for d, ps in part.items():
                row.setdefault(d, []).extend(ps)
        merged.append(row)
        i, j = i - di, j - dj
    merged.reverse()
    return merged
