"""Races between real connections: the same page imported twice at once, analyses kept fresh."""

import threading

import pytest
from django.db import connection, connections

from newsreader import services
from newsreader.models import Article, Story, StoryAnalysis
from newsreader.services import story_analysis

from ..conftest import SAMPLE_FILES

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two real PostgreSQL connections"
)


def _in_threads(count, work):
    """Run work(i) in `count` threads, each on its own database connection; return results."""
    results, errors = [None] * count, []

    def run(i):
        try:
            results[i] = work(i)
        except Exception as error:  # reported in the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert not errors, errors
    return results


@pytest.fixture
def both_past_the_duplicate_check(monkeypatch):
    """Hold each import after its duplicate check until both have passed it: a real race."""
    gate = threading.Barrier(2, timeout=20)
    apply = services.imports._apply_extraction

    def held(article, extraction):
        gate.wait()
        apply(article, extraction)

    monkeypatch.setattr(services.imports, "_apply_extraction", held)


@pytest.mark.postgres
@postgres_only
@pytest.mark.parametrize("with_story", [False, True], ids=["new-story", "given-story"])
@pytest.mark.django_db(transaction=True)
def test_same_page_imported_at_once_is_stored_once(with_story, both_past_the_duplicate_check):
    story = services.story_create(title="Cerita") if with_story else None
    data = SAMPLE_FILES[3].read_bytes()
    start = threading.Barrier(2, timeout=20)

    def work(i):
        start.wait()
        return services.article_import(
            data=data, source_kind="upload", file_name=f"copy{i}.txt", story=story
        )

    results = _in_threads(2, work)
    assert Article.objects.count() == 1
    assert {r.article.pk for r in results} == {Article.objects.get().pk}
    assert sorted(r.created for r in results) == [False, True]
    assert Story.objects.count() == 1  # the loser's new story was rolled back with it


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_same_url_with_different_bytes_at_once_is_stored_once(both_past_the_duplicate_check):
    text = SAMPLE_FILES[2].read_text(encoding="utf-8")
    start = threading.Barrier(2, timeout=20)

    def work(i):
        start.wait()
        return services.article_import(
            data=(text + "\n" * (i + 1)).encode("utf-8"),
            source_kind="paste",
            url=f"https://www.galamedia.example/berita/1?utm_source=copy{i}",
        )

    results = _in_threads(2, work)
    assert Article.objects.count() == 1
    assert {r.article.pk for r in results} == {Article.objects.get().pk}
    assert sorted(r.created for r in results) == [False, True]


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_analyses_store_one_current_row(sample_articles):
    story = sample_articles[0].story
    start = threading.Barrier(2, timeout=20)

    def work(i):
        start.wait()
        return story_analysis.story_analyse(story=Story.objects.get(pk=story.pk))

    first, second = _in_threads(2, work)
    assert first == second
    stored = StoryAnalysis.objects.get(story=story)
    assert stored.fingerprint == story_analysis.story_fingerprint(
        story_analysis.story_articles(story)
    )


def test_a_changed_article_is_never_served_a_stale_analysis(sample_articles, monkeypatch):
    """The stored fingerprint always equals the one recomputed from the articles as they are."""
    monkeypatch.setitem(
        story_analysis.SECTIONS, "probe", lambda articles: {"titles": [a.title for a in articles]}
    )
    story = sample_articles[0].story

    def current():
        return story_analysis.story_fingerprint(story_analysis.story_articles(story))

    first = story_analysis.story_analyse(story=story)
    old = StoryAnalysis.objects.get(story=story).fingerprint
    assert old == current()

    article = sample_articles[1]
    services.article_correct(article=article, changes={"title": "Judul baru"})
    assert current() != old
    second = story_analysis.story_analyse(story=story)
    assert StoryAnalysis.objects.get(story=story).fingerprint == current()
    assert "Judul baru" in second["probe"]["titles"]
    assert "Judul baru" not in first["probe"]["titles"]

    services.article_move(article=article, story=services.story_create(title="Lain"))
    third = story_analysis.story_analyse(story=story)
    assert StoryAnalysis.objects.get(story=story).fingerprint == current()
    assert len(third["probe"]["titles"]) == len(first["probe"]["titles"]) - 1
