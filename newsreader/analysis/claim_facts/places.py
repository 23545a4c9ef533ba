"""Places in claims: a shipped gazetteer (data/places_id.json) and phrases after `di`/`ke`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from ..dates import MONTHS, WEEKDAYS
from ..regions import containers, region_forms
from ..stemming import DATA_DIR
from .dates import _differ, _unmatched

# --- places --------------------------------------------------------------------------------

LOCATIVES = frozenset("di ke dari menuju mengunjungi dekat in at to from near visited".split())
_FALLBACK_RE = re.compile(r"\b(?:di|ke)\s+(?P<place>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")
_AREA_WORD = re.compile(r"(?:Kabupaten|Kab\.|Kota|Provinsi|Prov\.)\s+")
_NOT_PLACES = frozenset(w.capitalize() for w in [*WEEKDAYS, *MONTHS]) | {"The", "Sana", "Sini"}


@dataclass(frozen=True)
class Place:
    name: str  # canonical name (the phrase itself when not in the gazetteer)
    country: str | None  # the country it lies in (itself for a country)
    actor: str | None  # whom it stands for as a speaker: a country, capital or seat of power
    known: bool  # from the gazetteer
    locative: bool  # after `di`, `ke`, `dari`...: a place where something happens
    text: str
    start: int
    end: int
    inside: frozenset[str] = frozenset()  # known places an unknown phrase names (`Desa X, Garut`)


@cache
def gazetteer() -> dict[str, tuple[str, str | None, str | None]]:
    """Surface form -> (canonical name, country, actor country)."""
    data = json.loads((DATA_DIR / "places_id.json").read_text(encoding="utf-8"))
    out = {}
    for c in data["countries"]:
        for form in [c["name"], *c["aliases"]]:
            out[form] = (c["name"], c["name"], c["name"])
    for c in data["cities"]:
        for form in [c["name"], *c["aliases"]]:
            out[form] = (c["name"], c["country"], c["country"] if c["capital"] else None)
    for form, country in data["actors"].items():
        out[form] = (form, None, country)
    for form, (name, _within) in region_forms().items():
        out.setdefault(form, (name, "Indonesia", None))  # provinces, kabupaten and kota
    return out


@cache
def _gazetteer_re() -> re.Pattern[str]:
    forms = sorted(gazetteer(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


def places(text: str) -> list[Place]:
    """Gazetteer places, and unknown capitalised phrases after `di`/`ke`, in text order."""
    found = []
    for m in _gazetteer_re().finditer(text):
        name, country, actor = gazetteer()[m.group()]
        locative = _locative(text, m.start())
        found.append(Place(name, country, actor, True, locative, m.group(), *m.span()))
    for m in _FALLBACK_RE.finditer(text):
        words = m.group("place").split()
        if words[0] in _NOT_PLACES or any(p.start <= m.start("place") < p.end for p in found):
            continue
        inner = [p for p in found if m.start("place") <= p.start < m.end("place")]
        phrase = m.group("place")
        if len(inner) == 1 and _AREA_WORD.fullmatch(phrase[: inner[0].start - m.start("place")]):
            continue  # `di Kabupaten Garut` is Garut, found already
        country = inner[-1].country if inner else None
        found = [p for p in found if p not in inner]
        after = next((p for p in found if re.fullmatch(r",\s*", text[m.end() : p.start])), None)
        inner += [after] if after else []  # `Desa Sukamaju, Garut` lies in Garut
        within = frozenset(n for p in inner for n in {p.name, *_within(p)})
        found.append(Place(phrase, country, None, False, True, phrase, *m.span("place"), within))
    return sorted(found, key=lambda p: p.start)


def _locative(text: str, at: int) -> bool:
    before = text[max(0, at - 14) : at].split()
    return bool(before) and before[-1].casefold() in LOCATIVES


def place_differences(a: list[Place], b: list[Place]) -> list[str]:
    """A conflict when each version names a place the other has nothing compatible with:
    `tempat berbeda` for two gazetteer places, `tempat mungkin berbeda` (to review) when one is
    an unknown phrase that could lie inside the other."""
    found = _unmatched(
        [p for p in a if p.locative], [p for p in b if p.locative], _compatible_places
    )
    # A place the other version names at all (`menjadikan Minahasa basisnya`) is no conflict.
    found = found and (
        [p for p in found[0] if not any(_compatible_places(p, q) for q in b)],
        [q for q in found[1] if not any(_compatible_places(p, q) for p in a)],
    )
    if not found or not all(found):
        return []
    known = all(p.known for side in found for p in side)
    return [_differ("tempat" if known else "tempat mungkin", *found)]


def _within(p: Place) -> frozenset[str]:
    """The areas a place lies in: its province and country (`Garut` in Jawa Barat)."""
    area = region_forms().get(p.name, (p.name, frozenset()))[0]
    held = containers(p.name) | containers(area) | p.inside
    return held | ({p.country} if p.country and p.country != p.name else set())


def _compatible_places(p: Place, q: Place) -> bool:
    """Same place, or one lies in the other (a kabupaten in its province, a city in its
    country); an unknown phrase sharing a word with the other."""
    area = lambda x: region_forms().get(x.name, (x.name,))[0]  # noqa: E731
    if area(p) == area(q) or area(q) in _within(p) or area(p) in _within(q):
        return True
    if p.country == q.name or q.country == p.name:
        return True
    if p.known and q.known:
        return False
    words = lambda x: {*x.name.split(), *(x.country or "").split()}  # noqa: E731
    return bool(words(p) & words(q))


def actors(name: str) -> frozenset[str] | None:
    """Countries a speaker stands for when named only by places or seats of power.

    `Moskow dan Pyongyang` and `Korut maupun Rusia` -> {Rusia, Korea Utara}; None when the name
    holds anything else (`pejabat AS` is a group of officials, not the state).
    """
    rest, out = name, set()
    for p in places(name):
        if p.actor is None:
            return None
        out.add(p.actor)
        rest = rest.replace(p.text, " ", 1)
    leftover = [w for w in re.split(r"[\s,]+", rest) if w]
    if not out or any(
        w.casefold() not in {"dan", "serta", "maupun", "baik", "and"} for w in leftover
    ):
        return None
    return frozenset(out)
