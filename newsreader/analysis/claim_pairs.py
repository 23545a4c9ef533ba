"""Which pairs of claim units `claims.compare_claims` needs to look at: those that can be
linked, found by a prefix filter over the units' keys instead of trying every pair.

Every link rule of `claims._linked` asks for an IDF-weighted overlap coefficient of at least
LINK_MIN_SCORE (shared weight / the lighter unit's weight). With each unit's keys ordered
rarest first, the pair's shared keys cannot all lie in the lighter unit's suffix once that
suffix weighs less than LINK_MIN_SCORE of the unit: so a pair that can be linked shares a key
of one unit's prefix (Chaudhuri et al. 2006; Xiao et al. 2008, "PPJoin"). Rare keys come first,
so the postings read are short and common words are seldom probed. The other link, two denials
by the same states, is found by grouping the deniers. The pairs found are then judged by the
same rules as before, so the claim groups are exactly those of the all-pairs comparison.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations, repeat

import numpy as np

LINK_MIN_SCORE = 0.4  # the lowest similarity any rule of claims._linked accepts
_SLACK = 1e-9  # float sums: keep a key when the suffix is within rounding of the bound


def weight(keys: set[str], idf: Mapping[str, float]) -> float:
    """The IDF weight of a set of keys (1 for a key the IDF does not know)."""
    return sum(map(idf.get, keys, repeat(1.0)))


def overlap(
    a: set[str], b: set[str], weight_a: float, weight_b: float, idf: Mapping[str, float]
) -> float:
    """Weighted overlap coefficient of two key sets whose weights are known (0 if one is empty)."""
    return weight(a & b, idf) / min(weight_a, weight_b) if a and b else 0.0


def balance(a: set[str], b: set[str], idf: Mapping[str, float]) -> float:
    """The shared weight over the union's: how balanced two non-empty key sets are."""
    return weight(a & b, idf) / weight(a | b, idf)


def postings(keysets: Sequence[set[str]]) -> dict[str, list[int]]:
    """key -> the units (positions) that have it."""
    found: dict[str, list[int]] = {}
    for i, keys in enumerate(keysets):
        for k in keys:
            found.setdefault(k, []).append(i)
    return found


def prefix_pairs(
    keysets: Sequence[set[str]],
    docs: Sequence[int],
    idf: Mapping[str, float],
    index: Mapping[str, list[int]],
    min_score: float = LINK_MIN_SCORE,
) -> set[tuple[int, int]]:
    """(i, j), i < j, of units of different docs sharing a key of i's or j's prefix: every
    pair whose weighted overlap coefficient can reach `min_score`."""
    pairs: set[tuple[int, int]] = set()
    for i, keys in enumerate(keysets):
        weights = sorted((-idf.get(k, 1.0), k) for k in keys)
        rest = sum(-w for w, _ in weights)
        bound = min_score * rest - _SLACK
        for w, k in weights:
            if rest < bound:
                break
            rest += w
            for j in index[k]:
                if docs[j] != docs[i]:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def grouped_pairs(docs: Sequence[int], keys: Sequence[Hashable | None]) -> set[tuple[int, int]]:
    """(i, j), i < j, of units of different docs with the same key (None: no key)."""
    groups: dict[Hashable, list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            groups.setdefault(key, []).append(i)
    return {
        (i, j)
        for members in groups.values()
        for n, i in enumerate(members)
        for j in members[n + 1 :]
        if docs[i] != docs[j]
    }


class Closest:
    """The highest overlap coefficient of a unit with any unit of another doc (0 when none
    shares a key). Every unit's shared weight is summed at once from the postings (numpy);
    the best, and any within rounding of it, are then scored exactly as `overlap` does."""

    TIE = 1e-9  # far above the rounding of the summed weights

    def __init__(self, keysets, weights, index, idf, docs):
        self.keysets, self.weights, self.idf = keysets, weights, idf
        self.index = {k: np.array(units, dtype=np.intp) for k, units in index.items()}
        self.weight_array = np.array(weights, dtype=float)
        self.docs = np.array(docs)

    def __call__(self, i: int) -> float:
        a, wa = self.keysets[i], self.weights[i]
        if not a:
            return 0.0
        keys = list(a)
        units = np.concatenate([self.index[k] for k in keys])
        key_weights = [self.idf.get(k, 1.0) for k in keys]
        shared = np.bincount(
            units,
            weights=np.repeat(key_weights, [len(self.index[k]) for k in keys]),
            minlength=len(self.weights),
        )
        found = np.flatnonzero((shared > 0) & (self.docs != self.docs[i]))
        if not len(found):
            return 0.0
        approx = shared[found] / np.minimum(wa, self.weight_array[found])
        best = found[approx >= approx.max() - self.TIE]
        return max(weight(a & self.keysets[j], self.idf) / min(wa, self.weights[j]) for j in best)


def longest_run(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, int]:
    """Length of the longest common run of words, and where it starts in a."""
    best, at, prev = 0, 0, [0] * (len(b) + 1)
    for i, x in enumerate(a):
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, at = cur[j], i - cur[j] + 1
        prev = cur
    return best, at


def most_different(direct: list) -> tuple | None:
    """The two units (of different docs) whose words share the shortest common run."""
    pairs = [(a, b) for a, b in combinations(direct, 2) if a.doc != b.doc]
    if not pairs:
        return None
    return min(pairs, key=lambda p: (_keys_ratio(p[0].keys, p[1].keys), p[0].doc, p[1].doc))


def _keys_ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return 2 * longest_run(a, b)[0] / (len(a) + len(b)) if a or b else 1.0
