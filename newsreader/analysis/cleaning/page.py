"""The page being cleaned: its lines, the removals recorded so far and the kept raw pieces."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsreader.analysis.credits import initials_codes
from newsreader.analysis.dates import FoundDate
from newsreader.analysis.profiles import Furniture
from newsreader.analysis.text import Span


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
class LineMatch:
    """How one raw line is furniture: removal parts relative to the line start."""

    parts: tuple[tuple[int, int, str], ...]
    rule: Furniture | None = None
    value: str | None = None
    date: FoundDate | None = None


@dataclass
class Page:
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

    def apply(self, i: int, match: LineMatch) -> None:
        base = self.lines[i].start
        for start, end, reason in match.parts:
            self.remove(base + start, base + end, reason)
        if match.value and match.rule and match.rule.collect:
            value = match.value.strip(" .")
            if match.rule.collect == "initials":
                self.authors.extend(initials_codes(value))
            else:
                (self.authors if match.rule.collect == "author" else self.sources).append(value)


def trim_pieces(raw: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop blank pieces and trim the spaces at both ends of the list."""
    pieces = [(s, e) for s, e in pieces if raw[s:e].strip()]
    if pieces:
        s, e = pieces[0]
        pieces[0] = (s + len(raw[s:e]) - len(raw[s:e].lstrip()), e)
        s, e = pieces[-1]
        pieces[-1] = (s, e - len(raw[s:e]) + len(raw[s:e].rstrip()))
    return pieces


def subtract(start: int, end: int, removals: list[Removal]) -> list[tuple[int, int]]:
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
