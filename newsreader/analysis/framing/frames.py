"""Generic news frames (Semetko & Valkenburg 2000) scored from lexical and structural cues.

Each frame is a set of yes/no questions (`data/frames_id.json`). A question is answered "yes"
when one of its cues occurs in the text, or, for a question with `min_groups`, when the text
names actors of at least that many affiliation groups (e.g. "two or more sides"). A frame's
score is the share of its questions answered "yes", as in the original study, and every
answer keeps the passages that triggered it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

from newsreader.analysis.framing.lexicon import Hit, term_pattern
from newsreader.analysis.framing.sourcing import entity_mentions
from newsreader.analysis.stemming import DATA_DIR


@cache
def default_frames() -> tuple[dict, ...]:
    data = json.loads((DATA_DIR / "frames_id.json").read_text(encoding="utf-8"))
    return tuple(data["frames"])


@lru_cache(maxsize=1024)
def _cue_pattern(cues: tuple[str, ...]):
    return term_pattern(cues)


def _indicator_hits(text: str, indicator: Mapping) -> list[Hit]:
    hits = []
    pattern = _cue_pattern(tuple(indicator.get("cues", ())))
    if pattern is not None:
        hits = [
            Hit(m.start(), m.end(), m.group().casefold(), indicator["id"])
            for m in pattern.finditer(text)
        ]
    min_groups = indicator.get("min_groups")
    if min_groups:
        first_by_group = {}
        for span, entity in entity_mentions(text):
            first_by_group.setdefault(entity["group"], (span, entity))
        if len(first_by_group) >= min_groups:
            hits += [
                Hit(span.start, span.end, entity["name"], indicator["id"])
                for span, entity in first_by_group.values()
            ]
    return sorted(hits, key=lambda h: (h.start, h.end))


def frame_scores(text: str, frames: Sequence[Mapping] | None = None) -> dict[str, dict]:
    """Frame id -> {"label", "score" (0..1), "indicators": [{"id", "question", "hits"}]}."""
    result = {}
    for frame in frames if frames is not None else default_frames():
        indicators = [
            {"id": ind["id"], "question": ind["question"], "hits": _indicator_hits(text, ind)}
            for ind in frame["indicators"]
        ]
        answered = sum(1 for ind in indicators if ind["hits"])
        result[frame["id"]] = {
            "label": frame.get("label", frame["id"]),
            "score": answered / len(indicators) if indicators else 0.0,
            "indicators": indicators,
        }
    return result
