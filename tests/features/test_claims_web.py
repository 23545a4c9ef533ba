"""Quoted claims on the sample story: section data, panel, filters, speakers table, exports."""

import csv
import io
import re
from collections import Counter

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.services import story_analysis
from newsreader.services.story_analysis import story_analyse


@pytest.fixture(autouse=True)
def _claims_section_only(monkeypatch):
    """Compute only the claims section: fast, and independent of the other features."""
    monkeypatch.setattr(story_analysis, "SECTIONS", {"claims": story_analysis.SECTIONS["claims"]})


@pytest.fixture
def story(sample_articles):
    return sample_articles[0].story


@pytest.fixture
def claims(story):
    return story_analyse(story=story)["claims"]


def by_outlet(articles, slug):
    """The sample article of an outlet; "unknown" is the sample of no known outlet."""
    if slug == "unknown":
        return next(a for a in articles if a.outlet.unknown)
    return next(a for a in articles if a.outlet.slug == slug)


def hertling_paria(claims):
    return next(
        c
        for c in claims["claims"]
        if any("dua pemimpin" in m["text"] and "paria" in m["text"] for m in c["members"])
    )


def cards(html):
    return re.findall(r'<article class="claim-card relation-(\w+)" id="claim-(\d+)"', html)


def test_hertling_paria_quote_is_altered_between_tribunnews_and_unknown(claims, sample_articles):
    group = hertling_paria(claims)
    tribun = by_outlet(sample_articles, "tribunnews")
    unknown = by_outlet(sample_articles, "unknown")
    assert group["relation"] == "altered"
    assert {m["article"] for m in group["members"]} == {tribun.pk, unknown.pk}
    assert {m["speaker"]["name"] for m in group["members"]} == {"Mark Hertling"}
    reasons = " ".join(group["reasons"])
    assert "putus asa" in reasons and "(hina)" in reasons
    deleted = [text for op, text in group["diff"] if op == "delete"]
    assert any("putus asa" in t for t in deleted) and any("(hina)" in t for t in deleted)
    assert group["diff_articles"] == [tribun.pk, unknown.pk]
    assert 0 < group["confidence"] <= 1


def test_quote_offsets_point_into_the_clean_text(claims, sample_articles):
    texts = {a.pk: a.clean_text for a in sample_articles}
    assert len(claims["quotes"]) > 20
    for q in claims["quotes"]:
        assert q["text"] == texts[q["article"]][q["start"] : q["end"]]
        assert q["kind"] in {"direct", "reported", "partial"}
    for c in claims["claims"]:
        for m in c["members"]:
            assert m["text"] == texts[m["article"]][m["start"] : m["end"]]
    spans = [(s["article"], s["start"]) for s in claims["_quotes"]]
    assert len(spans) == len(set(spans))  # one anchor id per passage
    group_ids = {c["id"] for c in claims["claims"]}
    assert all(s["claim_group"] in group_ids | {None} for s in claims["_quotes"])


def test_reviewed_speakers_on_the_imported_articles(claims, sample_articles):
    def speaker(slug_index, words):
        article = sample_articles[slug_index]
        quote = next(
            q
            for q in claims["quotes"]
            if q["article"] == article.pk and q["text"].startswith(words)
        )
        return quote["speaker"]["name"]

    assert speaker(0, "Jadi tidak mengherankan") == "Mark Milley"
    assert speaker(2, "Sudah satu setengah bulan") == "Kyrylo Budanov"
    assert speaker(3, "Rusia berada dalam situasi putus asa") == "James Marks"


def test_speakers_count_quotes_per_article(claims, sample_articles):
    expected = Counter(
        (q["speaker"]["name"], str(q["article"])) for q in claims["quotes"] if q["speaker"]
    )
    got = Counter(
        {(s["name"], a): n for s in claims["speakers"] for a, n in s["quotes_by_article"].items()}
    )
    assert got == expected
    hertling = next(s for s in claims["speakers"] if s["name"] == "Mark Hertling")
    tribun = by_outlet(sample_articles, "tribunnews")
    unknown = by_outlet(sample_articles, "unknown")
    assert set(hertling["quotes_by_article"]) == {str(tribun.pk), str(unknown.pk)}
    assert "Pensiunan Letjen" in hertling["roles"]


def test_panel_page_shows_cards_with_outlets_speakers_and_diff(client, story, claims):
    response = client.get(reverse("story-claims", args=[story.slug]))
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert len(cards(html)) == len(claims["claims"])
    group = hertling_paria(claims)
    card = html.split(f'id="claim-{group["id"]}"')[1].split("</article>")[0]
    assert "Altered wording" in card and "Mark Hertling" in card
    assert "Pensiunan Letjen" in card  # his role, given by another quote of the story
    assert 'class="badge outlet-tribunnews"' in card and 'class="badge outlet-unknown--' in card
    assert re.search(r'<del><span class="visually-hidden">deleted: </span>.*?putus asa', card)
    assert "only in Tribunnews" in card
    for m in group["members"]:
        assert f'href="#quote-{m["article"]}-{m["start"]}"' in card
    assert reverse("story-speakers", args=[story.slug]) in html
    # Cross-outlet groups come before single-source ones.
    labels = [label for label, _ in cards(html)]
    assert labels.index("altered") < labels.index("single_source")


def test_htmx_request_gets_only_the_panel_fragment(client, story):
    url = reverse("story-claims", args=[story.slug])
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and 'id="claims-panel"' not in html
    assert 'id="claims-cards"' in html and 'hx-get="' + url + '"' in html


