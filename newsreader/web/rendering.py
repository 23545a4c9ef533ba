"""Markup from untrusted text: every piece of article text is escaped here, then wrapped.

Marks may overlap; the text is cut at every mark boundary and each piece is wrapped in one
element per mark that covers it (outermost = the mark that starts first).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

# Control characters are shown as their visible symbols (U+2400...), one character for one,
# so offsets counted in the page text still match the stored text.
_VISIBLE_CONTROLS = {c: 0x2400 + c for c in range(32) if chr(c) not in "\t\n\r"} | {127: 0x2421}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    attrs: tuple[tuple[str, str], ...] = field(default=())
    tag: str = "mark"


def _escape(value) -> str:
    """Django's conditional_escape without its lazy wrappers (a page escapes thousands of
    pieces): markup already safe is kept, anything else has & < > " ' escaped."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _open(mark: Mark, first: bool) -> str:
    attrs = [("class", mark.css), *mark.attrs]
    if not first:
        # Continuation pieces of a long mark are not separate stops for keyboard or reader.
        attrs = [(k, v) for k, v in attrs if k not in {"tabindex", "id"}]
        attrs.append(("data-continued", "1"))
    rendered = "".join(f' {_escape(k)}="{_escape(v)}"' for k, v in attrs)
    return f"<{mark.tag}{rendered}>"


def render_marked(
    text: str,
    marks: Iterable[Mark] = (),
    *,
    start: int = 0,
    end: int | None = None,
    continued: frozenset[Mark] = frozenset(),
) -> SafeString:
    """Escaped text[start:end] with the marks that fall inside it; a mark in `continued` was
    opened in an earlier slice (a paragraph before), so none of its pieces here is its first."""
    end = len(text) if end is None else end
    marks = sorted(
        (m for m in marks if m.end > start and m.start < end and m.end > m.start),
        key=lambda m: (m.start, -m.end),
    )
    cuts = sorted(
        {start, end, *(max(m.start, start) for m in marks), *(min(m.end, end) for m in marks)}
    )
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= a and m.end >= b]
        piece = html.escape(text[a:b].translate(_VISIBLE_CONTROLS))
        for mark in reversed(covering):
            first = a == max(mark.start, start) and mark not in continued
            piece = f"{_open(mark, first=first)}{piece}</{mark.tag}>"
        out.append(piece)
    return mark_safe("".join(out))  # noqa: S308 (every text piece above is escaped)


def render_paragraphs(
    text: str, paragraphs: Sequence[tuple[int, int]], marks: Iterable[Mark] = ()
) -> SafeString:
    """One <p> per paragraph span, each carrying its offsets for scripts and tests. A mark
    running over several paragraphs keeps its id and tab stop in the first one only."""
    marks = list(marks)
    pieces, shown_to = [], None  # the end of the paragraphs rendered so far
    for s, e in paragraphs:
        continued = frozenset(
            m for m in marks if shown_to is not None and m.start < shown_to and m.end > s
        )
        body = render_marked(text, marks, start=s, end=e, continued=continued)
        pieces.append(f'<p data-start="{s}" data-end="{e}">{body}</p>')
        shown_to = e
    return mark_safe("".join(pieces))  # noqa: S308 (render_marked escapes the text)
