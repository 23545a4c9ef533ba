"""Rejoin lines a scraper broke at in-text links, so no part of a sentence is lost.

`Menteri Dalam Negeri (Mendagri)` / `Tito Karnavian` / `menjelaskan ...` is one sentence whose
link text was put on its own line: a line that starts in lowercase (or with `,` `;` `)`)
continues the line before when that one does not end a sentence; when the line before is a
short capitalised link text, the line before it joins as well.
"""

from __future__ import annotations

import re

from newsreader.analysis.cleaning.page import LineMatch
from newsreader.analysis.text import Span, normalise, words

LINK_TEXT_MAX_WORDS = 6
_CONTINUES = re.compile(r"[a-z,;:)\]]")
_ENDS_SENTENCE = re.compile(r"""[.!?…]["'”’)]*$|[:]$""")


def _open(text: str, title_key: str) -> bool:
    """Whether a line can be continued: no sentence end and not the title itself."""
    if _ENDS_SENTENCE.search(text) or not any(c.isalnum() for c in text):
        return False
    return not (title_key and normalise(text) == title_key)


def rejoin(
    raw: str, lines: list[Span], matches: list[LineMatch | None], title: str
) -> tuple[list[Span], list[LineMatch | None]]:
    """Merge broken lines into one span each; furniture lines are never merged."""
    title_key = normalise(title)
    out: list[Span] = []
    out_matches: list[LineMatch | None] = []
    merged: list[bool] = []
    for span, match in zip(lines, matches, strict=True):
        text = span.text(raw)
        if (
            out
            and match is None
            and out_matches[-1] is None
            and _CONTINUES.match(text)
            and _open(out[-1].text(raw), title_key)
        ):
            before = out[-1].text(raw)
            start = out[-1].start
            if (
                not merged[-1]
                and len(out) > 1
                and out_matches[-2] is None
                and before[:1].isupper()
                and len(words(before)) <= LINK_TEXT_MAX_WORDS
                and _open(out[-2].text(raw), title_key)
            ):
                out.pop(), out_matches.pop(), merged.pop()
                start = out[-1].start
            out[-1] = Span(start, span.end)
            merged[-1] = True
            continue
        out.append(span)
        out_matches.append(match)
        merged.append(False)
    return out, out_matches
