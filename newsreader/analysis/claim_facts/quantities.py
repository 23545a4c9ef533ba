"""Quantities in Indonesian claims: digits, composed number words, currency, round plurals.

Each quantity keeps its unit (the word after it: `orang`, `hektare`; `rupiah` for `Rp`) and the
range its qualifier allows (`lebih dari 2000` is 2000 and up, `belum mencapai 500` below 500),
so two versions are compared like with like only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..text import word_key
from .dates import date_mentions

NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "nol": 0, "setengah": 0.5, "sejuta": 10**6,
}  # fmt: skip
ORDINALS = {"pertama": 1, "kesatu": 1, **{f"ke{w}": v for w, v in NUMBER_WORDS.items() if v > 1}}
# Inside a number: `dua belas` (12), `enam puluh` (60), `seratus enam puluh lima` (165).
_INNER = {"belas": 10, "puluh": 10, "ratus": 100}
SCALES = {"ribu": 1000, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}
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
_TOKEN_RE = re.compile(r"(?i:rp|us\$)(?=\s?\d)|\d[\d.,]*\d|\d|\w+")
_QUALIFIER_RE = re.compile(
    r"(?:lebih dari|lebih kurang|kurang dari|sekitar|kira-kira|hampir|setidaknya|sedikitnya|"
    r"paling sedikit|paling banyak|minimal|maksimal|mencapai|belum mencapai|tidak sampai|"
    r"tak sampai|di bawah|di atas|melebihi|hingga|sampai|more than|less than|at least|"
    r"about|around|nearly|almost|over|up to)\s+$",
    re.IGNORECASE,
)
_AT_LEAST = ("lebih dari", "setidaknya", "sedikitnya", "paling sedikit", "minimal", "di atas")
_AT_LEAST += ("melebihi", "more than", "at least", "over")
_BELOW = ("kurang dari", "belum mencapai", "tidak sampai", "tak sampai", "di bawah")
_BELOW += ("maksimal", "paling banyak", "less than", "up to", "hingga", "sampai")
_NEAR = ("sekitar", "kira-kira", "lebih kurang", "about", "around", "hampir", "nearly", "almost")
_NOT_UNITS = frozenset("dan atau yang di ke dari untuk dengan pada itu ini and or of".split())
CURRENCIES = {"rp": "rupiah", "us$": "dolar"}


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float  # == low for an exact number
    qualifier: str | None  # `lebih dari`, `sekitar`...
    text: str  # surface: qualifier, number words and the unit word after them
    number: str  # the number alone, for reasons: `10`, `puluhan ribu`
    unit: str | None = None  # `orang`, `hektare`, `rupiah`; None when nothing follows


def quantities(text: str) -> list[Quantity]:
    """Numbers and round plurals in Indonesian text; digits inside dates are not counted."""
    text = _mask(text, [(d.start, d.end) for d in date_mentions(text)])
    tokens = list(_TOKEN_RE.finditer(text))
    out, i = [], 0
    while i < len(tokens):
        found = _number_at(tokens, i)
        if found is None:
            i += 1
            continue
        low, high, j = found
        currency = CURRENCIES.get(word_key(tokens[i - 1].group())) if i else None
        start, end = (tokens[i - 1].start() if currency else tokens[i].start()), tokens[j].end()
        number = text[tokens[i].start() : end]
        if low == high and not word_key(tokens[i].group()).isalpha():
            number = _fmt(low)
        qualifier = _QUALIFIER_RE.search(text[max(0, start - 20) : start])
        if qualifier:
            start -= len(qualifier.group())
        unit = currency
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if unit is None and nxt and nxt.group().isalpha() and nxt.group().islower():
            if nxt.group() not in _NOT_UNITS and nxt.start() - end <= 1:
                end, unit = nxt.end(), nxt.group()
        qual = qualifier.group().strip().casefold() if qualifier else None
        low, high = _bounds(low, high, qual)
        out.append(Quantity(low, high, qual, text[start:end], number, unit))
        i = j + 1
    return out


def _number_at(tokens: list[re.Match], i: int) -> tuple[float, float, int] | None:
    """(low, high, index of the last token) of a number starting at token i."""
    tok = word_key(tokens[i].group())
    if _DIGITS_RE.fullmatch(tok):
        low = high = float(tok.replace(".", "").replace(",", "."))
        j = i
    elif tok in APPROXIMATE:
        low, high = map(float, APPROXIMATE[tok])
        j = i
    elif _is_number_word(tok):
        value, j = _compose(tokens, i)
        low = high = float(value)
    else:
        return None
    while j + 1 < len(tokens) and word_key(tokens[j + 1].group()) in SCALES:
        j += 1
        scale = SCALES[word_key(tokens[j].group())]
        low, high = low * scale, high * scale
    return low, high, j


def _is_number_word(tok: str) -> bool:
    return tok in NUMBER_WORDS or tok in ORDINALS or (tok[:2] == "se" and tok[2:] in SCALES)


def _compose(tokens: list[re.Match], i: int) -> tuple[float, int]:
    """`seratus enam puluh lima` -> 165, `kedua puluh satu` -> 21, `satu setengah` -> 1.5."""
    total = current = last = 0.0
    j = i
    while j < len(tokens):
        tok = word_key(tokens[j].group())
        if tok == "setengah" and j > i:
            current += 0.5
        elif tok in NUMBER_WORDS and NUMBER_WORDS[tok] >= 10:
            current += NUMBER_WORDS[tok]  # sepuluh, sebelas, seratus, seribu, sejuta
        elif tok in NUMBER_WORDS and not last:
            last = NUMBER_WORDS[tok]
        elif j == i and tok in ORDINALS:
            last = ORDINALS[tok]
        elif tok[:2] == "se" and tok[2:] in SCALES:
            total += SCALES[tok[2:]]
        elif j > i and last and tok in _INNER:
            current += last + 10 if tok == "belas" else last * _INNER[tok]
            last = 0.0
        elif j > i and tok in SCALES and (current or last):
            total, current, last = total + (current + last) * SCALES[tok], 0.0, 0.0
        else:
            break
        j += 1
    return total + current + last, j - 1


def _bounds(low: float, high: float, qualifier: str | None) -> tuple[float, float]:
    """The range a qualified quantity allows."""
    if qualifier in _AT_LEAST:
        return low, math.inf
    if qualifier in _BELOW:
        return 0.0, high
    if qualifier in _NEAR:
        return low * 0.8, high * 1.1
    return low, high


def numbers(text: str) -> set[float]:
    """Exact quantities: `1.000`, `1,5 miliar`, `sepuluh ribu`, `18`."""
    return {q.low for q in quantities(text) if q.low == q.high}


def comparable(q: Quantity, r: Quantity) -> bool:
    """Like with like: the same unit word, or a count of the same thing left implicit."""
    return q.unit == r.unit


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x).replace(".", ",")


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text
