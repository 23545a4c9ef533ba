"""Seeded synthetic corpus built from the five sample articles, for the corpus-index benchmark.

Each article recombines 3-6 sample paragraphs in a new order with 40% of their words replaced by
words drawn from the samples' own word stream (natural frequencies), so articles share only
banal phrases; a third of them also copy a 30-80-word passage verbatim from an earlier article
of another outlet. Dates increase with the article number.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from newsreader.analysis.cleaning import extract

SAMPLES = Path(__file__).resolve().parents[1] / "newsreader" / "samples"
START = datetime(2024, 1, 1, 6, 0)


@dataclass(frozen=True)
class SyntheticArticle:
    doc: int
    text: str
    published: datetime
    outlet: str
    copied_from: int | None
    copied: str  # the copied passage ("" if none)


def sample_paragraphs() -> list[str]:
    paras = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for p in extract(path.read_text(encoding="utf-8")).clean_text.split("\n\n"):
            if len(p.split()) >= 12 and p not in paras:
                paras.append(p)
    return paras


def synthetic_corpus(
    n: int, seed: int = 1, outlets: int = 20, paragraphs: tuple[int, int] = (3, 6)
) -> list[SyntheticArticle]:
    """`paragraphs` (3-6 by default, about 145 words; 8-14 for about 320 words, the size of a
    real article) sample paragraphs per article."""
    rng = random.Random(seed)
    paras = sample_paragraphs()
    pool = [w for p in paras for w in p.split()]
    articles: list[SyntheticArticle] = []
    for doc in range(n):
        body = []
        for p in rng.sample(paras, rng.randint(*paragraphs)):
            body.append(" ".join(rng.choice(pool) if rng.random() < 0.4 else w for w in p.split()))
        outlet = f"outlet-{rng.randrange(outlets)}"
        source, copied = None, ""
        if articles and rng.random() < 1 / 3:
            earlier = articles[rng.randrange(len(articles))]
            if earlier.outlet != outlet:
                words = earlier.text.split()
                length = rng.randint(30, 80)
                at = rng.randrange(max(1, len(words) - length))
                copied = " ".join(words[at : at + length])
                body.insert(rng.randrange(len(body) + 1), copied)
                source = earlier.doc
        published = START + timedelta(minutes=30 * doc + rng.randrange(30))
        articles.append(SyntheticArticle(doc, "\n\n".join(body), published, outlet, source, copied))
    return articles
