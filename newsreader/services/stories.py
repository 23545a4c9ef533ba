"""Stories: automatic grouping through the corpus index, and moving, merging, splitting,
re-cleaning and deleting."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..analysis import cleaning, grouping
from ..models import Article, Story
from . import corpus
from .articles import ImportRefused, _apply_extraction

# Grouping compares a new article with a bounded set of candidate stories, never the whole corpus:
# the stories of the articles sharing the most fingerprints with it (the reuse index), plus the
# most recently updated stories (an article reporting the same event in its own words shares
# vocabulary but hardly any 5-grams, like sample 001). Each story keeps its pooled vocabulary.
GROUPING_INDEX_ARTICLES = 50


GROUPING_INDEX_ARTICLES = 50
GROUPING_RECENT_DAYS = 7


GROUPING_RECENT_DAYS = 7
GROUPING_RECENT_STORIES = 30


def _recent_story_ids() -> list[int]:
    """The stories updated most recently within the grouping window, newest first."""
    since = timezone.now() - timedelta(days=GROUPING_RECENT_DAYS)
    recent = Story.objects.filter(updated__gte=since).order_by("-updated", "-id")
    return list(recent.values_list("id", flat=True)[:GROUPING_RECENT_STORIES])


def _story_candidates(article: Article) -> tuple[list[Story], int]:
    """(candidate stories, how many of them share indexed text with the article)."""
    shared = corpus.article_candidates(article=article, limit=GROUPING_INDEX_ARTICLES)
    by_story: Counter = Counter()
    for pk, story_id in Article.objects.filter(pk__in=shared).values_list("id", "story_id"):
        by_story[story_id] += shared[pk]
    ids = set(by_story) | set(_recent_story_ids())
    stories = Story.objects.filter(pk__in=ids).only("id", "title", "slug", "vocabulary")
    return list(stories), len(by_story)


def _story_for(article: Article) -> tuple[Story, str]:
    candidates, sharing = _story_candidates(article)
    chosen, best = grouping.best_story(
        article.clean_text, [(story, grouping.Pool.of(story.vocabulary)) for story in candidates]
    )
    return _grouping_decision(article, chosen, best, len(candidates), sharing)


def _grouping_decision(article, chosen, best, compared: int, sharing: int) -> tuple[Story, str]:
    """The chosen story (a new one when none reaches the threshold) and the note saying why."""
    compared_note = (
        f"{compared} candidate stories compared ({sharing} sharing text with it in the corpus "
        f"index, the others updated in the last {GROUPING_RECENT_DAYS} days)"
    )
    if chosen:
        return chosen.story, (
            f"Grouped automatically: vocabulary similarity {chosen.score:.2f} with this story "
            f"(threshold {grouping.DEFAULT_THRESHOLD}); {compared_note}."
        )
    story = story_create(title=article.title)
    why = (
        f"the closest story, “{best.story.title}”, scored {best.score:.2f}"
        if best
        else "no story shared text with it or was recently updated"
    )
    return story, (
        f"Started a new story: {why}, below the grouping threshold {grouping.DEFAULT_THRESHOLD}; "
        f"{compared_note}."
    )


def _vocabulary_change(story: Story, *, plus: Counter | None = None, minus: Counter | None = None):
    """Add/remove article vocabularies to/from the story's pooled one (row locked meanwhile),
    and mark the story updated."""
    locked = Story.objects.select_for_update().only("vocabulary").get(pk=story.pk)
    pooled = Counter(locked.vocabulary)
    pooled.update(plus or {})
    pooled.subtract(minus or {})
    story.vocabulary = {word: n for word, n in pooled.items() if n > 0}
    story.save(update_fields=["vocabulary", "updated"])


def story_vocabulary(story: Story) -> Counter:
    """The pooled vocabulary of the story's articles, computed from their texts."""
    pooled: Counter = Counter()
    for text in story.articles.values_list("clean_text", flat=True).iterator():
        pooled.update(grouping.vocabulary(text))
    return pooled


def story_create(*, title: str) -> Story:
    """A new story with a unique slug; a slug taken meanwhile by a concurrent import is skipped."""
    base = slugify(title)[:100] or "story"
    slug, n = base, 2
    while True:
        if not Story.objects.filter(slug=slug).exists():
            try:
                with transaction.atomic():
                    return Story.objects.create(title=title[:500], slug=slug)
            except IntegrityError:
                pass
        slug, n = f"{base}-{n}", n + 1


@transaction.atomic
def article_move(*, article: Article, story: Story) -> Story:
    """Move an article to another story; an emptied story is deleted."""
    old = article.story
    article.story = story
    article.grouping_note = f"Moved by a user from “{old.title}”."
    article.save(update_fields=["story", "grouping_note"])
    words = grouping.vocabulary(article.clean_text)
    _vocabulary_change(story, plus=words)
    if not old.articles.exists():
        old.delete()
    else:
        _vocabulary_change(old, minus=words)
    return story


@transaction.atomic
def story_merge(*, target: Story, others: list[Story]) -> Story:
    for other in others:
        if other.pk == target.pk:
            continue
        other.articles.update(grouping_note=f"Merged from story “{other.title}”.", story=target)
        pooled = Story.objects.select_for_update().get(pk=other.pk).vocabulary
        _vocabulary_change(target, plus=Counter(pooled))
        other.delete()
    target.save(update_fields=["updated"])
    return target


@transaction.atomic
def story_split(*, story: Story, articles: list[Article], title: str) -> Story:
    if not articles or len(articles) >= story.articles.count():
        raise ImportRefused("choose some, but not all, of the story's articles to split off")
    new = story_create(title=title or f"{story.title} (split)")
    Article.objects.filter(pk__in=[a.pk for a in articles], story=story).update(
        story=new, grouping_note=f"Split off from “{story.title}” by a user."
    )
    moved = story_vocabulary(new)
    _vocabulary_change(new, plus=moved)
    _vocabulary_change(story, minus=moved)
    return new


def article_reanalyse(*, article: Article) -> Article:
    """Clean the stored raw text again (e.g. after a profile change), keeping corrections."""
    extraction = cleaning.extract(
        article.raw_text, url=article.url or None, outlet=article.corrections.get("outlet")
    )
    before = grouping.vocabulary(article.clean_text)
    _apply_extraction(article, extraction)
    with transaction.atomic():
        article.save()
        _vocabulary_change(
            article.story, plus=grouping.vocabulary(article.clean_text), minus=before
        )
        corpus.article_index(article=article)
    return article


@transaction.atomic
def article_delete(*, article: Article) -> Story | None:
    """Delete an article with its raw text; return its story, or None when that story emptied."""
    story = article.story
    words = grouping.vocabulary(article.clean_text)
    article.delete()
    if not story.articles.exists():
        story.delete()
        return None
    _vocabulary_change(story, minus=words)
    return story


@transaction.atomic
def story_delete(*, story: Story, with_articles: bool = False) -> int:
    """Delete a story; one with articles only when `with_articles`. Returns articles deleted."""
    count = story.articles.count()
    if count and not with_articles:
        raise ImportRefused(
            f"“{story.title}” still has {count} article{'s' if count != 1 else ''}; "
            "confirm that they go with it"
        )
    story.articles.all().delete()
    story.delete()
    return count
