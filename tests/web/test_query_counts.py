"""Core pages run a handful of queries and do not load the stored raw pages they do not show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.fixture
def story(sample_articles):
    return sample_articles[0].story


def test_home_runs_few_queries_and_never_reads_raw_pages(client, story):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert len(queries) <= 6
    for sql in (q["sql"] for q in queries.captured_queries):
        for column in ("raw_bytes", "raw_text", "clean_text", "extraction", "grouping_profile"):
            assert column not in sql, sql


def test_outlet_page_does_not_read_raw_pages(client, sample_articles):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("outlet", args=[sample_articles[0].outlet.slug]))
    assert response.status_code == 200
    assert len(queries) <= 6
    assert not any("raw_bytes" in q["sql"] for q in queries.captured_queries)


def test_story_page_as_editor(editor_client, story, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):  # one of them: the open merge suggestions
        assert editor_client.get(story.get_absolute_url()).status_code == 200


def test_article_page(editor_client, sample_articles, django_assert_max_num_queries):
    # 8, and 3 for a signed-in reader's notes: the notes, the note tags, the groups to share with
    with django_assert_max_num_queries(11):
        assert editor_client.get(sample_articles[0].get_absolute_url()).status_code == 200


def test_compare_page(client, story, django_assert_max_num_queries):
    url = reverse("story-compare", args=[story.slug])
    with django_assert_max_num_queries(18):  # the analysis is computed and stored
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(9):  # then read back
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not any("raw_bytes" in q["sql"] for q in queries.captured_queries)
