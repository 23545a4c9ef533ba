"""What tells one news event from another, computed once per article.

An article becomes a bag of weighted features, each prefixed by its kind:

- `n:` words of names (capitalised words and acronyms not opening a sentence: people, places,
  organisations, teams), `w:` other content words, `#:` numbers with the word after them
  (`16 tahun`, `915 miliar`), `d:` calendar days the article mentions, resolved against its
  publication date (`Rabu (18/6/2025)`, `Selasa (17/6)`, `kemarin`, a bare weekday).
- The numbers the title counts with their unit (`16 tahun`, `3 hakim`) are kept apart as well:
  two titles counting the same thing with different numbers (a 16-year and a 3-year sentence)
  report different events (`grouping_signals.number_conflict`).
- Where a feature occurs matters (`PART_WEIGHTS`): the title and the lead (the first
  sentences) say what happened, so their words count; the body adds names, numbers and dates
  but hardly its common words (they describe the topic, not the event).
- Weights here are sublinear term counts; rarity (IDF over the stored articles) is applied
  when two articles or an article and a story are compared (`grouping.py`).

Glued link text of scraped pages (`pemerintahanPrabowo`) is split at the case change first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import MONTHS
from .stemming import stop_words

LEAD_SENTENCES = 3
BODY_WORDS = 150  # words after this point add nothing (tails are background and furniture)
# Weight of one occurrence by part (title, lead, body) and kind; tuned on half of the dev-corpus
# events (bench/eval_grouping.py) and checked on the other half.
PART_WEIGHTS = (
    {"n": 4.5, "w": 4.0, "#": 3.0, "d": 1.5},
    {"n": 3.0, "w": 1.4, "#": 3.0, "d": 4.0},
    {"n": 0.5, "w": 0.05, "#": 1.0, "d": 4.0},
)
LEAD_DAYS_BACK = 7  # a date more than this before publication is background, not the event

_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_TOKEN = re.compile(r"\d+(?:[.,:/-]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')]*\s+")
_WEEKDAYS = {
    **dict.fromkeys(["senin", "monday"], 0),
    **dict.fromkeys(["selasa", "tuesday"], 1),
    **dict.fromkeys(["rabu", "wednesday"], 2),
    **dict.fromkeys(["kamis", "thursday"], 3),
    **dict.fromkeys(["jumat", "jum'at", "friday"], 4),
    **dict.fromkeys(["sabtu", "saturday"], 5),
    **dict.fromkeys(["minggu", "ahad", "sunday"], 6),
}
_MONTH_ALT = "|".join(sorted((m for m in MONTHS if len(m) >= 3), key=len, reverse=True))
_DAY_DATE = re.compile(
    r"(?<![\w/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>(?:20)?\d\d))?(?![\w/])"
    rf"|(?<!\w)(?P<d2>[0-3]?\d)\s+(?P<mn>{_MONTH_ALT})\.?(?:\s+(?P<y2>(?:19|20)\d\d))?(?!\w)"
    r"|(?<!\w)(?P<rel>kemarin|kemarin\s+lusa|hari\s+ini|besok|yesterday|today|tomorrow)(?!\w)"
    r"|(?<!\w)(?P<wd>senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)(?!\w)",
    re.IGNORECASE,
)
_RELATIVE = {"kemarin": -1, "yesterday": -1, "hari ini": 0, "today": 0, "besok": 1}
_RELATIVE |= {"tomorrow": 1, "kemarin lusa": -2}
# Capitalised words that are not names: months, weekdays and sentence-like openers.
_NOT_NAMES = frozenset(
    [*MONTHS, *_WEEKDAYS, "wib", "wita", "wit", "baca", "simak", "tonton", "foto", "video"]
)
_UNIT_STOP = frozenset("dan atau yang di ke dari untuk dengan pada itu ini".split())
_MONTH_KEYS = frozenset(MONTHS)
_NOT_UNITS = frozenset(["wib", "wita", "wit", "com", "persen"])


@dataclass(frozen=True)
class EventFeatures:
    """An article's grouping features: weights by feature and the days it is about."""

    weights: dict[str, float]
    published_day: int | None  # date.toordinal() of the publication day
    event_day: int | None  # the earliest recent day the title and lead mention, else published
    lead_days: tuple[int, ...] = ()  # the recent days the title and lead mention (ordinals)
    title_numbers: tuple[str, ...] = ()  # numbers with their unit the title names (`16 tahun`)

    def as_json(self) -> dict:
        return {
            "weights": self.weights,
            "published": self.published_day,
            "day": self.event_day,
            "lead_days": list(self.lead_days),
            "title_numbers": list(self.title_numbers),
        }

    @classmethod
    def from_json(cls, data: dict) -> EventFeatures:
        return cls(
            dict(data.get("weights") or {}),
            data.get("published"),
            data.get("day"),
            tuple(data.get("lead_days") or ()),
            tuple(data.get("title_numbers") or ()),
        )


def event_features(title: str, text: str, published: datetime | None) -> EventFeatures:
    """Features of one article from its title, clean text and publication time."""
    pub = published.date() if published else None
    parts, days = occurrences(title, text, pub)
    counts: dict[str, float] = {}
    for part, part_weights in zip(parts, PART_WEIGHTS, strict=True):
        for key, n in part.items():
            counts[key] = counts.get(key, 0.0) + part_weights[key[0]] * n
    weights = {k: round(1.0 + math.log(c) if c >= 1 else c, 3) for k, c in counts.items()}
    published_day = pub.toordinal() if pub else None
    event_day = min(days) if days else published_day
    numbers = tuple(sorted(k[2:] for k in parts[0] if k.startswith("#:") and _counts(k)))
    return EventFeatures(weights, published_day, event_day, tuple(sorted(set(days))), numbers)


