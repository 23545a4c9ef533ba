"""Story analyses, computed once per story state by background work and cached in the database.

Pages never compute an analysis: they read the current one (`story_analysis_current`), or show
the articles with an "analysing" state while `tasks.story_analysis_queue` has it computed.

A cached analysis is keyed by a fingerprint of everything it depends on (the engine version,
each article's id, clean text and corrections, and the version of editable data such as the
framing lexicon). Changing an article or that data changes the fingerprint, so a stale
analysis is never served; two requests racing to compute the same state both write the same
data, and the row is replaced atomically.

Reading is cheap whatever the story's size: a request asks the database for the story's
version (one aggregate over its articles: how many, which ids, which outlets, the latest
change), and each process keeps the decoded analyses of the last stories it read
(`DECODED_STORIES`), keyed by that version. Only a new version costs the fingerprint (the
articles' texts hashed) and decoding the stored analysis, once per process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Sum

from ..analysis import shared_features
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


# What a page's article list leaves in the database: the large fields (raw page, extraction,
# grouping data); the columns shown load theirs apart (`columns_load`).
LIST_DEFERRED = (
    "raw_bytes",
    "raw_text",
    "clean_text",
    "extraction",
    "grouping",
    "grouping_features",
    "grouping_note",
    "corrections",
    "authors",
    "credited_sources",
)
# What the fingerprint reads of each article.
FINGERPRINT_FIELDS = ("id", "outlet__slug", "title", "clean_text", "corrections")


def story_articles(story: Story, *, light: bool = False) -> list[Article]:
    """The story's articles by date; `light` leaves their text and other large fields unread."""
    articles = story.articles.select_related("outlet")
    articles = articles.defer(*LIST_DEFERRED) if light else articles.defer("raw_bytes", "raw_text")
    return list(articles.order_by("published", "id"))


def columns_load(articles: list[Article]) -> list[Article]:
    """The same articles (in that order) with their text and extraction: one query."""
    full = Article.objects.select_related("outlet").defer("raw_bytes", "raw_text")
    by_id = full.in_bulk([a.pk for a in articles])
    return [by_id[a.pk] for a in articles if a.pk in by_id]


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


def _story_fingerprint_read(story: Story) -> str:
    rows = story.articles.select_related("outlet").only(*FINGERPRINT_FIELDS)
    return story_fingerprint(list(rows))


def story_version(story: Story) -> str:
    """A version of the story's articles that changes whenever its fingerprint may: one
    aggregate query. Any saved article change moves `changed`; a member moved in or out moves
    the count or the sums; editable data has its own versions."""
    row = Article.objects.filter(story_id=story.pk).aggregate(
        n=Count("id"),
        ids=Sum("id"),
        squares=Sum(F("id") * F("id")),
        outlets=Sum("outlet_id"),
        changed=Max("changed"),
    )
    data = ",".join(f"{name}={DATA_VERSIONS[name]()}" for name in sorted(DATA_VERSIONS))
    return f"{ENGINE_VERSION}|{'|'.join(str(v) for v in row.values())}|{data}"


class AnalysisPending(Exception):
    """The story's analysis is not computed for its current articles yet."""

    def __init__(self, story: Story, articles: int):
        super().__init__(f"analysis of story {story.pk} pending")
        self.story, self.articles = story, articles


class Analysis(dict):
    """A decoded story analysis as stored; `derived` keeps what pages build from it (indexes
    per article, parsed passages) for as long as the process keeps the analysis."""

    def __init__(self, data: dict):
        super().__init__(data)
        self._derived: dict[str, object] = {}

    def derived(self, name: str, build: Callable[[], object]):
        if name not in self._derived:
            self._derived[name] = build()
        return self._derived[name]


DECODED_STORIES = 8  # decoded analyses a process keeps (the most recently read stories)
# story id -> (version, fingerprint, Analysis or None while it is not computed)
_decoded: OrderedDict[int, tuple[str, str, Analysis | None]] = OrderedDict()
_decoded_lock = threading.Lock()


def _remember(story_id: int, version: str, fingerprint: str, data: Analysis | None) -> None:
    with _decoded_lock:
        _decoded[story_id] = (version, fingerprint, data)
        _decoded.move_to_end(story_id)
        while len(_decoded) > DECODED_STORIES:
            _decoded.popitem(last=False)


def story_analysis_ready(story: Story) -> Analysis | None:
    """The stored analysis of the story's current articles, or None when it is not computed."""
    version = story_version(story)
    with _decoded_lock:
        known = _decoded.get(story.pk)
        if known is not None:
            _decoded.move_to_end(story.pk)
    if known is not None and known[0] == version and known[2] is not None:
        return known[2]
    fingerprint = known[1] if known and known[0] == version else _story_fingerprint_read(story)
    stored = StoryAnalysis.objects.filter(story=story, fingerprint=fingerprint)
    row = stored.values_list("data", flat=True).first()
    data = None if row is None else Analysis(row)
    _remember(story.pk, version, fingerprint, data)
    return data


def story_analysis_current(story: Story) -> Analysis:
    """The stored analysis of the story's current articles; AnalysisPending when not computed."""
    data = story_analysis_ready(story)
    if data is None:
        raise AnalysisPending(story, story.articles.count())
    return data


def story_analyse(*, story: Story) -> dict:
    """The analysis of the story's current articles: from the cache, or computed and stored."""
    articles = story_articles(story)
    fingerprint = story_fingerprint(articles)
    cached = StoryAnalysis.objects.filter(story=story, fingerprint=fingerprint).first()
    if cached is not None:
        return cached.data
    with shared_features.shared():  # what several sections read of an article, computed once
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


def derived(data: dict, name: str, build: Callable[[], object]):
    """What a page builds from an analysis (`build()`), kept with it when the process keeps it
    (an `Analysis`); built afresh for any other dict."""
    return data.derived(name, build) if isinstance(data, Analysis) else build()
