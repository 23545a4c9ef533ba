"""Story grouping: is an article about the same event as a story, and which stories do a set
of articles form?

An article is a unit vector of its event features (`grouping_features`) weighted by rarity:
IDF over the stored articles, so a name few articles carry counts far more than a common word.
A story is the sum of its members' vectors (`Profile`). An article joins the story whose
centroid it is closest to (cosine with the sum, i.e. with most of the members, never with one
member: no chaining), when that similarity reaches `THRESHOLD` once the time penalty is taken
off: every day the story would span beyond `DAY_GRACE` costs `DAY_PENALTY`, so a story cannot
drift and an article far from a story's first days needs much stronger evidence. Candidate
stories come from an inverted index of each article's strongest features (`keys`), never from
a scan of all stories.

`cluster` runs the same decision over many articles in publication order with a deterministic
tie-break, so the same articles give the same stories whatever order they were imported in.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from .grouping_features import EventFeatures
from .grouping_signals import (
    LEAD_DAY,
    TITLE_NUMBER,
    TITLE_UNIT,
    TODAY,
    day_agreement,
    days_cosine,
    main_entries,
    most_named,
    number_conflict,
    other_day_reports,
    side_entries,
)

THRESHOLD = 0.25
DAY_GRACE = 1  # days a story may span before the time penalty starts
DAY_PENALTY = 0.1  # similarity needed per extra day
DATE_PENALTY = 0.1  # similarity needed when none of the story's dated members names its days
NUMBER_PENALTY = 0.5  # similarity needed when all the story's titles count the same otherwise
REPORT_PENALTY = 0.3  # similarity needed by a report of its day against reports of another day
MERGE_THRESHOLD = 0.3  # two stories this close as wholes are merged (`merge_pass`)
MERGE_KEY_STORIES = 40  # an index key held by more stories proposes no pairs
SUGGEST_MARGIN = 0.07  # a best story this close below the threshold is a merge suggestion
KEYS_PER_ARTICLE = 15
CANDIDATES = 20  # stories sharing the most keys with an article are scored
PROFILE_TERMS = 600  # a stored story profile keeps its strongest terms


def idf(df: int, docs: int) -> float:
    return math.log((docs + 1) / (df + 1)) + 1.0


def vector(features: EventFeatures, df: Mapping[str, int], docs: int) -> dict[str, float]:
    """The article's unit vector: feature weights times IDF (`df` counts stored articles; a
    feature missing from it is new, held by no stored article). The days its title and lead
    name ride along as `l:` entries outside the unit vector (see `day_agreement`)."""
    raw = {k: w * idf(df.get(k, 0), docs) for k, w in features.weights.items() if w > 0}
    norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
    vec = {k: x / norm for k, x in raw.items()}
    for day in features.lead_days:
        vec[f"{LEAD_DAY}{day}"] = 1.0
    if features.lead_days:
        vec[LEAD_DAY] = 1.0
    if features.published_day is not None and features.lead_days == (features.published_day,):
        vec[f"{TODAY}{features.published_day}"] = 1.0
    for number in features.title_numbers:
        vec[f"{TITLE_NUMBER}{number}"] = 1.0
        vec[f"{TITLE_UNIT}{number.partition(' ')[2]}"] = 1.0
    return vec


def keys(vec: Mapping[str, float]) -> list[str]:
    """The article's strongest features: its entries in the candidate index."""
    return [
        k for k, _ in sorted(main_entries(vec), key=lambda kv: (-kv[1], kv[0]))[:KEYS_PER_ARTICLE]
    ]


