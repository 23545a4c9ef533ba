"""Story grouping in the database: event features, document frequencies, the candidate index,
story profiles, the decision for a new article, and regrouping.

The method is `analysis.grouping`; this module keeps its state in tables so every process
sees the same: `GroupingTerm` (how many stored articles carry each feature: the IDF),
`GroupingKey` (each article's strongest features: the index that finds candidate stories),
`Story.grouping_profile` (the sum of the members' vectors) and, per article, its features,
the evidence of the decision and whether an editor pinned its story.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import batched

from django.db import connection, models
from django.db.models import F, Min, Value
from django.db.models.functions import Greatest

from ..analysis import grouping
from ..analysis.grouping_features import EventFeatures, event_features
from ..analysis.grouping_features import label as feature_label
from ..models import Article, GroupingKey, GroupingTerm, MergeSuggestion, Story
from .rows import rows_insert

MAX_KEY_DF = 1000  # a key this common finds too many stories to help


def article_features(article: Article) -> EventFeatures:
    """Compute and set the article's event features (once per import or re-analysis)."""
    features = event_features(article.title, article.clean_text, article.published)
    article.grouping_features = features.as_json()
    return features


def features_of(article: Article) -> EventFeatures:
    return EventFeatures.from_json(article.grouping_features or {})


def document_frequencies(keys: Iterable[str]) -> tuple[dict[str, int], int]:
    """(df of each key, number of stored articles)."""
    keys = list(set(keys))
    df: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        df.update(GroupingTerm.objects.filter(key__in=chunk).values_list("key", "df"))
    return df, Article.objects.count()


def terms_count(features: Iterable[EventFeatures], sign: int = 1) -> None:
    """Add (or with sign -1 remove) articles' features to the document frequencies."""
    counts: dict[str, int] = {}
    for f in features:
        for key in f.weights:
            counts[key] = counts.get(key, 0) + 1
    if sign < 0:
        by_count: dict[int, list[str]] = {}
        for key, n in counts.items():
            by_count.setdefault(n, []).append(key[:200])
        for n, keys in by_count.items():
            for start in range(0, len(keys), 500):
                GroupingTerm.objects.filter(key__in=keys[start : start + 500]).update(
                    df=Greatest(F("df") - n, Value(0))
                )
        GroupingTerm.objects.filter(df=0).delete()
        return
    rows = [(key[:200], n) for key, n in counts.items()]
    table = GroupingTerm._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 400):
            chunk = rows[start : start + 400]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f'INSERT INTO {table} ("key", df) VALUES {values} '  # noqa: S608 (no user input)
                f'ON CONFLICT ("key") DO UPDATE SET df = {table}.df + excluded.df',
                [x for row in chunk for x in row],
            )


def keys_store(articles: Iterable[tuple[Article, list[str]]]) -> None:
    rows = [(k[:200], a.pk) for a, keys in articles for k in keys]
    rows_insert(GroupingKey._meta.db_table, ("key", "article_id"), rows)


def indexed_stories(keys: Iterable[str], df: dict[str, int]) -> dict[str, set[int]]:
    """Key -> stories of the stored articles holding it (keys held by too many skipped)."""
    usable = [k for k in set(keys) if 0 < df.get(k, 0) <= MAX_KEY_DF]
    found: dict[str, set[int]] = {}
    for start in range(0, len(usable), 500):
        rows = GroupingKey.objects.filter(key__in=usable[start : start + 500]).values_list(
            "key", "article__story_id"
        )
        for key, story_id in rows:
            found.setdefault(key, set()).add(story_id)
    return found


def profile_of(story: Story) -> grouping.Profile:
    return grouping.Profile.from_json(story.grouping_profile or {})


def evidence(kind: str, match: grouping.Match | None, compared: int, best_title: str = "") -> dict:
    """What the article page shows about a grouping decision."""
    data: dict = {"kind": kind, "threshold": grouping.THRESHOLD, "compared": compared}
    if match is not None:
        data.update(
            score=round(match.score, 3),
            similarity=round(match.similarity, 3),
            days_beyond=match.days_beyond,
            penalty=grouping.DAY_PENALTY,
            best_story=match.story,
            best_title=best_title,
            shared=[[*feature_label(k), share] for k, share in match.shared],
        )
        if match.day_agreement is not None and match.day_agreement < 1:
            data.update(
                day_agreement=round(match.day_agreement, 3), date_penalty=grouping.DATE_PENALTY
            )
        if match.number_conflict and match.number_conflict[0] > 0:
            share, theirs, story = match.number_conflict
            data.update(
                number_conflict=round(share, 3),
                number_penalty=grouping.NUMBER_PENALTY,
                counts=[theirs, story],
            )
        if match.other_day > 0:
            data.update(other_day=round(match.other_day, 3), report_penalty=grouping.REPORT_PENALTY)
        if match.whole:
            data.update(whole_stories=True, threshold=grouping.MERGE_THRESHOLD)
    return data


def note(data: dict) -> str:
    """The decision in plain English (the page renders a translated one)."""
    text = _note(data)
    if counts := data.get("counts"):
        text += f" Its title counts {counts[0]} where the story's titles count {counts[1]}."
    if data.get("other_day"):
        text += " It reports on its day, as the story's articles do on another day."
    return text


