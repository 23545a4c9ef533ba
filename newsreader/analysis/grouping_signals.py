"""Signals beside the unit vector of an article or a story: the days its title and lead name,
the numbers its title counts and whether it is a report of its own day. A story's profile
counts the members holding each entry; `grouping.match` and `grouping.story_match` turn them
into penalties."""

from __future__ import annotations

import math
from collections.abc import Mapping

# Entries outside the unit vector: a story's profile counts the members holding each.
LEAD_DAY = "l:"  # `l:<ordinal>`: a day the title or lead names; `l:` alone: names any
TITLE_NUMBER = "t:"  # `t:16 tahun`: a number with its unit the title names
TITLE_UNIT = "u:"  # `u:tahun`: the title names a number of that unit
TODAY = "o:"  # `o:<ordinal>`: a report of its day (its title and lead name that day alone)
_SIDE = (LEAD_DAY, TITLE_NUMBER, TITLE_UNIT, TODAY)


def main_entries(vec: Mapping[str, float]):
    """The entries of the unit vector (the side entries left out)."""
    return ((k, x) for k, x in vec.items() if not k.startswith(_SIDE))


def day_agreement(vec: Mapping[str, float], sums: Mapping[str, float]) -> float | None:
    """The largest share of the story's dated members (those whose title or lead names a recent
    day) that name one of the days this article's title or lead names; None when either side
    names no day."""
    dated = sums.get(LEAD_DAY, 0.0)
    days = [k for k in vec if k.startswith(LEAD_DAY) and k != LEAD_DAY]
    if not days or dated < 0.5:
        return None
    return min(1.0, max(sums.get(k, 0.0) for k in days) / dated)


def number_conflict(
    vec: Mapping[str, float], sums: Mapping[str, float], size: float
) -> tuple[float, str, str] | None:
    """How far the story's titles count the same thing otherwise: for each unit the article's
    title counts (`3 tahun`) and the story's titles count too, the members whose title names the
    story's most named value of it (`16 tahun`) less those naming the article's, as a share of
    the story's `size` members. (share, the article's count, the story's) of the unit with the
    largest share; None when the titles count no unit in common."""
    counted = sorted(k[len(TITLE_NUMBER) :] for k in vec if k.startswith(TITLE_NUMBER))
    if not counted:
        return None
    units = {number.partition(" ")[2] for number in counted}
    values: dict[str, dict[str, float]] = {}
    for k, x in sums.items():
        if k.startswith(TITLE_NUMBER) and x > 0.5:
            number, _, unit = k[len(TITLE_NUMBER) :].partition(" ")
            if unit in units:
                values.setdefault(unit, {})[number] = x
    worst = None
    for number, _, unit in (c.partition(" ") for c in counted):
        if not (counts := values.get(unit)):
            continue
        most = min(counts, key=lambda n: (-counts[n], n))
        share = max(0.0, (counts[most] - counts.get(number, 0.0)) / max(size, 1.0))
        if worst is None or share > worst[0]:
            worst = (share, f"{number} {unit}", f"{most} {unit}")
    return worst


def other_day_reports(
    a: Mapping[str, float], b: Mapping[str, float], size_a: float = 1.0, size_b: float = 1.0
) -> float:
    """How far two sides (an article or a story each) are reports of different days: when both
    are mostly reports of their day (`TODAY`), 1 less the cosine of the days they report; 0 else.
    How much of a story is reports does not scale it: reports of two days are two events."""
    pa = {k: x for k, x in a.items() if k.startswith(TODAY)}
    if sum(pa.values()) < 0.5 * max(size_a, 1.0):
        return 0.0
    pb = {k: x for k, x in b.items() if k.startswith(TODAY)}
    if sum(pb.values()) < 0.5 * max(size_b, 1.0):
        return 0.0
    dot = sum(x * pb.get(k, 0.0) for k, x in pa.items())
    cos = dot / math.sqrt(sum(x * x for x in pa.values()) * sum(x * x for x in pb.values()))
    return 1.0 - cos


def side_entries(sums: Mapping[str, float]) -> dict[str, float]:
    """A story's counts outside the unit vector: members naming each day, number and unit."""
    return {k: x for k, x in sums.items() if k.startswith(_SIDE) and x > 0}


def most_named(side: Mapping[str, float]) -> dict[str, float]:
    """The story's most named value of each unit its titles count (ties: the first in order)."""
    best: dict[str, tuple[float, str]] = {}
    for k, x in sorted(side.items()):
        if k.startswith(TITLE_NUMBER):
            unit = k.partition(" ")[2]
            if unit not in best or x > best[unit][0]:
                best[unit] = (x, k)
    return {k: 1.0 for _, k in best.values()}


def days_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float | None:
    """Cosine of the days two stories' titles and leads name; None when either names none."""
    da = {k: x for k, x in a.items() if k.startswith(LEAD_DAY) and k != LEAD_DAY}
    db = {k: x for k, x in b.items() if k.startswith(LEAD_DAY) and k != LEAD_DAY}
    if not da or not db:
        return None
    dot = sum(x * db.get(k, 0.0) for k, x in da.items())
    return dot / math.sqrt(sum(x * x for x in da.values()) * sum(x * x for x in db.values()))
