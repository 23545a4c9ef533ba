"""Backup and restore: a full round trip keeps every row, id, timestamp and raw byte."""

import base64
import gzip
import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection

from newsreader import services
from newsreader.analysis import grouping
from newsreader.models import (
    Article,
    GroupingKey,
    GroupingTerm,
    ImportJob,
    LexiconEntry,
    MergeSuggestion,
    Outlet,
    Shingle,
    StockPhrase,
    Story,
    StoryAnalysis,
)
from newsreader.services import corpus
from newsreader.services import grouping as grouping_service
from newsreader.services.backup import backup_models, database_dump, database_restore

from ..conftest import SAMPLE_FILES


def _reset_sequences():
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), backup_models()):
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _sequences_follow_the_rows(django_db_blocker):
    """PostgreSQL sequences ignore the test's rollback: afterwards, move them past the rows."""
    yield
    with django_db_blocker.unblock():
        _reset_sequences()


@pytest.fixture
def edited_corpus(sample_articles):
    """The samples after a correction, two splits and a merge (which leaves a gap in story ids)."""
    first = sample_articles[0]
    services.article_correct(
        article=first, changes={"title": "Judul dikoreksi <b>&</b>", "authors": ["Redaksi"]}
    )
    story = first.story
    kept = services.story_split(story=story, articles=[sample_articles[3]], title="Tribun saja")
    gone = services.story_split(story=story, articles=[sample_articles[2]], title="Galamedia saja")
    services.story_merge(target=kept, others=[gone])
    first_id, other_id = sorted((story.pk, kept.pk))
    MergeSuggestion.objects.create(  # an editor judged the two stories different events
        story_id=first_id,
        other_id=other_id,
        score=0.21,
        evidence={"shared": [["name", "Persib", 0.5]], "days_apart": 0},
        dismissed=True,
    )
    LexiconEntry.objects.create(term="mengemis amunisi", category="desperation", note="begging")
    return sample_articles


def _empty_database():
    StoryAnalysis.objects.all().delete()
    Article.objects.all().delete()
    Story.objects.all().delete()
    for model in reversed(backup_models()):
        model.objects.all().delete()
    # A fresh database: sequences start again at 1 (PostgreSQL), so restore must move them on.
    _reset_sequences()


def _without_timestamp(document):
    return {k: v for k, v in document.items() if k != "created"}


def test_round_trip_is_identical(edited_corpus, client):
    before = database_dump()
    sizes = {i: p["size"] for i, p in Story.objects.values_list("id", "grouping_profile")}
    assert all(sizes.values())
    assert before["format"] == "newsreader-backup" and before["version"] == 1
    assert len(before["article"]) == 5 and len(before["story"]) == 2
    assert any(row["term"] == "mengemis amunisi" for row in before["lexiconentry"])
    first_url = edited_corpus[0].get_absolute_url()

    _empty_database()
    assert Article.objects.count() == 0
    counts = database_restore(json.loads(json.dumps(before)))
    assert counts["article"] == 5 and counts["story"] == 2

    after = database_dump()
    assert _without_timestamp(after) == _without_timestamp(before)
    for path in SAMPLE_FILES:
        article = Article.objects.get(content_hash=hashlib.sha256(path.read_bytes()).hexdigest())
        assert bytes(article.raw_bytes) == path.read_bytes()
    corrected = Article.objects.get(pk=edited_corpus[0].pk)
    assert corrected.title == "Judul dikoreksi <b>&</b>"
    assert corrected.corrections["authors"] == ["Redaksi"]
    assert corrected.authors == ["Redaksi"]
    assert Story.objects.get(slug="tribun-saja").articles.count() == 2
    assert LexiconEntry.objects.filter(term="mengemis amunisi").exists()
    assert MergeSuggestion.objects.get().dismissed  # a dismissed pair is not offered again
    restored = {i: p["size"] for i, p in Story.objects.values_list("id", "grouping_profile")}
    assert restored == sizes  # rebuilt
    for article in Article.objects.all():  # the reuse index is rebuilt from the restored text
        assert Shingle.objects.filter(article=article).count() == len(
            corpus.article_hashes(article)
        )

    page = client.get(first_url)
    assert page.status_code == 200
    assert "Judul dikoreksi &lt;b&gt;&amp;&lt;/b&gt;" in page.text

    # Sequences moved past the restored ids: new rows do not collide with them.
    new = services.story_create(title="Setelah pemulihan")
    assert new.pk > max(row["id"] for row in before["story"])


def test_commands_write_gzip_and_refuse_a_non_empty_database(edited_corpus, tmp_path):
    path = tmp_path / "corpus.json.gz"
    call_command("backup", str(path), stdout=open("/dev/null", "w"))
    with gzip.open(path, "rt", encoding="ascii") as source:
        lines = [json.loads(line) for line in source]
    assert lines[0]["format"] == "newsreader-backup" and lines[0]["version"] == 2
    articles = [line["row"] for line in lines[1:-1] if line["table"] == "article"]
    assert len(articles) == 5 and lines[-1] == {"end": True, "rows": lines[-1]["rows"]}
    assert lines[-1]["rows"]["article"] == 5
    for row in articles:
        raw = base64.b64decode(row["raw_bytes"])
        assert hashlib.sha256(raw).hexdigest() == row["content_hash"]

    before = _without_timestamp(database_dump())
    with pytest.raises(CommandError, match="empty database"):
        call_command("restore", str(path))
    assert _without_timestamp(database_dump()) == before

    _empty_database()
    call_command("restore", str(path), stdout=open("/dev/null", "w"))
    assert _without_timestamp(database_dump()) == before


