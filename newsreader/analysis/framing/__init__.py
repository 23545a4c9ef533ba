"""Outlet framing: evaluative language, hedges, news frames, sourcing, reporting verbs,
distinctive vocabulary and omissions, per article and per outlet. Plain Python, no Django."""

from newsreader.analysis.framing.frames import frame_scores
from newsreader.analysis.framing.headline import headline_and_lead
from newsreader.analysis.framing.lexicon import Hit, Lexicon, evaluative_hits, load_lexicon
from newsreader.analysis.framing.omissions import omissions, story_facts
from newsreader.analysis.framing.report import aggregate_by_outlet, article_framing, story_framing
from newsreader.analysis.framing.sourcing import sourcing
from newsreader.analysis.framing.verbs import reporting_verbs
from newsreader.analysis.framing.vocabulary import (
    distinctive_terms,
    term_counts,
    term_occurrences,
)

__all__ = [
    "Hit",
    "Lexicon",
    "aggregate_by_outlet",
    "article_framing",
    "distinctive_terms",
    "evaluative_hits",
    "frame_scores",
    "headline_and_lead",
    "load_lexicon",
    "omissions",
    "reporting_verbs",
    "sourcing",
    "story_facts",
    "story_framing",
    "term_counts",
    "term_occurrences",
]
