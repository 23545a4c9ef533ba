"""Framing: the story section, its CSV table and export key, the panel, drill-downs, the outlet
page, and re-scoring when the lexicon is edited (ORM and admin)."""

import csv
import io
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.analysis.framing import (
    distinctive_terms,
    load_lexicon,
    story_facts,
    term_counts,
    vocabulary,
)
from newsreader.analysis.quotes import extract_quotes
from newsreader.models import LexiconEntry, StoryAnalysis
from newsreader.services.story_analysis import story_analyse

TRIBUNNEWS = 3  # index of the Tribunnews sample in `sample_articles`


def section(story):
    return story_analyse(story=story)["framing"]


def tribunnews(sample_articles):
    article = sample_articles[TRIBUNNEWS]
    assert article.outlet.slug == "tribunnews"
    return article


def test_lexicon_is_seeded_from_the_shipped_file(db):
    shipped = load_lexicon()  # no rows given: the shipped data/lexicon_id.json
    assert LexiconEntry.objects.count() == len(shipped.entries)
    entry = LexiconEntry.objects.get(term="ancam")
    assert (entry.category, entry.match) == ("threat", "stem")


def test_section_flags_tribunnews_desperation_and_hedges(sample_articles):
    article = tribunnews(sample_articles)
    data = section(article.story)
    framing = data["framing"]["articles"][str(article.pk)]
    text = article.clean_text
    desperation = {
        text[h["start"] : h["end"]].lower()
        for h in framing["evaluative"]["hits"]
        if h["category"] == "desperation"
    }
    assert {"putus asa", "paria"} <= desperation
    headline = framing["headline"]
    flagged = [
        article.title[h["start"] : h["end"]].lower()
        for h in headline["headline_hits"]
        if h["category"] == "desperation"
    ]
    assert "raungan minta tolong" in flagged
    hedges = {text[h["start"] : h["end"]].lower() for h in framing["hedges"]}
    assert {"dikabarkan", "tampaknya"} <= hedges
    # The columns' marks: one per evaluative hit, with offsets into the clean text.
    marks = [h for h in data["_hits"] if h["article"] == article.pk]
    assert len(marks) == len(framing["evaluative"]["hits"])
    assert all(text[m["start"] : m["end"]] for m in marks)


def test_section_has_affiliations_and_outlet_source_shares(sample_articles):
    framing = section(sample_articles[0].story)["framing"]
    speakers = framing["articles"][str(tribunnews(sample_articles).pk)]["sourcing"]["speakers"]
    assert {"name": "Mark Hertling", "group": "retired_analysts"}.items() <= speakers[0].items()
    shares = framing["outlets"]["tribunnews"]["source_shares"]["quotes"]
    assert shares["retired_analysts"] > 0.9
    sindonews = framing["outlets"]["sindonews"]
    assert len(sindonews["articles"]) == 2
    assert (
        max(sindonews["source_shares"]["quotes"], key=sindonews["source_shares"]["quotes"].get)
        == "us_government"
    )