@dataclass
class Profile:
    """A story as grouping sees it: the sum of its members' vectors, its squared norm and the
    days it spans, kept current as members come and go."""

    sums: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    size: int = 0
    first_day: int | None = None
    last_day: int | None = None

    def add(self, vec: Mapping[str, float], day: int | None, sign: int = 1) -> None:
        main = dict(main_entries(vec))
        dot = sum(x * self.sums.get(k, 0.0) for k, x in main.items())
        self.norm2 = max(0.0, self.norm2 + sign * 2 * dot + 1.0)
        for k, x in main.items():
            self.sums[k] = self.sums.get(k, 0.0) + sign * x
        for k in vec.keys() - main.keys():  # title names: how many members' titles hold each
            self.sums[k] = self.sums.get(k, 0.0) + sign
        self.size += sign
        if sign > 0 and day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)

    def absorb(self, other: Profile) -> None:
        """Add another story's members (a merge)."""
        dot = sum(x * self.sums.get(k, 0.0) for k, x in main_entries(other.sums))
        self.norm2 += other.norm2 + 2 * dot
        for k, x in other.sums.items():
            self.sums[k] = self.sums.get(k, 0.0) + x
        self.size += other.size
        ends = (self.first_day, self.last_day, other.first_day, other.last_day)
        days = [d for d in ends if d is not None]
        if days:
            self.first_day, self.last_day = min(days), max(days)

    def as_json(self) -> dict:
        kept = sorted(self.sums.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_TERMS]
        return {
            "sums": {k: round(x, 5) for k, x in kept if x > 1e-6},
            "norm2": round(self.norm2, 6),
            "size": self.size,
            "first_day": self.first_day,
            "last_day": self.last_day,
        }

    @classmethod
    def from_json(cls, data: Mapping) -> Profile:
        return cls(
            dict(data.get("sums") or {}),
            float(data.get("norm2") or 0.0),
            int(data.get("size") or 0),
            data.get("first_day"),
            data.get("last_day"),
        )


@dataclass(frozen=True)
class Match:
    story: Hashable
    score: float  # similarity minus the time penalty, compared with THRESHOLD
    similarity: float
    days_beyond: int  # days the story would span beyond DAY_GRACE
    shared: tuple[tuple[str, float], ...]  # strongest shared features with their share
    day_agreement: float | None = None  # see `day_agreement`
    number_conflict: tuple[float, str, str] | None = None  # see `number_conflict`
    other_day: float = 0.0  # see `other_day_reports`
    whole: bool = False  # a story compared with another story as a whole (`merge_pass`)


def match(
    story: Hashable, vec: Mapping[str, float], day: int | None, profile: Profile, explain=False
) -> Match:
    """The article against one story; `explain` lists the shared features that weigh most."""
    sums = profile.sums
    dot = sum(x * sums[k] for k, x in main_entries(vec) if k in sums)
    similarity = dot / math.sqrt(profile.norm2) if profile.norm2 > 0 else 0.0
    beyond = 0
    if day is not None and profile.first_day is not None:
        span = max(profile.last_day, day) - min(profile.first_day, day)
        beyond = max(0, span - DAY_GRACE)
    shared = ()
    if explain and dot > 0:
        parts = sorted(
            ((k, x * sums[k]) for k, x in main_entries(vec) if k in sums), key=_by_weight
        )
        shared = tuple((k, round(c / dot, 3)) for k, c in parts[:12] if c > 0)
    agree = day_agreement(vec, sums)
    date_penalty = DATE_PENALTY * (1.0 - agree) if agree is not None else 0.0
    conflict = number_conflict(vec, sums, profile.size)
    number_penalty = NUMBER_PENALTY * conflict[0] if conflict else 0.0
    other_day = other_day_reports(vec, sums, 1.0, profile.size)
    score = similarity - DAY_PENALTY * beyond - date_penalty - number_penalty
    score -= REPORT_PENALTY * other_day
    return Match(story, score, similarity, beyond, shared, agree, conflict, other_day)


def _by_weight(kv):
    return (-kv[1], kv[0])


def best_story(
    vec: Mapping[str, float], day: int | None, scored: Iterable[tuple[Hashable, Profile]]
) -> tuple[Match | None, Match | None]:
    """(chosen, best): the best-scoring candidate, and the same when it reaches THRESHOLD.
    Ties go to the story whose key sorts first, so the decision never depends on candidate order."""
    best, best_profile = None, None
    for story, profile in scored:
        m = match(story, vec, day, profile)
        if (
            best is None
            or m.score > best.score
            or (m.score == best.score and repr(story) < repr(best.story))
        ):
            best, best_profile = m, profile
    if best is not None:
        best = match(best.story, vec, day, best_profile, explain=True)
    chosen = best if best is not None and best.score >= THRESHOLD else None
    return chosen, best