def _counts(key: str) -> bool:
    """Whether a number key counts something (`16 tahun`, `3 hakim`): a unit word follows it,
    and it is no time of day, web address or percentage (a change, which moves within a day)."""
    value, _, unit = key[2:].partition(" ")
    return unit.isalpha() and unit not in _NOT_UNITS and not re.fullmatch(r"\d\d?[.:]\d\d", value)


def occurrences(title: str, text: str, pub: date | None):
    """(feature counts of the title, the lead and the body; the days the title and lead mention
    within LEAD_DAYS_BACK before publication)."""
    days: list[int] = []
    lead_end = _lead_end(text)
    pieces = [(title, True), (text[:lead_end], True), (_head(text[lead_end:], BODY_WORDS), False)]
    stops = stop_words()
    parts: list[dict[str, int]] = [{}, {}, {}]
    names: set[str] = set()  # names seen in the text, so Title Case headlines can be read
    for index in (1, 2, 0):  # the title last
        part, dated = pieces[index]
        counts = parts[index]
        part = _GLUE.sub(" ", part)
        tokens = _TOKEN.findall(part)
        starts = _sentence_starts(part, tokens)
        for i, tok in enumerate(tokens):
            low = tok.casefold().replace("’", "'")
            if tok[0].isdigit():
                key = _number(tokens, i)
                if key is None:
                    continue
            elif low in stops or len(low) < 3:
                continue
            elif tok[0].isupper() and low not in _NOT_NAMES and _is_name(tok, i, starts, index):
                key = "n:" + low
                if index:
                    names.add(key)
                elif key not in names and not tok.isupper():
                    key = "w:" + low  # a Title Case headline word the text never capitalises
            else:
                key = "w:" + low
            counts[key] = counts.get(key, 0) + 1
        for when in _mentioned_days(part, pub):
            key = "d:" + when.isoformat()
            counts[key] = counts.get(key, 0) + 1
            if dated and pub and 0 <= (pub - when).days <= LEAD_DAYS_BACK:
                days.append(when.toordinal())
    return parts, days


def _is_name(tok: str, i: int, starts: set[int], part: int) -> bool:
    """A capitalised word is a name unless it only opens a sentence (the title is checked
    against the text's names by the caller)."""
    return part == 0 or i not in starts or tok.isupper()


def _lead_end(text: str) -> int:
    """End offset of the first LEAD_SENTENCES sentences."""
    end = 0
    for n, m in enumerate(_SENTENCE_END.finditer(text), 1):
        end = m.end()
        if n >= LEAD_SENTENCES:
            return end
    return len(text) if end == 0 else max(end, min(len(text), 400))


def _head(text: str, n_words: int) -> str:
    """The text up to its n-th word."""
    count = 0
    for m in re.finditer(r"\S+", text):
        count += 1
        if count >= n_words:
            return text[: m.end()]
    return text


def _sentence_starts(part: str, tokens: list[str]) -> set[int]:
    """Indexes of tokens opening a sentence (their capital says nothing about a name)."""
    starts = {0}
    pos = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(part)]
    ends.extend(m.end() for m in re.finditer(r"\n|[-–—]\s", part))
    if not ends:
        return starts
    ends = sorted(set(ends))
    j = 0
    for i, tok in enumerate(tokens):
        pos = part.find(tok, pos)
        while j < len(ends) and ends[j] <= pos:
            if i:
                starts.add(i)
            j += 1
        pos += len(tok)
    return starts


def _number(tokens: list[str], i: int) -> str | None:
    """A number with the word after it (`16 tahun`), or None for dates, times and years."""
    tok = tokens[i]
    if "/" in tok or ":" in tok or re.fullmatch(r"(?:19|20)\d\d", tok):
        return None
    value = tok.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", tok) else tok
    nxt = tokens[i + 1].casefold() if i + 1 < len(tokens) else ""
    if nxt and not nxt[0].isdigit() and nxt not in _UNIT_STOP and nxt not in _MONTH_KEYS:
        return f"#:{value} {nxt}"
    return f"#:{value}"


def _mentioned_days(part: str, pub: date | None) -> list[date]:
    """Calendar days the text names, resolved against the publication day."""
    found = []
    for m in _DAY_DATE.finditer(part):
        g = m.groupdict()
        try:
            if g["d"]:
                year = int(g["y"]) if g["y"] else (pub.year if pub else None)
                if year is None:
                    continue
                year = year + 2000 if year < 100 else year
                found.append(date(year, int(g["m"]), int(g["d"])))
            elif g["d2"]:
                year = int(g["y2"]) if g["y2"] else (pub.year if pub else None)
                if year is not None:
                    found.append(date(year, MONTHS[g["mn"].casefold()], int(g["d2"])))
            elif pub is None:
                continue
            elif g["rel"]:
                word = re.sub(r"\s+", " ", g["rel"].casefold())
                found.append(pub + timedelta(days=_RELATIVE[word]))
            elif g["wd"][0].isupper():  # `minggu` in lower case is a week
                back = (pub.weekday() - _WEEKDAYS[g["wd"].casefold()]) % 7
                found.append(pub - timedelta(days=back))
        except ValueError:
            continue
    return found


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
