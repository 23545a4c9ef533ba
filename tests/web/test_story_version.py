"""A process keeps the decoded analyses of the stories it read, keyed by the story's version:
every change to a story's articles (or to the lexicon) must reach a page read afterwards."""

import lxml.html
import pytest
from django.urls import reverse

from newsreader import services
from newsreader.models import LexiconEntry
from newsreader.services import story_analysis


def pending(client, story) -> bool:
    html = client.get(reverse("story-compare", args=[story.slug])).content.decode()
    return bool(lxml.html.fromstring(html).xpath("//*[contains(@class, 'analysis-pending')]"))


def read_analysed(client, story):
    """Analyse the story and read its page once, so this process keeps its analysis."""
    services.story_analysis_queue(story_id=story.pk)
    assert not pending(client, story)
    assert story_analysis.story_analysis_ready(story) is story_analysis.story_analysis_ready(story)


@pytest.fixture
def story(sample_articles):
    return sample_articles[0].story


def test_a_correction_is_seen_by_a_process_that_kept_the_analysis(client, story):
    read_analysed(client, story)
    article = story.articles.first()
    services.article_correct(article=article, changes={"title": "Judul yang dikoreksi"})
    assert pending(client, story)
    read_analysed(client, story)


def test_moves_merges_and_deletions_are_seen(client, story, sample_articles):
    other = services.story_create(title="Cerita lain")
    read_analysed(client, story)
    services.article_move(article=sample_articles[0], story=other)
    assert pending(client, story)
    read_analysed(client, story)
    services.story_merge(target=story, others=[other])
    assert pending(client, story)
    read_analysed(client, story)
    services.article_delete(article=story.articles.last())
    assert pending(client, story)


def test_a_lexicon_edit_is_seen(client, story):
    read_analysed(client, story)
    LexiconEntry.objects.create(term="tegang", category="threat")
    assert pending(client, story)


def test_the_version_changes_with_the_members_not_with_reading(client, story, sample_articles):
    before = story_analysis.story_version(story)
    client.get(reverse("story-compare", args=[story.slug]))
    assert story_analysis.story_version(story) == before
    services.story_split(story=story, articles=sample_articles[:2], title="Pecahan")
    assert story_analysis.story_version(story) != before


def test_a_process_keeps_only_the_latest_stories(db):
    stories = [
        services.story_create(title=f"Cerita {n}")
        for n in range(story_analysis.DECODED_STORIES + 1)
    ]
    for s in stories:
        assert story_analysis.story_analysis_ready(s) is None
    kept = story_analysis._decoded
    assert len(kept) == story_analysis.DECODED_STORIES
    assert stories[0].pk not in kept and stories[-1].pk in kept
