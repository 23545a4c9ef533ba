"""Shared text primitives: spans, normalisation, word tokens, paragraphs and sentences.

Every function works on plain strings and returns character offsets into the string it
was given, so results can always be mapped back to the exact text the user sees.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


QUOTE_CHARS = "\"“”„‟«»‘’‚‛'`´"
_QUOTE_TABLE = str.maketrans(dict.fromkeys("“”„‟«»", '"') | dict.fromkeys("‘’‚‛`´", "'"))
_DASH_TABLE = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))

WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)


def normalise(text: str) -> str:
    """Fold case, quote styles, dashes, compatibility forms and runs of spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_TABLE).translate(_DASH_TABLE)
    return re.sub(r"\s+", " ", text).strip().casefold()


def words(text: str) -> list[Span]:
    """Word tokens (letters and digits, keeping inner hyphens such as `Kim Jong-un`)."""
    return [Span(m.start(), m.end()) for m in WORD_RE.finditer(text)]


def word_key(token: str) -> str:
    """Comparison key of one word token: case-folded, NFKC, typographic apostrophes folded."""
    return unicodedata.normalize("NFKC", token).casefold().replace("’", "'")


def keyed_words(text: str) -> tuple[list[Span], list[str]]:
    """`words(text)` and the `word_key` of each."""
    tokens = words(text)
    return tokens, [word_key(text[t.start : t.end]) for t in tokens]


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines or blocks separated by one or more newlines, trimmed of spaces."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans


# Abbreviations that end with a full stop but do not end a sentence.
_ABBREVIATIONS = set("abcdefghijklmnopqrstuvwxyz") | {
    *"dr drs ir prof h hj jl no st mr mrs ms jr sr lt gen col sgt u.s".split(),
    *"kol letjen mayjen brigjen akbp kompol bpk sdr tn ny".split(),
}
_SENTENCE_END = re.compile(r"""[.!?…]+["“”'’)\]]*(?=\s+["“”'‘(\[]?[A-Z0-9"“”])""")


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentences of `text` (or of one paragraph span of it), never crossing a paragraph."""
    spans = []
    for para in [within] if within else paragraphs(text):
        start = para.start
        chunk = text[para.start : para.end]
        for m in _SENTENCE_END.finditer(chunk):
            end = para.start + m.end()
            stop = para.start + m.start() + 1
            before = re.search(r"([\w.]+)\.$", text[max(start, stop - 40) : stop])
            if (
                m.group().startswith(".")
                and before
                and before.group(1).casefold() in _ABBREVIATIONS
            ):
                continue
            spans.append(_trim(text, start, end))
            start = end
        if para.end > start:
            spans.append(_trim(text, start, para.end))
    return [s for s in spans if s.end > s.start]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
