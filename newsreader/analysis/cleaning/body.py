"""The body lines: furniture lines, lists that follow a list heading, repeated titles."""

from __future__ import annotations

from newsreader.analysis.cleaning.inline import end_marker, inline_pieces
from newsreader.analysis.cleaning.lines import LIST_ITEM_MAX_WORDS, body_like, dateline
from newsreader.analysis.cleaning.page import LineMatch, Page
from newsreader.analysis.text import normalise, words


def body(
    page: Page, matches: list[LineMatch | None], start: int, title: str, brands: set[str]
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
        if list_reason and not body_like(text, brands) and len(words(text)) <= LIST_ITEM_MAX_WORDS:
            page.remove_line(i, list_reason)
            continue
        list_reason = None
        if title_key and normalise(text) == title_key:
            page.remove_line(i, "repeated title")
            continue
        line_start, line_end = page.lines[i].start, page.lines[i].end
        if not kept and (found := dateline(text, brands)):
            page.remove(line_start, line_start + found[0], "dateline")
            place = found[1]
            line_start += found[0]
        if (marker := end_marker(text)) is not None:
            page.remove(page.lines[i].start + marker, line_end, "end marker")
            line_end = page.lines[i].start + marker
        page.pieces[i] = inline_pieces(page, line_start, line_end)
        if page.pieces[i]:
            kept.append(i)
    return kept, place
