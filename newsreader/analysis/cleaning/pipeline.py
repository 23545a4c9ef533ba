"""The whole cleaning run of one page: profile, lines, body, duplicates, clean text, flags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from newsreader.analysis.cleaning.body import body
from newsreader.analysis.cleaning.duplicates import drop_duplicates
from newsreader.analysis.cleaning.inline import INLINE_FURNITURE, trailing_initials, trailing_team
from newsreader.analysis.cleaning.learned import LearnedFurniture
from newsreader.analysis.cleaning.lines import header, match_line
from newsreader.analysis.cleaning.page import Page, Removal, SelfDuplicate
from newsreader.analysis.cleaning.rejoin import rejoin
from newsreader.analysis.credits import credited_sources
from newsreader.analysis.dates import choose_published, find_dates, zone
from newsreader.analysis.profiles import (
    GENERIC,
    UNKNOWN,
    Furniture,
    detect_outlet,
    load_profiles,
)
from newsreader.analysis.text import Span, paragraphs, sentences

SHORT_MIN_CHARS = 300
SHORT_MIN_RATIO = 0.25


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
    raw_text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    learned: tuple[LearnedFurniture, ...] = (),
    patterns: tuple[Furniture, ...] = (),
) -> Extraction:
    """Clean one raw page. `outlet` (a profile slug) overrides detection; `title` overrides
    the extracted title; `learned` is the furniture learned from the outlet's pages and
    `patterns` the whole-line rules its editors added (`learned.pattern_rule`)."""
    profiles = load_profiles()
    generic = profiles[GENERIC]
    slug, evidence = _choose_profile(raw_text, url, outlet)
    profile = profiles.get(slug) if slug not in (GENERIC, UNKNOWN) else None
    rules = patterns + (profile.furniture if profile else ()) + generic.furniture
    agencies = generic.photo_agencies + (profile.photo_agencies if profile else ())
    brands = {b.upper() for p in profiles.values() for b in p.dateline_brands}
    tz = zone((profile or generic).timezone)
    known = {f.key: f for f in learned}

    lines = paragraphs(raw_text)
    matches = [match_line(s.text(raw_text), rules, agencies, tz, known) for s in lines]
    lines, matches = rejoin(raw_text, lines, matches, title or "")
    page = Page(raw_text, lines)
    body_start, title_line = header(page, matches, brands, title or "")
    found_title = page.text(title_line) if title_line is not None else ""
    kept, place = body(page, matches, body_start, found_title, brands)
    kept, duplicates = drop_duplicates(page, kept, brands)
    kept = trailing_team(page, kept)
    if kept:
        trailing_initials(page, kept[-1])
    clean_text, segments, paragraph_spans = _assemble(page, kept)

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


def beyond_rules(
    learned: tuple[LearnedFurniture, ...], outlet: str | None = None
) -> tuple[LearnedFurniture, ...]:
    """The learned lines that the generic rules and the outlet's profile (a slug) would not
    remove anyway: only those are worth listing, and only for those "keep as body" works (a
    rule wins over what was learned)."""
    profiles = load_profiles()
    profile = profiles.get(outlet) if outlet not in (None, GENERIC, UNKNOWN) else None
    rules = (profile.furniture if profile else ()) + profiles[GENERIC].furniture
    agencies = profiles[GENERIC].photo_agencies + (profile.photo_agencies if profile else ())
    tz = zone((profile or profiles[GENERIC]).timezone)

    def ruled(text: str) -> bool:
        if match_line(text, rules, agencies, tz, {}):
            return True
        return any(
            (m := pattern.search(text)) and not (text[: m.start()] + text[m.end() :]).strip()
            for pattern, _ in INLINE_FURNITURE
        )

    return tuple(f for f in learned if not ruled(f.text.strip()))


def _assemble(page: Page, kept: list[int]) -> tuple[str, list, list[Span]]:
    """Clean text from the kept pieces, paragraphs apart; a rejoined line break reads as a space."""
    raw = page.raw
    segments, paragraph_spans, chunks, pos = [], [], [], 0
    for i in kept:
        if not page.pieces[i]:
            continue
        if chunks:
            chunks.append("\n\n")
            pos += 2
        para_start, previous_end = pos, None
        for start, end in page.pieces[i]:
            if previous_end is not None and "\n" in raw[previous_end:start]:
                chunks.append(" ")
                pos += 1
            segments.append((pos, start, end - start))
            chunks.append(raw[start:end])
            pos += end - start
            previous_end = end
        paragraph_spans.append(Span(para_start, pos))
    return "".join(chunks), segments, paragraph_spans


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
