"""Who is quoted, who is only mentioned, and which (foreign) media an article leans on.

Affiliations come from `data/affiliations.json`: named entities with aliases and a group,
role cues (`pensiunan`, `Gedung Putih`...) for speakers known only by their role, and media
names. Quotes are duck-typed: anything with `start`, `end`, `text` and `speaker` (with `name`
and `role`) works, such as `newsreader.analysis.quotes.Quote`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache

from newsreader.analysis.stemming import DATA_DIR
from newsreader.analysis.text import Span, words

OTHER = "other"
_MEDIA_CUES_BEFORE = (
    r"seperti dilansir dari|dilansir dari|dilansir|melansir|dikutip dari|dikutip|mengutip"
    r"|merujuk laporan|merujuk|menurut laporan|menurut|laporan|wawancara dengan|kepada|dari"
    r"|di acara|dalam"
)
_MEDIA_CUE_BEFORE = re.compile(rf"(?<!\w)((?i:{_MEDIA_CUES_BEFORE}))(?:\W+[A-Z][\w-]*){{0,3}}\W*$")
_MEDIA_CUE_AFTER = re.compile(
    r"^(?:\W+[\w-]+){0,4}?\W+(melaporkan|memberitakan|mewartakan|menulis)(?!\w)"
)


@cache
def affiliations() -> dict:
    return json.loads((DATA_DIR / "affiliations.json").read_text(encoding="utf-8"))


def group_label(group: str) -> str:
    return affiliations()["groups"].get(group, group)


def _name_pattern(names: list[str]) -> re.Pattern:
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    body = "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


@cache
def _entity_index() -> tuple[re.Pattern, dict[str, dict]]:
    by_name = {}
    for entity in affiliations()["entities"]:
        for name in [entity["name"], *entity["aliases"]]:
            by_name[" ".join(name.split())] = entity
    return _name_pattern(list(by_name)), by_name


@cache
def _media_index() -> tuple[re.Pattern, dict[str, dict]]:
    by_name = {}
    for media in affiliations()["media"]:
        for name in [media["name"], *media["aliases"]]:
            by_name[" ".join(name.split())] = media
    return _name_pattern(list(by_name)), by_name


def entity_mentions(text: str) -> list[tuple[Span, dict]]:
    """Known entities named in `text` (case-sensitive, whole words, longest name first)."""
    pattern, by_name = _entity_index()
    return [
        (Span(m.start(), m.end()), by_name[" ".join(m.group().split())])
        for m in pattern.finditer(text)
    ]


def media_mentions(text: str) -> list[tuple[Span, dict]]:
    """Known media named in `text` (case-sensitive, whole words, longest name first)."""
    pattern, by_name = _media_index()
    return [
        (Span(m.start(), m.end()), by_name[" ".join(m.group().split())])
        for m in pattern.finditer(text)
    ]


@cache
def _role_cues() -> tuple[tuple[str, re.Pattern], ...]:
    """(group, one pattern matching any of its role cues as whole words), in the data's order."""
    return tuple(
        (group, re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, cues))})(?!\w)", re.IGNORECASE))
        for group, cues in affiliations()["role_cues"].items()
        if cues
    )


@lru_cache(maxsize=4096)
def resolve_speaker(name: str | None, role: str | None = None) -> tuple[str, str]:
    """(canonical name, group) of a speaker from its name, else from its role words.

    A speaker naming several actors ("Moskow dan Pyongyang") counts for the first one.
    """
    media_pattern, media_by_name = _media_index()
    for part in (name, role):
        if part:
            found = entity_mentions(part)
            if found:
                return found[0][1]["name"], found[0][1]["group"]
            media = media_pattern.search(part)
            if media:
                return media_by_name[" ".join(media.group().split())]["name"], "media"
    described = " ".join(p for p in (name, role) if p)
    for group, cues in _role_cues():
        if cues.search(described):
            return (name or role or "").strip(), group
    return (name or "").strip() or "unknown", OTHER


def _quote_speaker(quote) -> tuple[str, str]:
    speaker = getattr(quote, "speaker", None)
    if speaker is None:
        return "unknown", OTHER
    return resolve_speaker(getattr(speaker, "name", None), getattr(speaker, "role", None))


def media_reliance(text: str) -> list[dict]:
    """Media an article cites as its source (`dilansir dari AP`, `kepada CNN`...), with offsets."""
    found = []
    for m, media in media_mentions(text):
        before = _MEDIA_CUE_BEFORE.search(text, max(0, m.start - 60), m.start)
        after = _MEDIA_CUE_AFTER.search(text[m.end : m.end + 60])
        if before:
            cue, cue_start = before.group(1), before.start(1)
        elif after:
            cue, cue_start = after.group(1), m.end + after.start(1)
        else:
            continue
        if found and found[-1]["media"] == media["name"] and m.start - found[-1]["end"] < 4:
            continue  # "Scenario Room" CNN: one citation, two names
        found.append(
            {
                "media": media["name"],
                "foreign": media["foreign"],
                "cue": cue,
                "cue_start": cue_start,
                "start": m.start,
                "end": m.end,
            }
        )
    return found


def sourcing(text: str, quotes: Sequence) -> dict:
    """Quoted speakers by affiliation group, mentioned-only actors and cited media."""
    speakers: dict[str, dict] = {}
    for quote in quotes:
        name, group = _quote_speaker(quote)
        row = speakers.setdefault(
            name,
            {
                "name": name,
                "group": group,
                "group_label": group_label(group),
                "quotes": 0,
                "words": 0,
            },
        )
        row["quotes"] += 1
        row["words"] += len(words(quote.text))
    groups: dict[str, dict] = {}
    for row in speakers.values():
        totals = groups.setdefault(row["group"], {"quotes": 0, "words": 0})
        totals["quotes"] += row["quotes"]
        totals["words"] += row["words"]
    total_quotes = sum(g["quotes"] for g in groups.values())
    total_words = sum(g["words"] for g in groups.values())
    for totals in groups.values():
        totals["quote_share"] = totals["quotes"] / total_quotes
        totals["word_share"] = totals["words"] / total_words if total_words else 0.0
    mentions: dict[str, dict] = {}
    for span, entity in entity_mentions(text):
        if entity["name"] in speakers:
            continue
        row = mentions.setdefault(
            entity["name"],
            {
                "name": entity["name"],
                "group": entity["group"],
                "mentions": 0,
                "first": [span.start, span.end],
            },
        )
        row["mentions"] += 1
    cited = media_reliance(text)
    return {
        "speakers": sorted(speakers.values(), key=lambda r: (-r["quotes"], r["name"])),
        "groups": groups,
        "quotes": total_quotes,
        "quoted_words": total_words,
        "mentioned_only": sorted(mentions.values(), key=lambda r: r["first"][0]),
        "media": cited,
        "media_counts": dict(Counter(c["media"] for c in cited)),
    }
