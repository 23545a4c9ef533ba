"""Bounds on the work one pathological article can cause in a story's analysis (a page of one
short quote repeated 40,000 times, a 900 KB article): the quote analysis of claims and framing
reads an article only up to its MAX_QUOTE_MARKS-th quote mark and its first MAX_QUOTE_CHARS
characters, the other framing measures its first MAX_FRAMING_CHARS characters, and the paraphrase scoring of shared passages compares at most
MAX_PARAPHRASE_SENTENCES of an article and MAX_PARAPHRASE_SENTENCES_STORY of a story (its
candidate pairs can grow with the square of the sentences). Real articles carry a few dozen quotes and
sentences; each cut is recorded as {"article", "what", "found", "kept"} for the page's note.
"""

from __future__ import annotations

from .quote_cues import MARKS
from .quotes import Quote, extract_quotes
from .shared_features import per_text

MAX_QUOTE_MARKS = 700  # about 350 quotes
MAX_QUOTE_CHARS = 100_000
MAX_FRAMING_CHARS = 100_000  # about 15,000 words; a 900 KB article took 5 s of framing whole
MAX_PARAPHRASE_SENTENCES = 300
MAX_PARAPHRASE_SENTENCES_STORY = 4000


def quote_text_end(text: str) -> int:
    """Where the quote analysis of this text stops: before its MAX_QUOTE_MARKS-th quote mark,
    and within MAX_QUOTE_CHARS (the whole text when neither limit is reached)."""
    end, seen = min(len(text), MAX_QUOTE_CHARS), 0
    for i, char in enumerate(text[:end]):
        if char in MARKS:
            seen += 1
            if seen == MAX_QUOTE_MARKS:
                return i
    return end


def quotes_bounded_by_text(texts: dict[int, str]) -> tuple[dict[int, list[Quote]], list[dict]]:
    """The quotes of each article found within `quote_text_end` (offsets into the whole text),
    and a note of each article read only in part."""
    quotes, cuts = {}, []
    for doc, text in texts.items():
        end = quote_text_end(text)
        quotes[doc] = list(per_text(extract_quotes, text[:end]))
        if end < len(text):
            cuts.append({"article": doc, "what": "characters", "found": len(text), "kept": end})
    return quotes, cuts


def framing_texts(texts: dict[int, str]) -> tuple[dict[int, str], list[dict]]:
    """Each article's text up to MAX_FRAMING_CHARS (offsets stay those of the whole text), and a
    note of each article measured in part."""
    kept, cuts = {}, []
    for doc, text in texts.items():
        kept[doc] = text[:MAX_FRAMING_CHARS]
        if len(text) > MAX_FRAMING_CHARS:
            cuts.append(
                {"article": doc, "what": "framing", "found": len(text), "kept": MAX_FRAMING_CHARS}
            )
    return kept, cuts
