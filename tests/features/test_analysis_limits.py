"""Bounded work in every section: a pathological article (one short quote repeated thousands of
times) cannot make its story's analysis run unbounded; the quote analysis of claims and framing
reads it only up to a bound, the paraphrase scoring of shared passages compares a bounded number
of its sentences, and each page says what was limited."""

import time

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.analysis import limits
from newsreader.analysis.reuse import Thresholds, find_passages_at
from newsreader.analysis.text import words
from newsreader.services.story_analysis import story_section

QUOTE = '"Kami butuh air bersih secepatnya," kata Budi, warga Kampung Melayu. '
PLAIN = (
    "Banjir melanda Kampung Melayu sejak Senin pagi. "
    '"Air naik sampai dada orang dewasa," kata Siti, warga setempat. '
    "Petugas membuka posko pengungsian di balai desa."
)
REPEATS = 3000  # 210 KB: unbounded, its quotes alone took minutes


@pytest.fixture
def pathological(db):
    story = services.story_create(title="Banjir Kampung Melayu")
    big = services.article_import(
        data=("Banjir melanda Kampung Melayu. " + QUOTE * REPEATS).encode(),
        source_kind="paste",
        outlet="tribunnews",
        story=story,
    ).article
    small = services.article_import(
        data=PLAIN.encode(), source_kind="paste", outlet="sindonews", story=story
    ).article
    started = time.process_time()
    services.story_analysis_queue(story_id=story.pk)  # analysed as the worker would
    assert time.process_time() - started < 60  # unbounded: many minutes
    return story, big, small


def test_a_pathological_article_is_analysed_within_bounds(pathological):
    story, big, small = pathological
    claims = story_section(story=story, name="claims")
    framing = story_section(story=story, name="framing")["framing"]
    reuse = story_section(story=story, name="reuse")

    end = limits.quote_text_end(big.clean_text)
    assert 0 < end < len(big.clean_text)
    text_cut = {"article": big.pk, "what": "characters", "found": len(big.clean_text), "kept": end}
    measured = {"article": big.pk, "what": "framing", "found": len(big.clean_text)}
    assert len(big.clean_text) > limits.MAX_FRAMING_CHARS
    assert text_cut in claims["limits"]
    assert framing["limits"] == [text_cut, measured | {"kept": limits.MAX_FRAMING_CHARS}]
    counted = framing["articles"][str(big.pk)]["words"]  # measured up to the limit only
    assert counted == len(words(big.clean_text[: limits.MAX_FRAMING_CHARS]))
    assert counted < len(words(big.clean_text))
    assert all(q["end"] <= end for q in claims["quotes"] if q["article"] == big.pk)
    assert any(q["article"] == small.pk for q in claims["quotes"])  # the other article whole
    [cut] = reuse["limits"]
    assert (cut["article"], cut["what"], cut["kept"]) == (big.pk, "sentences", 300)
    assert cut["found"] >= REPEATS


def test_each_page_notes_what_was_limited(client, pathological):
    story, big, small = pathological
    name = big.outlet.name
    compare = client.get(reverse("story-compare", args=[story.slug])).text
    assert "Reworded passages were looked for only in the first 300 of" in compare
    assert f"sentences of {name}: a limit keeps the analysis of a story bounded." in compare
    for url in (
        reverse("story-claims", args=[story.slug]),
        reverse("story-framing", args=[story.slug]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert "Quotes were looked for only in the first" in page.text
        assert f"characters of {name}: a limit keeps" in page.text
    framing = client.get(reverse("story-framing", args=[story.slug])).text
    found = f"{len(big.clean_text):,}"
    assert f"Framing was measured only in the first 100,000 of {found} characters" in framing


def test_stories_within_the_bounds_carry_no_note(client, sample_articles):
    story = sample_articles[0].story
    assert story_section(story=story, name="reuse")["limits"] == []
    assert story_section(story=story, name="framing")["framing"]["limits"] == []
    for url in ("story-compare", "story-claims", "story-framing"):
        assert "a limit keeps the analysis" not in client.get(reverse(url, args=[story.slug])).text


def test_the_story_bound_on_sentences_cuts_the_last_articles(monkeypatch):
    monkeypatch.setattr("newsreader.analysis.reuse_paraphrase.MAX_PARAPHRASE_SENTENCES_STORY", 5)
    other = PLAIN.replace("Senin", "Selasa")
    docs = {1: PLAIN, 2: f"{other} {other}", 3: PLAIN}
    [result] = find_passages_at(docs, [Thresholds()])
    assert result.limits == (  # 3 sentences of article 1, 2 of article 2, none of article 3
        {"article": 2, "what": "sentences", "found": 6, "kept": 2},
        {"article": 3, "what": "sentences", "found": 3, "kept": 0},
    )


def test_a_story_analysis_reads_each_articles_quotes_once(monkeypatch, sample_articles):
    """The claims and the framing sections both read the quotes: extracted once per run."""
    from newsreader.models import StoryAnalysis
    from newsreader.services import story_analysis

    story = sample_articles[0].story
    StoryAnalysis.objects.filter(story=story).delete()  # analysed when imported
    calls = []
    real = limits.extract_quotes
    monkeypatch.setattr(limits, "extract_quotes", lambda text: calls.append(text) or real(text))
    data = story_analysis.story_analyse(story=story)
    assert data["claims"]["quotes"] and data["framing"]["framing"]["articles"]
    assert len(calls) == len(sample_articles)
