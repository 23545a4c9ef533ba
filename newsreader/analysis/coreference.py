"""One name per person across a story: full names, surnames alone and slight misspellings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from rapidfuzz import fuzz

from .quotes import Quote
from .speakers import is_person


def normalise_speakers(quotes_by_doc: Mapping[int, list[Quote]]) -> dict[int, list[Quote]]:
    """Give every mention of one person the same Speaker.name across the story.

    Roles are not identity; a surname or first name alone (`Bahlil`) or a slightly misspelt
    surname (`Herling`) maps to the full name only when exactly one known speaker fits.
    """
    counts = Counter(
        q.speaker.name
        for qs in quotes_by_doc.values()
        for q in qs
        if q.speaker and is_person(q.speaker)
    )
    full = sorted((n for n in counts if len(n.split()) > 1), key=lambda n: (-counts[n], n))
    canonical: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-len(n.split()), -counts[n], n)):
        canonical[name] = _match(name, full, canonical) or name
    out = {}
    for doc, quotes in quotes_by_doc.items():
        fixed = []
        for q in quotes:
            if (
                q.speaker
                and q.speaker.name in canonical
                and canonical[q.speaker.name] != q.speaker.name
            ):
                old, new = q.speaker.name, canonical[q.speaker.name]
                attribution = q.attribution.replace(f"->{old}", f"->{new}")
                q = replace(q, speaker=replace(q.speaker, name=new), attribution=attribution)
            elif q.speaker and "->" in q.attribution:
                ref = q.attribution.split("->", 1)[1]
                if canonical.get(ref, ref) != ref:
                    q = replace(q, attribution=q.attribution.replace(ref, canonical[ref]))
            fixed.append(q)
        out[doc] = fixed
    return out


def _match(name: str, full: list[str], known: dict[str, str]) -> str | None:
    tokens = name.split()
    others = [f for f in full if f != name]
    if len(tokens) > 1:
        # Same first and last name up to a slip: "Mark Hertling" / "Mark Hertlng".
        close = [f for f in others if fuzz.ratio(f.casefold(), name.casefold()) >= 92]
        return known.get(close[0], close[0]) if len(close) == 1 else None
    key = tokens[0].casefold()
    # Indonesian writers shorten to either name: "Lahadalia" and "Bahlil" are Bahlil Lahadalia.
    exact = [f for f in others if key in (f.split()[-1].casefold(), f.split()[0].casefold())]
    if len(exact) == 1:
        return known.get(exact[0], exact[0])
    if exact or len(key) < 5:
        return None
    close = {known.get(f, f) for f in others if fuzz.ratio(f.split()[-1].casefold(), key) >= 88}
    return close.pop() if len(close) == 1 else None