def test_csv_has_one_row_per_article_and_measure(client, sample_articles):
    story = sample_articles[0].story
    url = reverse("story-export-csv", args=[story.slug, "framing"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert list(rows[0]) == ["story", "article", "outlet", "measure", "value"]
    article = tribunnews(sample_articles)
    mine = {r["measure"]: r["value"] for r in rows if r["article"] == str(article.pk)}
    framing = section(story)["framing"]["articles"][str(article.pk)]
    assert mine["evaluative:desperation"] == str(framing["evaluative"]["counts"]["desperation"])
    assert mine["hedges"] == str(len(framing["hedges"]))
    assert float(mine["source_share:retired officers and analysts"]) > 0.9
    assert 0 < float(mine["frame:conflict"]) <= 1
    outlets = {r["outlet"].split("--")[0] for r in rows}  # the unknown page: its own outlet
    assert outlets == {"sindonews", "galamedia", "tribunnews", "unknown"}
    measures_per_article = {r["article"]: 0 for r in rows if r["article"]}
    for r in rows:
        if r["article"]:
            measures_per_article[r["article"]] += 1
    assert len(measures_per_article) == 5 and min(measures_per_article.values()) > 20


def test_export_json_has_framing_key_without_internal_marks(client, sample_articles):
    story = sample_articles[0].story
    document = client.get(reverse("story-export-json", args=[story.slug])).json()
    assert set(document["framing"]) >= {"articles", "outlets", "lexicon"}
    assert document["framing"]["lexicon"]["entries"] == LexiconEntry.objects.count()
    assert "_hits" not in document


def test_panel_fragment_shows_marked_desperation_and_toggles(client, sample_articles):
    story = sample_articles[0].story
    url = reverse("story-framing", args=[story.slug])
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert re.search(
        r'<span class="ev ev-desperation" data-category="desperation"[^>]*>Raungan Minta Tolong</span>',
        html,
    )
    assert 'aria-pressed="false" data-category="desperation"' in html
    assert "<svg" in html and "<title>" in html
    assert "Retired officers and analysts" in html
    full = client.get(url).content.decode()
    assert "<html" in full and 'class="framing-panel"' in full


def test_panel_flags_a_speaker_said_in_one_outlet_and_warned_in_another(client, sample_articles):
    html = client.get(reverse("story-framing", args=[sample_articles[0].story.slug])).content
    html = html.decode()
    flagged = re.findall(r'<dt class="flagged">(.*?)</dt>', html, re.S)
    assert any("Mark Hertling" in dt and "memperingatkan" in dt for dt in flagged)


def test_every_panel_link_opens_passages(client, sample_articles):
    story = sample_articles[0].story
    html = client.get(reverse("story-framing", args=[story.slug])).content.decode()
    links = set(re.findall(r'href="([^"]*/framing/(?:passages|term)/[^"]*)"', html))
    assert len(links) > 40
    for link in sorted(links)[::7]:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link


def test_passages_of_a_category_per_article(client, sample_articles):
    article = tribunnews(sample_articles)
    url = reverse("story-framing-passages", args=[article.story.slug])
    response = client.get(url, {"measure": "evaluative:desperation", "article": article.pk})
    html = response.content.decode()
    assert '<mark class="hit">putus asa</mark>' in html
    assert '<mark class="hit">paria</mark>' in html
    assert response.context["total"] >= 5
    assert client.get(url, {"measure": "nonsense"}).status_code == 404
    assert client.get(url, {"measure": "quotes", "outlet": "nope"}).status_code == 404


def test_passages_escape_article_text(client, sample_articles):
    article = tribunnews(sample_articles)
    article.clean_text = article.clean_text.replace("putus asa", "putus asa <b>x</b>", 1)
    article.save()
    services.story_analysis_queue(story_id=article.story_id)  # as the worker does after a change
    url = reverse("story-framing-passages", args=[article.story.slug])
    html = client.get(url, {"measure": "evaluative:desperation", "article": article.pk})
    assert "&lt;b&gt;x&lt;/b&gt;" in html.content.decode()
    assert "<b>x</b>" not in html.content.decode()


def test_term_drill_down_lists_occurrences_with_z(client, sample_articles):
    story = sample_articles[0].story
    term = section(story)["framing"]["outlets"]["tribunnews"]["distinctive_terms"][0]
    response = client.get(reverse("story-framing-term", args=[story.slug, term["term"]]))
    assert response.status_code == 200
    assert response.context["total"] >= term["count"]
    assert f"{term['z']:.2f}" in response.content.decode()
    missing = reverse("story-framing-term", args=[story.slug, "tidakadakatainizz"])
    assert client.get(missing).status_code == 404


def test_outlet_framing_page_aggregates_stories(client, sample_articles):
    response = client.get(reverse("outlet-framing", args=["sindonews"]))
    assert response.status_code == 200
    assert response.context["articles"] == 2
    framing = section(sample_articles[0].story)["framing"]["outlets"]["sindonews"]
    assert response.context["totals"]["hits.hedging"] == framing["sum"]["hits.hedging"]
    html = response.content.decode()
    assert "measure=evaluative%3Ahedging&amp;outlet=sindonews" in html


def test_adding_a_lexicon_entry_rescores_the_story(sample_articles):
    story = sample_articles[0].story
    article = tribunnews(sample_articles)
    before = section(story)["framing"]["articles"][str(article.pk)]["evaluative"]["counts"]
    LexiconEntry.objects.create(term="Hertling", category="praise", note="test")
    after = section(story)["framing"]["articles"][str(article.pk)]["evaluative"]["counts"]
    assert after["praise"] == before.get("praise", 0) + article.clean_text.count("Hertling")
    assert (
        StoryAnalysis.objects.get(story=story).data["framing"]["framing"]["lexicon"]["entries"]
        == LexiconEntry.objects.count()
    )


def test_editing_an_entry_in_the_admin_rescores_the_story(
    client, sample_articles, django_user_model
):
    admin = django_user_model.objects.create_superuser("boss", password="correct horse battery")
    client.force_login(admin)
    story = sample_articles[0].story
    article = tribunnews(sample_articles)
    counts = section(story)["framing"]["articles"][str(article.pk)]["evaluative"]["counts"]
    entry = LexiconEntry.objects.get(term="paria")
    url = reverse("admin:newsreader_lexiconentry_change", args=[entry.pk])
    response = client.post(
        url,
        {
            "term": "paria",
            "category": "condemnation",
            "note": entry.note,
            "variants": "",
            "match": "word",
        },
    )
    assert response.status_code == 302
    rescored = section(story)["framing"]["articles"][str(article.pk)]["evaluative"]["counts"]
    assert rescored["desperation"] == counts["desperation"] - 1
    assert rescored["condemnation"] == counts["condemnation"] + 1


def _expected(framing, measure):
    articles = framing["articles"].values()
    if measure == "hedges":
        return sum(len(f["hedges"]) for f in articles)
    if measure == "source:retired_analysts":
        return sum(
            f["sourcing"]["groups"].get("retired_analysts", {}).get("quotes", 0) for f in articles
        )
    if measure == "verb:warn":
        return sum(r["verb_class"] == "warn" for f in articles for r in f["reporting_verbs"])
    if measure == "media:foreign":
        return sum(f["measures"]["foreign_media_citations"] for f in articles)
    return sum(r["speaker"] == "Mark Hertling" for f in articles for r in f["reporting_verbs"])


@pytest.mark.parametrize(
    "measure",
    ["hedges", "source:retired_analysts", "verb:warn", "media:foreign", "speaker:Mark Hertling"],
)
def test_drill_downs_list_every_counted_item(client, sample_articles, measure):
    story = sample_articles[0].story
    response = client.get(
        reverse("story-framing-passages", args=[story.slug]), {"measure": measure}
    )
    items = sum(len(p["notes"]) for g in response.context["groups"] for p in g["passages"])
    expected = _expected(section(story)["framing"], measure)
    assert expected > 0
    assert items == expected


def two_stories(sample_articles):
    """The samples in two stories, both analysed: a Sindonews and the Galamedia article split
    off."""
    other = services.story_split(
        story=sample_articles[0].story, articles=sample_articles[1:3], title="Split off"
    )
    for story in (sample_articles[0].story, other):
        services.story_analysis_queue(story_id=story.pk)  # as the worker does after a split
    return sample_articles[0].story, other


def test_outlet_corpus_terms_sum_cached_counts_over_all_stories(
    client, sample_articles, monkeypatch
):
    two_stories(sample_articles)
    url = reverse("outlet-framing", args=["sindonews"])
    client.get(url)
    expected = {}
    for article in sample_articles:
        article.refresh_from_db()
        expected.setdefault(article.outlet.slug, Counter()).update(term_counts(article.clean_text))
    scores = {r["term"]: r["z"] for r in distinctive_terms(expected)["sindonews"]}

    def no_stemming(text):
        raise AssertionError("the outlet page stemmed an article again")

    monkeypatch.setattr(vocabulary, "_content_tokens", no_stemming)
    response = client.get(url)
    terms = response.context["corpus_terms"]
    assert len(terms) >= 2
    assert [t["z"] for t in terms] == sorted((t["z"] for t in terms), reverse=True)
    for t in terms:
        assert t["z"] == pytest.approx(scores[t["term"]]) and t["z"] >= 1.96
        assert t["count"] == expected["sindonews"][t["term"]]
    html = response.content.decode()
    assert "prior" in html and "whole collection" in html
    assert f'href="{terms[0]["url"]}"' in html


def test_outlet_term_page_lists_occurrences_in_each_story(client, sample_articles):
    first, second = two_stories(sample_articles)
    terms = client.get(reverse("outlet-framing", args=["sindonews"])).context["corpus_terms"]
    term = next(
        t
        for t in terms
        if all(
            term_counts(a.clean_text)[t["term"]] for a in sample_articles[:2]
        )  # used in both Sindonews articles, hence in both stories
    )
    response = client.get(term["url"])
    assert response.status_code == 200
    assert [s["story"] for s in response.context["stories"]] == sorted(
        [first, second], key=lambda s: s.title
    )
    assert response.context["total"] == term["count"]
    assert response.context["z"] == pytest.approx(term["z"])
    html = response.content.decode()
    passages = html[html.index('<section class="story-passages"') :]
    assert passages.count('<mark class="hit">') == term["count"]
    missing = reverse("outlet-framing-term", args=["sindonews", "tidakadakatainizz"])
    assert client.get(missing).status_code == 404


def test_story_panel_terms_show_z_scores_and_their_prior(client, sample_articles):
    story = sample_articles[0].story
    html = client.get(reverse("story-framing", args=[story.slug])).content.decode()
    lists = re.findall(r'<ul class="terms"[^>]*>(.*?)</ul>', html, re.S)
    assert lists and all("z " in items and "×" not in items for items in lists)
    assert "informative prior" in html and "whole story" in html


def test_every_number_of_the_outlet_summary_opens_passages(client, sample_articles):
    response = client.get(reverse("outlet-framing", args=["sindonews"]))
    html = response.content.decode()
    summary = html[html.index('class="framing-summary"') : html.index('id="per-story"')]
    cells = re.findall(r"<td>(.*?)</td>", summary, re.S)
    assert cells and all("<a href=" in c for c in cells if re.search(r"\d", c))
    links = set(re.findall(r'href="(/outlets/sindonews/framing/passages/[^"]*)"', html))
    assert len(links) >= 15
    for link in sorted(links):
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_outlet_passages_gather_a_total_across_stories(client, sample_articles):
    two_stories(sample_articles)
    url = reverse("outlet-framing-passages", args=["sindonews"])
    response = client.get(url, {"measure": "evaluative:hedging"})
    context = response.context
    assert len(context["stories"]) == 2
    notes = sum(
        len(p["notes"]) for s in context["stories"] for g in s["groups"] for p in g["passages"]
    )
    total = client.get(reverse("outlet-framing", args=["sindonews"])).context["totals"]
    assert notes == total["hits.hedging"] > 0
    assert "<h1>Passages behind “evaluative:hedging” in SINDOnews</h1>" in response.content.decode()
    assert client.get(url, {"measure": "nonsense"}).status_code == 404


def test_omitted_fact_opens_the_articles_that_carry_it(client, sample_articles):
    story = sample_articles[0].story
    framing = section(story)["framing"]
    article, fact = next(
        (a, f) for a in sample_articles for f in framing["articles"][str(a.pk)]["omissions"]
    )
    html = client.get(reverse("story-framing", args=[story.slug])).content.decode()
    url = reverse("story-framing-passages", args=[story.slug])
    assert f'href="{url}?{urlencode({"measure": f"fact:{fact}"})}"'.replace("&", "&amp;") in html
    response = client.get(url, {"measure": f"fact:{fact}"})
    shown = {g["article"].pk for g in response.context["groups"]}
    carrying = {
        a.pk
        for a in sample_articles
        if fact in story_facts(a.clean_text, extract_quotes(a.clean_text))
    }
    assert article.pk not in shown
    assert shown == carrying and len(shown) > len(sample_articles) / 2
    assert all(g["passages"] for g in response.context["groups"])
    assert f"<h1>Passages behind “fact:{fact}”</h1>" in response.content.decode()


def test_csv_has_outlet_rows_matching_the_json(client, sample_articles):
    story = sample_articles[0].story
    url = reverse("story-export-csv", args=[story.slug, "framing"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    outlets = section(story)["framing"]["outlets"]
    by_outlet = {}
    for r in rows:
        if not r["article"]:
            by_outlet.setdefault(r["outlet"], {})[r["measure"]] = r["value"]
    assert set(by_outlet) == set(outlets)
    sindonews = by_outlet["sindonews"]
    assert sindonews["articles"] == "2"
    assert sindonews["hedges"] == str(outlets["sindonews"]["sum"]["hits.hedging"])
    for t in outlets["sindonews"]["distinctive_terms"]:
        assert float(sindonews[f"distinctive:{t['term']}"]) == pytest.approx(t["z"], abs=1e-4)
    assert sindonews["omissions"] == str(len(outlets["sindonews"]["omissions"]))


def _readme_framing():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Framing")
    return readme[start : readme.index("\n## ", start + 1)]


def test_readme_documents_every_csv_measure_and_json_key(client, sample_articles):
    story = sample_articles[0].story
    readme = _readme_framing()
    url = reverse("story-export-csv", args=[story.slug, "framing"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    for measure in {r["measure"].split(":")[0] for r in rows}:
        assert f"`{measure}" in readme, measure
    document = client.get(reverse("story-export-json", args=[story.slug])).json()["framing"]
    articles, outlets = document["articles"].values(), document["outlets"].values()
    keys = set(document)
    for article in articles:
        keys |= set(article) | set(article["sourcing"])
        for listed in ("evaluative.hits", "sourcing.speakers", "reporting_verbs"):
            first, _, second = listed.partition(".")
            for row in article[first][second] if second else article[first]:
                keys |= set(row)
        for row in article["distinctive_terms"]:
            keys |= set(row)
    for outlet in outlets:
        keys |= set(outlet)
        for row in outlet["distinctive_terms"]:
            keys |= set(row)
    assert {"occurrences", "z", "group_label", "verb_class", "voice"} <= keys
    for key in keys:
        assert f'"{key}"' in readme, key


def test_framing_table_puts_outlets_side_by_side(client, sample_articles):
    story = sample_articles[0].story
    response = client.get(reverse("story-framing", args=[story.slug]))
    table, outlets = response.context["table"], response.context["outlets"]
    assert [s["id"] for s in table] == ["evaluative", "frames", "sourcing", "terms"]
    names = {a.outlet.name for a in sample_articles}
    assert {o["name"] for o in outlets} == names
    for section in table[:3]:
        for row in section["rows"]:
            assert len(row["cells"]) == len(outlets)
            tops = [c for c in row["cells"] if c.get("top")]
            assert len(tops) <= 1
            if tops:
                assert tops[0]["value"] == max(c["value"] for c in row["cells"]) > 0
    quotes = next(r for r in table[2]["rows"] if r["label"] == "Quotes")
    assert [c["value"] for c in quotes["cells"]] == [o["quotes"] for o in outlets]
    # Each number's bar is drawn against the row's highest value.
    most = max(o["quotes"] for o in outlets)
    assert most > 0
    assert [c["bar"] for c in quotes["cells"]] == [round(100 * o["quotes"] / most) for o in outlets]
    html = response.content.decode()
    assert 'class="listing compact framing-table"' in html
    assert f'<rect width="{quotes["cells"][0]["bar"]}" height="6"/>' in html
    first = quotes["cells"][0]["url"]
    assert first and client.get(first).status_code == 200  # every number opens its passages
