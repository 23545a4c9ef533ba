"""Whole-line furniture: which lines are title, navigation, furniture or body."""

from __future__ import annotations

import re

from newsreader.analysis.cleaning.learned import LearnedFurniture, line_key
from newsreader.analysis.cleaning.page import LineMatch, Page
from newsreader.analysis.credits import GLUED_CREDIT_RE, PHOTO_CREDIT_RE, is_photo_credit
from newsreader.analysis.dates import date_line
from newsreader.analysis.profiles import Furniture
from newsreader.analysis.text import normalise, words

LIST_ITEM_MAX_WORDS = 20
CAPTION_MAX_WORDS = 40
NAV_LABEL_MAX_WORDS = 5
CREDIT_MAX_CHARS = 160  # photo credits are looked for at the end of a line only

_NAME = r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}"
_DATELINE = re.compile(rf"^(?P<head>{_NAME}(?:\s*,\s*{_NAME})?)\s*[-–—]{{1,2}}\s+(?=\S)")
_BRAND_LIKE = re.compile(r"\.(com|co\.id|id|net)$", re.IGNORECASE)


def dateline(text: str, brands: set[str]) -> tuple[int, str | None] | None:
    """(end of the dateline prefix, place or None) for `WASHINGTON -`, `TRIBUNNEWS.COM -`."""
    m = _DATELINE.match(text)
    if not m:
        return None
    place = None
    for part in (p.strip() for p in m.group("head").split(",")):
        if part.upper() in brands or _BRAND_LIKE.search(part):
            continue
        if not part.isupper() or sum(c.isalpha() for c in part) < 3:
            return None
        place = place or part
    return len(m.group().rstrip()), place


def body_like(text: str, brands: set[str]) -> bool:
    """A line that reads as article prose rather than a title, label or list item."""
    n = len(words(text))
    if n >= 3 and dateline(text, brands):
        return True
    last = text.rstrip()[-1:]
    return last in ".!…" or (last in '"”’?' and n >= 12) or n >= 30


def match_line(
    text: str,
    rules: tuple[Furniture, ...],
    agencies: tuple[str, ...],
    tz,
    learned: dict[str, LearnedFurniture],
) -> LineMatch | None:
    for rule in rules:
        m = rule.pattern.fullmatch(text)
        if not m:
            continue
        credit_start = m.start("credit") if "credit" in rule.pattern.groupindex else -1
        if credit_start > 0:
            parts = ((0, credit_start, rule.reason), (credit_start, len(text), "photo credit"))
        else:
            parts = ((0, len(text), rule.reason),)
        return LineMatch(parts, rule, m.groupdict().get("value"))
    if known := learned.get(line_key(text)):
        return LineMatch(((0, len(text), known.reason),))
    found = date_line(text, tz)
    if found:
        return LineMatch(((0, len(text), "date line"),), date=found)
    glued = GLUED_CREDIT_RE.match(text)
    if glued and len(words(text[glued.end() :])) <= CAPTION_MAX_WORDS:
        return LineMatch(
            ((0, glued.end(), "photo credit"), (glued.end(), len(text), "photo caption"))
        )
    m = PHOTO_CREDIT_RE.search(text, max(0, len(text) - CREDIT_MAX_CHARS))
    if m and is_photo_credit(m.group("credit"), agencies):
        if m.start() == 0:
            return LineMatch(((0, len(text), "photo credit"),))
        if len(words(text[: m.start()])) >= 4:
            return LineMatch(
                ((0, m.start(), "photo caption"), (m.start(), len(text), "photo credit"))
            )
    return None


def _starts_body(text: str, brands: set[str], title_key: str) -> bool:
    """With a title given at import, a line of prose length that is not the title is body."""
    if body_like(text, brands):
        return True
    key = normalise(text)
    return bool(title_key) and len(words(text)) > NAV_LABEL_MAX_WORDS and key not in title_key


def header(
    page: Page, matches: list[LineMatch | None], brands: set[str], given_title: str
) -> tuple[int, int | None]:
    """Classify the lines before the body; return (first body line, title line or None)."""
    title_key = normalise(given_title)
    body_start = next(
        (
            i
            for i, m in enumerate(matches)
            if m is None and _starts_body(page.text(i), brands, title_key)
        ),
        len(matches),
    )
    candidates = [i for i in range(body_start) if matches[i] is None]
    if body_start == len(matches) and candidates:  # no prose at all: first line is the title
        body_start = candidates[1] if len(candidates) > 1 else candidates[0]
        candidates = [i for i in candidates if i < body_start]
    for i in range(body_start):
        if matches[i]:
            page.apply(i, matches[i])
    long_lines = [i for i in candidates if len(words(page.text(i))) > NAV_LABEL_MAX_WORDS]
    title_line = None
    for i in candidates:
        if len(words(page.text(i))) <= NAV_LABEL_MAX_WORDS and any(j > i for j in long_lines):
            page.remove_line(i, "navigation")
        elif title_line is None:
            title_line = i
            page.remove_line(i, "title")
        else:
            page.remove_line(i, "repeated title")
    return body_start, title_line
