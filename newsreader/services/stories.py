"""Stories: the grouping decision for a new article (method in `analysis.grouping`, state in
`services.grouping`), and moving, merging, splitting, re-cleaning and deleting. Every editor
action pins the articles it touches, so `regroup_stories` keeps the decision."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from ..analysis import grouping
from ..models import Article, Story
from . import corpus, outlets
from . import grouping as grouping_store
from .articles import ImportRefused, _apply_extraction, page_extract
from .tasks import stories_changed


def article_vector(features) -> tuple[dict[str, float], dict[str, int]]:
    """The article's vector against the stored document frequencies, and those frequencies:
    computed once per import, then used for the decision, the index keys and the profile."""
    df, docs = grouping_store.document_frequencies(features.weights)
    return grouping.vector(features, df, docs), df


def story_for(article: Article, features, vec, df) -> Story:
    """Choose the story of a new (unsaved) article whose vector is `vec` and record why. A
    borderline runner-up becomes a merge suggestion."""
    index = grouping_store.indexed_stories(vec, df)
    ids = grouping.candidates(vec, index)
    stories = Story.objects.only("id", "title", "slug", "grouping_profile").in_bulk(ids)
    scored = [(i, grouping_store.profile_of(stories[i])) for i in ids if i in stories]
    chosen, best = grouping.best_story(vec, features.event_day, scored)
    story = stories[chosen.story] if chosen else story_create(title=article.title)
    best_title = stories[best.story].title if best else ""
    article.grouping = grouping_store.evidence(
        "joined" if chosen else "new", chosen or best, len(scored), best_title
    )
    article.grouping_note = grouping_store.note(article.grouping)
    if grouping.is_borderline(best):
        grouping_store.suggestion_record(
            story.pk,
            best.story,
            best,
            grouping_store.days_apart(features, dict(scored)[best.story]),
        )
    return story


def profile_add(story: Story, vec, day: int | None) -> None:
    """Add a new article's vector to its story's profile (row locked meanwhile)."""
    locked = Story.objects.select_for_update().only("grouping_profile").get(pk=story.pk)
    profile = grouping_store.profile_of(locked)
    profile.add(vec, day)
    story.grouping_profile = profile.as_json()
    story.save(update_fields=["grouping_profile", "updated"])


def _pinned(kind: str, text: str) -> dict:
    return {"kind": kind, "text": text, "pinned": True}


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
    article.grouping = _pinned("moved", old.title)
    article.story_pinned = True
    article.save(update_fields=["story", "grouping_note", "grouping", "story_pinned"])
    corpus.stock_phrases_recount([article.pk])
    grouping_store.story_profile_rebuild(story)
    if not old.articles.exists():
        old.delete()
    else:
        grouping_store.story_profile_rebuild(old)
        stories_changed([old.pk])
    stories_changed([story.pk])
    return story


@transaction.atomic
def story_merge(*, target: Story, others: list[Story]) -> Story:
    for other in others:
        if other.pk == target.pk:
            continue
        other.articles.update(
            grouping_note=f"Merged from story “{other.title}”.",
            grouping=_pinned("merged", other.title),
            story=target,
        )
        other.delete()
    target.articles.update(story_pinned=True)  # regrouping keeps the merged story together
    grouping_store.story_profile_rebuild(target)
    target.save(update_fields=["updated"])
    stories_changed([target.pk])
    return target


@transaction.atomic
def story_split(*, story: Story, articles: list[Article], title: str) -> Story:
    if not articles or len(articles) >= story.articles.count():
        raise ImportRefused("choose some, but not all, of the story's articles to split off")
    new = story_create(title=title or f"{story.title} (split)")
    Article.objects.filter(pk__in=[a.pk for a in articles], story=story).update(
        story=new,
        grouping_note=f"Split off from “{story.title}” by a user.",
        grouping=_pinned("split", story.title),
    )
    # both sides are an editor's decision: regrouping keeps them apart
    Article.objects.filter(story__in=[story, new]).update(story_pinned=True)
    corpus.stock_phrases_recount(a.pk for a in articles)
    grouping_store.story_profile_rebuild(new)
    grouping_store.story_profile_rebuild(story)
    stories_changed([story.pk, new.pk])
    return new


def article_reanalyse(
    *, article: Article, furniture: outlets.OutletCleaning | None = None, if_changed: bool = False
) -> bool:
    """Clean the stored raw text again (e.g. after a profile change, or with the furniture
    stored for its outlet, `furniture` when the caller has it), keeping corrections; the raw
    bytes stay as imported. With `if_changed` an article whose clean text and removals stay
    the same is not saved. Returns whether it was saved."""
    furniture = furniture or outlets.outlet_cleaning(article.outlet)
    extraction = page_extract(
        article.raw_text, url=article.url, corrections=article.corrections, furniture=furniture
    )
    before = grouping_store.features_of(article)
    old = (article.clean_text, article.extraction.get("removed"), article.outlet_id)
    _apply_extraction(article, extraction, furniture)
    if if_changed and old == (
        article.clean_text,
        article.extraction.get("removed"),
        article.outlet_id,
    ):
        return False
    features = grouping_store.article_features(article)
    with transaction.atomic():
        article.save()
        grouping_store.terms_count([before], sign=-1)
        grouping_store.terms_count([features])
        grouping_store.story_profile_rebuild(article.story)
        corpus.article_index(article=article)
        stories_changed([article.story_id])
    return True


@transaction.atomic
def article_delete(*, article: Article) -> Story | None:
    """Delete an article with its raw text; return its story, or None when that story emptied."""
    story = article.story
    grouping_store.terms_count([grouping_store.features_of(article)], sign=-1)
    article.delete()
    if not story.articles.exists():
        story.delete()
        return None
    grouping_store.story_profile_rebuild(story)
    stories_changed([story.pk])
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


def stories_of(article_ids) -> list[int]:
    """The stories the articles belong to now, in id order."""
    ids = Article.objects.filter(pk__in=list(article_ids)).values_list("story_id", flat=True)
    return sorted(set(ids))
