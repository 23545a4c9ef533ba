"""Paraphrased sentences for `reuse`: mutual-best sentence pairs of two articles that share no
alignment, scored on IDF-weighted content stems.

Only sentence pairs sharing a stem bigram can pair, so the candidates come from an inverted
index over the sentences' stem bigrams (sentences sharing none are never scored), and each
sentence's stems are read once per story, whatever the number of threshold settings.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict

import numpy as np

from .limits import MAX_PARAPHRASE_SENTENCES, MAX_PARAPHRASE_SENTENCES_STORY
from .reuse_align import Thresholds, _Doc, _Edge, _tokenise
from .shared_features import per_text
from .stemming import stem, stop_words
from .text import Span, sentences

MIN_SHARED_STEMS = 3


def _sentence_stems(text: str) -> list[tuple[Span, int, list[str]]]:
    """(sentence, its number of words, its content stems in order) for each sentence."""
    doc = per_text(_tokenise, text)
    stops = stop_words()
    rows = []
    for s in sentences(text):
        lo, hi = bisect_left(doc.starts, s.start), bisect_left(doc.starts, s.end)
        content = [
            stem(doc.keys[i])
            for i in range(lo, hi)
            if doc.keys[i] not in stops and not text[doc.tokens[i].start].isupper()
        ]
        rows.append((s, hi - lo, content))
    return rows


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
        eligible = [row for row in per_text(_sentence_stems, doc.text) if row[1] >= th.min_words]
        kept = max(0, min(MAX_PARAPHRASE_SENTENCES, budget))
        if len(eligible) > kept:
            cuts.append({"article": d, "what": "sentences", "found": len(eligible), "kept": kept})
        budget -= min(kept, len(eligible))
        rows += [(d, s, content) for s, _, content in eligible[:kept]]
    if len({d for d, _, _ in rows}) < 2:
        return []
    stems = [set(content) for _, _, content in rows]
    idf = _idf(stems)
    mass = [math.fsum(idf[w] for w in s) for s in stems]
    covered = defaultdict(list)  # (doc, other doc) -> aligned spans in doc
    for e in aligned:
        covered[e.a[0], e.b[0]].append(e.a[1:])
        covered[e.b[0], e.a[0]].append(e.b[1:])
    free: dict[tuple[int, int], bool] = {}  # (row, other doc) -> the row shares no alignment

    def is_free(r: int, other: int) -> bool:
        if (r, other) not in free:
            free[r, other] = not _overlaps(rows[r][1], covered[rows[r][0], other])
        return free[r, other]

    scores: dict[tuple[int, int], list[tuple[int, int, float]]] = defaultdict(list)
    for x, y in sorted(_bigram_pairs(rows)):
        a, b = rows[x][0], rows[y][0]
        shared = stems[x] & stems[y]
        if len(shared) < MIN_SHARED_STEMS or not is_free(x, b) or not is_free(y, a):
            continue
        score = math.fsum(idf[w] for w in shared) / max(min(mass[x], mass[y]), 1e-9)
        if score >= th.similar_min:
            scores[a, b].append((x, y, score))
    edges = []
    for (a, b), found in sorted(scores.items()):
        best_of_x = {}  # the highest score of each row, the first column on a tie
        best_of_y = {}
        for x, y, score in found:
            if x not in best_of_x or score > best_of_x[x][1]:
                best_of_x[x] = (y, score)
            if y not in best_of_y or score > best_of_y[y][1]:
                best_of_y[y] = (x, score)
        for x, (y, score) in sorted(best_of_x.items()):
            if best_of_y[y][0] == x:
                sa, sb = rows[x][1], rows[y][1]
                edges.append(_Edge((a, sa.start, sa.end), (b, sb.start, sb.end), score, "para"))
    return edges


def _idf(stems: list[set[str]]) -> dict[str, float]:
    """Smoothed IDF of each stem over the scored sentences."""
    df = Counter(w for s in stems for w in s)
    values = np.log((1 + len(stems)) / (1 + np.array(list(df.values()), dtype=float))) + 1
    return dict(zip(df, values.tolist(), strict=True))


def _bigram_pairs(rows: list[tuple[int, Span, list[str]]]) -> set[tuple[int, int]]:
    """(x, y), x < y, of rows of different articles sharing a stem bigram."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r, (_, _, content) in enumerate(rows):
        for gram in set(zip(content, content[1:], strict=False)):
            postings[gram].append(r)
    return {
        (x, y)
        for members in postings.values()
        for n, x in enumerate(members)
        for y in members[n + 1 :]
        if rows[x][0] != rows[y][0]
    }


def _overlaps(span: Span, spans: list[tuple[int, int]]) -> bool:
    return any(s < span.end and e > span.start for s, e in spans)
