"""Bounded work: no article can make the claims analysis of its story run unbounded; a limit
that cut the analysis is noted where the claims are shown."""

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.features.claims import section as claims
from newsreader.services.story_analysis import story_section

QUOTE = '"Kami butuh air bersih secepatnya," kata Budi, warga Kampung Melayu.'
PLAIN = (
    "Banjir melanda Kampung Melayu sejak Senin pagi. "
    '"Air naik sampai dada orang dewasa," kata Siti, warga setempat. '
    "Petugas membuka posko pengungsian di balai desa."
)


@pytest.fixture
def repeated(db, monkeypatch):
    monkeypatch.setattr(claims, "MAX_QUOTES_PER_ARTICLE", 20)
    monkeypatch.setattr(claims, "MAX_QUOTES_PER_STORY", 25)
    story = services.story_create(title="Banjir Kampung Melayu")
    big = services.article_import(
        data=("Banjir melanda Kampung Melayu. " + " ".join([QUOTE] * 60)).encode(),
        source_kind="paste",
        outlet="tribunnews",
        story=story,
    ).article
    small = services.article_import(
        data=PLAIN.encode(), source_kind="paste", outlet="sindonews", story=story
    ).article
    services.story_analysis_queue(story_id=story.pk)  # as the worker does after the imports
    return story, big, small


def test_quotes_beyond_the_limits_are_left_out_and_the_cut_recorded(repeated):
    story, big, small = repeated
    data = story_section(story=story, name="claims")
    kept = {}
    for q in data["quotes"]:
        kept[q["article"]] = kept.get(q["article"], 0) + 1
    assert kept[big.pk] == 20 and kept[small.pk] == 1
    assert data["limits"] == [{"article": big.pk, "what": "quotes", "found": 60, "kept": 20}]


def test_the_story_limit_cuts_the_last_articles_first(repeated, monkeypatch):
    story, big, small = repeated
    monkeypatch.setattr(claims, "MAX_QUOTES_PER_STORY", 20)
    articles = sorted(story.articles.all(), key=lambda a: a.pk)
    data = claims.claims_section(articles)
    assert {q["article"] for q in data["quotes"]} == {big.pk}
    assert {"article": small.pk, "what": "quotes", "found": 1, "kept": 0} in data["limits"]


def test_a_cut_is_noted_on_the_claims_page(client, repeated):
    story, big, small = repeated
    response = client.get(reverse("story-claims", args=[story.slug]))
    assert response.status_code == 200
    assert f"Only the first 20 of 60 quotes of {big.outlet.name} were compared" in response.text


def test_stories_within_the_limits_carry_no_note(client, sample_articles):
    story = sample_articles[0].story
    assert story_section(story=story, name="claims")["limits"] == []
    assert "Only the first" not in client.get(reverse("story-claims", args=[story.slug])).text
