"""Story grouping through the database: the import decision with its explanation, the same
stories in any import order, regrouping that keeps editors' decisions, merge suggestions."""

import io
import json
from datetime import datetime

from django.core.management import call_command
from django.urls import reverse

from newsreader import services
from newsreader.analysis import grouping
from newsreader.models import Article, GroupingTerm, MergeSuggestion, Story

from ..grouping_texts import (
    BACKGROUND,
    GARUT_A,
    GARUT_B,
    SUMBA_A,
    SUMBA_B,
    VERDICT_A,
    VERDICT_B,
    WIB,
)

ALL = [GARUT_A, GARUT_B, SUMBA_A, SUMBA_B, *BACKGROUND]


def _import(article, n):
    title, text, published = article
    return services.article_import(
        data=text.encode(),
        source_kind="command",
        url=f"https://n.example.id/{n}",
        title=title,
        published=published,
    ).article


def _partition():
    groups = {}
    for url, story in Article.objects.values_list("url", "story_id"):
        groups.setdefault(story, set()).add(url)
    return {frozenset(g) for g in groups.values()}


def _events():
    return {
        frozenset({"https://n.example.id/0", "https://n.example.id/1"}),  # Garut
        frozenset({"https://n.example.id/2", "https://n.example.id/3"}),  # Sumba Timur
    }


def test_import_groups_events_and_explains_why(client, db):
    for n, article in enumerate(ALL):
        _import(article, n)
    assert _events() <= _partition()
    garut_b = Article.objects.get(url="https://n.example.id/1")
    assert garut_b.grouping["kind"] == "joined"
    shared = {text for _, text, _ in garut_b.grouping["shared"]}
    assert {"Garut", "Cikelet"} & shared
    html = client.get(garut_b.get_absolute_url()).content.decode()
    assert "Grouped automatically" in html and "Cikelet" in html
    assert GroupingTerm.objects.get(key="n:cikelet").df == 2


def test_the_same_stories_in_any_import_order(tmp_path, db):
    records = [
        {"url": f"https://n.example.id/{n}", "title": t, "text": x, "published": p.isoformat()}
        for n, (t, x, p) in enumerate(ALL)
    ]
    partitions = []
    for order in (records, records[::-1], records[3:] + records[:3]):
        Article.objects.all().delete()
        Story.objects.all().delete()
        GroupingTerm.objects.all().delete()
        path = tmp_path / "c.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in order), "utf-8")
        call_command("import_articles", str(path), stdout=io.StringIO())
        partitions.append(_partition())
    assert partitions[0] == partitions[1] == partitions[2]
    assert _events() <= partitions[0]


def test_regroup_keeps_an_editors_move(db):
    articles = [_import(a, n) for n, a in enumerate(ALL)]
    sumba_story = articles[2].story
    services.article_move(article=articles[1], story=sumba_story)  # an editor disagrees
    call_command("regroup_stories", stdout=io.StringIO())
    moved = Article.objects.get(pk=articles[1].pk)
    assert moved.story_id == sumba_story.pk and moved.story_pinned
    after = {a.pk: a.story_id for a in Article.objects.all()}
    assert after[articles[0].pk] != sumba_story.pk
    assert after[articles[2].pk] == after[articles[3].pk]  # Sumba Timur still one story


def test_regroup_keeps_a_split(db):
    articles = [_import(a, n) for n, a in enumerate(ALL)]
    garut = articles[0].story
    new = services.story_split(story=garut, articles=[articles[1]], title="Kerusakan Cikelet")
    call_command("regroup_stories", "--since", "2025-06-01", stdout=io.StringIO())
    assert Article.objects.get(pk=articles[1].pk).story_id == new.pk
    assert Article.objects.get(pk=articles[0].pk).story_id == garut.pk


def test_merge_suggestion_can_be_dismissed_for_good(editor_client, db):
    a = _import(GARUT_A, 0)
    b = _import(SUMBA_A, 1)
    first, second = sorted((a.story_id, b.story_id))
    suggestion, _ = MergeSuggestion.objects.update_or_create(
        story_id=first,
        other_id=second,
        defaults={"score": 0.2, "evidence": {"shared": [["name", "BMKG", 0.4]], "days_apart": 1}},
    )
    html = editor_client.get(a.story.get_absolute_url()).content.decode()
    assert "These stories may be the same event" in html and "BMKG" in html
    assert "1 day apart" in html
    editor_client.post(
        reverse("merge-suggestion-dismiss", args=[suggestion.pk]), {"story": a.story.slug}
    )
    assert MergeSuggestion.objects.get().dismissed
    html = editor_client.get(a.story.get_absolute_url()).content.decode()
    assert "These stories may be the same event" not in html
    services.grouping.suggestion_record(a.story_id, b.story_id, _any_match(b.story_id))
    assert MergeSuggestion.objects.count() == 1 and MergeSuggestion.objects.get().dismissed


def _any_match(story_id):
    from newsreader.analysis.grouping import Match

    return Match(story_id, 0.2, 0.2, 0, (("n:bmkg", 1.0),))


