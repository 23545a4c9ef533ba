"""Runs of body lines the page repeats (scrapers often capture a paragraph twice)."""

from __future__ import annotations

from newsreader.analysis.cleaning.lines import dateline
from newsreader.analysis.cleaning.page import Page, SelfDuplicate, subtract
from newsreader.analysis.text import normalise, words

DUPLICATE_MIN_CHARS = 40  # a repeated run shorter than this is left alone
DUPLICATE_MIN_WORDS = 6


def _duplicate_key(text: str, brands: set[str]) -> str:
    found = dateline(text, brands)
    return normalise(text[found[0] :] if found else text)


def _self_duplicates(page: Page, kept: list[int], brands: set[str]) -> list[tuple[int, int, int]]:
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


def _containers(page: Page, kept: list[int], brands: set[str]) -> list[int]:
    """Positions in `kept` of lines that repeat the next line and run on past it.

    Some pages are scraped as nested blocks: each paragraph is preceded by a block holding it
    and everything after it. Such a block is a copy, whatever else is glued to its end; the
    paragraph itself (the later line) is kept.
    """
    keys = [_duplicate_key("".join(page.raw[a:b] for a, b in page.pieces[i]), brands) for i in kept]
    return [
        j
        for j in range(len(keys) - 1)
        if len(keys[j + 1]) >= DUPLICATE_MIN_CHARS
        and keys[j].startswith(keys[j + 1])
        and _raw_length(page, kept[j]) > _raw_length(page, kept[j + 1])
    ]


def _raw_length(page: Page, i: int) -> int:
    return page.lines[i].end - page.lines[i].start


def drop_duplicates(
    page: Page, kept: list[int], brands: set[str]
) -> tuple[list[int], list[SelfDuplicate]]:
    """Remove nested-block copies and the later copies of repeated runs; return (kept lines,
    the copies found)."""
    duplicates = []
    containers = _containers(page, kept, brands)
    for j in containers:
        line, following = page.pieces[kept[j]], page.pieces[kept[j + 1]]
        start, end = line[0][0], line[-1][1]
        duplicates.append(SelfDuplicate(start, end, following[0][0], page.pieces[kept[-1]][-1][1]))
        for part_start, part_end in subtract(start, end, page.removals):
            page.remove(part_start, part_end, "duplicate body")
    kept = [i for j, i in enumerate(kept) if j not in set(containers)]
    dropped: set[int] = set()
    for copy, original, length in _self_duplicates(page, kept, brands):
        copy_lines = [page.pieces[kept[x]] for x in range(copy, copy + length)]
        original_lines = [page.pieces[kept[x]] for x in range(original, original + length)]
        start, end = copy_lines[0][0][0], copy_lines[-1][-1][1]
        duplicates.append(
            SelfDuplicate(start, end, original_lines[0][0][0], original_lines[-1][-1][1])
        )
        for part_start, part_end in subtract(start, end, page.removals):
            page.remove(part_start, part_end, "duplicate body")
        dropped.update(kept[x] for x in range(copy, copy + length))
    return [i for i in kept if i not in dropped], duplicates
