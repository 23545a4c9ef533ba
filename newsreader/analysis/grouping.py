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

import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .grouping_features import EventFeatures

THRESHOLD = 0.25
DAY_GRACE = 1  # days a story may span before the time penalty starts
DAY_PENALTY = 0.1  # similarity needed per extra day
SUGGEST_MARGIN = 0.07  # a best story this close below the threshold is a merge suggestion
KEYS_PER_ARTICLE = 15
CANDIDATES = 20  # stories sharing the most keys with an article are scored
PROFILE_TERMS = 600  # a stored story profile keeps its strongest terms


def idf(df: int, docs: int) -> float:
    return math.log((docs + 1) / (df + 1)) + 1.0


def vector(features: EventFeatures, df: Mapping[str, int], docs: int) -> dict[str, float]:
    """The article's unit vector: feature weights times IDF (`df` counts stored articles; a
    feature missing from it is new, held by no stored article)."""
    raw = {k: w * idf(df.get(k, 0), docs) for k, w in features.weights.items() if w > 0}
    norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
    return {k: x / norm for k, x in raw.items()}


def keys(vec: Mapping[str, float]) -> list[str]:
    """The article's strongest features: its entries in the candidate index."""
    return [k for k, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:KEYS_PER_ARTICLE]]


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
        dot = sum(x * self.sums.get(k, 0.0) for k, x in vec.items())
        self.norm2 = max(0.0, self.norm2 + sign * 2 * dot + 1.0)
        for k, x in vec.items():
            self.sums[k] = self.sums.get(k, 0.0) + sign * x
        self.size += sign
        if sign > 0 and day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)

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


def match(
    story: Hashable, vec: Mapping[str, float], day: int | None, profile: Profile, explain=False
) -> Match:
    """The article against one story; `explain` lists the shared features that weigh most."""
    sums = profile.sums
    dot = sum(x * sums[k] for k, x in vec.items() if k in sums)
    similarity = dot / math.sqrt(profile.norm2) if profile.norm2 > 0 else 0.0
    beyond = 0
    if day is not None and profile.first_day is not None:
        span = max(profile.last_day, day) - min(profile.first_day, day)
        beyond = max(0, span - DAY_GRACE)
    shared = ()
    if explain and dot > 0:
        parts = sorted(((k, x * sums[k]) for k, x in vec.items() if k in sums), key=_by_weight)
        shared = tuple((k, round(c / dot, 3)) for k, c in parts[:12] if c > 0)
    return Match(story, similarity - DAY_PENALTY * beyond, similarity, beyond, shared)


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
    counts: dict = {}
    used = 0
    for k, _ in sorted(vec.items(), key=_by_weight):
        stories = index.get(k)
        if not stories:
            continue
        for story in stories:
            counts[story] = counts.get(story, 0) + 1
        used += 1
        if used >= KEYS_PER_ARTICLE:
            break
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
    for item in sorted(items, key=lambda it: (it.order, it.id)):
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
    return result


_MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def label(key: str) -> tuple[str, str]:
    """(kind, readable text) of a feature key: name, number, date or word."""
    kind, _, value = key.partition(":")
    if kind == "d":
        try:
            when = date.fromisoformat(value)
        except ValueError:
            return "date", value
        return "date", f"{when.day} {_MONTHS.split()[when.month - 1]} {when.year}"
    if kind == "n":
        return "name", value.upper() if _acronym(value) else value.title()
    return {"#": "number", "w": "word"}.get(kind, "word"), value


def _acronym(word: str) -> bool:
    """Whether a lower-cased name reads as an acronym (`bmkg`, `kpk`, `wni`, `bumn`) rather
    than a word (`iran`, `joko`, `bali`, `ali`): no vowel, or short with two consonants in a row."""
    return (
        len(word) <= 2
        or not re.search(r"[aeiou]", word)
        or (len(word) <= 4 and re.search(r"[^aeiou\W]{2}", word) is not None)
    )