def candidates(vec: Mapping[str, float], index: Mapping[str, Iterable]) -> list:
    """The CANDIDATES stories sharing the most of the article's strongest indexed features
    (its first KEYS_PER_ARTICLE features found in the index; ties by story key)."""
    counts: Counter = Counter()
    used = 0
    for k, _ in sorted(vec.items(), key=_by_weight):
        stories = index.get(k)
        if not stories:
            continue
        counts.update(stories)
        used += 1
        if used >= KEYS_PER_ARTICLE:
            break
    if len(counts) > CANDIDATES:  # only stories as frequent as the last one kept can be kept
        least = heapq.nlargest(CANDIDATES, counts.values())[-1]
        counts = Counter({s: n for s, n in counts.items() if n >= least})
    return sorted(counts, key=lambda s: (-counts[s], repr(s)))[:CANDIDATES]


def is_borderline(best: Match | None) -> bool:
    return best is not None and THRESHOLD - SUGGEST_MARGIN <= best.score < THRESHOLD


@dataclass(frozen=True)
class Item:
    """One article for `cluster`: `order` sorts articles by publication and must not tie
    (add something of the article itself, such as its content hash, never its database id,
    which depends on import order); it also names the story the article starts. `fixed`
    is the story it must stay in (an editor's decision, or a story outside the regrouped
    period), or None."""

    id: int
    order: tuple
    features: EventFeatures
    fixed: Hashable | None = None


@dataclass
class Clustering:
    assignment: dict[int, Hashable]
    decisions: dict[int, tuple[Match | None, Match | None]]  # (chosen, best) per grouped article
    profiles: dict[Hashable, Profile]


def cluster(
    items: Iterable[Item],
    df: Mapping[str, int],
    docs: int,
    new_story: Callable[[Item], Hashable] = lambda item: ("new", *item.order),
) -> Clustering:
    """Group articles in publication order (ties by id): the result depends only on the set of
    articles, their features and the fixed ones, never on the order they were given in."""
    profiles: dict[Hashable, Profile] = {}
    index: dict[str, set] = {}
    result = Clustering({}, {}, profiles)
    items_sorted = sorted(items, key=lambda it: (it.order, it.id))
    for item in items_sorted:
        vec = vector(item.features, df, docs)
        day = item.features.event_day
        article_keys = keys(vec)
        if item.fixed is not None:
            story = item.fixed
        else:
            found = candidates(vec, index)
            chosen, best = best_story(vec, day, ((s, profiles[s]) for s in found))
            story = chosen.story if chosen else new_story(item)
            result.decisions[item.id] = (chosen, best)
        profiles.setdefault(story, Profile()).add(vec, day)
        for k in article_keys:
            index.setdefault(k, set()).add(story)
        result.assignment[item.id] = story
    merge_pass(result, index, {it.fixed for it in items_sorted if it.fixed is not None})
    return result