def test_filter_by_label(client, story, claims):
    url = reverse("story-claims", args=[story.slug])
    html = client.get(url, {"label": "altered"}).content.decode()
    shown = cards(html)
    assert shown and {label for label, _ in shown} == {"altered"}
    assert len(shown) == sum(c["relation"] == "altered" for c in claims["claims"])


def test_filter_by_speaker_and_outlet(client, story, claims, sample_articles):
    url = reverse("story-claims", args=[story.slug])
    html = client.get(url, {"speaker": "James Marks"}, headers={"HX-Request": "true"})
    shown = {int(i) for _, i in cards(html.content.decode())}
    expected = {
        c["id"]
        for c in claims["claims"]
        if any((m["speaker"] or {}).get("name") == "James Marks" for m in c["members"])
    }
    assert shown == expected and shown

    galamedia = by_outlet(sample_articles, "galamedia")
    html = client.get(url, {"outlet": "galamedia"}).content.decode()
    shown = {int(i) for _, i in cards(html)}
    expected = {
        c["id"] for c in claims["claims"] if any(m["article"] == galamedia.pk for m in c["members"])
    }
    assert shown == expected and 0 < len(shown) < len(claims["claims"])


def test_unknown_filter_values_are_ignored_and_other_parameters_kept(client, story, claims):
    url = reverse("story-claims", args=[story.slug])
    html = client.get(url, {"label": "bogus", "view": "columns"}).content.decode()
    assert len(cards(html)) == len(claims["claims"])
    assert '<input type="hidden" name="view" value="columns">' in html


def test_article_text_is_escaped(client, story, sample_articles):
    """Markup inside a quoted passage (the Hertling "Mereka ..." quote) is shown as text."""
    article = by_outlet(sample_articles, "tribunnews")
    article.clean_text = article.clean_text.replace("Mereka", "<b>Mereka</b>", 1)
    article.save()
    services.story_analysis_queue(story_id=story.pk)  # as the worker does after a change
    html = client.get(reverse("story-claims", args=[story.slug])).content.decode()
    assert "<b>Mereka</b>" not in html and "&lt;b&gt;Mereka&lt;/b&gt;" in html


def test_speakers_table_counts_by_outlet(client, story, claims, sample_articles):
    html = client.get(reverse("story-speakers", args=[story.slug])).content.decode()
    header = html.split("<thead>")[1].split("</thead>")[0]
    outlets = re.findall(r'class="badge outlet-([\w-]+)"', header)
    assert sorted(outlets) == sorted({a.outlet.slug for a in sample_articles})
    row = html.split(">Mark Hertling<")[1].split("</tr>")[0]
    counts = [
        int(n) if n != "–" else 0 for n in re.findall(r'<td class="count[^"]*">([^<]+)</td>', row)
    ]
    outlet_of = {str(a.pk): a.outlet.slug for a in sample_articles}
    hertling = next(s for s in claims["speakers"] if s["name"] == "Mark Hertling")
    per_outlet = Counter()
    for article, n in hertling["quotes_by_article"].items():
        per_outlet[outlet_of[article]] += n
    assert counts == [per_outlet[o] for o in outlets] + [sum(per_outlet.values())]


def test_export_json_and_csv(client, story, claims, sample_articles):
    document = client.get(reverse("story-export-json", args=[story.slug])).json()
    assert {"quotes", "claims", "speakers"} <= set(document)
    assert "_quotes" not in document
    quote = document["quotes"][0]
    assert set(quote) == {"article", "speaker", "text", "start", "end", "kind", "cue", "addressee"}
    claim = document["claims"][0]
    assert {"id", "relation", "reasons", "confidence", "diff", "members"} <= set(claim)
    assert {"article", "speaker", "text", "start", "end"} <= set(claim["members"][0])

    outlet_of = {a.pk: a.outlet.slug for a in sample_articles}
    url = reverse("story-export-csv", args=[story.slug, "quotes"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert len(rows) == len(claims["quotes"])
    assert {r["story"] for r in rows} == {story.slug}
    assert all(r["outlet"] == outlet_of[int(r["article"])] for r in rows)

    url = reverse("story-export-csv", args=[story.slug, "claims"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert len(rows) == sum(len(c["members"]) for c in claims["claims"])
    paria = [r for r in rows if "dua pemimpin" in r["text"]]
    assert {r["relation"] for r in paria} == {"altered"}
    assert {r["outlet"].split("--")[0] for r in paria} == {"tribunnews", "unknown"}


def test_panel_and_speaker_filter_follow_the_chosen_columns(client, story, claims, sample_articles):
    chosen = [by_outlet(sample_articles, "galamedia"), by_outlet(sample_articles, "tribunnews")]
    ids = {a.pk for a in chosen}
    url = reverse("story-claims", args=[story.slug])
    html = client.get(url, {"a": [a.pk for a in chosen]}).content.decode()
    shown = {int(i) for _, i in cards(html)}
    expected = {c["id"] for c in claims["claims"] if any(m["article"] in ids for m in c["members"])}
    assert shown == expected and 0 < len(shown) < len(claims["claims"])
    outside = {
        m["speaker"]["name"]
        for c in claims["claims"]
        for m in c["members"]
        if m["speaker"] and m["article"] not in ids
    } - {
        m["speaker"]["name"]
        for c in claims["claims"]
        for m in c["members"]
        if m["speaker"] and m["article"] in ids
    }
    assert outside
    options = set(re.findall(r'<option value="([^"]+)"', html))
    assert not outside & options
    assert f'<input type="hidden" name="a" value="{chosen[0].pk}">' in html
