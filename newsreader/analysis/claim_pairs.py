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

from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import combinations, repeat

LINK_MIN_SCORE = 0.4  # the lowest similarity any rule of claims._linked accepts
_SLACK = 1e-9  # float sums: keep a key when the suffix is within rounding of the bound


def weight(keys: set[str], idf: Mapping[str, float]) -> float:
    """The IDF weight of a set of keys (1 for a key the IDF does not know)."""
    return sum(map(idf.get, keys, repeat(1.0)))


def overlap(
    a: set[str], b: set[str], weight_a: float, weight_b: float, idf: Mapping[str, float]
) -> tuple[float, float]:
    """Weighted overlap coefficient of two key sets whose weights are known, and the shared
    weight over the union's (how balanced the two are)."""
    if not a or not b:
        return 0.0, 0.0
    shared = weight(a & b, idf)
    return shared / min(weight_a, weight_b), shared / weight(a | b, idf)


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


def sharing(i: int, keysets: Sequence[set[str]], index: Mapping[str, list[int]]) -> list[int]:
    """The units sharing at least one key with unit i (the only ones of similarity above 0)."""
    return sorted({j for k in keysets[i] for j in index[k]} - {i})


def nearest(
    i: int,
    keysets: Sequence[set[str]],
    weights: Sequence[float],
    index: Mapping[str, list[int]],
    idf: Mapping[str, float],
    skip: Callable[[int], bool],
) -> float:
    """The highest overlap coefficient of unit i with a unit sharing a key (0 when none),
    `skip` left out; `weights` are the units' `weight`s."""
    a, wa = keysets[i], weights[i]
    return max(
        (
            weight(a & keysets[j], idf) / min(wa, weights[j])
            for j in sharing(i, keysets, index)
            if not skip(j)
        ),
        default=0.0,
    )


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
