"""Evaluative language in the headline and the lead, where framing weighs most."""

from __future__ import annotations

from newsreader.analysis.framing.lexicon import Hit, Lexicon, evaluative_hits
from newsreader.analysis.text import normalise, paragraphs, words

LEAD_MIN_WORDS = 8


def lead_span(title: str, text: str) -> tuple[int, int]:
    """First paragraph of at least `LEAD_MIN_WORDS` words that does not repeat the title."""
    for para in paragraphs(text):
        chunk = para.text(text)
        if len(words(chunk)) >= LEAD_MIN_WORDS and normalise(chunk) != normalise(title):
            return para.start, para.end
    return 0, 0


def headline_and_lead(
    title: str, text: str, lexicon: Lexicon, text_hits: list[Hit] | None = None
) -> dict:
    """Headline and lead with their lexicon hits (offsets into the title and the text);
    `text_hits`: the text's `evaluative_hits`, when the caller has them."""
    start, end = lead_span(title, text)
    text_hits = evaluative_hits(text, lexicon) if text_hits is None else text_hits
    return {
        "headline": title,
        "lead": text[start:end],
        "lead_start": start,
        "lead_end": end,
        "headline_hits": evaluative_hits(title, lexicon),
        "lead_hits": [hit for hit in text_hits if start <= hit.start and hit.end <= end],
    }
