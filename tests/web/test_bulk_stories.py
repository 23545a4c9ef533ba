"""A bulk import opens its new stories together at the end of each batch: with the ids and
slugs `story_create` would have given them one by one, so the stories are the same."""

import pytest
from django.core.management.color import no_style
from django.db import connection, transaction

from newsreader.models import Article, GroupingKey, MergeSuggestion, Shingle, Story
from newsreader.services import imports, new_stories
from newsreader.services.imports import articles_import_bulk
from newsreader.services.new_stories import NewStories, free_slugs
from newsreader.services.stories import story_create
from tests.grouping_texts import BACKGROUND, EVENTS


def test_free_slugs_are_those_story_create_picks(db):
    story_create(title="Banjir di Jakarta")
    story_create(title="Banjir di Jakarta")
    for _ in range(22):
        story_create(title="Gempa")  # gempa, gempa-2 .. gempa-22: past the numbers read at once
    titles = ["Banjir di Jakarta", "Gempa", "Banjir di Jakarta", "Longsor", "Longsor", ""]
    planned = free_slugs(titles)
    assert planned == [
        "banjir-di-jakarta-3",
        "gempa-23",
        "banjir-di-jakarta-4",
        "longsor",
        "longsor-2",
        "story",
    ]
    assert [story_create(title=t).slug for t in titles] == planned


class OneByOne(NewStories):
    """The earlier way: each new story created at once by `story_create`."""

    def open(self, title):
        story = story_create(title=title)
        self.stories.append(story)
        return story

    def save(self, profiles):
        for story in self.stories:
            Story.objects.filter(pk=story.pk).update(grouping_profile=profiles[story.pk])


SAME_TITLE = [
    (
        "Warga Panik",
        "Gempa magnitudo 6,1 mengguncang Kabupaten Aceh Singkil pada Jumat (20/6/2025) dini hari. "
        "Warga Singkil berlarian ke perbukitan karena takut tsunami, kata Camat Gunung Meriah.",
        EVENTS["garut"][0][2],
    ),
    (
        "Warga Panik",
        "Seekor buaya sepanjang empat meter muncul di Sungai Mahakam dekat Samarinda, Kalimantan "
        "Timur. Petugas BKSDA Kaltim memasang perangkap di tepi sungai pada Sabtu (21/6/2025).",
        EVENTS["sumba"][0][2],
    ),
]


def records():
    texts = [text for event in EVENTS.values() for text in event] + BACKGROUND
    texts += SAME_TITLE  # new stories whose slugs collide with a stored one and each other
    return [
        {"data": f"{title}\n\n{body}\n".encode(), "file_name": f"{n}.txt", "published": when}
        for n, (title, body, when) in enumerate(texts)
    ]


def imported(batches):
    """Import the records in these batches and describe the outcome; then undo it all,
    sequences included, so the next call starts from the same ids."""
    sid = transaction.savepoint_create()
    for batch in batches:
        articles_import_bulk(records=batch, source_kind="command")
    outcome = {
        "articles": [
            (a.file_name, a.story_id, a.story.slug, a.story.title, a.grouping, a.grouping_note)
            for a in Article.objects.select_related("story").order_by("file_name")
        ],
        "stories": list(Story.objects.order_by("pk").values_list("pk", "slug", "grouping_profile")),
        "suggestions": list(
            MergeSuggestion.objects.order_by("story", "other").values_list(
                "story", "other", "score", "evidence"
            )
        ),
    }
    transaction.savepoint_rollback(sid)
    with connection.cursor() as cursor:
        models = [Story, Article, MergeSuggestion, GroupingKey, Shingle]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    return outcome


def test_bulk_import_gives_the_stories_one_by_one_creation_gave(db, monkeypatch):
    story_create(title="Warga Panik")  # an older story holding the slug
    rows = records()
    batches = [rows[:5], rows[5:]]
    batched = imported(batches)
    monkeypatch.setattr(new_stories, "NewStories", OneByOne)
    monkeypatch.setattr("newsreader.services.imports.NewStories", OneByOne)
    assert imported(batches) == batched
    slugs = [slug for _, slug, _ in batched["stories"]]
    assert "warga-panik-2" in slugs and "warga-panik-3" in slugs
    assert len(batched["stories"]) > 3 and any(
        a[4]["kind"] == "joined" for a in batched["articles"]
    )


def planned_rows(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def test_bulk_import_keeps_postgresql_statistics_up_to_date(db, monkeypatch):
    """An import into an empty database refreshes the statistics as the corpus doubles, so the
    planner does not take the grown tables for empty ones."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's planner keeps no table statistics")
    monkeypatch.setitem(imports._analysed, "articles", 0)
    rows = records()
    articles_import_bulk(records=rows[:4], source_kind="command")
    assert planned_rows("newsreader_article") == 4 and planned_rows("newsreader_shingle") > 40
    articles_import_bulk(records=rows[4:6], source_kind="command")  # 6 < 2 x 4: not again
    assert planned_rows("newsreader_article") == 4
    articles_import_bulk(records=rows[6:], source_kind="command")
    assert planned_rows("newsreader_article") == len(rows)
