"""Paraphrased sentences for `reuse`: mutual-best sentence pairs of two articles that share no
alignment, scored on IDF-weighted content stems."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import combinations

import numpy as np

from .limits import MAX_PARAPHRASE_SENTENCES, MAX_PARAPHRASE_SENTENCES_STORY
from .reuse_align import Thresholds, _Doc, _Edge
from .stemming import stem, stop_words
from .text import Span, sentences

MIN_SHARED_STEMS = 3


def _paraphrases(
    toks: dict[int, _Doc], aligned: list[_Edge], th: Thresholds, cuts: list[dict]
) -> list[_Edge]:
    """Mutual-best sentence pairs of two articles, sharing no alignment, whose content is
    reworded: IDF-weighted share of the smaller sentence's content stems (lower-case words
    outside the stop list, so names and titles alone never pair) found in the other,
    >= similar_min, with at least MIN_SHARED_STEMS stems and one stem bigram in common.
    Scores at most the first MAX_PARAPHRASE_SENTENCES sentences of an article and
    MAX_PARAPHRASE_SENTENCES_STORY of the story (`limits`); each cut is added to `cuts`."""
    rows: list[tuple[int, Span, list[str]]] = []
    budget = MAX_PARAPHRASE_SENTENCES_STORY
    for d, doc in toks.items():
        eligible = [
            (s, bisect_left(doc.starts, s.start), bisect_left(doc.starts, s.end))
            for s in sentences(doc.text)
        ]
        eligible = [(s, lo, hi) for s, lo, hi in eligible if hi - lo >= th.min_words]
        kept = max(0, min(MAX_PARAPHRASE_SENTENCES, budget))
        if len(eligible) > kept:
            cuts.append({"article": d, "what": "sentences", "found": len(eligible), "kept": kept})
        budget -= min(kept, len(eligible))
        for s, lo, hi in eligible[:kept]:
            content = [
                stem(doc.keys[i])
                for i in range(lo, hi)
                if doc.keys[i] not in stop_words() and not doc.text[doc.tokens[i].start].isupper()
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
                    _Edge(
                        (a, sa.start, sa.end),
                        (b, sb.start, sb.end),
                        float(block[x, y]),
                        "para",
                    )
                )
    return edges


def _overlaps(span: Span, spans: list[tuple[int, int]]) -> bool:
    return any(s < span.end and e > span.start for s, e in spans)