def test_regroup_offers_borderline_stories_as_merge_suggestions(db, monkeypatch):
    # Every story scoring under the threshold counts as borderline here: the two earthquakes
    # (same topic, different event) stay apart and are offered to editors as a possible merge.
    # Their titles' magnitudes differ too (5,2 and 5,8), and each reports on its own day (18 and
    # 19 June), which alone would take them far below.
    monkeypatch.setattr(grouping, "SUGGEST_MARGIN", grouping.THRESHOLD)
    monkeypatch.setattr(grouping, "NUMBER_PENALTY", 0.0)
    monkeypatch.setattr(grouping, "REPORT_PENALTY", 0.0)
    articles = [_import(a, n) for n, a in enumerate(ALL)]
    garut, sumba = articles[0].story_id, articles[2].story_id
    MergeSuggestion.objects.all().delete()
    call_command("regroup_stories", stdout=io.StringIO())
    assert Article.objects.get(pk=articles[0].pk).story_id == garut
    pair = MergeSuggestion.objects.get(story_id=min(garut, sumba), other_id=max(garut, sumba))
    assert {text for _, text, _ in pair.evidence["shared"]} & {"BMKG", "gempa"}
    assert pair.evidence["days_apart"] == 1
    pair.dismissed = True
    pair.save()
    call_command("regroup_stories", stdout=io.StringIO())
    assert MergeSuggestion.objects.get(pk=pair.pk).dismissed


def test_json_report_gives_the_story_after_the_regroup(tmp_path, db):
    # In this order the article-by-article decision puts both earthquakes in one story; the
    # regroup at the end of the import separates them, and the report says where each ended.
    order = [2, 6, 4, 0, 1, 3, 5, 7]
    records = [
        {"url": f"https://n.example.id/{n}", "title": t, "text": x, "published": p.isoformat()}
        for n, (t, x, p) in enumerate(ALL)
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(records[n]) for n in order), "utf-8")
    out = io.StringIO()
    call_command("import_articles", str(path), "--json", stdout=out)
    reported = {line["id"]: line for line in map(json.loads, out.getvalue().splitlines())}
    assert len(reported) == len(ALL)
    for article in Article.objects.select_related("story"):
        line = reported[article.pk]
        assert (line["story_id"], line["story"]) == (article.story_id, article.story.slug)
    assert _events() <= _partition()


def test_an_import_computes_the_article_vector_once(db, monkeypatch):
    for n, article in enumerate(ALL[:3]):
        _import(article, n)
    calls = []
    real = grouping.vector

    def counted(features, df, docs):
        calls.append(features)
        return real(features, df, docs)

    monkeypatch.setattr(grouping, "vector", counted)
    article = _import(SUMBA_B, 9)
    assert len(calls) == 1
    assert article.story == Article.objects.get(url="https://n.example.id/2").story


def test_a_merge_of_whole_stories_is_explained_on_the_article_page(client, db, monkeypatch):
    articles = [_import(article, n) for n, article in enumerate(ALL)]
    monkeypatch.setattr(grouping, "THRESHOLD", 1.01)  # only whole stories can come together
    call_command("regroup_stories", stdout=io.StringIO())
    garut_a, garut_b = (Article.objects.get(pk=a.pk) for a in articles[:2])
    assert garut_a.story_id == garut_b.story_id
    merged = garut_b if garut_b.grouping.get("whole_stories") else garut_a
    assert merged.grouping["kind"] == "joined"
    html = client.get(merged.get_absolute_url()).content.decode()
    assert "when whole stories were compared" in html and "Cikelet" in html


def test_another_count_in_the_title_is_explained_on_the_article_page(client, db):
    for n, article in enumerate([*BACKGROUND, VERDICT_A, VERDICT_B]):
        _import(article, n)
    first, second = (Article.objects.get(title=v[0]) for v in (VERDICT_A, VERDICT_B))
    assert first.story_id != second.story_id
    assert second.grouping["kind"] == "new" and second.grouping["counts"] == ["4 tahun", "12 tahun"]
    assert "counts 4 tahun" in second.grouping_note
    html = client.get(second.get_absolute_url()).content.decode()
    assert "Its title counts 4 tahun where that story’s titles count 12 tahun" in html


def test_a_report_of_another_day_is_explained_on_the_article_page(client, db):
    reports = [_report(18, "7.107"), _report(19, "6.968")]
    for n, article in enumerate([*BACKGROUND, *reports]):
        _import(article, n)
    second = Article.objects.get(published=reports[1][2])  # alike enough to join all the same
    assert second.grouping["kind"] == "joined" and second.grouping["other_day"] == 1.0
    html = client.get(second.get_absolute_url()).content.decode()
    assert (
        "It reports on its day, as the story's articles do on another day." in second.grouping_note
    )
    assert "It reports on its own day, as most of the story’s articles report on theirs" in html


def _report(day: int, level: str):
    weekday = {18: "Rabu", 19: "Kamis"}[day]
    return (
        f"IHSG Ditutup Melemah ke Level {level}",
        f"Indeks Harga Saham Gabungan (IHSG) ditutup melemah ke level {level} pada perdagangan "
        f"{weekday} ({day}/6/2025). Investor asing mencatat jual bersih di Bursa Efek Indonesia "
        "(BEI), saham perbankan menjadi penekan indeks.",
        datetime(2025, 6, day, 16, 30, tzinfo=WIB),
    )