def story_match(keep: Hashable, a: Profile, b: Profile, explain: bool = False, sides=None) -> Match:
    """Two stories compared as wholes (cosine of their sums), less the time penalty of the span
    they would have together, the date penalty of how little their dated members agree and the
    number penalty of how far their titles count the same thing otherwise. `sides` may give both
    stories' entries outside the unit vector (`side_entries`) when the caller keeps them."""
    side_a, side_b = sides or (side_entries(a.sums), side_entries(b.sums))
    small, large = (a, b) if len(a.sums) < len(b.sums) else (b, a)
    if explain:
        parts = [(k, x * large.sums[k]) for k, x in main_entries(small.sums) if k in large.sums]
        dot = sum(c for _, c in parts)
    else:  # every shared entry, less the shared entries outside the unit vector (faster)
        small_side, large_side = (side_a, side_b) if small is a else (side_b, side_a)
        sums = large.sums
        dot = sum(x * sums[k] for k, x in small.sums.items() if k in sums)
        dot -= sum(x * large_side.get(k, 0.0) for k, x in small_side.items())
    similarity = dot / math.sqrt(a.norm2 * b.norm2) if a.norm2 > 0 and b.norm2 > 0 else 0.0
    beyond = 0
    if a.first_day is not None and b.first_day is not None:
        span = max(a.last_day, b.last_day) - min(a.first_day, b.first_day)
        beyond = max(0, span - DAY_GRACE)
    agree = days_cosine(side_a, side_b)
    both = ((side_a, side_b, b.size), (side_b, side_a, a.size))
    conflicts = [c for x, y, n in both if (c := number_conflict(most_named(x), y, n))]
    conflict = max(conflicts, default=None)
    penalty = DAY_PENALTY * beyond + (DATE_PENALTY * (1.0 - agree) if agree is not None else 0.0)
    penalty += NUMBER_PENALTY * conflict[0] if conflict else 0.0
    other_day = other_day_reports(side_a, side_b, a.size, b.size)
    penalty += REPORT_PENALTY * other_day
    shared = ()
    if explain and dot > 0:
        shared = tuple((k, round(c / dot, 3)) for k, c in sorted(parts, key=_by_weight)[:12])
    return Match(
        keep, similarity - penalty, similarity, beyond, shared, agree, conflict, other_day, True
    )


def merge_pass(result: Clustering, index: Mapping[str, set], fixed: set) -> None:
    """The second look, over whole stories: stories that share index keys and whose sums reach
    MERGE_THRESHOLD (`story_match`) are merged, the closest pair first, in rounds until none is
    left; a story holding fixed articles (an editor's decision, or the days before a regroup's
    period) is never merged. Ties go by story key, so the result still depends only on the set
    of articles. A pair's score depends only on its two stories, so it is kept from round to
    round until one of them changes. Members of a merged story record the story match as their
    decision."""
    profiles, into = result.profiles, {}
    scores: dict[tuple, float] = {}  # (x, y) -> score, for pairs of unchanged stories
    sides: dict[Hashable, dict[str, float]] = {}

    def find(story):
        while story in into:
            story = into[story]
        return story

    def side_of(story):
        if story not in sides:
            sides[story] = side_entries(profiles[story].sums)
        return sides[story]

    while True:
        pairs = set()
        for stories in index.values():
            live = sorted({find(s) for s in stories}, key=repr)
            if len(live) <= MERGE_KEY_STORIES:
                pairs.update(itertools.combinations(live, 2))
        ranked = []
        for x, y in pairs:
            if x in fixed or y in fixed:
                continue
            score = scores.get((x, y))
            if score is None:
                pair_sides = (side_of(x), side_of(y))
                score = story_match(x, profiles[x], profiles[y], sides=pair_sides).score
                scores[x, y] = score
            if score >= MERGE_THRESHOLD:
                ranked.append((-score, repr(x), repr(y), x, y))
        if not ranked:
            break
        used: set = set()
        for _, _, _, x, y in sorted(ranked):
            if x in used or y in used:
                continue
            used.update((x, y))
            keep, gone = (y, x) if repr(y) < repr(x) else (x, y)
            match = story_match(keep, profiles[keep], profiles[gone], explain=True)
            profiles[keep].absorb(profiles.pop(gone))
            into[gone] = keep
            for i, story in result.assignment.items():
                if story == gone and i in result.decisions:
                    result.decisions[i] = (match, match)
        scores = {p: s for p, s in scores.items() if p[0] not in used and p[1] not in used}
        for story in used:
            sides.pop(story, None)
    for i, story in result.assignment.items():
        result.assignment[i] = find(story)
    for i, (chosen, best) in result.decisions.items():
        chosen = replace(chosen, story=find(chosen.story)) if chosen else None
        result.decisions[i] = (chosen, replace(best, story=find(best.story)) if best else None)
