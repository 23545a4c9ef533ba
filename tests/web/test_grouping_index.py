"""Story grouping reads candidate stories from the reuse index and the recent stories only, and
scores them with each story's cached vocabulary."""

from datetime import timedelta

from django.utils import timezone

from newsreader import services
from newsreader.models import Shingle, Story
from newsreader.services import corpus

from ..conftest import SAMPLE_FILES


def _import(number):
    path = SAMPLE_FILES[number]
    return services.article_import(
        data=path.read_bytes(), source_kind="command", file_name=path.name
    ).article


def _age_every_story(days):
    Story.objects.update(updated=timezone.now() - timedelta(days=days))


def test_an_old_story_is_found_through_shared_text_only(db):
    tribun = _import(3)
    _age_every_story(services.GROUPING_RECENT_DAYS + 1)
    unknown = _import(4)  # shares Hertling quotations with 003: found through the index
    assert unknown.story_id == tribun.story_id
    assert "1 candidate stories compared (1 sharing text" in unknown.grouping_note
    _age_every_story(services.GROUPING_RECENT_DAYS + 1)
    sindonews = _import(1)  # same event in its own words: no shared 5-grams, not recent
    assert sindonews.story_id != tribun.story_id
    assert sindonews.grouping_note.startswith("Started a new story")
    assert "0 candidate stories compared" in sindonews.grouping_note


def test_recent_stories_are_candidates_without_shared_text(db):
    first, second = _import(0), _import(1)
    assert second.story_id == first.story_id
    assert "(0 sharing text with it in the corpus index" in second.grouping_note


def test_cached_vocabulary_follows_every_change(sample_articles):
    def cached_is_current():
        for story in Story.objects.all():
            assert story.vocabulary == dict(services.story_vocabulary(story)), story.title

    story = sample_articles[0].story
    cached_is_current()
    split = services.story_split(story=story, articles=sample_articles[2:4], title="Pisah")
    cached_is_current()
    services.article_move(article=sample_articles[0], story=split)
    cached_is_current()
    services.story_merge(target=story, others=[split])
    cached_is_current()
    services.article_reanalyse(article=sample_articles[4])
    cached_is_current()
    assert Story.objects.count() == 1


def test_bulk_import_groups_indexes_and_stays_idempotent(db):
    records = [{"data": p.read_bytes(), "file_name": p.name} for p in SAMPLE_FILES]
    results = services.articles_import_bulk(records=[*records, records[2]], source_kind="command")
    articles = [r.article for r in results]
    assert [r.created for r in results] == [True] * 5 + [False]
    assert articles[5].pk == articles[2].pk
    assert Story.objects.count() == 1
    story = Story.objects.get()
    assert story.vocabulary == dict(services.story_vocabulary(story))
    assert "(0 sharing text with it in the corpus index" in articles[1].grouping_note
    assert "(1 sharing text" in articles[4].grouping_note  # 004 shares quotations with 003
    for article in articles[:5]:
        assert Shingle.objects.filter(article=article).count() == len(
            corpus.article_hashes(article)
        )
    again = services.articles_import_bulk(records=records, source_kind="command")
    assert [r.article.pk for r in again] == [a.pk for a in articles[:5]]
    assert not any(r.created for r in again)
    assert Shingle.objects.count() == sum(len(corpus.article_hashes(a)) for a in articles[:5])


def test_bulk_import_reports_refused_pages_and_keeps_going(db):
    good = SAMPLE_FILES[0]
    results = services.articles_import_bulk(
        records=[
            {"data": b"\x00\x01\x02 binary", "file_name": "bad.bin"},
            {"data": good.read_bytes(), "file_name": good.name},
        ],
        source_kind="command",
    )
    assert isinstance(results[0], str) and results[0].startswith("bad.bin")
    assert results[1].created
