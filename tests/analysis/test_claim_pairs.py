"""The claims prefilter: every pair of quote units that the link rules accept is among the
pairs it proposes, on the demo story (so the claim groups equal the all-pairs comparison's)."""

from itertools import combinations

from newsreader.analysis import claim_pairs, claims
from newsreader.analysis.coreference import normalise_speakers
from tests.analysis.test_quotes import story  # noqa: F401  (shared fixture)


def _similarity(u, v, idf) -> tuple[float, float]:
    """The all-pairs score: IDF-weighted overlap coefficient of two units' keys, and balance."""
    a, b = set(u.keys), set(v.keys)
    if not a or not b:
        return 0.0, 0.0
    score = claim_pairs.overlap(a, b, claim_pairs.weight(a, idf), claim_pairs.weight(b, idf), idf)
    return score, claim_pairs.balance(a, b, idf)


def test_every_linkable_pair_is_proposed_and_far_fewer_are_tried(story):  # noqa: F811
    _, quotes = story
    units = claims._units(normalise_speakers(dict(enumerate(quotes.values()))))
    idf = claims._idf(units)
    keysets = [set(u.keys) for u in units]
    docs = [u.doc for u in units]
    index = claim_pairs.postings(keysets)
    proposed = claim_pairs.prefix_pairs(keysets, docs, idf, index)
    deniers = [claims._identity(u) if claims._denies_states(u) else None for u in units]
    proposed |= claim_pairs.grouped_pairs(docs, deniers)
    speakers = [claims._identity(u) if u.whole else None for u in units]
    proposed |= claim_pairs.grouped_pairs(docs, speakers)  # what the judge may link
    every, linked = 0, set()
    for i, j in combinations(range(len(units)), 2):
        u, v = units[i], units[j]
        if u.doc == v.doc:
            continue
        every += 1
        score, _ = _similarity(u, v, idf)
        if claims._linked(u, v, score, idf) or claims._same_denial(u, v):
            linked.add((i, j))
        elif claims._judged_link(u, v):
            linked.add((i, j))
    assert linked and linked <= proposed
    assert len(proposed) < every / 2


def test_prefix_pairs_find_a_rare_shared_word_and_skip_pairs_sharing_only_common_ones():
    keysets = [{"rudal", "yang", "di"}, {"rudal", "dan", "yang"}, {"yang", "di", "kapal", "laut"}]
    idf = {"rudal": 3.0, "kapal": 3.0, "laut": 3.0, "yang": 0.1, "di": 0.1, "dan": 0.1}
    index = claim_pairs.postings(keysets)
    pairs = claim_pairs.prefix_pairs(keysets, [0, 1, 2], idf, index)
    assert pairs == {(0, 1)}  # the rare word shared; `yang di` is 0.2 of the lighter's 3.2


def test_longest_run():
    assert claim_pairs.longest_run(("a", "b", "c", "d"), ("x", "b", "c", "y")) == (2, 1)


def test_closest_claim_elsewhere_equals_scoring_every_unit(story):  # noqa: F811
    _, quotes = story
    units = claims._units(normalise_speakers(dict(enumerate(quotes.values()))))
    idf = claims._idf(units)
    keysets = [set(u.keys) for u in units]
    weights = [claim_pairs.weight(k, idf) for k in keysets]
    docs = [u.doc for u in units]
    closest = claim_pairs.Closest(keysets, weights, claim_pairs.postings(keysets), idf, docs)
    for i, u in enumerate(units):
        others = [_similarity(u, v, idf)[0] for v in units if v.doc != u.doc]
        assert closest(i) == max(others, default=0.0)
    assert 0 < min(map(closest, range(len(units)))) < max(map(closest, range(len(units)))) <= 1
