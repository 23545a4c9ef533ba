"""Story analyses, computed once per story state by background work and cached in the database.

Pages never compute an analysis: they read the current one (`story_analysis_current`), or show
the articles with an "analysing" state while `tasks.story_analysis_queue` has it computed.

A cached analysis is keyed by a fingerprint of everything it depends on (the engine version,
each article's id, clean text and corrections, and the version of editable data such as the
framing lexicon). Changing an article or that data changes the fingerprint, so a stale
analysis is never served; two requests racing to compute the same state both write the same
data, and the row is replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction

from ..models import Article, Story, StoryAnalysis

ENGINE_VERSION = "2"
FAILED = "_failed"  # a section that raised: {FAILED: reason}, stored like any result

log = logging.getLogger(__name__)


class SectionFailed(Exception):
    """A section of the story's analysis failed; the reason is stored with the analysis."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name, self.reason = name, reason


# name -> function(articles) -> JSON-serialisable section of the analysis (and of the export).
SECTIONS: dict[str, Callable[[list[Article]], dict | list]] = {}


def section(name: str):
    def register(function):
        SECTIONS[name] = function
        return function

    return register


# name -> function() -> str: a version of editable data that sections read (e.g. the lexicon).
DATA_VERSIONS: dict[str, Callable[[], str]] = {}


def data_version(name: str):
    def register(function):
        DATA_VERSIONS[name] = function
        return function

    return register


def story_articles(story: Story) -> list[Article]:
    articles = story.articles.select_related("outlet").defer("raw_bytes", "raw_text")
    return list(articles.order_by("published", "id"))


def story_fingerprint(articles: list[Article]) -> str:
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for article in sorted(articles, key=lambda a: a.pk):
        state = [
            article.pk,
            article.outlet.slug,
            article.title,
            article.clean_text,
            article.corrections,
        ]
        digest.update(json.dumps(state, sort_keys=True, default=str).encode())
    digest.update(",".join(sorted(SECTIONS)).encode())
    for name in sorted(DATA_VERSIONS):
        digest.update(f"{name}={DATA_VERSIONS[name]()}".encode())
    return digest.hexdigest()


class AnalysisPending(Exception):
    """The story's analysis is not computed for its current articles yet."""

    def __init__(self, story: Story, articles: int):
        super().__init__(f"analysis of story {story.pk} pending")
        self.story, self.articles = story, articles


def story_analysis_ready(story: Story, articles: list[Article] | None = None) -> dict | None:
    """The stored analysis of the story's current articles, or None when it is not computed."""
    fingerprint = story_fingerprint(story_articles(story) if articles is None else articles)
    cached = StoryAnalysis.objects.filter(story=story, fingerprint=fingerprint).first()
    return None if cached is None else cached.data


def story_analysis_current(story: Story) -> dict:
    """The stored analysis of the story's current articles; AnalysisPending when not computed."""
    articles = story_articles(story)
    data = story_analysis_ready(story, articles)
    if data is None:
        raise AnalysisPending(story, len(articles))
    return data


def story_analyse(*, story: Story) -> dict:
    """The analysis of the story's current articles: from the cache, or computed and stored."""
    articles = story_articles(story)
    fingerprint = story_fingerprint(articles)
    cached = StoryAnalysis.objects.filter(story=story, fingerprint=fingerprint).first()
    if cached is not None:
        return cached.data
    data = {name: _section_run(name, compute, articles) for name, compute in SECTIONS.items()}
    data = json.loads(json.dumps(data, default=str))
    try:
        with transaction.atomic():
            StoryAnalysis.objects.update_or_create(
                story=story, defaults={"fingerprint": fingerprint, "data": data}
            )
    except IntegrityError:
        pass  # a concurrent request stored the same state first
    return data


def _section_run(name: str, compute, articles: list[Article]):
    """One section's result, or its failure recorded (so the other sections still run and the
    failure is not recomputed on every request)."""
    try:
        return compute(articles)
    except Exception as error:  # any fault of one section stays in that section
        log.exception("analysis section %s failed", name)
        return {FAILED: f"{type(error).__name__}: {error}"[:500]}


def story_section(*, story: Story, name: str, data: dict | None = None) -> dict:
    """One section of the story's analysis (`data`, else its current one); SectionFailed when
    it failed, AnalysisPending when it is not computed yet."""
    part = (story_analysis_current(story) if data is None else data).get(name, {})
    if FAILED in part:
        raise SectionFailed(name, part[FAILED])
    return part


def story_failures(*, story: Story, data: dict | None = None) -> dict[str, str]:
    """Section name -> reason, for each section that failed for the story (in `data`, else in
    its current analysis: AnalysisPending when it is not computed)."""
    data = story_analysis_current(story) if data is None else data
    return {name: part[FAILED] for name, part in data.items() if FAILED in part}
