"""Regrouping: the stored articles grouped again, deterministically, keeping editors' pins."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ..analysis import grouping
from ..models import Article, Story
from . import corpus
from .grouping import (
    days_apart,
    document_frequencies,
    evidence,
    features_of,
    note,
    story_profile_rebuild,
    suggestion_record,
)
from .stories import story_create
from .tasks import stories_changed

REGROUP_CONTEXT_DAYS = 7  # articles this close before --since stay fixed and can be joined


def _order(article: Article) -> tuple:
    published = article.published.isoformat() if article.published else "9999"
    return (published, article.content_hash)


@transaction.atomic
def stories_regroup(*, since=None) -> dict:
    """Group again, deterministically, every article published since `since` (a date or
    datetime; all articles when None). Pinned articles (an editor's move, merge or split) stay;
    articles of the REGROUP_CONTEXT_DAYS before `since` stay too and can be joined. Borderline
    pairs of stories become merge suggestions (a dismissed pair is not offered again). Returns
    counts of articles moved and stories created and deleted."""
    fields = ("id", "story_id", "published", "content_hash", "grouping_features", "story_pinned")
    scope = Article.objects.only(*fields, "title")
    if since is not None:
        if not isinstance(since, datetime):
            since = timezone.make_aware(datetime.combine(since, time()))
        context = since - timedelta(days=REGROUP_CONTEXT_DAYS)
        regrouped = list(scope.filter(published__gte=since))
        fixed = list(scope.filter(published__gte=context, published__lt=since))
    else:
        regrouped, fixed = list(scope), []
    items = [
        grouping.Item(a.pk, _order(a), features_of(a), a.story_id if a.story_pinned else None)
        for a in regrouped
    ]
    items += [grouping.Item(a.pk, _order(a), features_of(a), a.story_id) for a in fixed]
    df, docs = document_frequencies(k for it in items for k in it.features.weights)
    result = grouping.cluster(items, df, docs)
    by_id = {a.pk: a for a in regrouped}
    members: dict = {}
    for article_id, label in result.assignment.items():
        if article_id in by_id:
            members.setdefault(label, []).append(by_id[article_id])
    story_of: dict = {label: label for label in members if isinstance(label, int)}
    claimed = set(story_of.values())
    for label in sorted((x for x in members if not isinstance(x, int)), key=repr):
        votes = Counter(a.story_id for a in members[label] if a.story_id not in claimed)
        if votes:
            story_of[label] = min(votes, key=lambda s: (-votes[s], s))
        else:
            first = min(members[label], key=_order)
            story_of[label] = story_create(title=first.title).pk
        claimed.add(story_of[label])
    moved, changed = [], set()
    for label, articles in members.items():
        for a in articles:
            chosen, best = result.decisions.get(a.pk, (None, None))
            if not a.story_pinned:
                kind = "joined" if chosen else "new"
                a.grouping = evidence(kind, chosen or best, len(result.profiles))
                a.grouping["regrouped"] = True
                a.grouping_note = note(a.grouping)
            if a.story_id != story_of[label] or not a.story_pinned:
                changed.update((a.story_id, story_of[label]))
                a.story_id = story_of[label]
                moved.append(a)
    Article.objects.bulk_update(moved, ["story", "grouping", "grouping_note"], batch_size=500)
    corpus.stock_phrases_recount(a.pk for a in moved)
    _suggestions_record(result, members, story_of)
    if since is None:
        for label, profile in result.profiles.items():
            Story.objects.filter(pk=story_of.get(label, label)).update(
                grouping_profile=profile.as_json()
            )
    else:  # the profiles of this run miss the members before the period
        for story in Story.objects.filter(pk__in=set(story_of.values())):
            story_profile_rebuild(story)
    emptied = Story.objects.annotate(n=Count("articles")).filter(n=0)
    deleted = emptied.count()
    emptied.delete()
    stories_changed(sorted(changed))
    return {"articles": len(regrouped), "stories": len(set(story_of.values())), "deleted": deleted}


def _suggestions_record(result: grouping.Clustering, members: dict, story_of: dict) -> None:
    """Offer a merge wherever an article's best other story fell just below the threshold."""
    for label, articles in members.items():
        for a in articles:
            _, best = result.decisions.get(a.pk, (None, None))
            if a.story_pinned or not grouping.is_borderline(best):
                continue
            other = story_of.get(best.story, best.story if isinstance(best.story, int) else None)
            if other is not None:
                profile = result.profiles[best.story]
                suggestion_record(story_of[label], other, best, days_apart(features_of(a), profile))
