"""Facts two versions of a claim can disagree on: quantities, dates and places.

Every finder keeps the surface words, so a reason can quote both versions. Dates are exact
(`13 September 2023`, `Selasa (12/9/2023)`, `2006 hingga 2008`) or relative (`pekan lalu`,
`akhir bulan ini`); relative dates are compared with relative dates of the same unit only,
never resolved. Places come from a shipped gazetteer (data/places_id.json) or from a
capitalised phrase after `di`/`ke`; only places where something happens (after a locative
word) are compared, because countries are named everywhere as actors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date
from functools import cache

from .dates import MONTHS, WEEKDAYS, find_dates
from .stemming import DATA_DIR
from .text import word_key

# --- quantities ----------------------------------------------------------------------------

NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
}  # fmt: skip
SCALES = {
    "puluh": 10,
    "ratus": 100,
    "ribu": 1000,
    "juta": 10**6,
    "miliar": 10**9,
    "triliun": 10**12,
}
# Round plurals: `puluhan` (tens), `ratusan ribu` (hundreds of thousands).
APPROXIMATE = {
    "belasan": (11, 19),
    "puluhan": (10, 99),
    "ratusan": (100, 999),
    "ribuan": (1000, 9999),
    "jutaan": (10**6, 10**7 - 1),
    "miliaran": (10**9, 10**10 - 1),
}
_DIGITS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_TOKEN_RE = re.compile(r"\d[\d.,]*\d|\d|\w+")
_QUALIFIER_RE = re.compile(
    r"(?:lebih dari|lebih kurang|kurang dari|sekitar|kira-kira|hampir|setidaknya|sedikitnya|"
    r"paling sedikit|minimal|maksimal|mencapai|hingga|sampai|more than|less than|at least|"
    r"about|around|nearly|almost|over|up to)\s+$",
    re.IGNORECASE,
)
_NOT_UNITS = frozenset("dan atau yang di ke dari untuk dengan pada itu ini and or of".split())


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float  # == low for an exact number
    qualifier: str | None  # `lebih dari`, `sekitar`...
    text: str  # surface: qualifier, number words and the unit word after them
    number: str  # the number alone, for reasons: `10`, `puluhan ribu`


def quantities(text: str) -> list[Quantity]:
    """Numbers and round plurals in Indonesian text; digits inside dates are not counted."""
    text = _mask(text, [(d.start, d.end) for d in date_mentions(text)])
    tokens = list(_TOKEN_RE.finditer(text))
    out, i = [], 0
    while i < len(tokens):
        tok = word_key(tokens[i].group())
        if _DIGITS_RE.fullmatch(tok):
            low = high = float(tok.replace(".", "").replace(",", "."))
        elif tok in NUMBER_WORDS:
            low = high = float(NUMBER_WORDS[tok])
        elif tok.startswith("se") and tok[2:] in SCALES:
            low = high = float(SCALES[tok[2:]])
        elif tok in APPROXIMATE:
            low, high = map(float, APPROXIMATE[tok])
        else:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and word_key(tokens[j + 1].group()) in SCALES:
            j += 1
            low, high = (
                low * SCALES[word_key(tokens[j].group())],
                high * SCALES[word_key(tokens[j].group())],
            )
        start, end = tokens[i].start(), tokens[j].end()
        number = text[start:end]
        if low == high and not tok.isalpha():
            number = _fmt(low)
        qualifier = _QUALIFIER_RE.search(text[max(0, start - 20) : start])
        if qualifier:
            start -= len(qualifier.group())
        unit = tokens[j + 1] if j + 1 < len(tokens) else None
        if unit and unit.group().isalpha() and unit.group().islower():
            if unit.group() not in _NOT_UNITS and unit.start() - end <= 1:
                end = unit.end()
        out.append(
            Quantity(
                low,
                high,
                qualifier.group().strip().casefold() if qualifier else None,
                text[start:end],
                number,
            )
        )
        i = j + 1
    return out


def numbers(text: str) -> set[float]:
    """Exact quantities: `1.000`, `1,5 miliar`, `sepuluh ribu`, `18`."""
    return {q.low for q in quantities(text) if q.low == q.high}


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x).replace(".", ",")


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


# --- dates ---------------------------------------------------------------------------------

_FULL_MONTHS = sorted((m for m in MONTHS if len(m) >= 4 or m in ("mei", "may")), key=len)[::-1]
_MONTH_ALT = "|".join(m.capitalize() for m in _FULL_MONTHS)
_WEEKDAY_INDEX = {
    **dict.fromkeys(["senin", "monday"], 0),
    **dict.fromkeys(["selasa", "tuesday"], 1),
    **dict.fromkeys(["rabu", "wednesday"], 2),
    **dict.fromkeys(["kamis", "thursday"], 3),
    **dict.fromkeys(["jumat", "jum'at", "friday"], 4),
    **dict.fromkeys(["sabtu", "saturday"], 5),
    **dict.fromkeys(["minggu", "ahad", "sunday"], 6),
}
_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_UNITS = {"hari": "day", "pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year"}
_UNITS |= {"day": "day", "week": "week", "month": "month", "year": "year"}
_OFFSETS = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1, "mendatang": 1}
_OFFSETS |= {"last": -1, "this": 0, "next": 1}
_PARTS = {"akhir": "end", "awal": "start", "pertengahan": "middle", "end of": "end"}
_PARTS |= {"late": "end", "early": "start", "beginning of": "start", "mid": "middle"}
_PART = r"(?:(?P<part>akhir|awal|pertengahan|end of|late|early|beginning of|mid)\s+)?"
_DATE_FINDERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range",
        re.compile(
            r"(?<!\d)(?P<a>(?:19|20)\d\d)\s*(?:hingga|sampai|-|–|to|until)\s*(?P<b>(?:19|20)\d\d)"
            r"(?!\d)"
        ),
    ),
    (
        "day",
        re.compile(
            rf"(?<![\w/])(?P<day>[0-3]?\d)\s+(?P<month>{_MONTH_ALT})\b"
            rf"|\b(?P<month2>{_MONTH_ALT})\s+(?P<day2>[0-3]?\d)(?![\d/])"
        ),
    ),
    (
        "month",
        re.compile(
            rf"(?:\b(?:bulan|pada|sejak|hingga|in|since)\s+|\b{_PART})"
            rf"(?P<month>{_MONTH_ALT})\b(?:\s+(?P<year>(?:19|20)\d\d)\b)?"
            rf"|\b(?P<month2>{_MONTH_ALT})\s+(?P<year2>(?:19|20)\d\d)\b"
        ),
    ),
    ("year", re.compile(r"\b(?:tahun|pada|sejak|in|since)\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    (
        "relative",
        re.compile(
            rf"\b{_PART}(?:(?P<unit>hari|pekan|minggu|bulan|tahun)\s+"
            r"(?P<rel>lalu|ini|depan|mendatang|kemarin)|(?P<rel2>last|this|next)\s+"
            r"(?P<unit2>week|month|year))\b|\b(?P<word>kemarin|besok|yesterday|today|tomorrow)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?P<weekday>Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Monday|Tuesday|"
            r"Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
]
_WORD_DAYS = {"kemarin": -1, "yesterday": -1, "today": 0, "besok": 1, "tomorrow": 1}


@dataclass(frozen=True)
class DateMention:
    kind: str  # "day" | "month" | "year" | "relative" | "weekday"
    value: tuple  # day (year|None, month, day), month (year|None, month), year (from, to),
    # relative (unit, offset), weekday (0-6,)
    part: str | None  # "end" / "start" / "middle" of a relative period
    text: str
    start: int
    end: int


def date_mentions(text: str) -> list[DateMention]:
    """Dates in the text, left to right, without overlaps (full dates first)."""
    found = [
        DateMention("day", (d.value.year, d.value.month, d.value.day), None, *_surface(text, d))
        for d in find_dates(text, UTC)
    ]
    for kind, pattern in _DATE_FINDERS:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            mention = _mention(kind, m)
            if mention is not None:
                found.append(mention)
    return sorted(found, key=lambda f: f.start)


def _surface(text: str, d) -> tuple[str, int, int]:
    return text[d.start : d.end].strip(" ,"), d.start, d.end


def _mention(kind: str, m: re.Match[str]) -> DateMention | None:
    g = {k: v for k, v in m.groupdict().items() if v}
    part = _PARTS.get(g["part"].casefold()) if "part" in g else None
    span = (m.group().strip(), m.start(), m.end())
    if kind == "range":
        return DateMention("year", (int(g["a"]), int(g["b"])), None, *span)
    if kind == "day":
        day, month = int(g.get("day") or g["day2"]), MONTHS[(g.get("month") or g["month2"]).lower()]
        return DateMention("day", (None, month, day), None, *span) if 1 <= day <= 31 else None
    if kind == "month":
        year = g.get("year") or g.get("year2")
        month = MONTHS[(g.get("month") or g["month2"]).lower()]
        return DateMention("month", (int(year) if year else None, month), part, *span)
    if kind == "year":
        return DateMention("year", (int(g["year"]), int(g["year"])), None, *span)
    if kind == "relative":
        if "word" in g:
            return DateMention("relative", ("day", _WORD_DAYS[g["word"].casefold()]), None, *span)
        unit = _UNITS[(g.get("unit") or g["unit2"]).casefold()]
        offset = _OFFSETS[(g.get("rel") or g["rel2"]).casefold()]
        return DateMention("relative", (unit, offset), part, *span)
    return DateMention("weekday", (_WEEKDAY_INDEX[g["weekday"].casefold()],), None, *span)


def date_differences(a: list[DateMention], b: list[DateMention]) -> tuple[list[str], list[str]]:
    """(conflicting dates, qualifier-only differences) between two versions of a claim."""
    conflicts, qualifiers = [], []
    days = _unmatched(_of(a, "day"), _of(b, "day"), _same_day)
    if days:
        conflicts.append(_differ("dates", *days))
    else:
        for kind, same in (("month", _same_month), ("year", _overlap)):
            left, right = _with_implied(a, kind), _with_implied(b, kind)
            if kind in {x.kind for x in a + b}:
                found = _unmatched(left, right, same)
                if found:
                    conflicts.append(_differ("dates", *found))
        weekdays = _unmatched(_weekdays(a), _weekdays(b), lambda x, y: x.value == y.value)
        if weekdays and any(x.kind == "weekday" for x in a + b):
            conflicts.append(_differ("dates", *weekdays))
    for unit in ("day", "week", "month", "year"):
        left = [x for x in _of(a, "relative") if x.value[0] == unit]
        right = [x for x in _of(b, "relative") if x.value[0] == unit]
        found = _unmatched(left, right, lambda x, y: x.value == y.value)
        if found:
            conflicts.append(_differ("dates", *found))
        elif left and right and {x.part for x in left} != {x.part for x in right}:
            qualifiers.append(f"date qualifier differs: '{left[0].text}' vs '{right[0].text}'")
    return conflicts, qualifiers


def _of(mentions: list[DateMention], kind: str) -> list[DateMention]:
    return [x for x in mentions if x.kind == kind]


def _with_implied(mentions: list[DateMention], kind: str) -> list[DateMention]:
    """Months (or years) named on their own or as part of a fuller date."""
    out = _of(mentions, kind)
    for x in mentions:
        if x.kind in ("day", "month") and x.kind != kind and (kind == "month" or x.value[0]):
            year = x.value[0]
            value = (year, x.value[1]) if kind == "month" else (year, year)
            out.append(DateMention(kind, value, None, x.text, x.start, x.end))
    return out


def _weekdays(mentions: list[DateMention]) -> list[DateMention]:
    out = _of(mentions, "weekday")
    for x in _of(mentions, "day"):
        if x.value[0]:
            weekday = date(*x.value).weekday()
            written = not x.text[:1].isdigit()
            label = x.text if written else f"{x.text} ({_WEEKDAY_NAMES[weekday]})"
            out.append(DateMention("weekday", (weekday,), None, label, x.start, x.end))
    return out


def _same_day(x: DateMention, y: DateMention) -> bool:
    return x.value[1:] == y.value[1:] and (not x.value[0] or not y.value[0] or x.value == y.value)


def _same_month(x: DateMention, y: DateMention) -> bool:
    return x.value[1] == y.value[1] and (not x.value[0] or not y.value[0] or x.value == y.value)


def _overlap(x, y) -> bool:
    return x.value[0] <= y.value[1] and y.value[0] <= x.value[1]


def _unmatched(left: list, right: list, same: Callable) -> tuple[list, list] | None:
    """Items of each side with no counterpart on the other, when both sides have some."""
    only_left = [x for x in left if not any(same(x, y) for y in right)]
    only_right = [y for y in right if not any(same(x, y) for x in left)]
    return (only_left, only_right) if only_left and only_right else None


def _differ(what: str, left: list, right: list) -> str:
    show = lambda xs: ", ".join(dict.fromkeys(x.text for x in xs))  # noqa: E731
    return f"{what} differ: {show(left)} vs {show(right)}"


# --- places --------------------------------------------------------------------------------

LOCATIVES = frozenset("di ke dari menuju mengunjungi dekat in at to from near visited".split())
_FALLBACK_RE = re.compile(r"\b(?:di|ke)\s+(?P<place>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")
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
        country = inner[-1].country if inner else None
        found = [p for p in found if p not in inner]
        phrase = m.group("place")
        found.append(Place(phrase, country, None, False, True, phrase, *m.span("place")))
    return sorted(found, key=lambda p: p.start)


def _locative(text: str, at: int) -> bool:
    before = text[max(0, at - 14) : at].split()
    return bool(before) and before[-1].casefold() in LOCATIVES


def place_differences(a: list[Place], b: list[Place]) -> list[str]:
    """A conflict when each version names a place the other has nothing compatible with."""
    found = _unmatched(
        [p for p in a if p.locative], [p for p in b if p.locative], _compatible_places
    )
    return [_differ("places", *found)] if found else []


def _compatible_places(p: Place, q: Place) -> bool:
    """Same place, or one lies in the other; an unknown phrase sharing a word with the other."""
    if p.name == q.name or p.country == q.name or q.country == p.name:
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
