"""Turn a raw scraped page into a clean, structured article.

Every character of the clean text maps back to one raw position (`Extraction.segments`), and
every raw character left out is either whitespace or covered by a `Removal` that says why.
Outlet-specific knowledge lives in the TOML profiles (see `profiles.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsreader.analysis.credits import (
    PHOTO_CREDIT_RE,
    credited_sources,
    initials_codes,
    is_photo_credit,
)
from newsreader.analysis.dates import FoundDate, choose_published, date_line, find_dates, zone
from newsreader.analysis.profiles import (
    GENERIC,
    UNKNOWN,
    Furniture,
    Profile,
    detect_outlet,
    load_profiles,
    normalise_url,
)
from newsreader.analysis.text import Span, normalise, paragraphs, sentences, words

__all__ = [
    "Extraction",
    "Profile",
    "Removal",
    "SelfDuplicate",
    "detect_outlet",
    "extract",
    "load_profiles",
    "normalise_url",
]

SHORT_MIN_CHARS = 300
SHORT_MIN_RATIO = 0.25
DUPLICATE_MIN_CHARS = 40  # a repeated run shorter than this is left alone
DUPLICATE_MIN_WORDS = 6
LIST_ITEM_MAX_WORDS = 20
NAV_LABEL_MAX_WORDS = 5
CREDIT_MAX_CHARS = 160  # photo credits are looked for at the end of a line only


@dataclass(frozen=True)
class Removal:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class SelfDuplicate:
    start: int
    end: int
    original_start: int
    original_end: int


@dataclass(frozen=True)
class Extraction:
    outlet: str
    outlet_evidence: str
    title: str
    clean_text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    segments: tuple[tuple[int, int, int], ...]
    removed: tuple[Removal, ...]
    self_duplicates: tuple[SelfDuplicate, ...]
    dateline: str | None
    published: datetime | None
    page_date: datetime | None
    body_dates: tuple[datetime, ...]
    date_warning: str | None
    authors: tuple[str, ...]
    credited_sources: tuple[str, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class _Match:
    """How one raw line is furniture: removal parts relative to the line start."""

    parts: tuple[tuple[int, int, str], ...]
    rule: Furniture | None = None
    value: str | None = None
    date: FoundDate | None = None


@dataclass
class _Page:
    raw: str
    lines: list[Span]
    removals: list[Removal] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    pieces: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # kept raw pieces

    def text(self, i: int) -> str:
        return self.lines[i].text(self.raw)

    def remove_line(self, i: int, reason: str) -> None:
        self.remove(self.lines[i].start, self.lines[i].end, reason)

    def remove(self, start: int, end: int, reason: str) -> None:
        while start < end and self.raw[start].isspace():
            start += 1
        while end > start and self.raw[end - 1].isspace():
            end -= 1
        if end > start:
            self.removals.append(Removal(start, end, reason))

    def apply(self, i: int, match: _Match) -> None:
        base = self.lines[i].start
        for start, end, reason in match.parts:
            self.remove(base + start, base + end, reason)
        if match.value and match.rule and match.rule.collect:
            value = match.value.strip(" .")
            if match.rule.collect == "initials":
                self.authors.extend(initials_codes(value))
            else:
                (self.authors if match.rule.collect == "author" else self.sources).append(value)


_NAME = r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}"
_DATELINE = re.compile(rf"^(?P<head>{_NAME}(?:\s*,\s*{_NAME})?)\s*[-–—]{{1,2}}\s+(?=\S)")
_BRAND_LIKE = re.compile(r"\.(com|co\.id|id|net)$", re.IGNORECASE)
_TRAILING_INITIALS = re.compile(r"\s\((?P<value>[a-z]{2,5}(?:\s*/\s*[\w*]{1,5}){0,4})\)\s*$")
_END_MARKER = re.compile(r"\s*\*{3,}\s*$")
_INLINE_RESIDUE = (
    (re.compile(r"<[^<>\n]{1,300}>"), "markup residue"),
    (
        re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+"),
        "control characters",
    ),
)


def _dateline(text: str, brands: set[str]) -> tuple[int, str | None] | None:
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


def _body_like(text: str, brands: set[str]) -> bool:
    """A line that reads as article prose rather than a title, label or list item."""
    n = len(words(text))
    if n >= 3 and _dateline(text, brands):
        return True
    last = text.rstrip()[-1:]
    return last in ".!…" or (last in '"”’?' and n >= 12) or n >= 30


def _match_line(
    text: str, rules: tuple[Furniture, ...], agencies: tuple[str, ...], tz
) -> _Match | None:
    for rule in rules:
        m = rule.pattern.fullmatch(text)
        if not m:
            continue
        credit_start = m.start("credit") if "credit" in rule.pattern.groupindex else -1
        if credit_start > 0:
            parts = ((0, credit_start, rule.reason), (credit_start, len(text), "photo credit"))
        else:
            parts = ((0, len(text), rule.reason),)
        return _Match(parts, rule, m.groupdict().get("value"))
    found = date_line(text, tz)
    if found:
        return _Match(((0, len(text), "date line"),), date=found)
    m = PHOTO_CREDIT_RE.search(text, max(0, len(text) - CREDIT_MAX_CHARS))
    if m and is_photo_credit(m.group("credit"), agencies):
        if m.start() == 0:
            return _Match(((0, len(text), "photo credit"),))
        if len(words(text[: m.start()])) >= 4:
            return _Match(((0, m.start(), "photo caption"), (m.start(), len(text), "photo credit")))
    return None


def _header(page: _Page, matches: list[_Match | None], brands: set[str]) -> tuple[int, int | None]:
    """Classify the lines before the body; return (first body line, title line or None)."""
    body_start = next(
        (i for i, m in enumerate(matches) if m is None and _body_like(page.text(i), brands)),
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


def _body(
    page: _Page, matches: list[_Match | None], start: int, title: str, brands: set[str]
) -> tuple[list[int], str | None]:
    """Remove furniture from the body lines; return (kept lines, dateline place)."""
    kept: list[int] = []
    list_reason = None
    place = None
    title_key = normalise(title)
    for i in range(start, len(page.lines)):
        text, match = page.text(i), matches[i]
        if match:
            page.apply(i, match)
            if match.rule and match.rule.starts_list:
                list_reason = match.rule.reason
            continue
        if list_reason and not _body_like(text, brands) and len(words(text)) <= LIST_ITEM_MAX_WORDS:
            page.remove_line(i, list_reason)
            continue
        list_reason = None
        if title_key and normalise(text) == title_key:
            page.remove_line(i, "repeated title")
            continue
        line_start, line_end = page.lines[i].start, page.lines[i].end
        if not kept and (dateline := _dateline(text, brands)):
            page.remove(line_start, line_start + dateline[0], "dateline")
            place = dateline[1]
            line_start += dateline[0]
        if marker := _END_MARKER.search(text):
            page.remove(page.lines[i].start + marker.start(), line_end, "end marker")
            line_end = page.lines[i].start + marker.start()
        page.pieces[i] = _inline_pieces(page, line_start, line_end)
        if page.pieces[i]:
            kept.append(i)
    return kept, place


def _inline_pieces(page: _Page, start: int, end: int) -> list[tuple[int, int]]:
    """Split a kept line around markup and control-character residue."""
    cuts = sorted(
        (m.start(), m.end(), reason)
        for pattern, reason in _INLINE_RESIDUE
        for m in pattern.finditer(page.raw, start, end)
    )
    pieces, pos = [], start
    for cut_start, cut_end, reason in cuts:
        if cut_start < pos:
            continue
        pieces.append((pos, cut_start))
        page.removals.append(Removal(cut_start, cut_end, reason))
        pos = cut_end
    pieces.append((pos, end))
    return _trim_pieces(page.raw, pieces)


def _trim_pieces(raw: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(s, e) for s, e in pieces if raw[s:e].strip()]
    if pieces:
        s, e = pieces[0]
        pieces[0] = (s + len(raw[s:e]) - len(raw[s:e].lstrip()), e)
        s, e = pieces[-1]
        pieces[-1] = (s, e - len(raw[s:e]) + len(raw[s:e].rstrip()))
    return pieces


def _duplicate_key(text: str, brands: set[str]) -> str:
    dateline = _dateline(text, brands)
    return normalise(text[dateline[0] :] if dateline else text)


def _self_duplicates(page: _Page, kept: list[int], brands: set[str]) -> list[tuple[int, int, int]]:
    """Repeated runs of kept lines as (copy index, original index, length) into `kept`.

    The first copy stays; a run counts when it has at least DUPLICATE_MIN_CHARS characters
    and DUPLICATE_MIN_WORDS words, so short lines that legitimately recur are left alone.
    """
    kept_text = ["".join(page.raw[a:b] for a, b in page.pieces[i]) for i in kept]
    keys = [_duplicate_key(text, brands) for text in kept_text]
    first: dict[str, int] = {}
    runs = []
    j = 0
    while j < len(keys):
        i = first.get(keys[j])
        if i is not None:
            k = 0
            while j + k < len(keys) and i + k < j and keys[i + k] == keys[j + k]:
                k += 1
            run = " ".join(keys[j : j + k])
            if len(run) >= DUPLICATE_MIN_CHARS and len(words(run)) >= DUPLICATE_MIN_WORDS:
                runs.append((j, i, k))
                j += k
                continue
        first.setdefault(keys[j], j)
        j += 1
    return runs


def _subtract(start: int, end: int, removals: list[Removal]) -> list[tuple[int, int]]:
    """Parts of [start, end) not covered by existing removals."""
    parts, pos = [], start
    for r in sorted(removals, key=lambda r: r.start):
        if r.end <= pos or r.start >= end:
            continue
        if r.start > pos:
            parts.append((pos, r.start))
        pos = max(pos, r.end)
    if pos < end:
        parts.append((pos, end))
    return parts


def _record_duplicates(
    page: _Page, kept: list[int], runs: list[tuple[int, int, int]]
) -> tuple[list[int], list[SelfDuplicate]]:
    dropped: set[int] = set()
    duplicates = []
    for copy, original, length in runs:
        copy_lines = [page.pieces[kept[x]] for x in range(copy, copy + length)]
        original_lines = [page.pieces[kept[x]] for x in range(original, original + length)]
        start, end = copy_lines[0][0][0], copy_lines[-1][-1][1]
        duplicates.append(
            SelfDuplicate(start, end, original_lines[0][0][0], original_lines[-1][-1][1])
        )
        for part_start, part_end in _subtract(start, end, page.removals):
            page.remove(part_start, part_end, "duplicate body")
        dropped.update(kept[x] for x in range(copy, copy + length))
    return [i for i in kept if i not in dropped], duplicates


def _trailing_initials(page: _Page, last: int) -> None:
    """`... tersebut. (mas)` at the very end of the article."""
    start, end = page.pieces[last][-1]
    m = _TRAILING_INITIALS.search(page.raw, start, end)
    if m and m.start() > start:
        page.remove(m.start(), end, "editor initials")
        page.authors.extend(initials_codes(m.group("value")))
        page.pieces[last] = _trim_pieces(page.raw, [*page.pieces[last][:-1], (start, m.start())])


def _unique(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        item = re.sub(r"\s+", " ", item).strip()
        if item:
            seen.setdefault(item.casefold(), item)
    return tuple(seen.values())


def _choose_profile(raw_text: str, url: str | None, outlet: str | None) -> tuple[str, str]:
    if outlet:
        known = outlet in load_profiles() and outlet != GENERIC
        return outlet, "chosen by user" if known else "chosen by user (no profile: generic rules)"
    return detect_outlet(raw_text, url)


def extract(
    raw_text: str, *, url: str | None = None, outlet: str | None = None, title: str | None = None
) -> Extraction:
    """Clean one raw page. `outlet` (a profile slug) overrides detection; `title` overrides
    the extracted title."""
    profiles = load_profiles()
    generic = profiles[GENERIC]
    slug, evidence = _choose_profile(raw_text, url, outlet)
    profile = profiles.get(slug) if slug not in (GENERIC, UNKNOWN) else None
    rules = (profile.furniture if profile else ()) + generic.furniture
    agencies = generic.photo_agencies + (profile.photo_agencies if profile else ())
    brands = {b.upper() for p in profiles.values() for b in p.dateline_brands}
    tz = zone((profile or generic).timezone)

    page = _Page(raw_text, paragraphs(raw_text))
    matches = [_match_line(page.text(i), rules, agencies, tz) for i in range(len(page.lines))]
    body_start, title_line = _header(page, matches, brands)
    found_title = page.text(title_line) if title_line is not None else ""
    kept, place = _body(page, matches, body_start, found_title, brands)
    kept, duplicates = _record_duplicates(page, kept, _self_duplicates(page, kept, brands))
    if kept:
        _trailing_initials(page, kept[-1])

    segments, paragraph_spans, chunks, pos = [], [], [], 0
    for i in kept:
        if not page.pieces[i]:
            continue
        if chunks:
            chunks.append("\n\n")
            pos += 2
        para_start = pos
        for start, end in page.pieces[i]:
            segments.append((pos, start, end - start))
            chunks.append(raw_text[start:end])
            pos += end - start
        paragraph_spans.append(Span(para_start, pos))
    clean_text = "".join(chunks)

    page_dates = [m.date for m in matches if m and m.date]
    page_date = page_dates[0].value if page_dates else None
    body_found = find_dates(clean_text, tz)
    published, warning = choose_published(page_date, body_found)
    body_dates = tuple(dict.fromkeys(d.value for d in body_found))
    sources = page.sources + credited_sources(clean_text)
    flags = _flags(raw_text, clean_text, duplicates, warning, title or found_title)
    return Extraction(
        outlet=slug,
        outlet_evidence=evidence,
        title=(title or found_title).strip(),
        clean_text=clean_text,
        paragraphs=tuple(paragraph_spans),
        sentences=tuple(sentences(clean_text)),
        segments=tuple(segments),
        removed=tuple(sorted(page.removals, key=lambda r: (r.start, r.end))),
        self_duplicates=tuple(duplicates),
        dateline=place,
        published=published,
        page_date=page_date,
        body_dates=body_dates,
        date_warning=warning,
        authors=_unique(page.authors),
        credited_sources=_unique(sources),
        flags=flags,
    )


def _flags(
    raw: str, clean: str, duplicates: list[SelfDuplicate], warning: str | None, title: str
) -> tuple[str, ...]:
    flags = []
    raw_chars = len(raw.strip())
    if raw_chars and (len(clean) < SHORT_MIN_CHARS or len(clean) < SHORT_MIN_RATIO * raw_chars):
        flags.append(
            f"short_extraction: clean text is {100 * len(clean) // raw_chars}% of the raw page "
            f"({len(clean)} of {raw_chars} characters)"
        )
    if duplicates:
        flags.append(f"self_duplicate: {len(duplicates)} repeated run(s) of the body removed")
    if warning:
        flags.append("date_mismatch")
    if not title.strip():
        flags.append("no_title")
    return tuple(flags)