def _note(data: dict) -> str:
    shared = ", ".join(text for _, text, _ in data.get("shared", [])[:6])
    if data["kind"] == "joined" and data.get("whole_stories"):
        return (
            f"Grouped automatically when whole stories were compared: its first story and this "
            f"one scored {data['score']:.2f} (needed {data['threshold']}); they share {shared}."
        )
    if data["kind"] == "joined":
        return (
            f"Grouped automatically: similarity {data['similarity']:.2f} with the story"
            f"{' less a time penalty' if data.get('days_beyond') else ''}, score "
            f"{data['score']:.2f} (needed {data['threshold']}); shares {shared}."
        )
    if data["kind"] == "new":
        if "score" in data:
            return (
                f"Started a new story: the closest, “{data['best_title']}”, scored "
                f"{data['score']:.2f}, below {data['threshold']} (shared {shared})."
            )
        return "Started a new story: no stored story shares its names, numbers or rare words."
    return data.get("text", "")


def story_profile_rebuild(story: Story) -> None:
    """Recompute a story's profile from its members (after a move, merge, split or delete)."""
    articles = list(story.articles.only("id", "grouping_features"))
    feats = [features_of(a) for a in articles]
    df, docs = document_frequencies(k for f in feats for k in f.weights)
    profile = grouping.Profile()
    for f in feats:
        profile.add(grouping.vector(f, df, docs), f.event_day)
    Story.objects.filter(pk=story.pk).update(grouping_profile=profile.as_json())
    story.grouping_profile = profile.as_json()


def days_apart(features: EventFeatures, profile: grouping.Profile) -> int | None:
    if features.event_day is None or profile.first_day is None:
        return None
    return abs(features.event_day - profile.first_day)


def suggestion_record(
    story_id: int, other_id: int, match: grouping.Match, days_apart: int | None = None
) -> None:
    """Offer a merge of two stories that are close but below the threshold (once; a pair an
    editor dismissed is never offered again)."""
    suggestions_record([(story_id, other_id, match, days_apart)])


def suggestions_record(found: Iterable[tuple[int, int, grouping.Match, int | None]]) -> None:
    """`suggestion_record` for many (story, other, match, days apart): one insert; the first
    of a pair wins, a pair stored already is kept as it is."""
    rows: dict[tuple[int, int], MergeSuggestion] = {}
    for story_id, other_id, match, days in found:
        a, b = sorted((story_id, other_id))
        if a == b or (a, b) in rows:
            continue
        shared = [[*feature_label(k), s] for k, s in match.shared[:8]]
        rows[a, b] = MergeSuggestion(
            story_id=a,
            other_id=b,
            score=round(match.score, 3),
            evidence={"shared": shared, "days_apart": days},
        )
    MergeSuggestion.objects.bulk_create(rows.values(), batch_size=500, ignore_conflicts=True)


def earliest_published(article_ids: Iterable[int]):
    return Article.objects.filter(pk__in=list(article_ids)).aggregate(m=Min("published"))["m"]


def grouping_rebuild() -> None:
    """Recompute every article's features, the document frequencies, the candidate index and
    every story's profile from the stored articles and their stories (after a restore), 500
    articles at a time: features first (stored and counted), then vectors from them, read story
    by story so only one story's profile is held at a time (memory stays flat with the corpus)."""
    GroupingTerm.objects.all().delete()
    GroupingKey.objects.all().delete()
    stored = Article.objects.order_by("pk")
    texts = stored.only("id", "title", "clean_text", "published")
    for chunk in batched(texts.iterator(chunk_size=500), 500):
        feats = [article_features(a) for a in chunk]
        Article.objects.bulk_update(chunk, ["grouping_features"], batch_size=500)
        terms_count(feats)
    by_story = stored.order_by("story_id", "pk").only("id", "story_id", "grouping_features")
    story_id, profile, done = None, grouping.Profile(), []
    for chunk in batched(by_story.iterator(500), 500):
        feats = [features_of(a) for a in chunk]
        df, docs = document_frequencies(k for f in feats for k in f.weights)
        rows = []
        for a, f in zip(chunk, feats, strict=True):
            vec = grouping.vector(f, df, docs)
            if a.story_id != story_id:
                if story_id is not None:
                    done.append(Story(pk=story_id, grouping_profile=profile.as_json()))
                story_id, profile = a.story_id, grouping.Profile()
            profile.add(vec, f.event_day)
            rows.append((a, grouping.keys(vec)))
        keys_store(rows)
        if len(done) >= 500:
            Story.objects.bulk_update(done, ["grouping_profile"], batch_size=500)
            done = []
    if story_id is not None:
        done.append(Story(pk=story_id, grouping_profile=profile.as_json()))
    Story.objects.bulk_update(done, ["grouping_profile"], batch_size=500)


def merge_suggestions_for(story: Story) -> list[tuple[MergeSuggestion, Story]]:
    """Open suggestions to merge this story with another: (suggestion, the other story)."""
    found = MergeSuggestion.objects.filter(dismissed=False).filter(
        models.Q(story=story) | models.Q(other=story)
    )
    pairs = []
    for s in found.select_related("story", "other").order_by("-score", "id"):
        pairs.append((s, s.other if s.story_id == story.pk else s.story))
    return pairs


def merge_suggestion_dismiss(*, suggestion: MergeSuggestion) -> None:
    """Remember that an editor judged the two stories to be different events."""
    suggestion.dismissed = True
    suggestion.save(update_fields=["dismissed"])
