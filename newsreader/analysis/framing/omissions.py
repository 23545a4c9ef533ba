"""Omissions: comparable facts most articles of a story carry but one article leaves out.

A "fact" is a normalised string: `speaker:` a quoted speaker, `entity:` a named entity (known
from the affiliations file, else a run of capitalised words), `media:` a named medium,
`number:` a number with its unit, `date:` a calendar date (ISO, or year-month when the day
is missing).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import accumulate

from newsreader.analysis.framing.sourcing import (
    OTHER,
    entity_mentions,
    media_mentions,
    resolve_speaker,
)
from newsreader.analysis.stemming import stop_words

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "januari january jan",
            "februari february feb",
            "maret march mar",
            "april apr",
            "mei may",
            "juni june jun",
            "juli july jul",
            "agustus august agu aug",
            "september sep sept",
            "oktober october okt oct",
            "november nov",
            "desember december des dec",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),\s*(\d{{4}})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_UNITS = (
    "persen|%|tahun|bulan|hari|pekan|minggu|jam|menit|kaki|meter|km|kilometer|mil|ribu|juta"
    "|miliar|triliun|dolar|rupiah|ton|orang|tentara|rudal|peluru|unit"
)
_NUMBER_UNIT = re.compile(
    rf"\b(\d+(?:[.,]\d+)*|puluhan|ratusan|ribuan|jutaan|miliaran)\s+({_UNITS})(?!\w)", re.IGNORECASE
)
# Titles and ranks stripped from the front of a capitalised name.
_TITLES = set(
    "pensiunan purnawirawan mayor jenderal letjen mayjen brigjen laksamana kolonel presiden wakil"
    " menteri pemimpin juru bicara sekretaris ketua kepala panglima perdana duta besar".split()
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+")


def _dates(text: str) -> list[tuple[str, int, int]]:
    found = []
    for m in _DAY_MONTH_YEAR.finditer(text):
        found.append((f"date:{m[3]}-{_MONTHS[m[2].casefold()]:02d}-{int(m[1]):02d}", *m.span()))
    for m in _MONTH_DAY_YEAR.finditer(text):
        found.append((f"date:{m[3]}-{_MONTHS[m[1].casefold()]:02d}-{int(m[2]):02d}", *m.span()))
    for m in _NUMERIC_DATE.finditer(text):
        found.append((f"date:{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", *m.span()))
    full = {fact[: len("date:YYYY-MM")] for fact, _, _ in found}
    for m in _MONTH_YEAR.finditer(text):
        month = f"date:{m[2]}-{_MONTHS[m[1].casefold()]:02d}"
        if month not in full:
            found.append((month, *m.span()))
    return found


def _names(text: str) -> list[tuple[str, int, int]]:
    entities = entity_mentions(text)
    media = media_mentions(text)
    found = [(f"entity:{e['name'].casefold()}", s.start, s.end) for s, e in entities]
    found += [(f"media:{o['name'].casefold()}", s.start, s.end) for s, o in media]
    known = sorted((span.start, span.end) for span, _ in entities + media)
    starts = [start for start, _ in known]
    reach = list(accumulate((end for _, end in known), max))  # furthest end up to each span
    skip = stop_words() | _TITLES | set(_MONTHS)
    for m in _CAPITALISED.finditer(text):
        i = bisect.bisect_left(starts, m.end()) - 1  # the spans starting before m ends
        if i >= 0 and reach[i] > m.start():
            continue
        parts = list(re.finditer(r"\S+", m.group()))
        while parts and parts[0].group().casefold() in skip:
            parts.pop(0)
        if len(parts) >= 2:
            name = " ".join(p.group() for p in parts).casefold().replace("-", " ")
            found.append((f"entity:{name}", m.start() + parts[0].start(), m.end()))
    return found


def fact_mentions(text: str) -> list[tuple[str, int, int]]:
    """(fact, start, end) of every name, number with unit and date in `text` (not speakers)."""
    found = _names(text) + _dates(text)
    found += [
        (f"number:{m[1].casefold()} {m[2].casefold()}", *m.span())
        for m in _NUMBER_UNIT.finditer(text)
    ]
    return sorted(found, key=lambda f: (f[1], f[2], f[0]))


def story_facts(text: str, quotes: Sequence = ()) -> set[str]:
    """Comparable facts of one article: quoted speakers, names, numbers with units, dates."""
    facts = {fact for fact, _, _ in fact_mentions(text)}
    for quote in quotes:
        speaker = getattr(quote, "speaker", None)
        if speaker is None:
            continue
        name, group = resolve_speaker(speaker.name, getattr(speaker, "role", None))
        if group != OTHER or name != "unknown":
            facts.add(f"speaker:{name.casefold()}")
    return facts


def omissions(
    facts_by_doc: Mapping[int, set[str]], *, threshold: float = 0.5
) -> dict[int, list[str]]:
    """Per document, the facts found in more than `threshold` of the documents but not in it."""
    if not facts_by_doc:
        return {}
    share = Counter(fact for facts in facts_by_doc.values() for fact in set(facts))
    common = {fact for fact, n in share.items() if n / len(facts_by_doc) > threshold}
    return {doc: sorted(common - set(facts)) for doc, facts in facts_by_doc.items()}
