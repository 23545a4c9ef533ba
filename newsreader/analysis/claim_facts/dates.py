"""Dates in claims: exact (`13 September 2023`, `Selasa (12/9/2023)`, `2006 hingga 2008`) or
relative (`pekan lalu`, `akhir bulan ini`); relative dates are compared with relative dates of
the same unit only, never resolved."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date

from ..dates import MONTHS, find_dates
from ..reason import Reason

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
        "bound",
        re.compile(
            r"\b(?P<cmp>sebelum|setelah|sesudah|selepas|sejak|hingga|sampai|before|after|since)"
            r"\s+(?:tahun\s+)?(?P<year>(?:19|20)\d\d)\b",
            re.IGNORECASE,
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
# Years a bound allows, as offsets from the year named (None: open-ended).
_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    **dict.fromkeys(("sebelum", "before"), (None, -1)),
    **dict.fromkeys(("hingga", "sampai"), (None, 0)),
    **dict.fromkeys(("setelah", "sesudah", "selepas", "after"), (1, None)),
    **dict.fromkeys(("sejak", "since"), (0, None)),
}
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
    if kind == "bound":  # `sebelum tahun 1990` is any year up to 1989
        year = int(g["year"])
        low, high = _BOUNDS[g["cmp"].casefold()]
        years = (1 if low is None else year + low, 9999 if high is None else year + high)
        return DateMention("year", years, None, *span)
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


def date_differences(
    a: list[DateMention], b: list[DateMention]
) -> tuple[list[Reason], list[Reason]]:
    """(conflicting dates, qualifier-only differences) between two versions of a claim."""
    conflicts, qualifiers = [], []
    days = _unmatched(_of(a, "day"), _of(b, "day"), _same_day)
    if days:
        conflicts.append(_differ("tanggal", *days))
    else:
        for kind, same in (("month", _same_month), ("year", _overlap)):
            left, right = _with_implied(a, kind), _with_implied(b, kind)
            if kind in {x.kind for x in a + b}:
                found = _unmatched(left, right, same)
                if found:
                    conflicts.append(_differ("tanggal", *found))
        weekdays = _unmatched(_weekdays(a), _weekdays(b), lambda x, y: x.value == y.value)
        if weekdays and any(x.kind == "weekday" for x in a + b):
            conflicts.append(_differ("tanggal", *weekdays))
    for unit in ("day", "week", "month", "year"):
        left = [x for x in _of(a, "relative") if x.value[0] == unit]
        right = [x for x in _of(b, "relative") if x.value[0] == unit]
        found = _unmatched(left, right, lambda x, y: x.value == y.value)
        if found:
            conflicts.append(_differ("tanggal", *found))
        elif left and right and {x.part for x in left} != {x.part for x in right}:
            text = f"date qualifier differs: '{left[0].text}' vs '{right[0].text}'"
            qualifiers.append(
                Reason("date_qualifier", text, left=left[0].text, right=right[0].text)
            )
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


_DIFFER_CODES = {"tanggal": "dates_differ", "tempat": "places_differ"}
_DIFFER_CODES["tempat mungkin"] = "places_maybe_differ"


def _differ(what: str, left: list, right: list) -> Reason:
    show = lambda xs: ", ".join(dict.fromkeys(x.text for x in xs))  # noqa: E731
    text = f"{what} berbeda: {show(left)} vs {show(right)}"
    return Reason(_DIFFER_CODES[what], text, left=show(left), right=show(right))
