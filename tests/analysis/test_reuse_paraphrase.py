"""Paraphrase pairs found through the stem-bigram index are exactly those of scoring every
pair of sentences (the reference below, the engine's former dense matrix), on the samples."""

import numpy as np
import pytest

from newsreader.analysis import reuse_paraphrase
from newsreader.analysis.reuse_align import Thresholds, _tokenise, chain_edges, pair_chains

SETTINGS = [Thresholds(), Thresholds(min_words=4, edited_min=0.0, similar_min=0.4)]


def all_pairs(toks, aligned, th):
    """Every sentence of each article scored against every sentence of the others."""
    rows = [
        (d, s, content)
        for d, doc in toks.items()
        for s, n, content in reuse_paraphrase._sentence_stems(doc.text)
        if n >= th.min_words
    ]
    vocab = {}
    matrix = np.zeros((len(rows), len({w for _, _, c in rows for w in c})))
    for r, (_, _, content) in enumerate(rows):
        matrix[r, [vocab.setdefault(w, len(vocab)) for w in content]] = 1.0
    idf = np.log((1 + len(rows)) / (1 + matrix.sum(axis=0))) + 1
    mass = matrix @ idf
    shared = matrix @ matrix.T
    score = np.where(shared >= 3, (matrix * idf) @ matrix.T, 0.0)
    score /= np.maximum(np.minimum.outer(mass, mass), 1e-9)
    bigrams = [set(zip(c, c[1:], strict=False)) for _, _, c in rows]
    covered = {}
    for e in aligned:
        covered.setdefault((e.a[0], e.b[0]), []).append(e.a[1:])
        covered.setdefault((e.b[0], e.a[0]), []).append(e.b[1:])
    found = set()
    docs = sorted(toks)
    for n, a in enumerate(docs):
        for b in docs[n + 1 :]:
            free = lambda d, o: [  # noqa: E731
                r
                for r, row in enumerate(rows)
                if row[0] == d and not reuse_paraphrase._overlaps(row[1], covered.get((d, o), []))
            ]
            ra, rb = free(a, b), free(b, a)
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
                    found.add(((a, sa.start, sa.end), (b, sb.start, sb.end), block[x, y]))
    return found


@pytest.mark.parametrize("th", SETTINGS)
def test_indexed_paraphrases_equal_all_pairs_scoring(docs, th):
    toks = {d: _tokenise(docs[d]) for d in sorted(docs)}
    aligned = [
        e
        for a, b, chains in pair_chains(toks, 4).values()
        for e in chain_edges(a, toks[a], b, toks[b], chains, th)
    ]
    expected = all_pairs(toks, aligned, th)
    found = reuse_paraphrase._paraphrases(toks, aligned, th, [])
    assert expected  # the samples do paraphrase each other
    assert {(e.a, e.b) for e in found} == {(a, b) for a, b, _ in expected}
    scores = {(a, b): s for a, b, s in expected}
    for e in found:
        assert e.similarity == pytest.approx(scores[e.a, e.b], abs=1e-12)


def test_sentences_sharing_no_stem_bigram_are_never_scored():
    rows = [
        (1, None, ["serang", "rudal", "balas", "iran"]),
        (2, None, ["rudal", "balas", "kapal"]),
        (3, None, ["balas", "serang", "rudal"]),  # `serang rudal` with doc 1
        (3, None, ["iran", "rudal"]),
    ]
    assert reuse_paraphrase._bigram_pairs(rows) == {(0, 1), (0, 2)}
