"""Corpus-wide distinctive vocabulary of an outlet.

Each story's cached framing section keeps every article's stem counts (`_term_counts`), so the
corpus counts are sums of cached numbers: no article is stemmed again for the outlet page. An
outlet's terms are scored against all other outlets together (Monroe et al.'s log-odds ratio),
with the word counts of the whole corpus as the informative prior.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext

from newsreader.analysis.framing import distinctive_terms, term_occurrences
from newsreader.analysis.framing.vocabulary import top_distinctive
from newsreader.features.framing.passages import render_passages
from newsreader.models import Article, Outlet, Story
from newsreader.services.story_analysis import FAILED, story_analysis_ready

TOP_TERMS = 25


@dataclass
class CorpusCounts:
    by_outlet: dict[str, Counter] = field(default_factory=dict)
    by_article: dict[int, dict[str, int]] = field(default_factory=dict)
    outlet_of: dict[int, str] = field(default_factory=dict)


def corpus_term_counts() -> CorpusCounts:
    """Stem counts of every stored article, and summed per outlet, from the analysis cache."""
    corpus = CorpusCounts()
    for story in Story.objects.filter(articles__isnull=False).distinct().order_by("pk"):
        analysis = story_analysis_ready(story)
        if analysis is None:  # still being analysed: counted once it is ready
            continue
        data = analysis["framing"]
        if FAILED in data:
            continue  # shown as failed on the story's own page
        counts = data["_term_counts"]
        for slug, row in data["framing"]["outlets"].items():
            total = corpus.by_outlet.setdefault(slug, Counter())
            for article_id in row["articles"]:
                total.update(counts[str(article_id)])
                corpus.by_article[int(article_id)] = counts[str(article_id)]
                corpus.outlet_of[int(article_id)] = slug
    return corpus


def outlet_term_rows(corpus: CorpusCounts, slug: str) -> list[dict]:
    """Every term of the corpus scored for `slug` against the other outlets, highest z first."""
    if slug not in corpus.by_outlet or len(corpus.by_outlet) < 2:
        return []
    return distinctive_terms(corpus.by_outlet)[slug]


def _rest_count(corpus: CorpusCounts, slug: str, term: str) -> int:
    return sum(c.get(term, 0) for s, c in corpus.by_outlet.items() if s != slug)


def corpus_terms_context(outlet: Outlet) -> dict:
    """The outlet's most distinctive terms across the corpus, each with its term page link."""
    corpus = corpus_term_counts()
    rows = top_distinctive(outlet_term_rows(corpus, outlet.slug), n=TOP_TERMS)
    return {
        "corpus_terms": [
            row | {"url": reverse("outlet-framing-term", args=[outlet.slug, row["term"]])}
            for row in rows
        ],
        "corpus_outlets": len(corpus.by_outlet),
    }


def outlet_term_context(outlet: Outlet, stem: str) -> dict:
    """Occurrences of a term in each article of the outlet, grouped by story, with its z-score
    against the other outlets of the corpus."""
    corpus = corpus_term_counts()
    using = [
        pk
        for pk, counts in corpus.by_article.items()
        if corpus.outlet_of[pk] == outlet.slug and counts.get(stem)
    ]
    if not using:
        raise Http404("no article of this outlet uses the term")
    row = next((r for r in outlet_term_rows(corpus, outlet.slug) if r["term"] == stem), None)
    articles = (
        Article.objects.filter(pk__in=using)
        .select_related("outlet", "story")
        .order_by("story__title", "published", "pk")
    )
    stories: dict[int, dict] = {}
    for article in articles:
        found = term_occurrences(article.clean_text, stem)
        items = [([(s.start, s.end, "hit")], article.clean_text[s.start : s.end]) for s in found]
        entry = stories.setdefault(article.story_id, {"story": article.story, "groups": []})
        entry["groups"].append(
            {
                "article": article,
                "passages": render_passages(article.clean_text, items),
                "count": len(found),
            }
        )
    return {
        "outlet": outlet,
        "heading": gettext("Occurrences of the term “{stem}” in {outlet}").format(
            stem=stem, outlet=outlet.display_name
        ),
        "term": stem,
        "z": row["z"] if row else None,
        "count": corpus.by_outlet[outlet.slug][stem],
        "rest": _rest_count(corpus, outlet.slug, stem),
        "stories": list(stories.values()),
        "total": sum(g["count"] for s in stories.values() for g in s["groups"]),
    }