def test_tampered_backup_is_refused_without_change(edited_corpus, tmp_path):
    document = database_dump()
    _empty_database()
    services.outlet_by_slug("tribunnews")  # a reference row made on first use survives a refusal
    document["article"][2]["raw_bytes"] = base64.b64encode(b"something else").decode()
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="do not match their SHA-256"):
        call_command("restore", str(path))
    assert Article.objects.count() == 0 and Story.objects.count() == 0
    assert list(Outlet.objects.values_list("slug", flat=True)) == ["tribunnews"]

    document["version"] = 99
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="version 99"):
        call_command("restore", str(path))
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("restore", str(path))


def test_unfinished_import_jobs_survive_a_restore(
    edited_corpus, django_capture_on_commit_callbacks
):
    story = edited_corpus[0].story
    page = SAMPLE_FILES[0].read_bytes() + b"\n(versi kedua)"
    running = ImportJob.objects.create(
        raw_bytes=page, file_name="a.txt", source_kind="upload", story=story, status="running"
    )
    failed = ImportJob.objects.create(
        raw_bytes=b"x", source_kind="paste", status="failed", message="RuntimeError: x"
    )
    ImportJob.objects.create(raw_bytes=b"y", source_kind="paste", status="done")
    document = json.loads(json.dumps(database_dump()))
    assert [row["id"] for row in document["importjob"]] == [running.pk, failed.pk]

    _empty_database()
    with django_capture_on_commit_callbacks() as queued:
        assert database_restore(document)["importjob"] == 2
    assert len(queued) == 1  # the job its worker never finished is queued again
    restored = ImportJob.objects.get(pk=running.pk)
    assert (restored.status, restored.story_id) == ("queued", story.pk)
    assert bytes(restored.raw_bytes) == page
    assert ImportJob.objects.get(pk=failed.pk).message == "RuntimeError: x"


def test_a_backup_cut_short_restores_nothing(edited_corpus, tmp_path):
    path = tmp_path / "corpus.jsonl"
    call_command("backup", str(path), stdout=open("/dev/null", "w"))
    lines = path.read_text(encoding="ascii").splitlines(keepends=True)
    assert json.loads(lines[-1])["end"] is True
    _empty_database()
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:-3]), encoding="ascii")  # as a full disk or a kill leaves it
    with pytest.raises(CommandError, match="cut short"):
        call_command("restore", str(cut))
    assert Article.objects.count() == 0 and Story.objects.count() == 0
    cut.write_text("".join(lines[:-1]) + lines[-1][:20], encoding="ascii")  # a torn last line
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("restore", str(cut))
    assert Article.objects.count() == 0
    call_command("restore", str(path), stdout=open("/dev/null", "w"))
    assert Article.objects.count() == 5


BOILERPLATE = (
    "Simak berita dan artikel lainnya di Google News. Ikuti saluran WhatsApp kami untuk "
    "mendapatkan kabar terbaru setiap hari tanpa ketinggalan satu pun peristiwa penting."
)
TOPICS = ("banjir melanda Garut", "jembatan ambruk di Bogor", "harga cabai naik di Medan")


def _derived() -> dict:
    """The data a restore rebuilds: the reuse index, its stock phrases, the grouping index,
    document frequencies and every story's profile."""
    return {
        "shingles": sorted(Shingle.objects.values_list("hash", "article_id")),
        "stock": sorted(StockPhrase.objects.values_list("hash", flat=True)),
        "keys": sorted(GroupingKey.objects.values_list("key", "article_id")),
        "terms": sorted(GroupingTerm.objects.values_list("key", "df")),
        "profiles": dict(Story.objects.values_list("id", "grouping_profile")),
    }


def test_restore_rebuilds_derived_data_as_one_article_after_another(db):
    """Batched rebuilding (fingerprints 200 articles an insert, profiles story by story) builds
    what indexing each article in turn and summing each story's members in id order build, on
    stories whose articles interleave (ids 1, 3, 5 in one story, 2, 4, 6 in another...)."""
    stories = [services.story_create(title=topic) for topic in TOPICS * 2]
    for i in range(12):  # each story's articles are far apart in id order
        story = stories[i % len(stories)]
        text = f"Warga melaporkan {story.title} pada hari ke-{i}. {BOILERPLATE}"
        services.article_import(
            data=text.encode(), source_kind="paste", outlet="tribunnews", story=story
        )
    document = database_dump()
    _empty_database()
    database_restore(json.loads(json.dumps(document)))
    restored = _derived()
    assert restored["stock"]  # the boilerplate is held by six stories: stock phrases

    Shingle.objects.all().delete()
    StockPhrase.objects.all().delete()
    for article in Article.objects.order_by("pk"):
        corpus.article_index(article=article)
    feats = {a.pk: grouping_service.features_of(a) for a in Article.objects.all()}
    df, docs = grouping_service.document_frequencies(k for f in feats.values() for k in f.weights)
    profiles = {}
    for article in Article.objects.order_by("pk"):
        f = feats[article.pk]
        profile = profiles.setdefault(article.story_id, grouping.Profile())
        profile.add(grouping.vector(f, df, docs), f.event_day)
    one_by_one = _derived() | {"profiles": {k: p.as_json() for k, p in profiles.items()}}
    assert restored == one_by_one
