"""Syndication between the articles of a comparison: two outlets of one media group, or a page
that says it first appeared elsewhere ("Artikel ini telah tayang di Kompas.com dengan judul
..."). Text they share is syndication, not copying.

Plain data in and out: the caller gives each article's outlet, media group and the sites its
syndication notes name, resolved to outlet slugs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SAME_GROUP, SYNDICATED_COPY = "same group", "syndicated copy"

_NOTE_SITE = re.compile(
    r"(?i)\bartikel\s+ini\s+(?:telah|sudah)\s+(?:tayang|terbit|naik|dimuat)\s+(?:di|pada|dalam)\s*"
    r"(?P<site>.+?)(?=\s+dengan\s+judul\b|\s*[,:;\"“”(]|\.\s|\.?$)"
)


def note_site(note: str) -> str | None:
    """The site a syndication note names: `Kompas.com` in "Artikel ini telah tayang di
    Kompas.com dengan judul ..."; None when the note names none."""
    match = _NOTE_SITE.search(note)
    site = match.group("site").strip() if match else ""
    return site if 0 < len(site) <= 80 and len(site.split()) <= 4 else None


@dataclass(frozen=True)
class Column:
    article: int
    outlet: str  # slug
    group: str  # media group, "" when none is recorded
    origins: tuple[str, ...] = ()  # slugs of the outlets its syndication notes name
    note: str = ""  # the note as the page printed it


@dataclass(frozen=True)
class PairLabel:
    kind: str  # SAME_GROUP | SYNDICATED_COPY
    group: str = ""
    copy: int | None = None  # the article that says it first appeared in `origin`
    origin: int | None = None
    note: str = ""


def pair_label(a: Column, b: Column) -> PairLabel | None:
    """How text shared by two articles is to be read: a syndicated copy (one names the other's
    outlet as where it first appeared), the same media group (two sister outlets), or None."""
    if a.outlet == b.outlet:
        return None
    for copy, origin in ((a, b), (b, a)):
        if origin.outlet in copy.origins:
            return PairLabel(SYNDICATED_COPY, "", copy.article, origin.article, copy.note)
    if a.group and a.group.casefold() == b.group.casefold():
        return PairLabel(SAME_GROUP, a.group)
    return None


def pair_labels(columns: list[Column]) -> dict[frozenset[int], PairLabel]:
    """The label of every pair of columns that has one."""
    labels = {}
    for i, a in enumerate(columns):
        for b in columns[i + 1 :]:
            if label := pair_label(a, b):
                labels[frozenset((a.article, b.article))] = label
    return labels


def syndicated_passage(
    articles: set[int], labels: dict[frozenset[int], PairLabel]
) -> PairLabel | None:
    """A passage is syndication when every pair of the articles carrying it has a label; the
    label of its first labelled pair says which kind."""
    ids = sorted(articles)
    pairs = [frozenset((x, y)) for i, x in enumerate(ids) for y in ids[i + 1 :]]
    if len(pairs) and all(p in labels for p in pairs):
        return labels[pairs[0]]
    return None
