"""Furniture inside a kept line: teasers, prompts and residue glued into a paragraph.

Each family is a pattern searched anywhere in the line; what it matches is removed with its
reason and the line is kept around it. `Baca juga: <headline>` inside a paragraph takes the
headline's run of capitalised words, minus the last one when prose follows (`... Naik Budi
mengatakan`: `Budi` starts the next sentence).
"""

from __future__ import annotations

import re

from newsreader.analysis.cleaning.page import Page, Removal, trim_pieces
from newsreader.analysis.credits import initials_codes

# Lowercase words a title-case headline keeps lowercase.
_HEADLINE_SMALL = {
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "atau", "vs", "soal",
    "jadi", "hingga", "usai", "saat", "agar", "oleh", "bagi", "tak", "ini", "itu",
}  # fmt: skip
_HEADLINE_WORD = re.compile(r"\S+")

INLINE_FURNITURE = (
    (re.compile(r"SCROLL TO CONTINUE WITH CONTENT"), "scroll prompt"),
    (re.compile(r"(?<![\w-])(?:ADVERTISEMENT|Advertisement)(?![\w-])"), "advertisement"),
    (re.compile(r"\[(?:Gambas|Embed|Video|Instagram|Twitter|Tiktok|YouTube)\b[^\[\]\n]{0,80}\]", re.I), "embed marker"),
    (re.compile(r"(?i)\b(?:simak|lihat|tonton)\s+(?:juga\s+)?video\b.*$"), "video teaser"),
    (re.compile(r"(?i)\bartikel\s+ini\s+(?:telah|sudah)\s+(?:tayang|terbit|naik|dimuat)\b.*$"), "syndication note"),
    (re.compile(r"(?i)\b(?:baca|simak|dapatkan|ikuti)\b[^.\n]{0,120}\bgoogle\s+news\b\W*"), "Google News promo"),
    (re.compile(r"(?i)\b(?:ikuti|gabung|bergabung|join|follow)\b[^.\n]{0,60}\b(?:whats\s?app|telegram)\s+channel\b[^.\n]{0,40}"), "channel promo"),
)  # fmt: skip
_READ_ALSO = re.compile(r"(?i)\b(?:baca|simak)\s+(?:juga|pula)\s*:\s*")
RESIDUE = (
    (re.compile(r"<[^<>\n]{1,300}>"), "markup residue"),
    (
        re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+"),
        "control characters",
    ),
)
_JOINT = re.compile(r"[ \t\u00a0]*\n\s*")  # where a rejoined line was broken
_END_MARKER = re.compile(r"\s*\*{3,}\s*$")
_TRAILING_INITIALS = re.compile(r"\s\((?P<value>[a-z]{2,5}(?:\s*/\s*[\w*]{1,5}){0,4})\)\s*$")


def _headline_end(raw: str, start: int, end: int) -> int:
    """End of a title-case headline that begins at `start` inside a line."""
    tokens = list(_HEADLINE_WORD.finditer(raw, start, end))
    last_capital = taken = 0
    for n, tok in enumerate(tokens):
        word = tok.group().strip("\"'“”‘’()")
        if word[:1].isupper() or word[:1].isdigit():
            last_capital, taken = n, n + 1
        elif word.lower() not in _HEADLINE_SMALL:
            if last_capital + 1 == n and last_capital > 0:
                taken = last_capital  # the capital word starts the next sentence
            break
    return tokens[taken - 1].end() if taken else start


def _read_also(raw: str, start: int, end: int) -> list[tuple[int, int, str]]:
    cuts = []
    for m in _READ_ALSO.finditer(raw, start, end):
        cuts.append((m.start(), _headline_end(raw, m.end(), end), "read-also teaser"))
    return cuts


def inline_cuts(raw: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Every inline furniture and residue span in raw[start:end], by position."""
    cuts = [
        (m.start(), m.end(), reason)
        for pattern, reason in (*INLINE_FURNITURE, *RESIDUE)
        for m in pattern.finditer(raw[start:end])
    ]
    cuts = [(s + start, e + start, reason) for s, e, reason in cuts]
    return sorted(cuts + _read_also(raw, start, end))


def inline_pieces(page: Page, start: int, end: int) -> list[tuple[int, int]]:
    """Split a kept line around inline furniture and at rejoined line breaks."""
    pieces, pos = [], start
    for cut_start, cut_end, reason in inline_cuts(page.raw, start, end):
        if cut_start < pos or cut_end <= cut_start:
            continue
        pieces.append((pos, cut_start))
        page.removals.append(Removal(cut_start, cut_end, reason))
        pos = cut_end
    pieces.append((pos, end))
    split = []
    for s, e in pieces:
        for joint in _JOINT.finditer(page.raw, s, e):
            split.append((s, joint.start()))
            s = joint.end()
        split.append((s, e))
    return trim_pieces(page.raw, split)


def end_marker(text: str) -> int | None:
    """Where a trailing `***` end marker starts in a line."""
    m = _END_MARKER.search(text)
    return m.start() if m else None


def trailing_initials(page: Page, last: int) -> None:
    """`... tersebut. (mas)` at the very end of the article."""
    start, end = page.pieces[last][-1]
    m = _TRAILING_INITIALS.search(page.raw, start, end)
    if m and m.start() > start:
        page.remove(m.start(), end, "editor initials")
        page.authors.extend(initials_codes(m.group("value")))
        page.pieces[last] = trim_pieces(page.raw, [*page.pieces[last][:-1], (start, m.start())])


_TEAM_BYLINE = re.compile(r"Tim\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}")


def trailing_team(page: Page, kept: list[int]) -> list[int]:
    """A team byline as the article's last line (`Tim Rembulan`, `Tim Redaksi`): removed, and
    its team kept as the author. Only at the very end: `Tim SAR` elsewhere is prose."""
    if len(kept) < 2 or len(page.pieces[kept[-1]]) != 1:
        return kept
    start, end = page.pieces[kept[-1]][0]
    text = page.raw[start:end].strip()
    if not _TEAM_BYLINE.fullmatch(text):
        return kept
    page.remove(start, end, "byline")
    page.authors.append(text)
    return kept[:-1]
